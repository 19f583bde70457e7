/**
 * Turns through the core: 1,000 simulated users interleaved, each walking a whole case (problem →
 * not solved → id → amount → date → screenshots → confirm → a follow-up), on SQLite and on Redis.
 * Fakes stand in for the platforms (in memory), so the figure is the core and its store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { buildCore } from '../src/app.ts';
import type { UserEvent } from '../src/core/types.ts';
import { createStore } from '../src/store.ts';
import { FakeChannel, FakeDesk } from '../test/support/fakes.ts';

type Row = [string, string];
const USERS = 1000;
const IN_FLIGHT = 50;

export async function benchCore(
  storeUrl: string,
  label: string,
  inFlight = IN_FLIGHT,
): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wsb-bench-'));
  const store = await createStore(storeUrl.replace('$DIR', dir), {
    namespace: `bench${Date.now()}`,
  });
  const channel = new FakeChannel('bench');
  const desk = new FakeDesk();
  const core = buildCore({
    store,
    dataDir: dir,
    channels: [channel],
    desk,
    logger: pino({ level: 'silent' }),
  });

  const base = (u: number, m: number) => ({
    address: { platform: 'bench', chatId: `u${u}` },
    user: { platform: 'bench', userId: `u${u}` },
    messageId: `${u}-${m}`,
  });
  const lastChoice = (u: number, re: RegExp) => {
    const msgs = channel.to(`u${u}`);
    for (let i = msgs.length - 1; i >= 0; i--) {
      const c = msgs[i]!.choices?.find((x) => re.test(x.label));
      if (c) return c.id;
    }
    return 'none';
  };
  const steps: Array<(u: number, m: number) => UserEvent> = [
    (u, m) => ({
      ...base(u, m),
      type: 'message',
      text: u % 2 ? 'my withdrawal has been pending for 3 days' : '我的提现三天了还没到账',
      attachments: [],
    }),
    (u, m) => ({ ...base(u, m), type: 'choice', choiceId: lastChoice(u, /No|没有/) }),
    (u, m) => ({
      ...base(u, m),
      type: 'message',
      text: `TX-20261120-${String(u).padStart(6, '0')}`,
      attachments: [],
    }),
    (u, m) => ({ ...base(u, m), type: 'message', text: '250 USDT', attachments: [] }),
    (u, m) => ({ ...base(u, m), type: 'choice', choiceId: lastChoice(u, /Skip|Done|跳过|完成/) }),
    (u, m) => ({ ...base(u, m), type: 'choice', choiceId: lastChoice(u, /Send|提交/) }),
    (u, m) => ({ ...base(u, m), type: 'message', text: 'any news on this?', attachments: [] }),
  ];

  const times: number[] = [];
  const started = performance.now();
  for (let s = 0; s < steps.length; s++) {
    let next = 0;
    const worker = async () => {
      while (next < USERS) {
        const u = next++;
        const t0 = performance.now();
        await core.handleUser(steps[s]!(u, s));
        times.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  }
  const seconds = (performance.now() - started) / 1000;
  const open = (await core.openTickets()).length;
  await core.stop();
  await store.clear?.();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  const q = (p: number) =>
    times[Math.min(times.length - 1, Math.floor(times.length * p))]!.toFixed(2);
  return [
    [
      `core on ${label}: full-case turns/s (${USERS} users interleaved, ${inFlight} in flight)`,
      (times.length / seconds).toFixed(0),
    ],
    [`core on ${label}: ms per turn p50 / p99 (${inFlight} in flight)`, `${q(0.5)} / ${q(0.99)}`],
    [`core on ${label}: tickets opened / desk cases`, `${open} / ${desk.cases.length}`],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of await benchCore('sqlite://$DIR/bench.sqlite', 'SQLite'))
    console.log(`${k.padEnd(72)} ${v}`);
  for (const [k, v] of await benchCore('sqlite://$DIR/bench.sqlite', 'SQLite', 1))
    console.log(`${k.padEnd(72)} ${v}`);
  if (process.env['REDIS_URL'])
    for (const [k, v] of await benchCore(process.env['REDIS_URL'], 'Redis'))
      console.log(`${k.padEnd(72)} ${v}`);
}
