import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIntents, type IntentCatalog } from '../intents.ts';
import { LinearIntentClassifier } from './classifier.ts';

/** The intents/ folder of this checkout. */
export const INTENTS_DIR = resolve(fileURLToPath(new URL('../../../intents', import.meta.url)));

/** Loads and validates intents/, then trains the classifier (well under a second). */
export function loadNlu(dir = INTENTS_DIR): { catalog: IntentCatalog; classifier: LinearIntentClassifier } {
  const catalog = loadIntents(dir);
  return { catalog, classifier: LinearIntentClassifier.train(catalog) };
}

export type { Classification, IntentClassifier } from './classifier.ts';
