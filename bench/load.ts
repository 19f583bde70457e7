/**
 * Load test of the Telegram path, the real bot against a minimal grammY baseline in the same run.
 *
 * Real: `dist/main.js` as `npm start` runs it, with its node flags and environment (Telegram only,
 * forum desk, SQLite store, cached model, LOG_LEVEL=warn). Baseline: `node bench/load/baseline-bot.js`, the same Bot API calls per
 * turn with state in a Map. Both long-poll their own local emulator (test/emulators/telegram) in
 * this process; every bot message is stamped when the emulator records it (bench/load/watch.ts),
 * whose HTTP keep-alive is lengthened so that connections are reused as with api.telegram.org.
 *
 * Each run (3 rounds per bot, alternating; BENCH_ROUNDS): the first reply after start (one user,
 * sent with the first getUpdates, so the real bot's warm-up, which runs once it polls, is in it),
 * 20 warm-up cases and a burst of theirs (5 texts each, as below) that no figure includes, then
 * - reply latency, one sample per turn (6 per case): message or button press injected → first new
 *   bot message in that chat. 100 users at once walk the withdrawal case of test/support/walk.ts
 *   (describe → "No, I still need help" → id → Skip → Done → Send to support → case id):
 *   "paced" with a random 0…1000 ms pause before each step (BENCH_THINK_MS), then 100 other users
 *   "saturated", each step as soon as the answer is there;
 * - relay burst: the 100 saturated users, cases open, send 5 texts each, all 500 injected at once;
 *   replies/s = 500 ÷ (first injected → the last of the 500 texts seen in a desk topic post). The
 *   baseline posts each text into the case's topic (one sendMessage); the real bot merges a user's
 *   texts that wait into one post (README: burst merging), so "desk posts" counts its posts.
 * - Peak RSS: VmHWM of the bot process (start-up with the cached model + cases + burst), sampled
 *   every 50 ms from /proc.
 * - Start-up: spawn → the "ready" log line (LOG_LEVEL=info), median of the 2nd to 4th starts in
 *   the same DATA_DIR (the first trains and caches the model); classify CLI: spawn → first stdout
 *   line for one line on stdin, after one warm-up run (median of 3).
 *
 * BENCH_AA=1 also runs the baseline a second time in each round and prints it against the first
 * (an A/A comparison): how far apart two runs of the same bot land here, the noise floor of the
 * ratios above.
 *
 * `npm run bench -- load` runs only this; `npm run bench -- load --profile` also profiles the real
 * bot (bench/load/profile.ts). Alone: `node --import tsx bench/load.ts [--profile]`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TelegramEmulator } from '../test/emulators/telegram/index.ts';
import { openCaseWithoutScreenshots, type ChatUser } from '../test/support/walk.ts';
import { Child, cpuMs } from './load/proc.ts';
import { EmulatorWatch, LoadUser, percentile, startEmulator } from './load/watch.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MAIN = join(ROOT, 'dist/main.js');
/**
 * The node flags and the environment `npm start` runs the bot with (package.json: `VAR=value node
 * --flag … dist/main.js`), so the bench runs it the same way.
 */
const START_SCRIPT = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start;
export const START_FLAGS = START_SCRIPT.match(/--[\w-]+(?:=\S+)?/g) ?? [];
export const START_ENV = Object.fromEntries(
  [...START_SCRIPT.matchAll(/(?:^|\s)([A-Z_][A-Z0-9_]*)=(\S+)(?=\s)/g)].map((m) => [m[1]!, m[2]!]),
);
const CLASSIFY = join(ROOT, 'dist/cli/classify.js');
const BASELINE = fileURLToPath(new URL('./load/baseline-bot.js', import.meta.url));

const USERS = Number(process.env['BENCH_USERS'] ?? 100);
const BURST_PER_USER = 5;
/** Paced phase: each step after a uniform random pause of 0…THINK_MS (the first one too). */
const THINK_MS = Number(process.env['BENCH_THINK_MS'] ?? 1000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
/** A second baseline per round, compared with the first (the bench's own noise). */
const AA = process.env['BENCH_AA'] === '1';
/** Cases walked (no pause) after start and before any figure is taken. */
const WARM_UP = 20;

export type Kind = 'real' | 'baseline';

export interface LoadResult {
  kind: Kind;
  /** The very first turn after start (ms). */
  firstReplyMs: number;
  /** Per-turn reply latencies (ms): paced users, then users with no pause (saturated). */
  paced: number[];
  saturated: number[];
  /** Paced latencies by turn of the case (0 = the first words … 5 = Send to support). */
  pacedByTurn: number[][];
  casesSeconds: number;
  relayPerSecond: number;
  relayLatencies: number[];
  hwmKb: number;
  cpuMsTurns: number;
  cpuMsBurst: number;
  /** Desk posts that carried the burst's 500 texts (a user's waiting texts may share one). */
  burstPosts: number;
  exitCode: number | null;
  /** performance.now() of spawn and of the first getUpdates (ready under LOG_LEVEL=warn). */
  spawnedAt: number;
  /** The spawn on the monotonic clock (µs), for CPU profile windows (Child.spawnedMonoUs). */
  spawnedMonoUs: number;
  pollingAt: number;
  /** Measured cases and the burst, in ms after spawn. */
  phases: { first: [number, number]; cases: [number, number]; burst: [number, number] };
  errors: string[];
}

/** Env of the bot process under test: Telegram alone, as the issue asks. */
export function botEnv(emu: TelegramEmulator, desk: number, dataDir: string, store: string) {
  return {
    TELEGRAM_BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    AGENT_DESK: `telegram:${desk}`,
    STORE_URL: `sqlite://${join(dataDir, store)}`,
    DATA_DIR: dataDir,
    HTTP_PORT: '0',
    METRICS_PORT: '0',
    LOG_LEVEL: 'warn',
  };
}

/** A ChatUser that pauses 0…ms at random after each answer it waited for. */
function paced(user: LoadUser, ms: number): ChatUser {
  return {
    says: (text) => user.says(text),
    press: (label) => user.press(label),
    expect: async (pattern) => {
      const m = await user.expect(pattern);
      await pause(ms);
      return m;
    },
  };
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, Math.random() * ms));

/** Every user walks a case at once (each LoadUser records its latencies); failures are returned. */
async function cases(
  users: LoadUser[],
  thinkMs: number,
): Promise<{ seconds: number; errors: string[] }> {
  const t0 = performance.now();
  const settled = await Promise.allSettled(
    users.map(async (u) => {
      if (thinkMs) await pause(thinkMs);
      return openCaseWithoutScreenshots(thinkMs ? paced(u, thinkMs) : u);
    }),
  );
  const errors = settled.flatMap((r) =>
    r.status === 'rejected' ? [(r.reason as Error).message.slice(0, 300)] : [],
  );
  return { seconds: (performance.now() - t0) / 1000, errors };
}

/**
 * One load run: a fresh emulator, the bot started (`nodeArgs` before the script, e.g. profiler
 * flags), 100 paced cases, 100 cases with no pause, the relay burst on those, SIGTERM.
 */
export async function loadRun(
  kind: Kind,
  dataDir: string,
  nodeArgs: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<LoadResult> {
  const emu = await startEmulator();
  const watch = new EmulatorWatch(emu);
  const desk = emu.createDesk();
  const errors: string[] = [];
  const script = kind === 'real' ? MAIN : BASELINE;
  // An empty working directory: a developer's .env in the checkout must not change the figures.
  const cwd = mkdtempSync(join(tmpdir(), 'wsb-load-cwd-'));
  const bot = new Child(
    [...(kind === 'real' ? START_FLAGS : []), ...nodeArgs, script],
    {
      ...(kind === 'real' ? START_ENV : {}),
      ...botEnv(emu, desk, dataDir, `load-${Date.now()}.sqlite`),
      ...extraEnv,
    },
    cwd,
  );
  try {
    // Under LOG_LEVEL=warn there is no "ready" line: the first getUpdates is the bot ready.
    await Promise.race([
      emu.waitFor(() => emu.calls('getUpdates').length > 0, `${kind} polling`, 30_000),
      bot.exited.then((code) => {
        throw new Error(`${kind} bot exited with ${code}:\n${bot.output().slice(-2000)}`);
      }),
    ]);
    const pollingAt = performance.now();
    const pacedByTurn: number[][] = [];
    const group = (first: number, into: number[], byTurn?: number[][], n = USERS) =>
      Array.from({ length: n }, (_, i) => {
        const u = emu.addUser({ id: first + i, first_name: `User ${i}`, language_code: 'en' });
        return new LoadUser(watch, u.id, (ms, turn) => {
          into.push(ms);
          if (byTurn) (byTurn[turn] ??= []).push(ms);
        });
      });

    /**
     * 5 texts per user, all injected at once; each text is stamped when it shows in a desk post.
     * replies/s = texts ÷ (first injected → the last of them seen in a desk post).
     */
    const relayBurst = async (burstUsers: LoadUser[], tag: string) => {
      const total = burstUsers.length * BURST_PER_USER;
      const sentAt = new Map<string, number>();
      const latencies: number[] = [];
      const mark = new RegExp(`${tag} u(\\d+) m(\\d+)`, 'g');
      let lastAt = 0;
      let posts = 0;
      let off = () => {};
      const done = new Promise<void>((resolve) => {
        off = watch.onMessage((s) => {
          if (s.message.chatId !== desk) return;
          posts++;
          for (const m of s.message.text.matchAll(mark)) {
            const at = sentAt.get(m[0]);
            if (at === undefined) continue;
            sentAt.delete(m[0]);
            latencies.push(s.at - at);
            lastAt = s.at;
          }
          if (latencies.length === total) resolve();
        });
      });
      const b0 = performance.now();
      for (let k = 0; k < BURST_PER_USER; k++)
        for (const [i, u] of burstUsers.entries()) {
          const text = `${tag} u${i} m${k}`;
          sentAt.set(text, performance.now());
          emu.userSends(u.id, `${text}: still waiting, please check`);
        }
      await Promise.race([done, new Promise((r) => setTimeout(r, 120_000).unref())]);
      off();
      return {
        relayLatencies: latencies,
        relayPerSecond: latencies.length / ((lastAt - b0) / 1000),
        burstPosts: posts,
        from: b0,
        to: lastAt,
      };
    };
    const relayErrors = (latencies: number[], users: number) =>
      latencies.length === users * BURST_PER_USER
        ? []
        : [`burst: ${latencies.length}/${users * BURST_PER_USER} relayed after 120 s`];

    // The first reply after start, then a warm-up the figures leave out (JIT, lazy set-up, the
    // first statements on SQLite): without it the p99 is the first 300 ms after a restart.
    const coldTurns: number[] = [];
    const [first] = group(100_000, coldTurns, undefined, 1);
    const firstFrom = performance.now() - bot.spawnedAt;
    first!.says('my withdrawal has been pending for 3 days');
    await first!.expect(/./);
    const firstTo = firstFrom + coldTurns[0]!;
    const warmUsers = group(110_000, [], undefined, WARM_UP);
    const warm = await cases(warmUsers, 0);
    errors.push(...warm.errors);
    // Relayed texts go through code the cases never run: warmed up too, so that the burst
    // measures a bot that has relayed before (as one does after its first minutes), not V8
    // compiling that path.
    const warmBurst = await relayBurst(warmUsers, 'warm');
    errors.push(...relayErrors(warmBurst.relayLatencies, WARM_UP));

    const cpu0 = cpuMs(bot.pid);
    const casesFrom = performance.now() - bot.spawnedAt;
    const pacedTurns: number[] = [];
    if (THINK_MS)
      errors.push(...(await cases(group(200_000, pacedTurns, pacedByTurn), THINK_MS)).errors);
    const saturatedTurns: number[] = [];
    const users = group(300_000, saturatedTurns);
    const saturated = await cases(users, 0);
    errors.push(...saturated.errors);
    // Let the desk posts of the last cases land before the burst.
    await new Promise((r) => setTimeout(r, 500));
    const cpu1 = cpuMs(bot.pid);
    const casesTo = performance.now() - bot.spawnedAt;

    // Relay burst: 5 texts per user, all injected at once, counted in the desk posts.
    const burst = await relayBurst(users, 'burst');
    const { relayLatencies, relayPerSecond, burstPosts } = burst;
    errors.push(...relayErrors(relayLatencies, USERS));
    const cpu2 = cpuMs(bot.pid);
    bot.sample();
    const exitCode = await bot.stop();
    // Anything the bot printed at warn or above (the baseline prints only its "ready" line).
    const warnings = bot
      .output()
      .split('\n')
      .filter(
        (l) =>
          l.trim() && (kind === 'baseline' ? !/"msg":"ready"/.test(l) : /"level":[456]0/.test(l)),
      );
    if (warnings.length)
      errors.push(`${warnings.length} warn/error log lines, first: ${warnings[0]!.slice(0, 300)}`);
    return {
      kind,
      firstReplyMs: coldTurns[0] ?? NaN,
      paced: pacedTurns,
      saturated: saturatedTurns,
      pacedByTurn,
      casesSeconds: saturated.seconds,
      relayPerSecond,
      relayLatencies,
      hwmKb: bot.memory.hwmKb,
      cpuMsTurns: cpu1 - cpu0,
      cpuMsBurst: cpu2 - cpu1,
      burstPosts,
      exitCode,
      spawnedAt: bot.spawnedAt,
      spawnedMonoUs: bot.spawnedMonoUs,
      pollingAt,
      phases: {
        first: [firstFrom, firstTo],
        cases: [casesFrom, casesTo],
        burst: [burst.from - bot.spawnedAt, burst.to - bot.spawnedAt],
      },
      errors,
    };
  } finally {
    await bot.stop();
    await emu.stop();
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** Spawn → the "ready" line (LOG_LEVEL=info), once. */
async function readyOnce(kind: Kind, dataDir: string): Promise<{ ms: number; hwmKb: number }> {
  const emu = await startEmulator();
  const desk = emu.createDesk();
  const cwd = mkdtempSync(join(tmpdir(), 'wsb-load-cwd-'));
  const bot = new Child(
    kind === 'real' ? [...START_FLAGS, MAIN] : [BASELINE],
    {
      ...(kind === 'real' ? START_ENV : {}),
      ...botEnv(emu, desk, dataDir, 'start.sqlite'),
      LOG_LEVEL: 'info',
    },
    cwd,
  );
  try {
    const ms = await bot.until(/"msg":"ready"/);
    bot.sample();
    return { ms, hwmKb: bot.memory.hwmKb };
  } finally {
    await bot.stop();
    await emu.stop();
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** `node dist/cli/classify.js`, one line on stdin: spawn → first line on stdout. */
async function classifyOnce(dataDir: string): Promise<number> {
  const cli = new Child([CLASSIFY], { DATA_DIR: dataDir });
  try {
    cli.child.stdin.end('my withdrawal has been pending for 3 days\n');
    return await cli.until(/\n/, 30_000, true);
  } finally {
    await cli.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** dist/ older than src/ means the figures are of old code. */
function staleDist(): string | undefined {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  try {
    if (newest(join(ROOT, 'src')) > statSync(MAIN).mtimeMs)
      return 'note: src/ changed after the last build; run `npm run build` for current figures';
  } catch {
    return 'dist/main.js is missing: run `npm run build` first';
  }
  return undefined;
}

export interface LoadFigures {
  real: LoadResult[];
  baseline: LoadResult[];
  /** BENCH_AA=1: the baseline again in each round, after the real bot. */
  again: LoadResult[];
  readyColdMs: number;
  readyMs: number;
  readyBaselineMs: number;
  classifyMs: number;
}

export async function measureLoad(): Promise<LoadFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'wsb-load-'));
  try {
    const realDir = join(dir, 'real');
    const baseDir = join(dir, 'baseline');
    mkdirSync(realDir);
    mkdirSync(baseDir);
    // Start-up: the first start trains and caches the model, the second reads it.
    const readyColdMs = (await readyOnce('real', realDir)).ms;
    const warmStarts = async (kind: Kind, dir: string) =>
      median([
        (await readyOnce(kind, dir)).ms,
        (await readyOnce(kind, dir)).ms,
        (await readyOnce(kind, dir)).ms,
      ]);
    const readyMs = await warmStarts('real', realDir);
    await readyOnce('baseline', baseDir);
    const readyBaselineMs = await warmStarts('baseline', baseDir);
    await classifyOnce(realDir);
    const classifyMs = median([
      await classifyOnce(realDir),
      await classifyOnce(realDir),
      await classifyOnce(realDir),
    ]);
    // The load runs, alternating, each bot alone on the machine with its emulator.
    const real: LoadResult[] = [];
    const baseline: LoadResult[] = [];
    const again: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      baseline.push(await loadRun('baseline', baseDir));
      real.push(await loadRun('real', realDir));
      if (AA) again.push(await loadRun('baseline', baseDir));
    }
    return { real, baseline, again, readyColdMs, readyMs, readyBaselineMs, classifyMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The turns of the case in test/support/walk.ts, as the bench sees them. */
const TURNS = ['describe', 'No', 'id', 'Skip', 'Done', 'Send'];

/** The rounds of one bot taken together: latencies pooled, rates the median, memory the peak. */
function pooled(runs: LoadResult[]) {
  const sorted = (pick: (r: LoadResult) => number[]) => runs.flatMap(pick).sort((a, b) => a - b);
  const paced = sorted((r) => r.paced);
  const saturated = sorted((r) => r.saturated);
  const relay = sorted((r) => r.relayLatencies);
  const sum = (pick: (r: LoadResult) => number) => runs.reduce((a, r) => a + pick(r), 0);
  return {
    paced,
    saturated,
    relay,
    relayPerSecond: median(runs.map((r) => r.relayPerSecond)),
    hwmMb: Math.max(...runs.map((r) => r.hwmKb)) / 1024,
    cpuPerTurn: sum((r) => r.cpuMsTurns) / (paced.length + saturated.length),
    cpuPerRelay: sum((r) => r.cpuMsBurst) / relay.length,
    casesSeconds: median(runs.map((r) => r.casesSeconds)),
    burstPosts: median(runs.map((r) => r.burstPosts)),
    firstReply: median(runs.map((r) => r.firstReplyMs)),
    byTurn: Array.from({ length: Math.max(...runs.map((r) => r.pacedByTurn.length)) }, (_, t) =>
      runs.flatMap((r) => r.pacedByTurn[t] ?? []).sort((a, b) => a - b),
    ),
  };
}

/** The table: real, baseline, real/baseline and the issue's target. */
export function loadTable(f: LoadFigures): string[] {
  const real = pooled(f.real);
  const base = pooled(f.baseline);
  const p = percentile;
  type Line = [string, number, number | undefined, string, ((ratio: number) => boolean)?];
  const lines: Line[] = [
    ...(THINK_MS
      ? ([
          [`reply p50, paced (ms)`, p(real.paced, 50), p(base.paced, 50), ''],
          [
            `reply p99, paced (ms)`,
            p(real.paced, 99),
            p(base.paced, 99),
            '≤ 1.2×',
            (r) => r <= 1.2,
          ],
        ] as Line[])
      : []),
    ['reply p50, saturated (ms)', p(real.saturated, 50), p(base.saturated, 50), ''],
    [
      'reply p99, saturated (ms)',
      p(real.saturated, 99),
      p(base.saturated, 99),
      '≤ 1.2×',
      (r) => r <= 1.2,
    ],
    ['first reply after start (ms)', real.firstReply, base.firstReply, ''],
    [
      'relay burst (replies/s)',
      real.relayPerSecond,
      base.relayPerSecond,
      '≥ 0.9×',
      (r) => r >= 0.9,
    ],
    ['relay p99 (ms)', p(real.relay, 99), p(base.relay, 99), ''],
    ['desk posts for the 500 burst texts', real.burstPosts, base.burstPosts, ''],
    ['peak RSS, VmHWM (MB)', real.hwmMb, base.hwmMb, '≤ 1.3×', (r) => r <= 1.3],
    ['bot CPU per case turn (ms)', real.cpuPerTurn, base.cpuPerTurn, ''],
    ['bot CPU per relayed message (ms)', real.cpuPerRelay, base.cpuPerRelay, ''],
    [`${USERS} cases, no pause, wall (s)`, real.casesSeconds, base.casesSeconds, ''],
    ['ready, cached model, median (ms)', f.readyMs, f.readyBaselineMs, '≤ 1000 ms'],
    ['ready, first start (trains) (ms)', f.readyColdMs, undefined, ''],
    ['classify CLI first line (ms)', f.classifyMs, undefined, '≤ 1000 ms'],
  ];
  const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const out = [
    `load: Telegram, ${USERS} users × withdrawal case (${real.saturated.length / ROUNDS} turns), ` +
      `burst ${USERS}×${BURST_PER_USER}; paced = 0–${THINK_MS} ms random pause per step, ` +
      `saturated = none; ${ROUNDS} rounds pooled; node ${process.version}; real bot run as ` +
      `npm start runs it: ${START_SCRIPT}`,
    `${'metric'.padEnd(34)}${'real'.padStart(9)}${'baseline'.padStart(10)}${'real/base'.padStart(11)}  target`,
  ];
  for (const [label, r, b, target, ok] of lines) {
    const ratio = b === undefined ? undefined : r / b;
    let verdict = '';
    if (ok && ratio !== undefined) verdict = ok(ratio) ? ' ok' : ' MISSED';
    if (target === '≤ 1000 ms') verdict = r <= 1000 ? ' ok' : ' MISSED';
    out.push(
      `${label.padEnd(34)}${fmt(r).padStart(9)}${(b === undefined ? '-' : fmt(b)).padStart(10)}` +
        `${(ratio === undefined ? '' : `${ratio.toFixed(2)}×`).padStart(11)}  ${target}${verdict}`,
    );
  }
  if (THINK_MS)
    for (const [name, k] of [
      ['real', real],
      ['baseline', base],
    ] as const)
      out.push(
        `paced p50/p99 by turn, ${name} (ms): ` +
          k.byTurn
            .map((xs, t) => `${TURNS[t] ?? t} ${fmt(p(xs, 50))}/${fmt(p(xs, 99))}`)
            .join(', '),
      );
  // Each round's own ratios: how far one run of the same code may land from the pooled figure.
  const p99 = (xs: number[]) =>
    p(
      [...xs].sort((x, y) => x - y),
      99,
    );
  /** The three figures with a target, labelled (paced only when there is a paced phase). */
  const targeted = (paced: string, saturated: string, relay: string) =>
    (THINK_MS ? `paced p99 ${paced}; ` : '') + `saturated p99 ${saturated}; relay burst ${relay}`;
  const ratios = (runs: LoadResult[], bases: LoadResult[]) => {
    const perRound = (ratio: (r: LoadResult, b: LoadResult) => number) =>
      runs.map((r, i) => `${ratio(r, bases[i]!).toFixed(2)}×`).join(' ');
    return targeted(
      perRound((r, b) => p99(r.paced) / p99(b.paced)),
      perRound((r, b) => p99(r.saturated) / p99(b.saturated)),
      perRound((r, b) => r.relayPerSecond / b.relayPerSecond),
    );
  };
  out.push(`per round, real/baseline: ${ratios(f.real, f.baseline)}`);
  if (f.again.length) {
    // The same bot twice: ratios that only the machine and the bench put there.
    const again = pooled(f.again);
    const ratio = (x: number, y: number) => `${(x / y).toFixed(2)}×`;
    out.push(
      `A/A, the baseline's second run/its first (the noise floor), pooled: ` +
        targeted(
          ratio(p(again.paced, 99), p(base.paced, 99)),
          ratio(p(again.saturated, 99), p(base.saturated, 99)),
          ratio(again.relayPerSecond, base.relayPerSecond),
        ),
      `A/A per round: ${ratios(f.again, f.baseline)}`,
    );
  }
  for (const res of [...f.real, ...f.baseline, ...f.again]) {
    if (res.exitCode !== 0) out.push(`${res.kind}: exit code ${res.exitCode} on SIGTERM`);
    for (const e of res.errors.slice(0, 3)) out.push(`${res.kind}: ${e}`);
    if (res.errors.length > 3) out.push(`${res.kind}: … ${res.errors.length - 3} more errors`);
  }
  return out;
}

export async function benchLoad(profile = false): Promise<string[]> {
  const stale = staleDist();
  if (stale?.startsWith('dist/main.js is missing')) return [`load: skipped (${stale})`];
  // A bench, not a test: a bot that does not start is reported, and the other parts still run.
  const failed = (what: string, err: unknown) => [
    `${what}: failed (${((err as Error)?.message ?? String(err)).slice(0, 1500)})`,
  ];
  const lines = await measureLoad().then(loadTable, (err: unknown) => failed('load', err));
  if (stale) lines.push(stale);
  if (profile) {
    const { profileLoad } = await import('./load/profile.ts');
    lines.push('', ...(await profileLoad().catch((err: unknown) => failed('profile', err))));
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchLoad(process.argv.includes('--profile'))) console.log(line);
  process.exit(0);
}
