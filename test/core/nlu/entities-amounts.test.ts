import { describe, expect, it } from 'vitest';
import {
  displayAmount,
  findAmount,
  parseChineseNumber,
  withoutBalance,
} from '../../../src/core/nlu/entities.ts';
import { formatAmount } from '../../../src/core/flow/step-turn.ts';

describe('findAmount with currencies', () => {
  it.each<[string, number, string]>([
    ['500 usdt', 500, 'USDT'],
    ['about 1200 usdt', 1200, 'USDT'],
    ['250 USDT on tron', 250, 'USDT'],
    ['42.50 EUR', 42.5, 'EUR'],
    ['89.99 USD', 89.99, 'USD'],
    ['800u', 800, 'USDT'],
    // the decimal comma of most of Europe, and the currency sign after the number
    ['89,99€', 89.99, 'EUR'],
    ['i wrote already 89,99 euro', 89.99, 'EUR'],
    ['1.234,56 €', 1234.56, 'EUR'],
    ['12,5 USDT', 12.5, 'USDT'],
    ['100$', 100, 'USD'],
    ['1,250 usdt', 1250, 'USDT'],
    ['一共2000u', 2000, 'USDT'],
    // Hong Kong
    ['HK$2380', 2380, 'HKD'],
    ['hk$ 2,380.50', 2380.5, 'HKD'],
    ['港幣500', 500, 'HKD'],
    ['港幣1200', 1200, 'HKD'],
    ['500港元', 500, 'HKD'],
    ['3000蚊', 3000, 'HKD'],
    ['兩萬蚊', 20000, 'HKD'],
    ['我俾咗1500元', 1500, 'HKD'],
    ['500 HK dollars', 500, 'HKD'],
    ['500 hong kong dollars', 500, 'HKD'],
    ['300 NT dollars', 300, 'TWD'],
    ['80 singapore dollars', 80, 'SGD'],
    // Taiwan
    ['NT$1,500', 1500, 'TWD'],
    ['NT$15000', 15000, 'TWD'],
    ['手續費扣了NT$350', 350, 'TWD'],
    ['1500台幣', 1500, 'TWD'],
    ['1500新台幣', 1500, 'TWD'],
    ['提領了1500塊還沒入帳', 1500, 'TWD'],
    // mainland
    ['3000块', 3000, 'CNY'],
    // digits with a Chinese multiplier, jiao after the yuan, U for USDT, coins in Chinese
    ['3千块', 3000, 'CNY'],
    ['10万元', 100000, 'CNY'],
    ['2k U', 2000, 'USDT'],
    ['六十八块五', 68.5, 'CNY'],
    ['一千二百三十四块五毛', 1234.5, 'CNY'],
    ['五百U', 500, 'USDT'],
    ['０.５个比特币', 0.5, 'BTC'],
    ['0.5個比特幣', 0.5, 'BTC'],
    // a part of a coin, and satoshis (a hundred-millionth of a bitcoin) as traders count them
    ['a quarter of a btc', 0.25, 'BTC'],
    ['sent three quarters of an eth to binance', 0.75, 'ETH'],
    ['50k sats', 0.0005, 'BTC'],
    ['50,000 sats never arrived', 0.0005, 'BTC'],
    ['1.2m sats', 0.012, 'BTC'],
    ['10萬聰', 0.001, 'BTC'],
    // other currencies users write in English
    ['15000 rupees', 15000, 'INR'],
    ['₹15000', 15000, 'INR'],
    ['Rs. 500', 500, 'INR'],
    ['50,000 naira', 50000, 'NGN'],
    ['₦50,000', 50000, 'NGN'],
    ['2,000 pesos', 2000, 'PHP'],
    ['680 canadian dollars', 680, 'CAD'],
    ['680 CAD', 680, 'CAD'],
    ['RM50', 50, 'MYR'],
    // "$" is the writer's dollar in Hong Kong and Taiwan
    ['增值咗 $500', 500, 'HKD'],
    ['儲值 $1,000 沒有到', 1000, 'TWD'],
    ['我转了 $50', 50, 'USD'],
    ['199元', 199, 'CNY'],
    ['两千五百块', 2500, 'CNY'],
    ['人民币300', 300, 'CNY'],
    ['890元', 890, 'CNY'], // no other word: the yuan
  ])('%s → %s %s', (text, value, currency) => {
    expect(findAmount(text)).toMatchObject({ value, currency });
  });

  it('takes the first amount, not the first kind of marker (was: the fee after it)', () => {
    expect(findAmount('withdrew 500 usdt, fee $1')).toMatchObject({ value: 500, currency: 'USDT' });
    expect(findAmount('一百元，手续费$1')).toMatchObject({ value: 100, currency: 'CNY' });
    expect(findAmount('$1 fee on 500 usdt')).toMatchObject({ value: 1, currency: 'USD' });
  });

  it('keeps what the user wrote', () => {
    expect(findAmount('轉咗HK$2,380俾佢')?.text).toBe('HK$2,380');
    expect(findAmount('一共2000u')?.text).toBe('2000u');
  });

  it.each([
    'pending 3 days',
    '12月1号',
    '上週五',
    'I tried 5 times',
    'you u there?',
    'TX4401928374',
  ])('no amount in "%s"', (text) => {
    expect(findAmount(text)).toBeUndefined();
  });

  it('reads 兩 and 萬', () => {
    expect(parseChineseNumber('兩萬')).toBe(20000);
    expect(parseChineseNumber('一萬五千')).toBe(15000);
  });
});

describe('colloquial Chinese amounts', () => {
  it.each<[string, number]>([
    ['三百五', 350],
    ['两千五', 2500],
    ['一万二', 12000],
    ['三百零五', 305],
    ['一万零五百', 10500],
  ])('%s is %i', (s, n) => expect(parseChineseNumber(s)).toBe(n));

  it('a number in Chinese words alone answers "how much?"', () => {
    expect(findAmount('我刚才不是说了吗，两千', { bare: true })?.value).toBe(2000);
    expect(findAmount('一直没到', { bare: true })).toBeUndefined();
  });

  it('"1.5万", "1.5w", "3k" alone answer "how much?" with their multiplier', () => {
    expect(findAmount('1.5万', { bare: true })?.value).toBe(15000);
    expect(findAmount('大概1.5w吧', { bare: true })?.value).toBe(15000);
    expect(findAmount('3k', { bare: true })?.value).toBe(3000);
  });
});

describe('amounts as people count them (outside reviews)', () => {
  it.each([
    ['my withdrawal of 2.000 EUR is stuck', 2000, 'EUR'],
    ['€1.500 gone from my account', 1500, 'EUR'],
    ['sent 1.500 BTC', 1.5, 'BTC'],
    ['0.500 EUR fee', 0.5, 'EUR'],
    ['i told you, 3 x 20 eur', 60, 'EUR'],
    ['sent 2 transfers of 100 usdt each', 200, 'USDT'],
    ['有笔扣款不认识，每笔50元，一共扣了三笔', 150, 'CNY'],
    ['扣咗三次，每次50蚊', 150, 'HKD'],
    ['给朋友转了1.5万，前天转的', 15000, 'CNY'],
    ['俾咗佢兩萬', 20000, 'HKD'],
  ])('%s → %d %s', (text, value, currency) => {
    expect(findAmount(text)).toMatchObject({ value, currency });
  });

  it('counts only with "each" said: "3 payments, 20 eur" may be one of them', () => {
    expect(findAmount('3 payments, 20 eur')).toMatchObject({ value: 20, currency: 'EUR' });
  });

  it('leaves a stated balance out where the amount is not asked', () => {
    expect(withoutBalance('insufficient funds but i have 500 eur on balance')).not.toMatch(/500/);
    expect(withoutBalance('余额还有2000，付款300元失败')).toMatch(/300元/);
    expect(withoutBalance('余额还有2000，付款300元失败')).not.toMatch(/2000/);
  });

  it('keeps an amount with a thousands separator whole ("HK$2,300" was 2)', () => {
    for (const [text, value] of [
      ['有人碌咗我張卡 HK$2,300', 2300],
      ['有一笔不认识的扣款 ¥2,300，不是我消费的', 2300],
      ['someone took $2,300 from me, i have $15 left on balance', 2300],
      ['paid 1,250,000 VND, it failed', 1_250_000],
    ] as const)
      expect(findAmount(withoutBalance(text))?.value, text).toBe(value);
    // A decimal comma is the number's own too: the balance goes whole, the payment stays
    // ("1.500,00 EUR" had become "00 EUR", an amount of 0 on the case; fourth review).
    expect(withoutBalance('my balance is 20,30 eur, the payment of 15 eur failed')).toBe(
      ' the payment of 15 eur failed',
    );
    for (const [text, value] of [
      ['I have send 1.500,00 EUR to my wallet yesterday, nothing arrive', 1500],
      ['sent 150,00 EUR yesterday, not arrived', 150],
    ] as const)
      expect(findAmount(withoutBalance(text))?.value, text).toBe(value);
  });

  it('reads no amount in what masking left of a card ("•••• 1111" was "1111 in which currency?")', () => {
    expect(
      findAmount('card number •••• •••• •••• 1111 expiry ••/•• cvc •••', { bare: true }),
    ).toBeUndefined();
    expect(findAmount('•••• •••• •••• 1111 charged 40 usd')).toMatchObject({ value: 40 });
  });
});

describe('displayAmount: an amount on the case as people read it (fourth review: "1280 TWD", "500.5 HKD")', () => {
  it.each([
    ['1280 TWD', {}, 'NT$1,280'],
    ['500.5 HKD', {}, 'HK$500.50'],
    ['1234.5 HKD', {}, 'HK$1,234.50'],
    ['1000000 USDT', {}, '1,000,000 USDT'],
    ['0.05 BTC', {}, '0.05 BTC'],
    ['25 USD', { english: true }, '$25'],
    ['25 USD', {}, 'US$25'],
    ['42.5 EUR', {}, '€42.50'],
    ['3000 CNY', { yuan: true }, '3,000 元'],
    ['3000 CNY', {}, '3,000 CNY'],
    ['890 元', {}, '890 元'],
    ['not provided', {}, 'not provided'],
  ] as const)('%s → %s', (kept, opts, shown) => {
    expect(displayAmount(kept, opts)).toBe(shown);
  });
});

describe('amounts written in English words (older users, voice typing)', () => {
  it.each<[string, number, string | undefined]>([
    ['five hundred usdt', 500, 'USDT'],
    ['i sent one thousand dollars to my son', 1000, 'USD'],
    ['a hundred bucks', 100, 'USD'],
    ['two thousand five hundred and fifty euros', 2550, 'EUR'],
    ['twenty-five usdt', 25, 'USDT'],
    ['one hundred and twenty five dollars', 125, 'USD'],
    ['fifty euros', 50, 'EUR'],
  ])('%s → %d %s', (text, value, currency) => {
    expect(findAmount(text)).toMatchObject({ value, ...(currency ? { currency } : {}) });
  });

  it('as the answer to "how much?", a scale word is enough ("about a grand")', () => {
    expect(findAmount('about a grand', { bare: true })).toMatchObject({ value: 1000 });
  });

  it.each(['i sent one to my friend', 'two days ago', 'five six', 'three payments of twenty each'])(
    'words that are no amount stay words: %s',
    (text) => {
      expect(findAmount(text, { bare: true })).toBeUndefined();
    },
  );
});

describe('money as people say it (left from the returning-users review)', () => {
  it.each<[string, number, string]>([
    ['half a btc', 0.5, 'BTC'],
    ['i sent about half a bitcoin', 0.5, 'BTC'],
    ['0.2 ether', 0.2, 'ETH'],
    ['fifty quid', 50, 'GBP'],
    ['it was 80 pounds', 80, 'GBP'],
    ['五舊水', 500, 'HKD'],
    ['我俾咗三嚿水佢', 300, 'HKD'],
    ['兩撇水', 2000, 'HKD'],
  ])('%s → %d %s', (text, value, currency) => {
    expect(findAmount(text)).toMatchObject({ value, currency });
  });

  it('"half a grand" answers "how much?" as 500', () => {
    expect(findAmount('half a grand', { bare: true })).toMatchObject({ value: 500 });
  });
});

describe('coins keep every decimal written (crypto review: "0.00045 BTC" was kept as "0 BTC")', () => {
  it.each<[string, number, string]>([
    ['deposit 0.015 BTC not arrived', 0.015, 'BTC'],
    ['withdrawal stuck processing, 0.00045 BTC', 0.00045, 'BTC'],
    ['提幣0.0035 ETH 卡咗喺處理中', 0.0035, 'ETH'],
    ['12.345678 USDT', 12.345678, 'USDT'],
    ['forgot the memo on my XLM deposit, 500 XLM', 500, 'XLM'],
    ['TON充值没填memo 150 TON 怎么办', 150, 'TON'],
    ['sent 2,000 XRP from binance', 2000, 'XRP'],
  ])('%s → %d %s', (text, value, currency) => {
    expect(findAmount(text)).toMatchObject({ value, currency });
  });

  it('fiat is still kept to the cent', () => {
    expect(findAmount('12.3456 eur')).toMatchObject({ value: 12.35, currency: 'EUR' });
  });

  it('a coin is written out with up to 8 decimals, never in exponent form', () => {
    expect(formatAmount(0.00045, 'BTC')).toBe('0.00045 BTC');
    expect(formatAmount(0.0000001, 'BTC')).toBe('0.0000001 BTC');
  });
});

describe('tens of thousands with digits ("1萬2千": the re-test read 2,000)', () => {
  it.each<[string, number]>([
    ['1萬2千 USDT', 12000],
    ['1万2千 USDT', 12000],
    ['1萬2 USDT', 12000],
    ['3万5', 35000],
    ['1万2500', 12500],
  ])('%s → %d', (words, value) => {
    expect(findAmount(words, { bare: true })).toMatchObject({ value });
  });
});
