import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntentCatalog, loadIntents, type IntentSpec } from '../intents.ts';
import { LinearIntentClassifier, TRAIN_DEFAULTS, WRITER_WEIGHT } from './classifier.ts';
import { INTENTS_DIR, loadWriters, writerFiles } from './corpus.ts';
import { DEFAULT_FEATURES } from './features.ts';
import { LEXICON_FILE } from './lexicon.ts';
import { WORD_VECTORS_FILE } from './vectors.ts';

export { INTENTS_DIR } from './corpus.ts';

/** Bump when features or training change: a cached model of another version is not used. */
const MODEL_VERSION = 'softmax-hashed-glove-lexicon-v2';

/**
 * Loads and validates intents/, then trains the classifier on its examples and the writers'
 * messages in intents/writers/ (~2 s) — or, with `cacheDir`, reads the model trained last time
 * (see loadClassifier).
 */
export function loadNlu(
  dir = INTENTS_DIR,
  opts: { cacheDir?: string } = {},
): { catalog: IntentCatalog; classifier: LinearIntentClassifier; cached: boolean } {
  const catalog = loadCatalog(dir, opts.cacheDir);
  return { catalog, ...loadClassifier(dir, { ...opts, catalog }) };
}

/**
 * intents/ parsed and validated — or, with `cacheDir`, the validated catalog saved last time under
 * the same hash as the model (any change to intents/ validates again): a restart skips ~150 ms of
 * YAML parsing and schema checks.
 */
function loadCatalog(dir: string, cacheDir: string | undefined): IntentCatalog {
  if (!cacheDir) return loadIntents(dir);
  const file = join(cacheDir, `intents-${cacheHash(dir)}.json`);
  try {
    return new IntentCatalog(JSON.parse(readFileSync(file, 'utf8')) as IntentSpec[]);
  } catch {
    // No cache yet: validate and save.
  }
  const catalog = loadIntents(dir);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(catalog.all));
    renameSync(tmp, file);
  } catch {
    // A read-only data folder only costs the next start its validation time.
  }
  return catalog;
}

/** One hash over everything the model and the catalog are built from. */
function cacheHash(dir: string): string {
  const writersDir = join(dir, 'writers');
  const hash = createHash('sha256')
    .update(MODEL_VERSION)
    .update(JSON.stringify({ DEFAULT_FEATURES, TRAIN_DEFAULTS, WRITER_WEIGHT }));
  for (const f of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort())
    hash.update(f).update(readFileSync(join(dir, f)));
  for (const f of writerFiles(writersDir)) hash.update(f).update(readFileSync(join(writersDir, f)));
  hash.update(readFileSync(LEXICON_FILE)).update(readFileSync(WORD_VECTORS_FILE));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The classifier alone (the classify CLI needs no catalog). With `cacheDir` the model trained last
 * time is read from `<cacheDir>/nlu-<hash>.bin`, where the hash covers every intent and writer
 * file, the lexicon, the word vectors and the model version — so any change trains (and caches) a
 * new one, and a hit needs neither training nor parsing intents/.
 */
export function loadClassifier(
  dir = INTENTS_DIR,
  opts: { cacheDir?: string; catalog?: IntentCatalog } = {},
): { classifier: LinearIntentClassifier; cached: boolean } {
  const writersDir = join(dir, 'writers');
  const train = () =>
    LinearIntentClassifier.train(opts.catalog ?? loadIntents(dir), {
      writers: [...loadWriters(writersDir).values()].flat(),
    });
  if (!opts.cacheDir) return { classifier: train(), cached: false };

  const file = join(opts.cacheDir, `nlu-${cacheHash(dir)}.bin`);
  try {
    return { classifier: LinearIntentClassifier.fromBuffer(readFileSync(file)), cached: true };
  } catch {
    // No cache yet, or an unreadable one: train and write it.
  }
  const classifier = train();
  try {
    mkdirSync(opts.cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, classifier.toBuffer());
    renameSync(tmp, file);
  } catch {
    // A read-only data folder only costs the next start its training time.
  }
  return { classifier, cached: false };
}

export type { Classification, IntentClassifier, Ranked } from './classifier.ts';
