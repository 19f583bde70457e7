/**
 * `npm run bench`: every figure the issues ask for, one line each. Redis figures need the server at
 * REDIS_URL (default redis://127.0.0.1:6379); adapter figures run the real clients against the
 * local emulators; the load test and the start-up (bench/load.ts, bench/startup.ts) run the built
 * bot as `npm start` does (`npm run build` first).
 *
 * Parts can be named: `npm run bench -- load` (or startup, nlu, core, telegram, discord; several
 * allowed); `npm run bench -- load --profile` adds the profile of the real bot under load.
 */
import { existsSync } from 'node:fs';
import { benchCore } from './core.ts';
import { benchLoad } from './load.ts';
import { benchNlu } from './nlu.ts';
import { benchStartup } from './startup.ts';

type Row = [string, string];
const print = (rows: Row[]) => rows.forEach(([k, v]) => console.log(`${k.padEnd(80)} ${v}`));

const args = process.argv.slice(2);
const parts = args.filter((a) => !a.startsWith('-'));
const want = (part: string) => parts.length === 0 || parts.includes(part);

console.log(`node ${process.version}, ${new Date().toISOString()}`);
if (want('startup')) print(await benchStartup());
if (want('nlu')) print(await benchNlu());
if (want('core')) {
  print(await benchCore('sqlite://$DIR/bench.sqlite', 'SQLite'));
  print(await benchCore('sqlite://$DIR/bench.sqlite', 'SQLite', 1));
  const redis = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  try {
    print(await benchCore(redis, 'Redis'));
    print(await benchCore(redis, 'Redis', 1));
  } catch (err) {
    console.log(`core on Redis: skipped (${(err as Error).message})`);
  }
}
for (const [part, file, fn] of [
  ['telegram', './telegram.ts', 'benchTelegram'],
  ['discord', './discord.ts', 'benchDiscord'],
] as const) {
  if (!want(part) || !existsSync(new URL(file, import.meta.url))) continue;
  const mod = (await import(file)) as Record<string, () => Promise<Row[]>>;
  print(await mod[fn]!());
}
if (want('load')) for (const line of await benchLoad(args.includes('--profile'))) console.log(line);
process.exit(0);
