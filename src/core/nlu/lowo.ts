import { CONTRACT_INTENTS, OUT_OF_SCOPE, type IntentCatalog } from '../intents.ts';
import { decide, LinearIntentClassifier, type ClassifierOptions } from './classifier.ts';
import type { Labelled } from './corpus.ts';
import { langOf, score, toKnown, type Report } from './evaluate.ts';
import { softmaxInPlace } from './model.ts';

/** The vocabulary outside evaluations score in: the ten problems and out_of_scope. */
export const CONTRACT_LABELS: ReadonlySet<string> = new Set([...CONTRACT_INTENTS, OUT_OF_SCOPE]);

/** One held-out message and the raw scores of the model that never saw its writer. */
export interface HeldOut {
  writer: string;
  lang: string;
  gold: string;
  text: string;
  logits: Float64Array;
}

export interface LowoRun {
  labels: readonly string[];
  rows: HeldOut[];
}

/**
 * Leave-one-writer-out: for each writer (w1…w6 and the dev set), a model trained on intents/ and
 * every other writer (the dev set is never trained on) scores that writer's messages, both
 * languages. `reuse` may hand back an already trained model for a fold (the "dev" fold is the
 * shipped model).
 */
export function lowoPredictions(
  catalog: IntentCatalog,
  writers: ReadonlyMap<string, readonly Labelled[]>,
  dev: readonly Labelled[],
  options: ClassifierOptions & {
    writerWeight?: number;
    reuse?: (fold: string) => LinearIntentClassifier | undefined;
  } = {},
): LowoRun {
  const folds: Array<[string, readonly Labelled[]]> = [...writers, ['dev', dev]];
  const rows: HeldOut[] = [];
  let labels: readonly string[] = [];
  const featureCache = options.featureCache ?? new Map();
  for (const [fold, test] of folds) {
    const train = [...writers].filter(([w]) => w !== fold).flatMap(([, r]) => r);
    const classifier =
      options.reuse?.(fold) ??
      LinearIntentClassifier.train(catalog, { ...options, featureCache, writers: train });
    labels = classifier.labels;
    for (const d of test)
      rows.push({
        writer: fold,
        lang: langOf(d),
        gold: d.intent,
        text: d.text,
        logits: classifier.logits(d.text),
      });
  }
  return { labels, rows };
}

/** The decisions a threshold and temperature give on held-out rows (contract labels not applied). */
export function lowoDecisions(run: LowoRun, threshold: number, temperature: number): string[] {
  const p = new Float64Array(run.labels.length);
  return run.rows.map((r) => {
    p.set(r.logits);
    softmaxInPlace(p, p.length, temperature);
    return decide(run.labels, p, threshold).intent;
  });
}

/** Micro-averaged figures per language (all held-out writers pooled), in the contract vocabulary. */
export function lowoReports(
  run: LowoRun,
  threshold: number,
  temperature: number,
  filter: (r: HeldOut) => boolean = () => true,
): Map<string, Report> {
  const pred = lowoDecisions(run, threshold, temperature);
  const out = new Map<string, Report>();
  for (const lang of ['en', 'zh']) {
    const idx = run.rows.flatMap((r, i) => (r.lang === lang && filter(r) ? [i] : []));
    out.set(
      lang,
      score(
        idx.map((i) => run.rows[i]!.gold),
        idx.map((i) => pred[i]!),
        CONTRACT_LABELS,
      ),
    );
  }
  return out;
}

/**
 * Mean log-loss on held-out rows of the distribution collapsed to the contract's labels
 * (security_report into unknown_transaction, small talk into out_of_scope): what the temperature
 * is fitted on.
 */
export function lowoLogLoss(run: LowoRun, temperature: number): number {
  const p = new Float64Array(run.labels.length);
  const mapped = run.labels.map((l) => toKnown(l, CONTRACT_LABELS));
  let sum = 0;
  for (const row of run.rows) {
    p.set(row.logits);
    softmaxInPlace(p, p.length, temperature);
    const gold = toKnown(row.gold, CONTRACT_LABELS);
    let q = 0;
    for (let k = 0; k < p.length; k++) if (mapped[k] === gold) q += p[k]!;
    sum -= Math.log(Math.max(q, 1e-12));
  }
  return sum / run.rows.length;
}

/** The temperature with the lowest lowoLogLoss, on a 0.05 grid over [0.3, 3]. */
export function fitTemperature(run: LowoRun): number {
  let best = 1;
  let bestLoss = lowoLogLoss(run, 1);
  for (let i = 6; i <= 60; i++) {
    const t = i / 20;
    const loss = lowoLogLoss(run, t);
    if (loss < bestLoss) [best, bestLoss] = [t, loss];
  }
  return best;
}
