/**
 * Memory by component, for `npm run bench -- load --profile`: imports what dist/main.js loads,
 * one part after the other, and prints after each (two forced GCs) the growth of RSS, V8 heap
 * and external memory as one JSON line per part. The classifier comes from a cached model.
 *
 *   node --expose-gc bench/load/heap-steps.js <DIR with dist/> <model cache dir>
 */
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const [root, cacheDir] = process.argv.slice(2);
const gc = /** @type {{ gc?: () => void }} */ (globalThis).gc;
if (!root || !cacheDir || !gc) throw new Error('usage: node --expose-gc heap-steps.js ROOT CACHE');
const snap = () => {
  gc();
  gc();
  return process.memoryUsage();
};
let prev = snap();
/** @type {Array<{ part: string, rss: number, heap: number, external: number }>} */
const rows = [{ part: 'node itself', rss: prev.rss, heap: prev.heapUsed, external: prev.external }];
const step = async (/** @type {string} */ part, /** @type {() => unknown} */ run) => {
  await run();
  const m = snap();
  rows.push({
    part,
    rss: m.rss - prev.rss,
    heap: m.heapUsed - prev.heapUsed,
    external: m.external - prev.external,
  });
  prev = m;
};
const dist = (/** @type {string} */ f) => pathToFileURL(`${root}/dist/${f}`).href;

await step('grammy, @grammyjs/runner, auto-retry', async () => {
  await import('grammy');
  await import('@grammyjs/runner');
  await import('@grammyjs/auto-retry');
});
await step('pino', () => import('pino'));
await step('keyv, @keyv/sqlite, sqlite3', async () => {
  await import('keyv');
  await import('@keyv/sqlite');
});
await step('chrono-node (all locales)', () => import('chrono-node'));
await step('zod', () => import('zod'));
await step('yaml', () => import('yaml'));
await step('opencc-js', () => import('opencc-js'));
/** @type {{ sharedNlu: (dir: string) => unknown, sharedTexts: () => unknown }} */
let app = { sharedNlu: () => undefined, sharedTexts: () => undefined };
await step('app code (dist/app.js and its imports)', async () => {
  app = await import(dist('app.js'));
  await import(dist('adapters/telegram/index.js'));
});
await step('intents + cached model (sharedNlu)', () => app.sharedNlu(cacheDir));
await step('texts (sharedTexts)', () => app.sharedTexts());
const end = snap();
rows.push({ part: 'total', rss: end.rss, heap: end.heapUsed, external: end.external });
for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
