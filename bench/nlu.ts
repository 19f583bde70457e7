/**
 * Classifier figures: training time, per-message latency, model heap, dev-set accuracy, and the
 * `npm run --silent classify` contract on 2,000 lines including start-up.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { OUT_OF_SCOPE, CONTRACT_INTENTS, loadIntents } from '../src/core/intents.ts';
import { LinearIntentClassifier } from '../src/core/nlu/classifier.ts';
import { evaluate, langOf, type Labelled } from '../src/core/nlu/evaluate.ts';
import { INTENTS_DIR } from '../src/core/nlu/index.ts';

type Row = [string, string];
const gc = (globalThis as { gc?: () => void }).gc;

export async function benchNlu(): Promise<Row[]> {
  const rows: Row[] = [];
  const catalog = loadIntents(INTENTS_DIR);
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  const classifier = LinearIntentClassifier.train(catalog);
  const trainMs = performance.now() - t0;
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  rows.push(['nlu: training at start (ms)', trainMs.toFixed(0)]);
  rows.push([
    `nlu: model memory (MB${gc ? '' : ', no --expose-gc: rough'})`,
    ((heapAfter - heapBefore) / 1e6).toFixed(1),
  ]);

  const dev: Labelled[] = readFileSync('test/nlu/dev.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Labelled);
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

  const known = new Set<string>([...CONTRACT_INTENTS, OUT_OF_SCOPE]);
  for (const lang of ['en', 'zh']) {
    const r = evaluate(
      classifier,
      dev.filter((d) => langOf(d) === lang),
      known,
    );
    rows.push([
      `nlu: dev set ${lang} (in-scope acc / oos recall / in-scope rejected / macro-F1)`,
      `${r.inScopeAccuracy.toFixed(3)} / ${r.oosRecall.toFixed(3)} / ${r.inScopeRejected.toFixed(3)} / ${r.macroF1.toFixed(3)}`,
    ]);
  }

  // The CLI contract: 2,000 lines through `npm run --silent classify`, start-up included.
  const input =
    Array.from({ length: 2000 }, (_, i) =>
      i % 2 ? JSON.stringify({ text: texts[i % texts.length] }) : texts[i % texts.length],
    ).join('\n') + '\n';
  const s = performance.now();
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn('npm', ['run', '--silent', 'classify'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let buf = '';
    p.stdout.on('data', (d: Buffer) => (buf += d.toString()));
    p.on('error', reject);
    p.on('close', () => resolve(buf));
    p.stdin.end(input);
  });
  const lines = out.trim().split('\n').length;
  rows.push([
    `classify CLI: ${lines} lines incl. start-up (s)`,
    ((performance.now() - s) / 1000).toFixed(2),
  ]);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`)
  for (const [k, v] of await benchNlu()) console.log(`${k.padEnd(72)} ${v}`);
