/**
 * Memory by component, for `npm run bench -- load --profile`: imports what dist/main.js loads,
 * one part after the other, and prints after each (two forced GCs) the growth of RSS, V8 heap
 * and external memory, and the part's wall time (ms), as one JSON line per part. The classifier
 * comes from a cached model. Packages are imported as the app imports them (chrono-node: the
 * English and Simplified Chinese locales only); the OpenCC tables, built on the first Chinese
 * message, come last, after "total at start".
 *
 *   node --expose-gc bench/load/heap-steps.js <DIR with dist/> <model cache dir>
 */
import { performance } from 'node:perf_hooks';
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
/** @type {Array<{ part: string, rss: number, heap: number, external: number, ms?: number }>} */
const rows = [{ part: 'node itself', rss: prev.rss, heap: prev.heapUsed, external: prev.external }];
const step = async (/** @type {string} */ part, /** @type {() => unknown} */ run) => {
  const t0 = performance.now();
  await run();
  const ms = Math.round(performance.now() - t0);
  const m = snap();
  rows.push({
    part,
    rss: m.rss - prev.rss,
    heap: m.heapUsed - prev.heapUsed,
    external: m.external - prev.external,
    ms,
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
await step('keyv, better-sqlite3 (its addon loaded)', async () => {
  await import('keyv');
  await import('@keyv/serialize');
  const { default: Database } = await import('better-sqlite3');
  new Database(':memory:').close();
});
await step('chrono-node (en, zh/hans)', async () => {
  await import('chrono-node/en');
  await import('chrono-node/zh/hans');
});
await step('yaml', () => import('yaml'));
/** @typedef {{ traditional: { convert: (text: string) => string } }} SharedTexts */
/** @type {{ sharedNlu: (dir: string) => unknown, sharedTexts: () => SharedTexts }} */
let app = {
  sharedNlu: () => undefined,
  sharedTexts: () => ({ traditional: { convert: (t) => t } }),
};
await step('app code (dist/app.js and its imports)', async () => {
  app = await import(dist('app.js'));
  await import(dist('adapters/telegram/index.js'));
});
await step('intents + cached model (sharedNlu)', () => app.sharedNlu(cacheDir));
await step('texts (sharedTexts)', () => app.sharedTexts());
const atStart = snap();
rows.push({
  part: 'total at start',
  rss: atStart.rss,
  heap: atStart.heapUsed,
  external: atStart.external,
});
await step('first Chinese message (OpenCC hk→cn, foldText)', async () => {
  const { foldText } = await import(dist('core/nlu/text.js'));
  foldText('我的帳戶被鎖了');
});
await step('first Han script check / Traditional reply (OpenCC cn→tw)', async () => {
  const { detectScript } = await import(dist('core/script.js'));
  detectScript('我的帳戶被鎖了');
  app.sharedTexts().traditional.convert('您的账户已被锁定');
});
const end = snap();
rows.push({ part: 'total', rss: end.rss, heap: end.heapUsed, external: end.external });
for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
