/**
 * Amounts with their currency in what users write: "500 usdt", "$20", "NT$1,200", "一百元",
 * "五百蚊" (元/块 as the local currency of the writer's script). Pure functions.
 */
import { withoutIds } from './identifiers.ts';
import { cleanText, foldText, hasCjk } from './text.ts';

export interface Amount {
  value: number;
  currency?: string;
  /** As the user wrote it. */
  text: string;
}

const CURRENCY_WORDS: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  bucks: 'USD',
  美元: 'USD',
  美金: 'USD',
  刀: 'USD',
  '¥': 'CNY',
  '￥': 'CNY',
  cny: 'CNY',
  rmb: 'CNY',
  元: 'CNY',
  块: 'CNY',
  块钱: 'CNY',
  塊: 'CNY',
  塊錢: 'CNY',
  人民币: 'CNY',
  人民幣: 'CNY',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  usdt: 'USDT',
  u: 'USDT',
  usdc: 'USDC',
  btc: 'BTC',
  eth: 'ETH',
  hkd: 'HKD',
  hk$: 'HKD',
  港币: 'HKD',
  港幣: 'HKD',
  港元: 'HKD',
  港纸: 'HKD',
  港紙: 'HKD',
  蚊: 'HKD',
  twd: 'TWD',
  ntd: 'TWD',
  nt$: 'TWD',
  台币: 'TWD',
  台幣: 'TWD',
  臺幣: 'TWD',
  新台币: 'TWD',
  新台幣: 'TWD',
  新臺幣: 'TWD',
  sgd: 'SGD',
  s$: 'SGD',
};
const ZH_CURRENCY = String.raw`新台幣|新台币|新臺幣|台幣|台币|臺幣|港幣|港币|港元|港紙|港纸|人民币|人民幣|美元|美金`;
const PREFIX = String.raw`(?<pre>hk\$|nt\$|us\$|s\$|[$¥￥€£]|usdt|usdc|usd|cny|rmb|eur|gbp|hkd|twd|ntd|sgd|${ZH_CURRENCY})\s*`;
/**
 * 1,250 and 1,250.50; 89.99; and the decimal comma of most of Europe: 89,99 and 1.234,56 (a comma
 * followed by one or two digits is a decimal comma, by three a thousands separator).
 */
const NUM = String.raw`\d{1,3}(?:\.\d{3})+,\d{1,2}(?!\d)|\d+,\d{1,2}(?![\d,])|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const NUMBER = String.raw`(?<num>${NUM})`;
const SUFFIX = String.raw`(?:\s*(?<suf>usdt|usdc|usd|dollars?|bucks|btc|eth|eur|euros?|gbp|cny|rmb|hkd|twd|ntd|sgd|${ZH_CURRENCY}|块钱|塊錢|元|块|塊|蚊|刀|[$€£])|(?<u>u)(?![a-z]))`;
const WITH_PREFIX = new RegExp(`(?<![\\w.])${PREFIX}${NUMBER}(?:${SUFFIX})?`, 'iu');
const WITH_SUFFIX = new RegExp(`(?<![\\w.])${NUMBER}${SUFFIX}(?![a-z])`, 'iu');
const ZH_NUMBER = new RegExp(
  `(?<num>[零〇一二两兩三四五六七八九十百千万萬]+)(?<suf>块钱|塊錢|元|块|塊|蚊|${ZH_CURRENCY}|刀)`,
  'u',
);
const BARE = new RegExp(String.raw`(?<![\w.,-])(${NUM})(?![\w.-])`);
const BARE_ZH = /[一二两兩三四五六七八九十][零〇一二两兩三四五六七八九十百千万萬]+/u;
/** Words only Cantonese is written with. */
const CANTONESE = /[冇唔咗嘅喺佢哋啲嘢咁乜畀嚟咩喎噉嗰睇搵揾攞]|係|而家|尋日|琴日|聽日/;

/**
 * 元/块/塊 are the local currency: yuan in Simplified Chinese, Hong Kong dollars when the text is
 * Cantonese, New Taiwan dollars in other Traditional Chinese (Taiwan writes 元/塊 for NT$).
 */
function localYuan(text: string): string {
  if (CANTONESE.test(text)) return 'HKD';
  const clean = cleanText(text).toLowerCase();
  return hasCjk(clean) && foldText(text) !== clean ? 'TWD' : 'CNY';
}

function currencyOf(unit: string, text: string): string {
  if (/^(?:元|块|塊|块钱|塊錢)$/.test(unit)) return localYuan(text);
  return CURRENCY_WORDS[unit] ?? unit.toUpperCase();
}

/**
 * An amount with a currency marker ("$100", "100 USDT", "800u", "100元", "¥100", "一百元",
 * "HK$2380", "NT$1,500", "1500台幣", "港幣500", "3000蚊"); the first one when there are several.
 * With `bare: true` (the user is answering "how much?") a plain number counts too.
 */
export function findAmount(text: string, opts: { bare?: boolean } = {}): Amount | undefined {
  const matches = [WITH_PREFIX.exec(text), WITH_SUFFIX.exec(text), ZH_NUMBER.exec(text)];
  const m = matches
    .filter((x): x is RegExpExecArray => !!x?.groups)
    .sort((a, b) => a.index - b.index)[0];
  if (m?.groups) {
    const unit = (m.groups['pre'] ?? m.groups['suf'] ?? m.groups['u'] ?? '').toLowerCase();
    const raw = m.groups['num']!;
    const value = /\d/.test(raw) ? parseNumber(raw) : parseChineseNumber(raw);
    if (value !== undefined) return { value, currency: currencyOf(unit, text), text: m[0].trim() };
  }
  if (opts.bare) {
    const b = BARE.exec(withoutIds(text));
    if (b) return { value: parseNumber(b[1]!), text: b[1]! };
    // "两千", "三百五": a number in Chinese words alone, as the answer to "how much?".
    const zh = BARE_ZH.exec(text);
    const value = zh ? parseChineseNumber(zh[0]) : undefined;
    if (zh && value) return { value, text: zh[0] };
  }
  return undefined;
}

/** "1,250.50" → 1250.5; "89,99" → 89.99; "1.234,56" → 1234.56. */
function parseNumber(raw: string): number {
  if (/,\d{1,2}$/.test(raw)) return Number(raw.replace(/\./g, '').replace(',', '.'));
  return Number(raw.replace(/,/g, ''));
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一百 → 100, 三千五百 → 3500, 两万 → 20000, 兩萬 → 20000, 十五 → 15. */
export function parseChineseNumber(s: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  // The unit last said: a digit left alone after it counts one unit lower ("三百五" is 350,
  // "两千五" 2,500, "一万二" 12,000), unless a zero came between ("三百零五" is 305).
  let lastUnit = 1;
  let zero = false;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
      if (digit === 0) zero = true;
    } else if (ch in UNITS) {
      section += (digit ?? 1) * UNITS[ch]!;
      lastUnit = UNITS[ch]!;
      digit = undefined;
      zero = false;
    } else if (ch === '万' || ch === '萬') {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      lastUnit = 10_000;
      digit = undefined;
      zero = false;
    } else return undefined;
  }
  const tail = digit === undefined ? 0 : !zero && lastUnit >= 100 ? digit * (lastUnit / 10) : digit;
  const value = total + section + tail;
  return value > 0 ? value : undefined;
}
