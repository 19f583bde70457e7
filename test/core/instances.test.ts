import type { KeyValueStore } from '../../src/core/ports.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCore } from '../../src/app.ts';
import type { SupportBot } from '../../src/core/bot.ts';
import type { UserEvent } from '../../src/core/types.ts';
import { createStore } from '../../src/store.ts';
import { FakeChannel, FakeDesk } from '../support/fakes.ts';

/**
 * Two bot processes on one Redis (what STORE_URL=redis://… is for): one user's messages arriving
 * at both at once must not overwrite each other's writes.
 */
const url = process.env['REDIS_URL'];
const dir = mkdtempSync(join(tmpdir(), 'wsb-two-'));
const stores: KeyValueStore[] = [];
const cores: SupportBot[] = [];
afterAll(async () => {
  for (const c of cores) await c.stop();
  for (const s of stores) await s.clear?.();
  for (const s of stores) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `count` cores, each on its own connection to the same Redis namespace (one per process). */
async function instances(
  count: number,
  namespace: string,
  parts: { channel: FakeChannel; desk?: FakeDesk; now?: () => number },
) {
  const { channel, ...rest } = parts;
  // Every connection first, then the cores: building the first core trains the classifier (seconds
  // of CPU on a fresh clone), which had run out another connection's 3 s connect timer in CI.
  const opened = await Promise.all(
    Array.from({ length: count }, () => createStore(url!, { namespace })),
  );
  stores.push(...opened);
  return opened.map((store) => {
    const core = buildCore({
      store,
      dataDir: dir,
      channels: [channel],
      ...rest,
      logger: pino({ level: 'silent' }),
    });
    cores.push(core);
    return core;
  });
}

describe.skipIf(!url)('two instances on one Redis', () => {
  it('keeps every message of a user writing to both at once (one turn at a time across processes)', async () => {
    const namespace = `two${Date.now()}`;
    const channel = new FakeChannel();
    const desk = new FakeDesk();
    const [a, b] = await instances(2, namespace, { channel, desk });
    let n = 0;
    const msg = (text: string): UserEvent => ({
      address: { platform: 'fake', chatId: 'u1' },
      user: { platform: 'fake', userId: 'u1' },
      messageId: `m${++n}`,
      type: 'message',
      text,
      attachments: [],
    });
    const press = (label: RegExp): UserEvent => {
      const m = channel
        .to('u1')
        .filter((x) => x.choices?.length)
        .at(-1)!;
      return {
        ...msg(''),
        type: 'choice',
        choiceId: m.choices!.find((c) => label.test(c.label))!.id,
      };
    };
    await a!.handleUser(msg('my withdrawal has been pending for 3 days'));
    await a!.handleUser(press(/No, I still need help/));
    await a!.handleUser(msg('TX-20261120-8F3K2Q9'));
    while (!/Please check your case/.test(channel.last('u1').text))
      await a!.handleUser(press(/Skip|Done/));
    await b!.handleUser(press(/Send to support/));

    for (let i = 0; i < 10; i++)
      await Promise.all([a!.handleUser(msg(`a${i}`)), b!.handleUser(msg(`b${i}`))]);

    const [ticket] = await a!.openTickets();
    const relayed = ticket!.transcript.filter((e) => e.from === 'user').map((e) => e.text);
    expect(relayed.filter((t) => /^[ab]\d$/.test(t)).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => [`a${i}`, `b${i}`])
        .flat()
        .sort(),
    );
    expect(desk.cases).toHaveLength(1);
  });
});

describe.skipIf(!url)('the flood guard on two instances', () => {
  it('counts one user once, whichever instance gets each message', async () => {
    const namespace = `flood${Date.now()}`;
    const channel = new FakeChannel();
    const [a, b] = await instances(2, namespace, { channel });
    // 12 messages within the 10-second window, alternating: 6 per instance, 12 for the user.
    for (let i = 0; i < 12; i++)
      await (i % 2 ? b! : a!).handleUser({
        address: { platform: 'fake', chatId: 'u7' },
        user: { platform: 'fake', userId: 'u7' },
        messageId: `f${i}`,
        type: 'message',
        text: `hello? message ${i}`,
        attachments: [],
      });
    const notices = channel.to('u7').filter((m) => /sending messages very fast/.test(m.text));
    expect(notices).toHaveLength(1);
  });
});

describe.skipIf(!url)('timers on two instances and a restart', () => {
  it('announces an SLA breach once with two instances ticking, and not again after a restart', async () => {
    const namespace = `timers${Date.now()}`;
    const channel = new FakeChannel();
    const desk = new FakeDesk();
    let clock = Date.UTC(2026, 11, 3, 4);
    const [a, b] = await instances(2, namespace, { channel, desk, now: () => clock });
    let n = 0;
    const say = (text: string) =>
      a!.handleUser({
        address: { platform: 'fake', chatId: 'u9' },
        user: { platform: 'fake', userId: 'u9' },
        messageId: `t${++n}`,
        type: 'message',
        text,
        attachments: [],
      });
    // An urgent case: a first answer is due in 15 minutes, around the clock.
    // (A payment the user says is not theirs opens the case at once: protective_when.)
    await say('someone took money from my account, i did not make this payment');
    const id = /T-[A-Z0-9]{7}/.exec(
      channel
        .to('u9')
        .map((m) => m.text)
        .join('\n'),
    )![0];
    clock += 13 * 60_000;
    await Promise.all([a!.timers.tick(), b!.timers.tick()]);
    clock += 5 * 60_000;
    await Promise.all([a!.timers.tick(), b!.timers.tick()]);
    // A restart between the deadline and the next sweep: a third instance on the same store.
    await a!.stop();
    const [c] = await instances(1, namespace, { channel, desk, now: () => clock });
    await c!.timers.tick();
    const posts = desk.live(id)!.posts.map((p) => p.text);
    expect(posts.filter((p) => p.startsWith('⏰'))).toHaveLength(1);
    expect(posts.filter((p) => p.startsWith('🚨'))).toHaveLength(1);
  });
});
