/**
 * Entities a support case needs: transaction ids, amounts with currency, dates. Pure functions;
 * the transaction-id shape is configurable (TRANSACTION_ID_PATTERN / TRANSACTION_ID_EXAMPLE).
 */

export interface TransactionIdShape {
  /** Whole-token test for a candidate id. */
  test(candidate: string): boolean;
  /** Shown to users when an id does not fit ("e.g. TX-20261120-8F3K2Q9"). */
  example: string;
}

const CANDIDATE = /(?:0x[0-9a-f]{64})|[a-z0-9]+(?:[-_][a-z0-9]+)*/gi;

/**
 * Default shape of typical wallet ids: 10–32 letters and digits with at least one digit, an
 * optional letter prefix and dashes (TX-20261120-8F3K2Q9, 7f3a9c21be, 20261120123456789), and
 * 0x-prefixed 64-hex on-chain hashes.
 */
export const DEFAULT_TXID_SHAPE: TransactionIdShape = {
  test(candidate) {
    if (/^0x[0-9a-f]{64}$/i.test(candidate)) return true;
    const core = candidate.replace(/[-_]/g, '');
    return core.length >= 10 && core.length <= 32 && /\d/.test(core) && /^[a-z0-9]+$/i.test(core);
  },
  example: 'TX-20261120-8F3K2Q9',
};

export function txidShapeFromPattern(pattern: string, example: string): TransactionIdShape {
  const re = new RegExp(`^(?:${pattern})$`, 'i');
  return { test: (c) => re.test(c), example };
}

export function findTransactionIds(text: string, shape = DEFAULT_TXID_SHAPE): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(CANDIDATE)) if (shape.test(m[0])) found.push(m[0]);
  return found;
}

export interface Amount {
  value: number;
  currency?: string;
  /** As the user wrote it. */
  text: string;
}

const CURRENCY_WORDS: Record<string, string> = {
  $: 'USD',
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
  人民币: 'CNY',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  usdt: 'USDT',
  usdc: 'USDC',
  btc: 'BTC',
  eth: 'ETH',
  hkd: 'HKD',
  港币: 'HKD',
  sgd: 'SGD',
};
const PREFIX = String.raw`(?<pre>[$¥￥€£]|usd|cny|rmb|eur|gbp|usdt|hkd|sgd)\s*`;
const NUMBER = String.raw`(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const SUFFIX = String.raw`\s*(?<suf>usdt|usdc|usd|dollars?|bucks|btc|eth|eur|euros?|gbp|cny|rmb|hkd|sgd|块钱|人民币|美元|美金|港币|元|块|塊|刀)`;
const WITH_PREFIX = new RegExp(`(?<![\\w.])${PREFIX}${NUMBER}(?:${SUFFIX})?`, 'iu');
const WITH_SUFFIX = new RegExp(`(?<![\\w.])${NUMBER}${SUFFIX}(?![a-z])`, 'iu');
const ZH_NUMBER = /(?<num>[零〇一二两三四五六七八九十百千万]+)(?<suf>块钱|元|块|塊|美元|美金|刀)/u;
const BARE = /(?<![\w.-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w.-])/;

/**
 * An amount with a currency marker ("$100", "100 USDT", "100元", "¥100", "一百元"). With
 * `bare: true` (the user is answering "how much?") a plain number counts too.
 */
export function findAmount(text: string, opts: { bare?: boolean } = {}): Amount | undefined {
  const m = WITH_PREFIX.exec(text) ?? WITH_SUFFIX.exec(text);
  if (m?.groups) {
    const unit = (m.groups['pre'] ?? m.groups['suf'] ?? '').toLowerCase();
    return {
      value: Number(m.groups['num']!.replace(/,/g, '')),
      currency: CURRENCY_WORDS[unit] ?? unit.toUpperCase(),
      text: m[0].trim(),
    };
  }
  const z = ZH_NUMBER.exec(text);
  if (z?.groups) {
    const value = parseChineseNumber(z.groups['num']!);
    if (value !== undefined)
      return { value, currency: CURRENCY_WORDS[z.groups['suf']!] ?? 'CNY', text: z[0] };
  }
  if (opts.bare) {
    const withoutIds = text.replace(CANDIDATE, (c) => (DEFAULT_TXID_SHAPE.test(c) ? ' ' : c));
    const b = BARE.exec(withoutIds);
    if (b) return { value: Number(b[1]!.replace(/,/g, '')), text: b[1]! };
  }
  return undefined;
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一百 → 100, 三千五百 → 3500, 两万 → 20000, 十五 → 15. */
export function parseChineseNumber(s: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch];
    else if (ch in UNITS) {
      section += (digit ?? 1) * UNITS[ch]!;
      digit = undefined;
    } else if (ch === '万') {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = undefined;
    } else return undefined;
  }
  const value = total + section + (digit ?? 0);
  return value > 0 ? value : undefined;
}

export interface DateMention {
  /** YYYY-MM-DD */
  iso: string;
  text: string;
}

const DAY_MS = 86_400_000;
const EN_NUMBERS: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  ten: 10,
};

/** "yesterday", "3 days ago", "昨天", "三天前", "2026-11-20", "11/20". Relative to `now`. */
export function findDate(text: string, now: number): DateMention | undefined {
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  const lower = text.toLowerCase();
  let m: RegExpExecArray | null;
  if ((m = /\b(20\d\d)[-/.](\d{1,2})[-/.](\d{1,2})\b/.exec(lower)))
    return { iso: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`, text: m[0] };
  if ((m = /(20\d\d)年(\d{1,2})月(\d{1,2})[日号]/.exec(text)))
    return { iso: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`, text: m[0] };
  if ((m = /(\d{1,2})月(\d{1,2})[日号]/.exec(text)))
    return {
      iso: `${new Date(now).getUTCFullYear()}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`,
      text: m[0],
    };
  if ((m = /\b(\d{1,2})\/(\d{1,2})\b/.exec(lower)))
    return {
      iso: `${new Date(now).getUTCFullYear()}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`,
      text: m[0],
    };
  if ((m = /\bday before yesterday\b|前天/.exec(lower)))
    return { iso: iso(now - 2 * DAY_MS), text: m[0] };
  if ((m = /\byesterday\b|昨天|昨日/.exec(lower))) return { iso: iso(now - DAY_MS), text: m[0] };
  if ((m = /\btoday\b|今天|今日/.exec(lower))) return { iso: iso(now), text: m[0] };
  if ((m = /\b(\d+|a|one|two|three|four|five|six|seven|ten)\s+days?\s+ago\b/.exec(lower))) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : EN_NUMBERS[m[1]!]!;
    return { iso: iso(now - n * DAY_MS), text: m[0] };
  }
  if (
    (m = /\b(?:for|since|in)\s+(\d+|a|one|two|three|four|five|six|seven|ten)\s+days?\b/.exec(lower))
  ) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : EN_NUMBERS[m[1]!]!;
    return { iso: iso(now - n * DAY_MS), text: m[0] };
  }
  if ((m = /(\d+|[一二两三四五六七八九十]+)\s*(?:天前|天了|天还|天都|天没)/.exec(text))) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : parseChineseNumber(m[1]!);
    if (n) return { iso: iso(now - n * DAY_MS), text: m[0] };
  }
  if ((m = /\blast week\b|上周|上星期|上個?禮拜|上个?礼拜/.exec(lower)))
    return { iso: iso(now - 7 * DAY_MS), text: m[0] };
  return undefined;
}
