/**
 * Preloaded into the bot for `npm run bench -- load --profile` (`node --import
 * ./bench/load/probe.js dist/main.js`), never in the measured runs: samples
 * process.memoryUsage() every 50 ms and, at exit, writes to $BENCH_PROBE_OUT the peak of each
 * field, the V8 heap spaces when RSS peaked, the samples, and every module the process loaded (ES modules
 * through a resolve hook, CommonJS from require.cache).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import process from 'node:process';
import { setInterval } from 'node:timers';
import v8 from 'node:v8';

const out = process.env['BENCH_PROBE_OUT'];
if (out) {
  const esmList = `${out}.esm`;
  writeFileSync(esmList, '');
  register('./probe-hooks.js', import.meta.url, { data: { file: esmList } });
  const require = createRequire(import.meta.url);
  /** @type {Record<string, number>} */
  const peak = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  /** @type {unknown} */
  let atPeak;
  /** @type {Array<[number, number, number]>} uptime ms, RSS, heapUsed */
  const series = [];
  const sample = () => {
    const m = process.memoryUsage();
    series.push([Math.round(process.uptime() * 1000), m.rss, m.heapUsed]);
    for (const k of Object.keys(peak))
      peak[k] = Math.max(peak[k] ?? 0, m[/** @type {'rss'} */ (k)]);
    if (m.rss >= peak['rss']) {
      atPeak = {
        memoryUsage: m,
        uptimeMs: Math.round(process.uptime() * 1000),
        spaces: v8
          .getHeapSpaceStatistics()
          .map((s) => ({ space: s.space_name, used: s.space_used_size, size: s.space_size })),
      };
    }
  };
  const timer = setInterval(sample, 50);
  timer.unref();
  process.on('exit', () => {
    sample();
    const esm = [...new Set(readFileSync(esmList, 'utf8').split('\n').filter(Boolean))];
    writeFileSync(
      out,
      JSON.stringify({
        peak,
        atPeak,
        series,
        modules: [...new Set([...esm, ...Object.keys(require.cache)])],
      }),
    );
  });
}
