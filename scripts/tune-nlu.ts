/**
 * Leave-one-writer-out tuning of the intent classifier: trains one model per held-out writer
 * (w1…w6 and test/nlu/dev.jsonl), then fits the softmax temperature (lowest log-loss) and sweeps
 * the reject threshold on those held-out predictions — the figures DEFAULT_TEMPERATURE and
 * DEFAULT_THRESHOLD in src/core/nlu/classifier.ts come from.
 *
 *   npx tsx scripts/tune-nlu.ts [--features '{"vectors":0.7,"sif":200,"lexicon":true}']
 *                              [--writer-weight 1] [--epochs 25] [--l2 1e-5] [--lr 0.8]
 */
import { createRequire } from 'node:module';
import { loadIntents } from '../src/core/intents.ts';
import { DEFAULT_TEMPERATURE, DEFAULT_THRESHOLD } from '../src/core/nlu/classifier.ts';
import { DEV_FILE, INTENTS_DIR, loadWriters, readJsonl } from '../src/core/nlu/corpus.ts';
import { DEFAULT_FEATURES, type FeatureConfig } from '../src/core/nlu/features.ts';
import { fitTemperature, lowoLogLoss, lowoPredictions, lowoReports } from '../src/core/nlu/lowo.ts';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const num = (name: string) => (opt(name) !== undefined ? Number(opt(name)) : undefined);

const features: FeatureConfig = { ...DEFAULT_FEATURES, ...JSON.parse(opt('features') ?? '{}') };
// `--jieba /tmp/x/node_modules/@node-rs/jieba`: Chinese words from jieba next to the character
// n-grams (measurement only; the package is not a dependency).
const jiebaPath = opt('jieba');
if (jiebaPath) {
  const require = createRequire(import.meta.url);
  const rss = process.memoryUsage().rss;
  const { Jieba } = require(jiebaPath) as {
    Jieba: { withDict(d: Uint8Array): { cut(s: string, hmm?: boolean): string[] } };
  };
  const { dict } = require(`${jiebaPath}/dict`) as { dict: Uint8Array };
  const jieba = Jieba.withDict(dict);
  const hmm = args.includes('--jieba-hmm');
  features.zhWords = (run) => jieba.cut(run, hmm).filter((w) => w.length > 1);
  const t = performance.now();
  for (let i = 0; i < 10_000; i++) features.zhWords('我的提现三天了还没到账，客服也不回复');
  console.log(
    `jieba: +${((process.memoryUsage().rss - rss) / 1e6).toFixed(0)} MB RSS, ${((performance.now() - t) / 10).toFixed(1)} µs per 17-character message`,
  );
}
const options = {
  features,
  ...(num('writer-weight') !== undefined ? { writerWeight: num('writer-weight')! } : {}),
  ...(num('epochs') !== undefined ? { epochs: num('epochs')! } : {}),
  ...(num('l2') !== undefined ? { l2: num('l2')! } : {}),
  ...(num('lr') !== undefined ? { learningRate: num('lr')! } : {}),
  ...(num('seed') !== undefined ? { seed: num('seed')! } : {}),
};
const brief = args.includes('--brief');
const log = (s: string) => {
  if (!brief) console.log(s);
};

const t0 = performance.now();
const run = lowoPredictions(loadIntents(INTENTS_DIR), loadWriters(), readJsonl(DEV_FILE), options);
console.log(
  `options ${JSON.stringify(options)}: ${run.rows.length} held-out messages, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const bestT = fitTemperature(run);
const logLoss = lowoLogLoss;
log(
  `temperature: log-loss at 1 ${logLoss(run, 1).toFixed(4)}, best ${bestT.toFixed(2)} → ${logLoss(run, bestT).toFixed(4)} (in use: ${DEFAULT_TEMPERATURE})`,
);

const fmt = (x: number) => x.toFixed(3);
const line = (t: number, temp: number, filter?: Parameters<typeof lowoReports>[3]) =>
  [...lowoReports(run, t, temp, filter)]
    .map(
      ([lang, r]) =>
        `${lang} ${fmt(r.inScopeAccuracy)} / ${fmt(r.oosRecall)} / ${fmt(r.inScopeRejected)} / ${fmt(r.macroF1)}`,
    )
    .join('   ');

log(
  '\nthreshold sweep at the fitted temperature (in-scope acc / oos recall / in-scope rejected / macro-F1), LOWO all writers',
);
let chosen = 0;
let chosenF1 = -1;
for (let t = 0; t <= 0.701; t += 0.025) {
  const reps = [...lowoReports(run, t, bestT).values()];
  const ok = reps.every((r) => r.oosRecall >= 0.85);
  const f1 = reps.reduce((s, r) => s + r.macroF1, 0) / reps.length;
  if (ok && f1 > chosenF1 + 1e-9) [chosen, chosenF1] = [t, f1];
  log(`t=${t.toFixed(3)}  ${line(t, bestT)}${ok ? '' : '  (oos recall < 0.85)'}`);
}
log(
  `\nchosen threshold ${chosen.toFixed(3)} at temperature ${bestT.toFixed(2)} (in use: ${DEFAULT_THRESHOLD} at ${DEFAULT_TEMPERATURE})`,
);
console.log(
  `LOWO all    ${line(chosen, bestT)}   (t=${chosen.toFixed(3)}, T=${bestT.toFixed(2)}, log-loss ${logLoss(run, bestT).toFixed(4)})`,
);
console.log(`LOWO w1..w6 ${line(chosen, bestT, (r) => r.writer !== 'dev')}`);
console.log(`dev only    ${line(chosen, bestT, (r) => r.writer === 'dev')}`);
for (const w of ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'])
  log(`  ${w}       ${line(chosen, bestT, (r) => r.writer === w)}`);
log(`in use      ${line(DEFAULT_THRESHOLD, DEFAULT_TEMPERATURE)}`);
