/**
 * Start-up: spawns `node dist/main.js` with the flags and environment of `npm start` against the
 * local Telegram emulator with a forum desk, and measures the time from spawn to the "ready" log
 * line, the RSS once ready, and a clean stop on SIGTERM. The restart is measured twice more with
 * the emulator answering each Bot API call 100 ms late, as Telegram does for a server far from
 * its data centres (the calls the start makes side by side cost one round trip, not several).
 * Needs `npm run build`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramEmulator } from '../test/emulators/telegram/index.ts';
import { MAIN, START_ENV, START_FLAGS } from './load.ts';

/** Each Bot API call answered this late in the "far from Telegram" start. */
const FAR_MS = 100;

type Row = [string, string];

export async function benchStartup(): Promise<Row[]> {
  const emu = await TelegramEmulator.start();
  const desk = emu.createDesk();
  const dir = mkdtempSync(join(tmpdir(), 'wsb-start-'));
  const cold = await startOnce(emu, desk, dir);
  const warm = await startOnce(emu, desk, dir);
  await emu.stop();
  const far = await TelegramEmulator.start({ latencyMs: FAR_MS });
  const farDesk = far.createDesk();
  const farReady = (await startOnce(far, farDesk, dir)).readyMs;
  await far.stop();
  rmSync(dir, { recursive: true, force: true });
  return [
    [
      'start-up: spawn → "ready", first start (trains the classifier) (ms)',
      cold.readyMs.toFixed(0),
    ],
    ['start-up: spawn → "ready", restart (cached classifier) (ms)', warm.readyMs.toFixed(0)],
    [
      `start-up: spawn → "ready", restart, each Bot API call ${FAR_MS} ms away (ms)`,
      farReady.toFixed(0),
    ],
    ['start-up: RSS once ready (MB)', (warm.rssKb / 1024).toFixed(0)],
    ['start-up: SIGTERM → exit (ms, exit code)', `${warm.stopMs.toFixed(0)} (${warm.code})`],
  ];
}

async function startOnce(emu: TelegramEmulator, desk: number, dir: string) {
  const started = performance.now();
  const child = spawn(process.execPath, [...START_FLAGS, MAIN], {
    env: {
      ...process.env,
      ...START_ENV,
      TELEGRAM_BOT_TOKEN: emu.token,
      TELEGRAM_API_ROOT: emu.apiRoot,
      AGENT_DESK: `telegram:${desk}`,
      STORE_URL: `sqlite://${join(dir, 's.sqlite')}`,
      DATA_DIR: dir,
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const readyMs = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 20 s:\n${out}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/"msg":"ready"/.test(out)) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before ready:\n${out}`)));
  });
  await new Promise((r) => setTimeout(r, 300));
  const rssKb = Number(
    readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0,
  );
  child.removeAllListeners('exit');
  const stopStarted = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', resolve);
    child.kill('SIGTERM');
  });
  const stopMs = performance.now() - stopStarted;
  return { readyMs, rssKb, stopMs, code };
}

if (import.meta.url === `file://${process.argv[1]}`)
  for (const [k, v] of await benchStartup()) console.log(`${k.padEnd(72)} ${v}`);
