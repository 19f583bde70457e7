import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIntents, type IntentCatalog } from '../intents.ts';
import { LinearIntentClassifier } from './classifier.ts';

/** The intents/ folder of this checkout. */
export const INTENTS_DIR = resolve(fileURLToPath(new URL('../../../intents', import.meta.url)));

/** Bump when features or training change: a cached model of another version is not used. */
const MODEL_VERSION = 'softmax-hashed-v1';

/**
 * Loads and validates intents/, then trains the classifier (~0.5 s) — or, with `cacheDir`, reads
 * the model trained last time from `<cacheDir>/nlu-<hash>.bin`, where the hash covers every intent
 * file and the model version, so any change of intents/ trains (and caches) a new one.
 */
export function loadNlu(
  dir = INTENTS_DIR,
  opts: { cacheDir?: string } = {},
): { catalog: IntentCatalog; classifier: LinearIntentClassifier; cached: boolean } {
  const catalog = loadIntents(dir);
  if (!opts.cacheDir)
    return { catalog, classifier: LinearIntentClassifier.train(catalog), cached: false };

  const hash = createHash('sha256').update(MODEL_VERSION);
  for (const f of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort())
    hash.update(f).update(readFileSync(join(dir, f)));
  const file = join(opts.cacheDir, `nlu-${hash.digest('hex').slice(0, 16)}.bin`);
  try {
    return {
      catalog,
      classifier: LinearIntentClassifier.fromBuffer(readFileSync(file)),
      cached: true,
    };
  } catch {
    // No cache yet, or an unreadable one: train and write it.
  }
  const classifier = LinearIntentClassifier.train(catalog);
  try {
    mkdirSync(opts.cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, classifier.toBuffer());
    renameSync(tmp, file);
  } catch {
    // A read-only data folder only costs the next start its training time.
  }
  return { catalog, classifier, cached: false };
}

export type { Classification, IntentClassifier } from './classifier.ts';
