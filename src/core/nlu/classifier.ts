import type { IntentCatalog } from '../intents.ts';
import { OUT_OF_SCOPE } from '../intents.ts';
import type { Lang } from '../types.ts';
import { extractFeatures } from './features.ts';
import { SoftmaxModel, type TrainOptions } from './model.ts';
import { detectLang } from './text.ts';

export interface Classification {
  /** An intent id from intents/, or `out_of_scope` when the bot should not guess. */
  intent: string;
  /** Probability of `intent` (for out_of_scope: that it is none of the known intents). */
  confidence: number;
  lang: Lang;
  /** The model's best in-scope guess and its probability, kept for logs and evaluation. */
  best: { intent: string; p: number };
}

/** The small interface the flow depends on; any classifier that names intents fits behind it. */
export interface IntentClassifier {
  classify(text: string, fallbackLang?: Lang): Classification;
}

/**
 * Below this probability the bot shows the menu instead of guessing. Chosen on test/nlu/dev.jsonl
 * (written independently of intents/) with `npm run eval -- test/nlu/dev.jsonl --sweep`: the
 * lowest value keeping ≥ 85 % out-of-scope recall with ≤ 5 % of in-scope messages rejected.
 */
export const DEFAULT_THRESHOLD = 0.3;

export class LinearIntentClassifier implements IntentClassifier {
  private readonly probs: Float64Array;

  constructor(
    private readonly model: SoftmaxModel,
    readonly threshold = DEFAULT_THRESHOLD,
  ) {
    this.probs = new Float64Array(model.labels.length);
  }

  static train(
    catalog: IntentCatalog,
    options: TrainOptions & { threshold?: number } = {},
  ): LinearIntentClassifier {
    const docs = catalog
      .trainingSet()
      .map((d) => ({ features: extractFeatures(d.text), label: d.label }));
    return new LinearIntentClassifier(SoftmaxModel.train(docs, options), options.threshold);
  }

  /** The trained model as bytes, for the on-disk cache (see loadNlu). */
  toBuffer(): Buffer {
    return this.model.toBuffer();
  }

  static fromBuffer(buf: Buffer, threshold?: number): LinearIntentClassifier {
    return new LinearIntentClassifier(SoftmaxModel.fromBuffer(buf), threshold);
  }

  get labels(): readonly string[] {
    return this.model.labels;
  }

  /** All class probabilities, label → p (for evaluation and threshold sweeps). */
  distribution(text: string): Map<string, number> {
    this.model.scoresInto(this.model.vectorize(extractFeatures(text)), this.probs);
    return new Map(this.model.labels.map((l, i) => [l, this.probs[i]!]));
  }

  classify(text: string, fallbackLang: Lang = 'en'): Classification {
    const lang = detectLang(text) ?? fallbackLang;
    const features = extractFeatures(text);
    if (features.length === 0) {
      return { intent: OUT_OF_SCOPE, confidence: 1, lang, best: { intent: OUT_OF_SCOPE, p: 1 } };
    }
    const p = this.probs;
    this.model.scoresInto(this.model.vectorize(features), p);
    const labels = this.model.labels;
    let top = 0;
    for (let k = 1; k < labels.length; k++) if (p[k]! > p[top]!) top = k;
    const best = { intent: labels[top]!, p: p[top]! };
    if (best.intent === OUT_OF_SCOPE || best.p < this.threshold) {
      const oos = labels.indexOf(OUT_OF_SCOPE);
      const confidence =
        best.intent === OUT_OF_SCOPE ? best.p : Math.max(1 - best.p, oos >= 0 ? p[oos]! : 0);
      return { intent: OUT_OF_SCOPE, confidence, lang, best };
    }
    return { intent: best.intent, confidence: best.p, lang, best };
  }
}
