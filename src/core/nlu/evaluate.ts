import { OUT_OF_SCOPE } from '../intents.ts';
import type { LinearIntentClassifier } from './classifier.ts';
import { detectLang } from './text.ts';

export interface Labelled {
  text: string;
  intent: string;
  lang?: string;
}

export interface Report {
  n: number;
  accuracy: number;
  macroF1: number;
  inScopeAccuracy: number;
  oosRecall: number;
  inScopeRejected: number;
  perLabel: Array<{
    label: string;
    precision: number;
    recall: number;
    f1: number;
    support: number;
  }>;
  confusion: Map<string, Map<string, number>>;
}

/** Maps a label the classifier knows but the data does not (small talk) to out_of_scope. */
export function evaluate(
  classifier: LinearIntentClassifier,
  data: Labelled[],
  known: ReadonlySet<string>,
  threshold = classifier.threshold,
): Report {
  const gold: string[] = [];
  const pred: string[] = [];
  for (const d of data) {
    const dist = classifier.distribution(d.text);
    let best = OUT_OF_SCOPE;
    let p = -1;
    for (const [l, v] of dist) if (v > p) [best, p] = [l, v];
    let label = best !== OUT_OF_SCOPE && p >= threshold ? best : OUT_OF_SCOPE;
    if (!known.has(label)) label = OUT_OF_SCOPE;
    gold.push(d.intent);
    pred.push(label);
  }
  const labels = [...new Set([...known, ...gold])].sort();
  const confusion = new Map(labels.map((l) => [l, new Map(labels.map((m) => [m, 0]))]));
  for (let i = 0; i < gold.length; i++) {
    const row = confusion.get(gold[i]!)!;
    row.set(pred[i]!, (row.get(pred[i]!) ?? 0) + 1);
  }
  const perLabel = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === label && gold[i] === label) tp++;
      else if (pred[i] === label) fp++;
      else if (gold[i] === label) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: tp + fn };
  });
  const present = perLabel.filter((l) => l.support > 0);
  const inScope = gold.map((g, i) => [g, pred[i]!] as const).filter(([g]) => g !== OUT_OF_SCOPE);
  const oos = gold.map((g, i) => [g, pred[i]!] as const).filter(([g]) => g === OUT_OF_SCOPE);
  return {
    n: gold.length,
    accuracy: gold.filter((g, i) => g === pred[i]).length / (gold.length || 1),
    macroF1: present.reduce((s, l) => s + l.f1, 0) / (present.length || 1),
    inScopeAccuracy: inScope.filter(([g, p]) => g === p).length / (inScope.length || 1),
    oosRecall: oos.filter(([, p]) => p === OUT_OF_SCOPE).length / (oos.length || 1),
    inScopeRejected: inScope.filter(([, p]) => p === OUT_OF_SCOPE).length / (inScope.length || 1),
    perLabel,
    confusion,
  };
}

export function langOf(d: Labelled): string {
  return d.lang ?? detectLang(d.text) ?? 'en';
}
