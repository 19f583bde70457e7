import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedNlu } from '../../../src/app.ts';
import { OUT_OF_SCOPE, CONTRACT_INTENTS } from '../../../src/core/intents.ts';
import { evaluate, langOf, type Labelled } from '../../../src/core/nlu/evaluate.ts';

const { classifier } = sharedNlu();
const dev: Labelled[] = readFileSync(new URL('../../nlu/dev.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Labelled);
const known = new Set<string>([...CONTRACT_INTENTS, OUT_OF_SCOPE]);

describe('the classifier on the dev set (written apart from intents/)', () => {
  it('has at least 30 messages per intent per language plus out-of-scope', () => {
    for (const intent of known)
      for (const lang of ['en', 'zh'])
        expect(
          dev.filter((d) => d.intent === intent && langOf(d) === lang).length,
          `${intent}/${lang}`,
        ).toBeGreaterThanOrEqual(30);
  });

  it.each(['en', 'zh'])('meets the targets in %s', (lang) => {
    const r = evaluate(
      classifier,
      dev.filter((d) => langOf(d) === lang),
      known,
    );
    expect(r.inScopeAccuracy).toBeGreaterThanOrEqual(0.92);
    expect(r.oosRecall).toBeGreaterThanOrEqual(0.85);
    expect(r.inScopeRejected).toBeLessThanOrEqual(0.05);
    expect(r.macroF1).toBeGreaterThanOrEqual(0.88);
  });
});

describe('classify()', () => {
  it.each([
    ['card declined again wtf', 'payment_failed'],
    ['withdrawl pending 3 days', 'withdrawal_pending'],
    ['我的提现三天了还没到账', 'withdrawal_pending'],
    ['账户被冻结了怎么办', 'account_locked'],
    ['refund pls order 88231', 'refund'],
    ['帳戶被凍結了', 'account_locked'],
  ])('%s → %s', (text, intent) => {
    expect(classifier.classify(text).intent).toBe(intent);
  });

  it.each([
    'what is the exchange rate for euro today',
    '今天天气怎么样',
    'how much is the fee to order a physical card',
  ])('says out_of_scope for "%s" rather than guess', (text) => {
    expect(classifier.classify(text).intent).toBe(OUT_OF_SCOPE);
  });

  it('gives a confidence between 0 and 1 and the language', () => {
    const c = classifier.classify('我的提现三天了还没到账');
    expect(c.lang).toBe('zh');
    expect(c.confidence).toBeGreaterThan(0.3);
    expect(c.confidence).toBeLessThanOrEqual(1);
  });
});
