import { describe, expect, it } from 'vitest';
import {
  findAmount,
  findDate,
  findTransactionIds,
  parseChineseNumber,
  txidShapeFromPattern,
} from '../../../src/core/nlu/entities.ts';
import { detectLang, foldText } from '../../../src/core/nlu/text.ts';

const NOW = Date.UTC(2026, 10, 30, 12);

describe('transaction ids', () => {
  it.each([
    ['tx 7f3a9c21be withdrawal 500 usdt not received', '7f3a9c21be'],
    ['TX-20261120-8F3K2Q9', 'TX-20261120-8F3K2Q9'],
    ['订单号20261120123456789还没到', '20261120123456789'],
    ['hash 0x' + 'ab'.repeat(32), '0x' + 'ab'.repeat(32)],
  ])('finds the id in %s', (text, id) => {
    expect(findTransactionIds(text)[0]).toBe(id);
  });

  // "order 88231" is an id now: a labelled order number (entities-ids.test.ts).
  it.each(['withdrawals pending', 'abc', '12345', 'my refund'])('finds no id in "%s"', (text) => {
    expect(findTransactionIds(text)).toEqual([]);
  });

  it('takes a configured shape', () => {
    const shape = txidShapeFromPattern('PAY\\d{8}', 'PAY12345678');
    expect(findTransactionIds('id PAY12345678 and TX-20261120-8F3K2Q9', shape)).toEqual([
      'PAY12345678',
    ]);
  });
});

describe('amounts', () => {
  it.each([
    ['$100', 100, 'USD'],
    ['100 USDT', 100, 'USDT'],
    ['100元', 100, 'CNY'],
    ['¥100', 100, 'CNY'],
    ['一百元', 100, 'CNY'],
    ['两千五百块', 2500, 'CNY'],
    ['sent 1,250.50 usd yesterday', 1250.5, 'USD'],
  ])('%s', (text, value, currency) => {
    expect(findAmount(text)).toMatchObject({ value, currency });
  });

  it('needs a currency unless the user is answering "how much?"', () => {
    expect(findAmount('pending 3 days')).toBeUndefined();
    expect(findAmount('300', { bare: true })).toMatchObject({ value: 300 });
  });

  it('does not take a transaction id for an amount', () => {
    expect(findAmount('TX20261120123', { bare: true })).toBeUndefined();
  });

  it('reads Chinese numerals', () => {
    expect(parseChineseNumber('三千五百')).toBe(3500);
    expect(parseChineseNumber('两万')).toBe(20000);
    expect(parseChineseNumber('十五')).toBe(15);
  });
});

describe('dates', () => {
  it.each([
    ['yesterday', '2026-11-29'],
    ['3 days ago', '2026-11-27'],
    ['pending for 3 days', '2026-11-27'],
    ['昨天', '2026-11-29'],
    ['三天前', '2026-11-27'],
    ['2026-11-20', '2026-11-20'],
    ['11月20日', '2026-11-20'],
  ])('%s', (text, iso) => {
    expect(findDate(text, NOW)?.iso).toBe(iso);
  });
});

describe('language and folding', () => {
  it.each([
    ['card declined again wtf', 'en'],
    ['我的提现三天了还没到账', 'zh'],
    ['我的withdrawal还没到', 'zh'],
    ['my 提现 is stuck', 'en'],
    ['TX-20261120-8F3K2Q9 还没到', 'zh'],
  ])('%s is %s', (text, lang) => {
    expect(detectLang(text)).toBe(lang);
  });

  it('has no language for digits and emoji', () => {
    expect(detectLang('12345 😡')).toBeUndefined();
  });

  it('folds traditional characters to simplified', () => {
    expect(foldText('帳戶被凍結')).toBe('账户被冻结');
    expect(foldText('提現轉帳')).toBe('提现转账');
  });
});
