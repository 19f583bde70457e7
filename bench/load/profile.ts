/**
 * `npm run bench -- load --profile`: where the real bot's time and memory go, before anyone
 * optimises. Two profiled runs of `node dist/main.js` (Telegram alone, SQLite, LOG_LEVEL=warn):
 *
 * 1. a first start in an empty DATA_DIR (the model is trained and cached), stopped once ready;
 * 2. a start with that cached model followed by the load of bench/load.ts (100 paced cases, 100
 *    cases with no pause, the relay burst), under `--cpu-prof --heap-prof` with
 *    bench/load/probe.js preloaded (peak process.memoryUsage(), the modules loaded).
 *
 * CPU is summed as self time by package (node_modules/<pkg>, app files of dist/, node internals,
 * GC) and as inclusive time of the app's own functions, split at the first getUpdates into
 * start-up and load. The heap profile (written at exit) is what was still live, by package and
 * allocation site. The raw profiles are kept (path printed) for Chrome DevTools / speedscope.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { botEnv, loadRun } from '../load.ts';
import { Child } from './proc.ts';
import { startEmulator } from './watch.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'dist/main.js');
const PROBE = fileURLToPath(new URL('./probe.js', import.meta.url));

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: CallFrame; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}
interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  id: number;
  children: HeapNode[];
}

/** Where a frame's code lives: an npm package, an app file, node itself, or a VM state. */
export function owner(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return /^\(.*\)$/.test(functionName) ? functionName : '(native: JSON, RegExp, …)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) {
    if (/^node:_http|^node:internal\/http/.test(url)) return 'node http';
    if (/^node:net|^node:internal\/(net|stream_base)/.test(url)) return 'node net';
    if (/^node:internal\/(streams|webstreams)/.test(url)) return 'node streams';
    if (/^node:internal\/(modules|vm)/.test(url)) return 'node module loader';
    return 'node other';
  }
  const path = url.replace(/^file:\/\//, '');
  if (path.startsWith(`${ROOT}dist/`)) return `app ${path.slice(ROOT.length + 5)}`;
  return path.replace(ROOT, '');
}

const label = (f: CallFrame) => {
  const where = owner(f);
  const file = /([^/]+)$/.exec(f.url)?.[1] ?? '';
  return `${f.functionName || '(anonymous)'} ${where.startsWith('app ') ? where.slice(4) : file ? `${where}/${file}` : where}:${f.lineNumber + 1}`;
};

/**
 * Self ms by owner and by function, inclusive ms of app functions, in [fromMs, toMs) after the
 * process was spawned at `spawnedMonoUs` (Child.spawnedMonoUs; the profile's clock).
 */
export function cpuSummary(
  profile: CpuProfile,
  spawnedMonoUs: number,
  fromMs: number,
  toMs: number,
  /** How many owners and functions each list keeps. */
  n = 12,
) {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    const ms = (t - spawnedMonoUs) / 1000;
    if (ms < fromMs || ms >= toMs) continue;
    // The delta before a sample is the time it stands for (the next one is not known yet).
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const appInclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const o = owner(frame);
    byOwner.set(o, (byOwner.get(o) ?? 0) + us);
    const f = label(frame);
    byFunction.set(f, (byFunction.get(f) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const fr = byId.get(at)!.callFrame;
      if (!owner(fr).startsWith('app ')) continue;
      const key = label(fr);
      if (seen.has(key)) continue;
      seen.add(key);
      appInclusive.set(key, (appInclusive.get(key) ?? 0) + us);
    }
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    owners: top(byOwner, n),
    functions: top(byFunction, n),
    app: top(appInclusive, n + 2),
  };
}

/** Live bytes at exit by owner and by allocation site (self), from a sampling heap profile. */
export function heapSummary(root: HeapNode) {
  const byOwner = new Map<string, number>();
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (n: HeapNode) => {
    if (n.selfSize) {
      total += n.selfSize;
      const o = owner(n.callFrame);
      byOwner.set(o, (byOwner.get(o) ?? 0) + n.selfSize);
      const f = label(n.callFrame);
      bySite.set(f, (bySite.get(f) ?? 0) + n.selfSize);
    }
    for (const c of n.children) walk(c);
  };
  walk(root);
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { total, owners: top(byOwner, 10), sites: top(bySite, 10) };
}

/** The main thread's file (CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile) of one kind in a folder. */
function mainThreadFile(dir: string, kind: 'CPU' | 'Heap'): string {
  const file = readdirSync(dir).find((f) => f.startsWith(`${kind}.`) && /\.\d+\.0\.\d+\./.test(f));
  if (!file) throw new Error(`no ${kind} profile in ${dir}`);
  return join(dir, file);
}

const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`;
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`;

export async function profileLoad(): Promise<string[]> {
  const keep = mkdtempSync(join(tmpdir(), 'wsb-profile-'));
  const dataDir = join(keep, 'data');
  const cold = join(keep, 'cold');
  const load = join(keep, 'load');
  for (const d of [dataDir, cold, load]) mkdirSync(d);
  const out: string[] = [`profile of node dist/main.js (raw profiles kept in ${keep})`];

  // 1. First start: trains and caches the model.
  const emu = await startEmulator();
  const desk = emu.createDesk();
  const first = new Child(['--cpu-prof', '--cpu-prof-dir', cold, MAIN], {
    ...botEnv(emu, desk, dataDir, 'cold.sqlite'),
    LOG_LEVEL: 'info',
  });
  const coldReady = await first.until(/"msg":"ready"/);
  await first.stop();
  await emu.stop();
  const coldProfile = JSON.parse(readFileSync(mainThreadFile(cold, 'CPU'), 'utf8')) as CpuProfile;
  const c = cpuSummary(coldProfile, first.spawnedMonoUs, 0, Infinity);
  out.push(
    '',
    `first start (trains the model): ready after ${coldReady.toFixed(0)} ms, ${c.totalMs.toFixed(0)} ms on CPU`,
    `  app functions (inclusive): ${c.app
      .slice(0, 8)
      .map(([f, us]) => `${f} ${ms(us)}`)
      .join('; ')}`,
    `  by package (self): ${c.owners.map(([o, us]) => `${o} ${ms(us)}`).join('; ')}`,
  );

  // 2. Cached start + load, profiled.
  const probeOut = join(keep, 'probe.json');
  const run = await loadRun(
    'real',
    dataDir,
    [
      '--cpu-prof',
      '--cpu-prof-dir',
      load,
      // A sample every 1 ms by default: a burst of 150 ms is 150 samples, too few to rank the
      // functions of a relayed message; BENCH_PROFILE_INTERVAL_US=100 looks closer.
      `--cpu-prof-interval=${process.env['BENCH_PROFILE_INTERVAL_US'] ?? 1000}`,
      '--heap-prof',
      '--heap-prof-dir',
      load,
      '--import',
      PROBE,
    ],
    { BENCH_PROBE_OUT: probeOut },
  );
  const profile = JSON.parse(readFileSync(mainThreadFile(load, 'CPU'), 'utf8')) as CpuProfile;
  const readyAt = run.pollingAt - run.spawnedAt;
  // The windows, next to the raw profile, for a closer look (cpuSummary over any of them).
  writeFileSync(
    join(keep, 'phases.json'),
    JSON.stringify({ spawnedMonoUs: run.spawnedMonoUs, readyAt, ...run.phases }),
  );
  const start = cpuSummary(profile, run.spawnedMonoUs, 0, readyAt);
  out.push(
    '',
    `cached start: first getUpdates ${readyAt.toFixed(0)} ms after spawn (profiler on), ${start.totalMs.toFixed(0)} ms on CPU`,
    `  by package (self): ${start.owners.map(([o, us]) => `${o} ${ms(us)}`).join('; ')}`,
    `  app functions (inclusive): ${start.app
      .slice(0, 10)
      .map(([f, us]) => `${f} ${ms(us)}`)
      .join('; ')}`,
  );
  const turns = run.paced.length + run.saturated.length;
  for (const [name, [from, to], n] of [
    [
      `first turn after start (${(run.phases.first[1] - run.phases.first[0]).toFixed(0)} ms)`,
      run.phases.first,
      1,
    ],
    [`cases (${turns} turns)`, run.phases.cases, turns],
    [
      `relay burst (${run.relayLatencies.length} texts)`,
      run.phases.burst,
      run.relayLatencies.length,
    ],
  ] as const) {
    const w = cpuSummary(profile, run.spawnedMonoUs, from, to);
    const share = (us: number) => `${pct(us, w.totalMs * 1000)}`;
    out.push(
      '',
      `${name}: ${w.totalMs.toFixed(0)} ms on CPU (${(w.totalMs / n).toFixed(2)} ms each), ${w.idleMs.toFixed(0)} ms idle`,
      `  by package (self): ${w.owners.map(([o, us]) => `${o} ${share(us)}`).join('; ')}`,
      `  hottest functions (self): ${w.functions
        .slice(0, 8)
        .map(([f, us]) => `${f} ${share(us)}`)
        .join('; ')}`,
      `  app functions (inclusive): ${w.app.map(([f, us]) => `${f} ${share(us)}`).join('; ')}`,
    );
  }

  // Memory: the real bot and, for comparison, the baseline under the same probe.
  type Probe = {
    peak: Record<string, number>;
    atPeak: { uptimeMs: number; spaces: Array<{ space: string; used: number }> };
    series: Array<[number, number, number]>;
    modules: string[];
  };
  const probe = JSON.parse(readFileSync(probeOut, 'utf8')) as Probe;
  const baseOut = join(keep, 'probe-baseline.json');
  const baseDir = join(keep, 'baseline');
  mkdirSync(baseDir);
  await loadRun('baseline', baseDir, ['--import', PROBE], { BENCH_PROBE_OUT: baseOut });
  const baseProbe = JSON.parse(readFileSync(baseOut, 'utf8')) as Probe;
  const atReady = probe.series.find(([t]) => t >= readyAt) ?? probe.series.at(-1)!;
  const peaks = (p: Probe) =>
    ['rss', 'heapTotal', 'heapUsed', 'external'].map((k) => mb(p.peak[k] ?? 0)).join(' / ');
  const heap = heapSummary(
    (JSON.parse(readFileSync(mainThreadFile(load, 'Heap'), 'utf8')) as { head: HeapNode }).head,
  );
  const steps = new Child(
    [
      '--expose-gc',
      fileURLToPath(new URL('./heap-steps.js', import.meta.url)),
      ROOT.replace(/\/$/, ''),
      join(dataDir, 'cache'),
    ],
    {},
  );
  await steps.exited;
  const parts = steps
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { part: string; rss: number; heap: number; external: number });
  const packages = new Map<string, number>();
  for (const m of probe.modules) {
    const o = owner({ url: m, functionName: '', lineNumber: 0 });
    if (o.startsWith('node ') || o.startsWith('app ')) continue;
    packages.set(o, (packages.get(o) ?? 0) + 1);
  }
  const appFiles = probe.modules.filter((m) =>
    owner({ url: m, functionName: '', lineNumber: 0 }).startsWith('app '),
  ).length;
  out.push(
    '',
    `memory, peak rss / heapTotal / heapUsed / external (process.memoryUsage every 50 ms, probe loaded): real ${peaks(probe)}; baseline ${peaks(baseProbe)}`,
    `  real: RSS ${mb(atReady[1])} (heap ${mb(atReady[2])}) when ready, peak ${(probe.atPeak.uptimeMs / 1000).toFixed(1)} s after start; heap spaces at peak: ${probe.atPeak.spaces
      .filter((s) => s.used > 1 << 20)
      .map((s) => `${s.space} ${mb(s.used)}`)
      .join(', ')}`,
    `  by component at start (after GC, bench/load/heap-steps.js; rss / heap / external): ${parts
      .map((p) => `${p.part} ${mb(p.rss)} / ${mb(p.heap)} / ${mb(p.external)}`)
      .join('; ')}`,
    `  live at exit (heap profile, ${mb(heap.total)} sampled) by package: ${heap.owners.map(([o, b]) => `${o} ${mb(b)}`).join('; ')}`,
    `  by allocation site: ${heap.sites
      .slice(0, 8)
      .map(([f, b]) => `${f} ${mb(b)}`)
      .join('; ')}`,
    `  modules loaded: ${appFiles} app files; packages (files): ${[...packages]
      .sort((a, b) => b[1] - a[1])
      .map(([p, n]) => `${p} ${n}`)
      .join(', ')}`,
    `  discord.js loaded: ${packages.has('discord.js') ? 'yes' : 'no'}; natural loaded: ${packages.has('natural') ? 'yes' : 'no'}`,
  );
  // The data folders are of no use once measured; the profiles are kept.
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(baseDir, { recursive: true, force: true });
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await profileLoad()) console.log(line);
  process.exit(0);
}
