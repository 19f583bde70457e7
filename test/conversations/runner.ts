/**
 * Plays a conversation script (test/conversations/scripts/*.yaml) through the terminal adapter and
 * the real core, and records what a reviewer needs: the readable transcript, the bot's replies,
 * the tickets, and the problems the bot recognised on the way.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { parse as parseYaml } from 'yaml';
import { ConsoleAdapter } from '../../src/adapters/console/adapter.ts';
import { buildCore } from '../../src/app.ts';
import type { ServiceClock } from '../../src/core/flow/types.ts';
import type { Ticket } from '../../src/core/tickets/ticket.ts';
import { createStore } from '../../src/store.ts';
import { PNG } from '../support/fakes.ts';

export interface Turn {
  user?: string;
  image?: string;
  press?: 'yes' | 'no' | 'send' | 'skip' | 'done' | 'human';
  agent?: string;
  agent_close?: boolean;
}

export interface Script {
  id: string;
  lang: 'en' | 'zh-Hans' | 'zh-Hant';
  about: string;
  expect: { intent: string; also?: string[]; priority?: string; case?: boolean };
  turns: Turn[];
}

export const SCRIPTS_DIR = new URL('./scripts/', import.meta.url);

export function loadScripts(): Script[] {
  const dir = SCRIPTS_DIR.pathname;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parseYaml(readFileSync(join(dir, f), 'utf8')) as Script);
}

/** A bot reply as the user saw it (several lines joined), with the buttons offered. */
export interface BotReply {
  text: string;
  buttons: string[];
  /** Index of the user turn this reply answered. */
  turn: number;
}

export interface Played {
  transcript: string;
  replies: BotReply[];
  tickets: Ticket[];
  /** Problems the core recognised, turn by turn (from its "user turn" log lines). */
  intents: string[];
}

const PRESS: Record<NonNullable<Turn['press']>, RegExp> = {
  yes: /Yes, solved|解决了|解決了|^Yes, it's|是的|確認|确认/,
  no: /No, I still need help|没有解决|沒有解決|No, stay/,
  send: /Send to support|提交给客服|提交給客服/,
  skip: /Skip|跳过|跳過/,
  done: /Done|完成/,
  human: /human|人工/,
};

const TYPED: Record<Script['lang'], Record<NonNullable<Turn['press']>, string>> = {
  en: { yes: 'yes', no: 'no', send: 'send it', skip: 'skip', done: 'done', human: 'human please' },
  'zh-Hans': { yes: '是的', no: '没有', send: '提交', skip: '跳过', done: '好了', human: '人工' },
  'zh-Hant': {
    yes: '是的',
    no: '沒有',
    send: '提交',
    skip: '跳過',
    done: '好了',
    human: '真人客服',
  },
};

/**
 * Plays one script. The clock starts on `start` and moves 40 s per turn (people type slower than
 * the flood guard's 10 messages in 10 s).
 */
export async function play(
  script: Script,
  opts: { start?: number; clock?: ServiceClock } = {},
): Promise<Played> {
  const dir = mkdtempSync(join(tmpdir(), 'wsb-conv-'));
  const lines: string[] = [];
  let pending = '';
  const out = new Writable({
    write(chunk, _enc, done) {
      pending += String(chunk);
      let i: number;
      while ((i = pending.indexOf('\n')) >= 0) {
        lines.push(pending.slice(0, i));
        pending = pending.slice(i + 1);
      }
      done();
    },
  });
  const logs: Array<{ msg?: string; intent?: string; options?: string[] }> = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n')) if (l) logs.push(JSON.parse(l));
        done();
      },
    }),
  );
  let now = opts.start ?? Date.UTC(2026, 11, 3, 4); // Thursday 12:00 in Shanghai
  const store = await createStore('memory://');
  // eslint-disable-next-line prefer-const -- the adapter needs the core's openTickets, made below
  let core: ReturnType<typeof buildCore>;
  const adapter = new ConsoleAdapter(out, { openTickets: () => core.openTickets() });
  core = buildCore({
    store,
    dataDir: dir,
    channels: [adapter.channel],
    desk: adapter.desk,
    logger,
    now: () => now,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  await adapter.start(core);
  const { writeFileSync } = await import('node:fs');
  // Each screenshot of a script is a different picture (the same bytes twice are one file).
  const screenshot = (i: number) => {
    const file = join(dir, `screenshot-${i}.png`);
    writeFileSync(file, Buffer.concat([PNG, Buffer.from(String(i))]));
    return file;
  };
  const replies: BotReply[] = [];
  const transcript: string[] = [`# ${script.id} (${script.lang})`, '', `> ${script.about}`, ''];
  try {
    for (const [i, turn] of script.turns.entries()) {
      now += 40_000;
      const before = lines.length;
      let shown: string;
      if (turn.user !== undefined) {
        shown = `you  › ${turn.user}`;
        transcript.push(shown);
        await adapter.handleLine(turn.user);
      } else if (turn.image) {
        transcript.push(`you  › [screenshot]`);
        await adapter.handleLine(`/img ${screenshot(i)}`);
      } else if (turn.press) {
        const buttons = lastButtons(lines);
        const index = buttons.findIndex((b) => PRESS[turn.press!].test(b));
        if (index >= 0) {
          transcript.push(`you  › [presses ${buttons[index]}]`);
          await adapter.handleLine(String(index + 1));
        } else {
          // No such button at that moment: the user types what they meant.
          const typed = TYPED[script.lang][turn.press];
          transcript.push(`you  › ${typed}`);
          await adapter.handleLine(typed);
        }
      } else if (turn.agent !== undefined) {
        transcript.push(`agent› ${turn.agent}`);
        await adapter.handleLine(`@reply ${turn.agent}`);
      } else if (turn.agent_close) {
        transcript.push('agent› [closes the case]');
        await adapter.handleLine('@close');
      }
      const produced = lines.slice(before);
      transcript.push(...produced.map((l) => l.replace(/^desk /, 'desk ').trimEnd()));
      transcript.push('');
      replies.push(...toReplies(produced, i));
    }
    await core.stop();
    return {
      transcript: transcript.join('\n'),
      replies,
      tickets: (
        await Promise.all(
          logs
            .filter((l) => l.msg === 'ticket opened')
            .map(async (l) => {
              const id = (l as { ticket?: string }).ticket!;
              return core.repo.ticket(id);
            }),
        )
      ).filter((t): t is Ticket => !!t),
      intents: logs.flatMap((l) =>
        l.msg === 'user turn' ? [...(l.intent ? [l.intent] : []), ...(l.options ?? [])] : [],
      ),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function lastButtons(lines: string[]): string[] {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (!l.startsWith('bot  › [1]')) continue;
    return [...l.matchAll(/\[(\d+)\] (.*?)(?=\s{2}\[\d+\]|$)/g)].map((m) => m[2]!.trim());
  }
  return [];
}

/** Groups consecutive "bot  ›" lines into replies; a buttons line closes one. */
function toReplies(produced: string[], turn: number): BotReply[] {
  const out: BotReply[] = [];
  let text: string[] = [];
  const flush = (buttons: string[] = []) => {
    if (text.length || buttons.length) out.push({ text: text.join('\n'), buttons, turn });
    text = [];
  };
  for (const l of produced) {
    if (!l.startsWith('bot  › ')) {
      flush();
      continue;
    }
    const body = l.slice('bot  › '.length);
    if (/^\[1\] /.test(body))
      flush([...body.matchAll(/\[\d+\] (.*?)(?=\s{2}\[\d+\]|$)/g)].map((m) => m[1]!.trim()));
    else text.push(body);
  }
  flush();
  return out;
}
