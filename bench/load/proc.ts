/**
 * Child processes of the load test: the bot (dist/main.js or the baseline) started with `node`,
 * its memory sampled from /proc every 50 ms, stopped with SIGTERM (SIGKILL after 10 s). Every
 * child started here is killed when the bench exits, whatever happens.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';

const live = new Set<ChildProcessWithoutNullStreams>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface Memory {
  /** Peak resident set, as the kernel keeps it (VmHWM), in kB. */
  hwmKb: number;
  /** Largest VmRSS seen by the 50 ms sampler, in kB. */
  maxRssKb: number;
}

export function procStatus(pid: number): { rssKb: number; hwmKb: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    return {
      rssKb: Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0),
      hwmKb: Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0),
    };
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, in ms. */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted after "pid (comm)".
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

export class Child {
  readonly child: ChildProcessWithoutNullStreams;
  readonly spawnedAt = performance.now();
  /**
   * The spawn on the monotonic clock, in µs: the clock of a V8 CPU profile's timestamps
   * (`startTime`, CLOCK_MONOTONIC on Linux, as process.hrtime), so that a window given in ms
   * after spawn falls on the right samples although the profiler starts later than the spawn.
   */
  readonly spawnedMonoUs = Number(process.hrtime.bigint() / 1000n);
  readonly exited: Promise<number | null>;
  readonly memory: Memory = { hwmKb: 0, maxRssKb: 0 };
  private out = '';
  private stdout = '';
  private lineWaiters: Array<() => void> = [];
  private sampler: NodeJS.Timeout;

  constructor(args: string[], env: Record<string, string>, cwd?: string) {
    this.child = spawn(process.execPath, args, {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(cwd ? { cwd } : {}),
    });
    live.add(this.child);
    const onData = (d: Buffer) => {
      this.out += d.toString();
      for (const w of this.lineWaiters.splice(0)) w();
    };
    this.child.stdout.on('data', (d: Buffer) => {
      this.stdout += d.toString();
      onData(d);
    });
    this.child.stderr.on('data', onData);
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        live.delete(this.child);
        clearInterval(this.sampler);
        for (const w of this.lineWaiters.splice(0)) w();
        resolve(code);
      }),
    );
    this.sampler = setInterval(() => this.sample(), 50);
    this.sampler.unref();
  }

  get pid(): number {
    return this.child.pid!;
  }

  output(): string {
    return this.out;
  }

  sample(): void {
    const s = procStatus(this.pid);
    if (!s) return;
    this.memory.hwmKb = Math.max(this.memory.hwmKb, s.hwmKb);
    this.memory.maxRssKb = Math.max(this.memory.maxRssKb, s.rssKb);
  }

  /** Milliseconds from spawn until the output (stdout and stderr, or stdout alone) matches `re`. */
  async until(re: RegExp, timeoutMs = 30_000, stdoutOnly = false): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    for (;;) {
      if (re.test(stdoutOnly ? this.stdout : this.out)) return performance.now() - this.spawnedAt;
      if (exited) throw new Error(`exited before ${re}:\n${this.out.slice(-2000)}`);
      if (performance.now() > deadline)
        throw new Error(`no ${re} after ${timeoutMs} ms:\n${this.out.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 100);
        this.lineWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves with the exit code. */
  async stop(graceMs = 10_000): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.sample();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
