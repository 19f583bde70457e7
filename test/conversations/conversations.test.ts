import { describe, expect, it } from 'vitest';
import { detectScript } from '../../src/core/script.ts';
import { toContractIntent } from '../../src/core/intents.ts';
import { CONVERSATION_CLOCK } from './clock.ts';
import { loadScripts, play, type Played, type Script } from './runner.ts';

/**
 * The outsider-written conversation suite: each script is played through the terminal adapter
 * and the real core. Behaviour is asserted, not wording; the readable transcripts are written by
 * `npm run conversations` into test/conversations/transcripts/.
 */
const scripts = loadScripts();

const same = (a: string, b: string) => a === b || toContractIntent(a) === toContractIntent(b);

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
      expect(p.tickets, p.transcript).toHaveLength(1);
      const t = p.tickets[0]!;
      if (script.expect.priority) expect(t.priority, p.transcript).toBe(script.expect.priority);
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
        // Short answers (yes, done, 500 usdt, a rating) steer the flow or fill a field.
        if (!line || i > opened || line.replace(/\s/g, '').length < 16) continue;
        // Secrets are masked on purpose.
        if (/abandon|ability|助记词|助記詞|private key|私钥|私鑰/i.test(line)) continue;
        expect(seen.includes(line), `not on the case: "${line}"\n\n${p.transcript}`).toBe(true);
      }
    });

  it("answers in the user's language and script", async () => {
    const p = await run();
    for (const r of p.replies) {
      const own = r.text.replace(/“[^”]*”|「[^」]*」|: .*$/gm, '');
      if (script.lang === 'en')
        expect(/[\u3400-\u9fff]/.test(own), `Chinese in an English reply: ${r.text}`).toBe(false);
      else {
        expect(/[\u3400-\u9fff]/.test(r.text), `not Chinese: ${r.text}`).toBe(true);
        const s = detectScript(own);
        if (s)
          expect(s, `wrong script: ${r.text}`).toBe(script.lang === 'zh-Hant' ? 'Hant' : 'Hans');
      }
    }
  });
});
