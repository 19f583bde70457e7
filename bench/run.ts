/**
 * `npm run bench`: every figure the issues ask for, one line each. Redis figures need the server at
 * REDIS_URL (default redis://127.0.0.1:6379); adapter figures run the real clients against the
 * local emulators.
 */
import { existsSync } from 'node:fs';
import { benchCore } from './core.ts';
import { benchNlu } from './nlu.ts';
import { benchStartup } from './startup.ts';

type Row = [string, string];
const print = (rows: Row[]) => rows.forEach(([k, v]) => console.log(`${k.padEnd(80)} ${v}`));

console.log(`node ${process.version}, ${new Date().toISOString()}`);
print(await benchStartup());
print(await benchNlu());
print(await benchCore('sqlite://$DIR/bench.sqlite', 'SQLite'));
print(await benchCore('sqlite://$DIR/bench.sqlite', 'SQLite', 1));
const redis = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
try {
  print(await benchCore(redis, 'Redis'));
  print(await benchCore(redis, 'Redis', 1));
} catch (err) {
  console.log(`core on Redis: skipped (${(err as Error).message})`);
}
for (const [file, fn] of [
  ['./telegram.ts', 'benchTelegram'],
  ['./discord.ts', 'benchDiscord'],
] as const) {
  if (!existsSync(new URL(file, import.meta.url))) continue;
  const mod = (await import(file)) as Record<string, () => Promise<Row[]>>;
  print(await mod[fn]!());
}
process.exit(0);
