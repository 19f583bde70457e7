import { describe, expect, it } from 'vitest';
import { bestFaq } from '../../../src/core/flow/self-help.ts';

const faq = [
  { match: { en: ['sim card', 'limit'], zh: ['手机号'] }, answer: { en: 'limits', zh: '额度' } },
  { match: { en: ['scam', 'email'], zh: ['诈骗'] }, answer: { en: 'scams', zh: '诈骗' } },
];

describe('bestFaq', () => {
  it('matches English words from the start of a word, as stems; Chinese anywhere', () => {
    expect(bestFaq(faq, 'en', 'what is the limit')).toBe('limits');
    expect(bestFaq(faq, 'en', 'did i get scammed')).toBe('scams');
    expect(bestFaq(faq, 'en', 'my sim card is gone')).toBe('limits');
    // Inside another word: no match ("unlimited" is not "limit", "gmail" not "email").
    expect(bestFaq(faq, 'en', 'i have unlimited data')).toBeUndefined();
    expect(bestFaq(faq, 'en', 'my gmail is fine')).toBeUndefined();
    expect(bestFaq(faq, 'zh', '我被诈骗了')).toBe('诈骗');
  });
});
