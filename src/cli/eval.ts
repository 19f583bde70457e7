/**
 * `npm run eval -- FILE.jsonl [--sweep]`: accuracy, macro-F1 over all labels (out_of_scope
 * included), per-intent precision and recall, and a confusion table; overall and per language.
 * Scored in the classify contract's vocabulary: security_report counts as unknown_transaction,
 * small talk as out_of_scope (in the file's labels and in the answers alike). `--sweep` prints the
 * same headline figures for a range of thresholds (DEFAULT_THRESHOLD itself is chosen on
 * leave-one-writer-out predictions: scripts/tune-nlu.ts). The model is the one the bot ships,
 * cached in `$DATA_DIR/cache` like the classify CLI's.
 */
import { join } from 'node:path';
import { readJsonl } from '../core/nlu/corpus.ts';
import { evaluate, langOf, type Labelled, type Report } from '../core/nlu/evaluate.ts';
import { loadClassifier } from '../core/nlu/index.ts';
import { CONTRACT_LABELS } from '../core/nlu/lowo.ts';

// A closed pipe (`… | head`) ends the program quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) =>
  process.exit(err.code === 'EPIPE' ? 0 : 1),
);

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: npm run eval -- FILE.jsonl [--sweep]\n');
  process.exit(2);
}
const data: Labelled[] = readJsonl(file);

const cacheDir = join(process.env['DATA_DIR']?.trim() || './data', 'cache');
const { classifier } = loadClassifier(undefined, { cacheDir });
const known = CONTRACT_LABELS;
const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + '%';

function headline(name: string, r: Report): string {
  return `${name.padEnd(8)} n=${String(r.n).padStart(4)}  accuracy ${pct(r.accuracy)}  macro-F1 ${r.macroF1.toFixed(3)}  in-scope acc ${pct(r.inScopeAccuracy)}  oos recall ${pct(r.oosRecall)}  in-scope rejected ${pct(r.inScopeRejected)}`;
}

const groups: Array<[string, Labelled[]]> = [
  ['all', data],
  ['en', data.filter((d) => langOf(d) === 'en')],
  ['zh', data.filter((d) => langOf(d) === 'zh')],
];

if (args.includes('--sweep')) {
  for (const t of [0.1, 0.2, 0.25, 0.3, 0.325, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    for (const [name, rows] of groups)
      if (rows.length)
        console.log(`t=${t.toFixed(2)} ${headline(name, evaluate(classifier, rows, known, t))}`);
  }
  process.exit(0);
}

console.log(`threshold ${classifier.threshold}, temperature ${classifier.temperature}`);
for (const [name, rows] of groups)
  if (rows.length) console.log(headline(name, evaluate(classifier, rows, known)));

const r = evaluate(classifier, data, known);
console.log('\nper label (all languages)');
console.log('label'.padEnd(22) + 'precision  recall     F1  support');
for (const l of r.perLabel)
  console.log(
    `${l.label.padEnd(22)}${pct(l.precision)}  ${pct(l.recall)}  ${l.f1.toFixed(3)}  ${String(l.support).padStart(7)}`,
  );

const labels = [...r.confusion.keys()];
const short = (l: string) => l.slice(0, 6);
console.log('\nconfusion (rows: gold, columns: predicted)');
console.log(''.padEnd(22) + labels.map((l) => short(l).padStart(7)).join(''));
for (const g of labels)
  console.log(
    g.padEnd(22) + labels.map((p) => String(r.confusion.get(g)!.get(p) ?? 0).padStart(7)).join(''),
  );
