import { describe, expect, it } from 'vitest';
import { detectScript } from '../../src/core/script.ts';
import { toContractIntent } from '../../src/core/intents.ts';
import {
  findAmount,
  findDate,
  findDateCorrection,
  findIdentifiers,
} from '../../src/core/nlu/entities.ts';
import { foldText } from '../../src/core/nlu/text.ts';
import {
  isConfirm,
  isDone,
  isYes,
  wantsSenior,
  wantsToSubmit,
} from '../../src/core/flow/understand.ts';
import { CONVERSATION_CLOCK } from './clock.ts';
import { loadScripts, play, type Played, type Script } from './runner.ts';

/**
 * The outsider-written conversation suite: each script is played through the terminal adapter
 * and the real core. Behaviour is asserted, not wording; the readable transcripts are written by
 * `npm run conversations` into test/conversations/transcripts/.
 */
const scripts = loadScripts();

const same = (a: string, b: string) => a === b || toContractIntent(a) === toContractIntent(b);

/** Words only one of the two writes (the bot's, with the user's quoted words left out). */
const TAIWAN_WORDS = /帳戶|轉帳|到帳|網路|簡訊|軟體|使用者|案件/;
const HONG_KONG_WORDS = /賬戶|轉賬|到賬|網絡|短訊|軟件|個案(?!件)/;

describe.each(scripts.map((s) => [s.id, s] as const))('%s', (_id, script: Script) => {
  let played: Played | undefined;
  const run = async () => (played ??= await play(script, { clock: CONVERSATION_CLOCK }));

  it('recognises the problem', async () => {
    const p = await run();
    const ticket = p.tickets[0];
    if (script.expect.case !== false && ticket) {
      const all = [ticket.intent, ...(ticket.also ?? [])];
      expect(
        all.some((i) => same(i, script.expect.intent)),
        p.transcript,
      ).toBe(true);
    } else
      expect(
        p.intents.some((i) => same(i, script.expect.intent)),
        p.transcript,
      ).toBe(true);
  });

  if (script.expect.case)
    it('opens one case with the expected priority and every other problem on it', async () => {
      const p = await run();
      expect(p.tickets, `cases opened\n\n${p.transcript}`).toHaveLength(1);
      const t = p.tickets[0]!;
      if (script.expect.priority)
        expect(t.priority, `priority\n\n${p.transcript}`).toBe(script.expect.priority);
      const all = [t.intent, ...(t.also ?? [])];
      for (const other of script.expect.also ?? [])
        expect(
          all.some((i) => same(i, other)),
          p.transcript,
        ).toBe(true);
    });

  it('never asks the same question three times, never shows a menu twice in a row', async () => {
    const p = await run();
    const asked = new Map<string, number>();
    for (const r of p.replies)
      if (r.buttons.length || /[?？]\s*$/.test(r.text))
        asked.set(r.text, (asked.get(r.text) ?? 0) + 1);
    for (const [text, n] of asked)
      expect(n, `asked ${n}×: ${text}\n\n${p.transcript}`).toBeLessThan(3);
    const menus = p.replies.filter((r) => r.buttons.length >= 6).map((r) => r.turn);
    for (let i = 1; i < menus.length; i++)
      expect(menus[i]! - menus[i - 1]!, p.transcript).toBeGreaterThan(1);
  });

  if (script.expect.case)
    it('keeps every line the user wrote somewhere the agent sees it', async () => {
      const p = await run();
      const t = p.tickets[0]!;
      const seen = JSON.stringify({ ...t, desk: undefined });
      const opened = p.replies.find((r) => r.text.includes(t.id))?.turn ?? Infinity;
      for (const [i, turn] of script.turns.entries()) {
        const line = turn.user?.trim();
        if (!line || i > opened) continue;
        // Secrets are masked on purpose.
        if (/abandon|ability|助记词|助記詞|private key|私钥|私鑰/i.test(line)) continue;
        if (seen.includes(line)) continue;
        // Answers that steer ("yes please send it to support", "no wait, it was the 1st").
        const folded = foldText(line);
        if (isConfirm(folded) || wantsToSubmit(folded) || isYes(folded) || isDone(folded)) {
          if (wantsSenior(folded))
            expect(t.flags ?? [], p.transcript).toContain('senior_requested');
          continue;
        }
        const corrected = findDateCorrection(line, Date.UTC(2026, 11, 3, 4), 'Asia/Shanghai');
        if (corrected) {
          expect(seen, `date correction lost\n\n${p.transcript}`).toContain(corrected.iso);
          continue;
        }
        // Otherwise what it carried must be on the case (ids, the amount, the date), and what is
        // left is a few steering words ("yes send it", "today around", "哈希是这个").
        const ids = findIdentifiers(line).transactionIds;
        for (const id of ids) expect(seen, `id of "${line}" lost\n\n${p.transcript}`).toContain(id);
        let rest = line;
        for (const id of ids) rest = rest.replace(id, '');
        const date = findDate(rest, Date.UTC(2026, 11, 3, 4), 'Asia/Shanghai');
        if (date) rest = rest.replace(date.text, '');
        const amount = findAmount(rest);
        if (amount) rest = rest.replace(amount.text, '');
        const left = rest.replace(/[\s\p{P}\p{S}]/gu, '');
        expect(left.length < 12, `not on the case: "${line}"\n\n${p.transcript}`).toBe(true);
      }
    });

  it("answers in the user's language and script", async () => {
    const p = await run();
    // From the first message in the script's language on ("hi" first is answered in English).
    const first = script.turns.findIndex(
      (t) => t.user && (script.lang === 'en' || /[\u3400-\u9fff]/.test(t.user)),
    );
    for (const r of p.replies.filter((x) => x.turn >= first)) {
      const own = r.text.replace(/“[^”]*”|「[^」]*」|: .*$/gm, '');
      if (script.lang === 'en')
        expect(/[\u3400-\u9fff]/.test(own), `Chinese in an English reply: ${r.text}`).toBe(false);
      else {
        expect(/[\u3400-\u9fff]/.test(r.text), `not Chinese: ${r.text}`).toBe(true);
        const s = detectScript(own);
        if (s)
          expect(s === 'HK' ? 'Hant' : s, `wrong script: ${r.text}`).toBe(
            script.lang === 'zh-Hant' ? 'Hant' : 'Hans',
          );
        // A Hong Kong user (one who writes Cantonese) reads Hong Kong's words, Taiwan's reads
        // Taiwan's (texts/zh-HK.terms.yaml); an agent's reply (💬) is the agent's own words.
        if (script.lang === 'zh-Hant' && !r.text.startsWith('💬')) {
          const words = script.id.includes('-hk-') ? TAIWAN_WORDS : HONG_KONG_WORDS;
          expect(own, `${script.id}: ${r.text}`).not.toMatch(words);
        }
      }
    }
  });
});
