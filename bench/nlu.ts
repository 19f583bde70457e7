/**
 * Classifier figures: training time, per-message latency, model heap, dev-set accuracy, the
 * leave-one-writer-out estimate, and the `npm run --silent classify` contract (first answer with a
 * cached model, and 2,000 lines including start-up).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIntents } from '../src/core/intents.ts';
import { LinearIntentClassifier } from '../src/core/nlu/classifier.ts';
import { DEV_FILE, INTENTS_DIR, loadWriters, readJsonl } from '../src/core/nlu/corpus.ts';
import { evaluate, langOf, type Report } from '../src/core/nlu/evaluate.ts';
import { CONTRACT_LABELS, lowoPredictions, lowoReports } from '../src/core/nlu/lowo.ts';

type Row = [string, string];
const gc = (globalThis as { gc?: () => void }).gc;
const figures = (r: Report) =>
  `${r.inScopeAccuracy.toFixed(3)} / ${r.oosRecall.toFixed(3)} / ${r.inScopeRejected.toFixed(3)} / ${r.macroF1.toFixed(3)}`;
const HEAD = '(in-scope acc / oos recall / in-scope rejected / macro-F1)';

export async function benchNlu(): Promise<Row[]> {
  const rows: Row[] = [];
  const catalog = loadIntents(INTENTS_DIR);
  const writers = loadWriters();
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  const classifier = LinearIntentClassifier.train(catalog, {
    writers: [...writers.values()].flat(),
  });
  const trainMs = performance.now() - t0;
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  rows.push(['nlu: training, intents/ + 6 writers (ms)', trainMs.toFixed(0)]);
  rows.push([
    `nlu: model + word vectors memory (MB${gc ? '' : ', no --expose-gc: rough'})`,
    ((heapAfter - heapBefore) / 1e6).toFixed(1),
  ]);

  const dev = readJsonl(DEV_FILE);
  const texts = dev.map((d) => d.text);
  for (let i = 0; i < 2000; i++) classifier.classify(texts[i % texts.length]!); // warm-up
  const times: number[] = [];
  for (let round = 0; round < 10; round++)
    for (const t of texts) {
      const s = performance.now();
      classifier.classify(t);
      times.push((performance.now() - s) * 1000);
    }
  times.sort((a, b) => a - b);
  rows.push(['nlu: classify median (µs)', times[Math.floor(times.length / 2)]!.toFixed(1)]);
  rows.push(['nlu: classify p99 (µs)', times[Math.floor(times.length * 0.99)]!.toFixed(1)]);

  for (const lang of ['en', 'zh'])
    rows.push([
      `nlu: dev set ${lang} ${HEAD}`,
      figures(
        evaluate(
          classifier,
          dev.filter((d) => langOf(d) === lang),
          CONTRACT_LABELS,
        ),
      ),
    ]);

  // Leave-one-writer-out: seven models, each blind to one writer (the dev fold is the model above).
  const s0 = performance.now();
  const run = lowoPredictions(catalog, writers, dev, {
    reuse: (fold) => (fold === 'dev' ? classifier : undefined),
  });
  const lowoS = (performance.now() - s0) / 1000;
  const { threshold, temperature } = classifier;
  for (const [lang, r] of lowoReports(run, threshold, temperature))
    rows.push([`nlu: leave-one-writer-out ${lang}, 7 writers ${HEAD}`, figures(r)]);
  for (const [lang, r] of lowoReports(run, threshold, temperature, (h) => h.writer !== 'dev'))
    rows.push([`nlu: leave-one-writer-out ${lang}, w1..w6 only`, figures(r)]);
  rows.push(['nlu: leave-one-writer-out run (s)', lowoS.toFixed(1)]);

  // The CLI contract (compiled: `npm run classify` runs dist/), with the model cache in a fresh
  // DATA_DIR: the first run trains and writes it, the next ones read it.
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) {
    rows.push(['classify CLI', 'skipped: npm run build failed']);
    return rows;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'wsb-bench-nlu-'));
  try {
    const first = await cli(dataDir, texts[0]! + '\n');
    rows.push([
      'classify CLI: first run, trains and caches the model (s)',
      first.totalS.toFixed(2),
    ]);
    const firstLine = [];
    for (let i = 0; i < 3; i++) firstLine.push((await cli(dataDir, texts[i]! + '\n')).firstLineS);
    firstLine.sort((a, b) => a - b);
    rows.push([
      'classify CLI: first answer after start, cached model (s, median of 3)',
      firstLine[1]!.toFixed(2),
    ]);
    const input =
      Array.from({ length: 2000 }, (_, i) =>
        i % 2 ? JSON.stringify({ text: texts[i % texts.length] }) : texts[i % texts.length],
      ).join('\n') + '\n';
    const many = await cli(dataDir, input);
    rows.push([
      `classify CLI: ${many.lines} lines incl. start-up, cached model (s)`,
      many.totalS.toFixed(2),
    ]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/** Runs `npm run --silent classify` on `input`: time to the first output line and to the end. */
function cli(
  dataDir: string,
  input: string,
): Promise<{ firstLineS: number; totalS: number; lines: number }> {
  const s = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn('npm', ['run', '--silent', 'classify'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, DATA_DIR: dataDir },
    });
    let buf = '';
    let firstLineS = NaN;
    p.stdout.on('data', (d: Buffer) => {
      if (!buf && Number.isNaN(firstLineS)) firstLineS = (performance.now() - s) / 1000;
      buf += d.toString();
    });
    p.on('error', reject);
    p.on('close', () =>
      resolve({
        firstLineS,
        totalS: (performance.now() - s) / 1000,
        lines: buf.trim().split('\n').length,
      }),
    );
    p.stdin.end(input);
  });
}

if (import.meta.url === `file://${process.argv[1]}`)
  for (const [k, v] of await benchNlu()) console.log(`${k.padEnd(80)} ${v}`);
