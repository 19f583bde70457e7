/**
 * Real processes for the crash / outage / restart tests in this folder: `node dist/main.js` as
 * operators run it (a copy of test/main.test.ts's `start()`), a real `redis-server` of the test's
 * own on a free port, and a small HTTP load balancer for several bot instances in webhook mode.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../emulators/free-port.ts';

// `npm test` builds dist/ before vitest runs (`npm ci` does too, through `prepare`).
export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Undone in reverse order after each test (processes, emulators, temp folders). */
export const cleanups: Array<() => Promise<void> | void> = [];

export async function runCleanups(): Promise<void> {
  while (cleanups.length) {
    const undo = cleanups.pop()!;
    try {
      await undo();
    } catch {
      // the rest still runs
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A started `node dist/main.js`. */
export interface Bot {
  name: string;
  child: ChildProcess;
  /** The exit code (-1 when killed by a signal). */
  exited: Promise<number | null>;
  /** Waits until the output matches (throws with the output after `ms`). */
  until(re: RegExp, ms?: number): Promise<void>;
  /** Log lines (parsed JSON) whose msg matches. */
  lines(re?: RegExp): Array<Record<string, unknown>>;
  output(): string;
}

/** The bots started by the running test (their logs are printed when it fails). */
let started: Bot[] = [];

/** Call first in a test: a failure prints every bot's log, so a red run shows what they did. */
export function logsOnFailure(onTestFailed: (fn: () => void) => void): void {
  started = [];
  const mine = started;
  onTestFailed(() => {
    for (const bot of mine) console.error(`--- ${bot.name} log ---\n${logOf(bot)}`);
  });
}

/**
 * `npm start` in a child process (node on the compiled dist/main.js), from an empty folder so a
 * developer's own .env cannot change the results. Copied from test/main.test.ts.
 */
export function start(env: Record<string, string>, name = 'bot'): Bot {
  const cwd = tempDir('wsb-cwd-');
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      LOG_LEVEL: process.env['WSB_LOG_LEVEL'] ?? 'info',
      METRICS_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  const until = async (re: RegExp, ms = 15_000): Promise<void> => {
    const t0 = Date.now();
    while (!re.test(out)) {
      if (Date.now() - t0 > ms) throw new Error(`${name}: no ${re} in:\n${out}`);
      await sleep(50);
    }
  };
  const lines = (re?: RegExp): Array<Record<string, unknown>> =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return {};
        }
      })
      .filter((l) => !re || re.test(String(l['msg'] ?? '')));
  const bot: Bot = { name, child, exited, until, lines, output: () => out };
  started.push(bot);
  return bot;
}

/** The log of a bot, for a failing assertion's message (short lines, no stacks). */
export function logOf(bot: Bot): string {
  return bot
    .lines()
    .map((l) => {
      const { level: _l, time, service: _s, msg, err, ...rest } = l;
      const e = err as { message?: string; type?: string } | undefined;
      return `${bot.name} ${new Date(Number(time)).toISOString().slice(17, 23)} ${String(msg)} ${JSON.stringify(rest)}${e ? ` err=${e.type}: ${e.message}` : ''}`;
    })
    .join('\n');
}

let warmCache: string | undefined;

/**
 * A DATA_DIR holding the trained classifier from an earlier start (DATA_DIR/cache), so each
 * process is ready in ~0.5 s instead of training for ~2 s on a 2-core machine.
 */
export function dataDir(prefix = 'wsb-data-'): string {
  const dir = tempDir(prefix);
  if (warmCache && existsSync(warmCache))
    cpSync(warmCache, join(dir, 'cache'), { recursive: true });
  return dir;
}

/** Remembers a DATA_DIR whose cache a started bot has written (see `dataDir`). */
export function keepCacheOf(dir: string): void {
  if (!warmCache && existsSync(join(dir, 'cache'))) {
    const keep = mkdtempSync(join(tmpdir(), 'wsb-nlu-cache-'));
    cpSync(join(dir, 'cache'), keep, { recursive: true });
    warmCache = keep;
  }
}

/** Removes the kept classifier cache (call in afterAll). */
export function forgetCache(): void {
  if (warmCache) rmSync(warmCache, { recursive: true, force: true });
  warmCache = undefined;
}

// ─── Redis ──────────────────────────────────────────────────────────────────────────────────────

export interface Redis {
  port: number;
  url: string;
  child: ChildProcess;
  /** SIGSTOP: the process is frozen, its sockets stay open, nothing answers (data kept). */
  freeze(): void;
  /** SIGCONT: it answers again, everything it had is still there. */
  thaw(): void;
  /** redis-cli against it (e.g. `DBSIZE`, `KEYS *`). */
  cli(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A real redis-server of this test's own, on a free port, keeping nothing on disk — or, with
 * `aofDir`, every write in an append-only file there (fsync each write), so a Redis killed and
 * started again on the same port and folder comes back with its data, as a crashed Redis with
 * persistence does.
 */
/** These suites start their own redis-server (Debian's redis-server package); without it they skip. */
export const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0;

export async function startRedis(options: { port?: number; aofDir?: string } = {}): Promise<Redis> {
  const p = options.port ?? (await freePort());
  const persistence = options.aofDir
    ? ['--dir', options.aofDir, '--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no'];
  const child = spawn(
    'redis-server',
    ['--port', String(p), '--bind', '127.0.0.1', '--save', '', ...persistence, '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let frozen = false;
  const redis: Redis = {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    child,
    freeze() {
      frozen = true;
      child.kill('SIGSTOP');
    },
    thaw() {
      frozen = false;
      child.kill('SIGCONT');
    },
    cli: (...args) =>
      new Promise((resolve, reject) => {
        const cli = spawn('redis-cli', ['-p', String(p), ...args], { stdio: 'pipe' });
        let text = '';
        cli.stdout.on('data', (d: Buffer) => (text += d.toString()));
        cli.on('error', reject);
        cli.on('exit', () => resolve(text.trim()));
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (frozen) child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    },
  };
  cleanups.push(() => redis.stop());
  const t0 = Date.now();
  while (!/Ready to accept connections/.test(out)) {
    if (child.exitCode !== null) throw new Error(`redis-server exited:\n${out}`);
    if (Date.now() - t0 > 10_000) throw new Error(`redis-server did not start:\n${out}`);
    await sleep(20);
  }
  return redis;
}

// ─── a load balancer ────────────────────────────────────────────────────────────────────────────

export interface Balancer {
  url: string;
  /** Sends every request to this backend first (sticky), or round robin when undefined. */
  pin: number | undefined;
  /** Which backend (index) got each request, and what the caller got back. */
  log: Array<{ backend: number; status: number }>;
  close(): Promise<void>;
}

/**
 * What sits between Telegram and several webhook instances: round robin over the backends' ports
 * (or all to one of them while `pin` is set, like a sticky session);
 * a backend that refuses the connection is skipped (nginx `proxy_next_upstream error`), but a
 * request already sent to a backend that then dies is answered 502 and not sent again (a POST is
 * not idempotent: nginx does not retry it by default) — Telegram delivers the update again later.
 */
export async function startBalancer(backends: () => number[]): Promise<Balancer> {
  let next = 0;
  const log: Balancer['log'] = [];
  const balancer: Balancer = { url: '', pin: undefined, log, close: () => close() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const ports = backends();
      const first = balancer.pin ?? next++ % ports.length;
      const attempt = (tried: number) => {
        if (tried >= ports.length) {
          log.push({ backend: -1, status: 502 });
          res.writeHead(502).end();
          return;
        }
        const index = (first + tried) % ports.length;
        let sent = false;
        const upstream = request(
          {
            host: '127.0.0.1',
            port: ports[index],
            method: req.method,
            path: req.url,
            headers: req.headers,
          },
          (up: IncomingMessage) => {
            const parts: Buffer[] = [];
            up.on('data', (c: Buffer) => parts.push(c));
            up.on('end', () => {
              log.push({ backend: index, status: up.statusCode ?? 0 });
              res.writeHead(up.statusCode ?? 502, up.headers).end(Buffer.concat(parts));
            });
            up.on('error', () => {
              log.push({ backend: index, status: 502 });
              if (!res.headersSent) res.writeHead(502).end();
            });
          },
        );
        upstream.on('socket', (s) => s.on('connect', () => (sent = true)));
        upstream.on('error', () => {
          if (!sent) return attempt(tried + 1); // refused: the next backend
          log.push({ backend: index, status: 502 });
          if (!res.headersSent) res.writeHead(502).end();
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const close = (): Promise<void> =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  cleanups.push(close);
  balancer.url = `http://127.0.0.1:${port}/telegram/webhook`;
  return balancer;
}
