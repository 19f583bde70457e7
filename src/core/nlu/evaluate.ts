import { OUT_OF_SCOPE, toContractIntent } from '../intents.ts';
import type { LinearIntentClassifier } from './classifier.ts';
import type { Labelled } from './corpus.ts';
import { detectLang } from './text.ts';

export type { Labelled } from './corpus.ts';

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

/**
 * A label as an outside evaluation that knows only `known` names it: security_report counts as
 * unknown_transaction, and anything else it does not know (small talk) as out_of_scope.
 */
export function toKnown(label: string, known: ReadonlySet<string>): string {
  const l = toContractIntent(label);
  return known.has(l) ? l : OUT_OF_SCOPE;
}

/** The classifier's answers on `data`, scored in the vocabulary `known` (see toKnown). */
export function evaluate(
  classifier: LinearIntentClassifier,
  data: readonly Labelled[],
  known: ReadonlySet<string>,
  threshold = classifier.threshold,
): Report {
  return score(
    data.map((d) => d.intent),
    data.map((d) => classifier.classify(d.text, 'en', threshold).intent),
    known,
  );
}

/** Accuracy, macro-F1 (over the labels present in `gold`), in-scope and out-of-scope rates. */
export function score(
  goldLabels: readonly string[],
  predLabels: readonly string[],
  known: ReadonlySet<string>,
): Report {
  const gold = goldLabels.map((g) => toKnown(g, known));
  const pred = predLabels.map((p) => toKnown(p, known));
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
