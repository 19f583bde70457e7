/**
 * Amounts with their currency in what users write: "500 usdt", "$20", "NT$1,200", "一百元",
 * "五百蚊" (元/块 as the local currency of the writer's script). Pure functions.
 */
import { withoutIds } from './identifiers.ts';
import type { Script } from '../texts.ts';
import { cleanText, EN_NUMBERS, foldText, hasCjk } from './text.ts';

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
  quid: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  usdt: 'USDT',
  u: 'USDT',
  usdc: 'USDC',
  btc: 'BTC',
  bitcoin: 'BTC',
  bitcoins: 'BTC',
  eth: 'ETH',
  ether: 'ETH',
  ethereum: 'ETH',
  tether: 'USDT',
  // Other coins, by ticker (after a number only: "150 TON", "500 xlm", "2000 XRP").
  xrp: 'XRP',
  xlm: 'XLM',
  ton: 'TON',
  sol: 'SOL',
  trx: 'TRX',
  bnb: 'BNB',
  doge: 'DOGE',
  ltc: 'LTC',
  ada: 'ADA',
  matic: 'MATIC',
  avax: 'AVAX',
  dai: 'DAI',
  eos: 'EOS',
  atom: 'ATOM',
  shib: 'SHIB',
  瑞波币: 'XRP',
  瑞波幣: 'XRP',
  狗狗币: 'DOGE',
  狗狗幣: 'DOGE',
  莱特币: 'LTC',
  萊特幣: 'LTC',
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
  // Currencies of the users an English-speaking wallet serves too (India, Nigeria, the
  // Philippines, Canada, Australia, Japan, Korea …), by sign, code and word.
  '₹': 'INR',
  inr: 'INR',
  rs: 'INR',
  'rs.': 'INR',
  rupee: 'INR',
  rupees: 'INR',
  '₦': 'NGN',
  ngn: 'NGN',
  naira: 'NGN',
  '₱': 'PHP',
  php: 'PHP',
  peso: 'PHP',
  pesos: 'PHP',
  cad: 'CAD',
  c$: 'CAD',
  'canadian dollar': 'CAD',
  'canadian dollars': 'CAD',
  aud: 'AUD',
  a$: 'AUD',
  'australian dollar': 'AUD',
  'australian dollars': 'AUD',
  'hk dollar': 'HKD',
  'hk dollars': 'HKD',
  'hong kong dollar': 'HKD',
  'hong kong dollars': 'HKD',
  'nt dollar': 'TWD',
  'nt dollars': 'TWD',
  'taiwan dollar': 'TWD',
  'taiwan dollars': 'TWD',
  'singapore dollar': 'SGD',
  'singapore dollars': 'SGD',
  jpy: 'JPY',
  yen: 'JPY',
  '₩': 'KRW',
  krw: 'KRW',
  won: 'KRW',
  myr: 'MYR',
  rm: 'MYR',
  ringgit: 'MYR',
  idr: 'IDR',
  rupiah: 'IDR',
  vnd: 'VND',
  dong: 'VND',
  '₫': 'VND',
  thb: 'THB',
  baht: 'THB',
  '฿': 'THB',
  chf: 'CHF',
  '₺': 'TRY',
  lira: 'TRY',
  aed: 'AED',
  dirham: 'AED',
  dirhams: 'AED',
  比特币: 'BTC',
  比特幣: 'BTC',
  以太坊: 'ETH',
  以太币: 'ETH',
  以太幣: 'ETH',
  泰达币: 'USDT',
  泰達幣: 'USDT',
};
/** Coins named in Chinese, after an optional measure word: "0.5个比特币". */
const ZH_COIN = String.raw`比特币|比特幣|以太坊|以太币|以太幣|泰达币|泰達幣|瑞波币|瑞波幣|狗狗币|狗狗幣|莱特币|萊特幣`;
const ZH_CURRENCY = String.raw`新台幣|新台币|新臺幣|台幣|台币|臺幣|港幣|港币|港元|港紙|港纸|人民币|人民幣|美元|美金`;
const PREFIX = String.raw`(?<pre>hk\$|nt\$|us\$|s\$|c\$|a\$|rs\.?|rm|[$¥￥€£₹₦₱₩₫฿₺]|usdt|usdc|usd|cny|rmb|eur|gbp|hkd|twd|ntd|sgd|inr|ngn|php|cad|aud|jpy|krw|myr|idr|thb|chf|aed|${ZH_CURRENCY})\s*`;
/**
 * 1,250 and 1,250.50; 89.99; and the decimal comma of most of Europe: 89,99 and 1.234,56 (a comma
 * followed by one or two digits is a decimal comma, by three a thousands separator).
 */
const NUM = String.raw`\d{1,3}(?:\.\d{3})+,\d{1,2}(?!\d)|\d+,\d{1,2}(?![\d,])|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
/** Multipliers written after the digits: "3千", "1.5万", "2k", "1.5w" (万). */
const MULTIPLIER: Record<string, number> = {
  百: 100,
  千: 1000,
  k: 1000,
  万: 10_000,
  萬: 10_000,
  w: 10_000,
  亿: 100_000_000,
  億: 100_000_000,
};
const MULT_UNIT = Object.keys(MULTIPLIER).join('|');
const MULT = String.raw`(?:\s?(?:${MULT_UNIT})(?![a-z]))`;
const MULT_AT_END = new RegExp(String.raw`\s?(${MULT_UNIT})$`, 'i');
const NUMBER = String.raw`(?<num>(?:${NUM})${MULT}?)`;
const SUFFIX = String.raw`(?:\s*(?:个|個|枚)?\s*(?<suf>usdt|usdc|usd|(?:canadian|australian|hk|hong kong|nt|taiwan|singapore) dollars?|dollars?|bucks|quid|pounds?|bitcoins?|btc|ether(?:eum)?|eth|tether|xrp|xlm|ton|sol|trx|bnb|doge|ltc|ada|matic|avax|dai|eos|atom|shib|eur|euros?|gbp|cny|rmb|hkd|twd|ntd|sgd|inr|rupees?|ngn|naira|php|pesos?|cad|aud|jpy|yen|krw|won|myr|ringgit|idr|rupiah|vnd|dong|thb|baht|chf|lira|aed|dirhams?|${ZH_CURRENCY}|${ZH_COIN}|块钱|塊錢|元|块|塊|蚊|刀|[$€£₹₦₱₩₫฿₺])|\s?(?<u>u)(?![a-z]))`;
const WITH_PREFIX = new RegExp(`(?<![\\w.])${PREFIX}${NUMBER}(?:${SUFFIX})?`, 'iu');
const WITH_SUFFIX = new RegExp(`(?<![\\w.])${NUMBER}${SUFFIX}(?![a-z])`, 'iu');
/**
 * "一百元", "三千块", "五百U", "3千块" (digits and a Chinese multiplier), "六十八块五" (five jiao
 * after the yuan: 68.5), "一千二百三十四块五毛".
 */
const ZH_NUMBER = new RegExp(
  `(?<num>\\d+(?:\\.\\d+)?\\s?(?:${MULT_UNIT})|[零〇一二两兩三四五六七八九十百千万萬]+)(?:(?<suf>块钱|塊錢|元|块|塊|蚊|${ZH_CURRENCY}|${ZH_COIN}|刀)(?:(?<jiao>[一二两兩三四五六七八九])(?:毛|角|毫)?(?![天日号號月年个個次笔筆分點点]))?|\\s?(?<u>u|usdt)(?![a-z]))`,
  'iu',
);
const WAN =
  /(?<![\w.])(\d+(?:\.\d+)?\s?[万萬]|[一二两兩三四五六七八九十][零〇一二两兩三四五六七八九十百千]*[万萬][零〇一二两兩三四五六七八九千百]*)(?![a-z\d])/iu;
const BARE = new RegExp(String.raw`(?<![\w.,-])((?:${NUM})${MULT}?)(?![\w.-])`, 'i');
const BARE_ZH = /[一二两兩三四五六七八九十][零〇一二两兩三四五六七八九十百千万萬]+/u;
/** Words only Cantonese is written with. */
const CANTONESE = /[冇唔咗嘅喺佢哋啲嘢咁乜畀嚟咩喎噉嗰睇搵揾攞]|係|而家|尋日|琴日|聽日/;

/**
 * 元/块/塊 are the local currency: yuan in Simplified Chinese, Hong Kong dollars when the text is
 * Cantonese (or the conversation is), New Taiwan dollars in other Traditional Chinese (Taiwan
 * writes 元/塊 for NT$).
 */
function localYuan(text: string, script?: Script): string {
  if (CANTONESE.test(text) || script === 'HK') return 'HKD';
  const clean = cleanText(text).toLowerCase();
  if (hasCjk(clean) && foldText(text) !== clean) return 'TWD';
  // "890元" alone shows no script: in a Traditional conversation it is Taiwan's or Hong Kong's
  // dollar, not the mainland's yuan — kept as the user wrote it for the agent to confirm.
  return script === 'Hant' ? '元' : 'CNY';
}

/** "$" in Chinese is the writer's dollar: Hong Kong when Cantonese, Taiwan in other Traditional. */
function localDollar(text: string): string {
  if (!hasCjk(text)) return 'USD';
  const yuan = localYuan(text);
  return yuan === 'CNY' ? 'USD' : yuan;
}

function currencyOf(unit: string, text: string, script?: Script): string {
  if (/^(?:元|块|塊|块钱|塊錢)$/.test(unit)) return localYuan(text, script);
  if (unit === '$') return localDollar(text);
  return CURRENCY_WORDS[unit] ?? unit.toUpperCase();
}

/**
 * An amount with a currency marker ("$100", "100 USDT", "800u", "100元", "¥100", "一百元",
 * "HK$2380", "NT$1,500", "1500台幣", "港幣500", "3000蚊"); the first one when there are several.
 * With `bare: true` (the user is answering "how much?") a plain number counts too.
 */
export function findAmount(
  written: string,
  /**
   * `script`: the conversation's, for 元 in words that show none. `oneOfEach`: "20 each, 3 times"
   * is 20, not the total (a double charge: the disputed amount is the one charged again).
   */
  opts: { bare?: boolean; script?: Script | undefined; oneOfEach?: boolean } = {},
): Amount | undefined {
  // Full-width digits and signs ("０.５") read as ASCII; a masked card's last four ("•••• 1111")
  // and other masked values are no amount.
  const text = numbersInWords(inSlang(written.normalize('NFKC').replace(MASKED, ' ')));
  const one = firstAmount(text, opts);
  if (!one) return undefined;
  // "3 payments of 20 each", "每笔50元，一共三笔": the total, written as the user counted it.
  const times = one.currency && !opts.oneOfEach ? timesEach(text) : undefined;
  if (times) {
    const value = CRYPTO.has(one.currency!)
      ? Number((one.value * times).toPrecision(12))
      : Math.round(one.value * times * 100) / 100;
    return { value, currency: one.currency!, text: `${times} × ${one.text}` };
  }
  return one;
}

/**
 * Money as people say it, in digits: "half a btc" → "0.5 btc", "half a grand" → "500"; in Hong
 * Kong, 一嚿水 (also written 舊水) is a hundred dollars and 一撇水 a thousand: "五舊水" → "500蚊".
 */
function inSlang(text: string): string {
  return (
    text
      // "1萬2千 USDT", "1万2", "3万5": tens of thousands and what follows in the digit's place
      // below (12,000; 35,000) — "1萬2千" had been read as 2,000 and "1萬2" as 2.
      .replace(WAN_AND_MORE, (_, wan: string, rest: string, thousand: string | undefined) => {
        const more = /^\d+$/.test(rest) ? Number(rest) : (parseChineseNumber(rest) ?? 0);
        return String(Number(wan) * 10_000 + more * (thousand || rest.length === 1 ? 1000 : 1));
      })
      .replace(HALF_A, (_, what: string) =>
        /^grand$/i.test(what) ? '500' : /^million$/i.test(what) ? '500000' : `0.5 ${what}`,
      )
      .replace(FRACTION_OF, (_, three: string | undefined, what: string) => {
        const part = three ? 0.75 : 0.25;
        return /^grand$/i.test(what)
          ? String(1000 * part)
          : /^million$/i.test(what)
            ? String(1_000_000 * part)
            : `${part} ${what}`;
      })
      .replace(SATS, (said, n: string, mult: string | undefined) => {
        const sats = parseNumber(n) * (mult ? SATS_MULTIPLIER[mult.toLowerCase()]! : 1);
        // A satoshi is 0.00000001 BTC: "50k sats" is 0.0005 BTC (never written as 5e-4).
        return sats > 0 ? `${(sats / 1e8).toFixed(8).replace(/\.?0+$/, '')} btc` : said;
      })
      .replace(HK_SLANG, (said, n: string, unit: string) => {
        const count = /^\d+(?:\.\d+)?$/.test(n) ? Number(n) : parseChineseNumber(n);
        return count ? `${count * (unit === '撇' ? 1000 : 100)}蚊` : said;
      })
  );
}
const WAN_AND_MORE =
  /(?<![\d.])(\d+)\s?[万萬]\s?(\d{1,4}|[一二两兩三四五六七八九])(千)?(?![\d.年月日号號])/g;
const HALF_A = /\bhalf (?:a|an) (btc|bitcoin|eth|ether|grand|million)\b/gi;
/** "a quarter of a btc" → 0.25 btc, "three quarters of an eth" → 0.75 eth, "a quarter of a grand" → 250. */
const FRACTION_OF =
  /\b(?:(three)\s+quarters|(?:a|one)\s+quarter)\s+of\s+(?:a|an|one)\s+(btc|bitcoin|eth|ether|grand|million)\b/gi;
/**
 * Satoshis, the hundred-millionth of a bitcoin, as traders count small sums: "50k sats",
 * "50,000 sats", "1.2m sats", "10万聪" → in BTC (0.0005 btc), the unit the case keeps.
 */
const SATS =
  /(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(k|m|万|萬)?\s?(?:sats?|satoshis?|聪|聰)(?![a-z])/gi;
const SATS_MULTIPLIER: Readonly<Record<string, number>> = {
  k: 1000,
  m: 1_000_000,
  万: 10_000,
  萬: 10_000,
};
const HK_SLANG = /(\d+(?:\.\d+)?|[一二两兩三四五六七八九十]+)\s*(嚿|舊|旧|撇)水/g;

/** English number words: units and teens, tens, and the scales that multiply what is before. */
const WORD_UNITS: Readonly<Record<string, number>> = {
  ...EN_NUMBERS,
  zero: 0,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Readonly<Record<string, number>> = {
  hundred: 100,
  thousand: 1000,
  grand: 1000,
  million: 1_000_000,
};
const NUMBER_WORD = [...Object.keys(WORD_UNITS), ...Object.keys(TENS), ...Object.keys(SCALES)].join(
  '|',
);
/** A run of number words ("five hundred", "two thousand five hundred and fifty", "a hundred"). */
const WORDS_RUN = new RegExp(
  String.raw`\b(?:(?:a|an)\s+(?=(?:hundred|thousand|grand|million)\b))?(?:${NUMBER_WORD})(?:(?:\s+and\s+|[\s-]+)(?:${NUMBER_WORD}))*\b`,
  'gi',
);
/** A currency said after the words: "five hundred usdt", "a hundred bucks", "fifty euros". */
const CURRENCY_AFTER = new RegExp(String.raw`^\s*${SUFFIX}(?![a-z])`, 'i');

/**
 * Amounts written in English words as digits ("five hundred usdt" → "500 usdt", "two thousand
 * five hundred dollars", "a grand"): said by older users and by voice typing. Only runs with a
 * scale word (hundred, thousand…) or a currency after them: "the one I sent", "two days" stay.
 */
function numbersInWords(text: string): string {
  if (!/[a-z]/i.test(text)) return text;
  return text.replace(WORDS_RUN, (run: string, at: number) => {
    const value = wordsValue(run);
    if (value === undefined) return run;
    const scaled = /hundred|thousand|grand|million/i.test(run);
    return scaled || CURRENCY_AFTER.test(text.slice(at + run.length)) ? String(value) : run;
  });
}

/** The value of a run of number words, or undefined if it is not one number ("five six"). */
function wordsValue(run: string): number | undefined {
  let total = 0;
  let current = 0;
  let last: 'unit' | 'ten' | 'scale' | undefined;
  for (const w of run.toLowerCase().split(/[\s-]+/)) {
    if (w === 'and') continue;
    if (w === 'a' || w === 'an') {
      current = 1;
      last = 'unit';
    } else if (WORD_UNITS[w] !== undefined) {
      if (last === 'unit') return undefined;
      current += WORD_UNITS[w]!;
      last = 'unit';
    } else if (TENS[w] !== undefined) {
      if (last === 'unit' || last === 'ten') return undefined;
      current += TENS[w]!;
      last = 'ten';
    } else if (SCALES[w] !== undefined) {
      const scale = SCALES[w]!;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      last = 'scale';
    } else return undefined;
  }
  return total + current;
}

/** What masking left of a secret: "•••• •••• •••• 1111", "••/••", "••••••". */
const MASKED = /(?:•+[\s/-]?)+\d{0,4}/g;

/** Fiat written with dots between thousands ("2.000 EUR", "€1.500"): never 2 euros. */
const DOTTED_THOUSANDS = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
/** Coins: kept with every decimal written, never with a thousands dot. */
const CRYPTO: ReadonlySet<string> = new Set(
  'BTC ETH USDT USDC XRP XLM TON SOL TRX BNB DOGE LTC ADA MATIC AVAX DAI EOS ATOM SHIB'.split(' '),
);
/** A coin or token ("USDT", "BTC"), as currencies are kept; anything else is fiat money. */
export const isCryptoCurrency = (currency: string): boolean => CRYPTO.has(currency.toUpperCase());

/**
 * How many of the same amount: "3 payments of 20 each", "20 eur each, 3 times", "3 x 20 eur",
 * "每笔50元，一共扣了三笔", "扣咗三次，每次50蚊". Only with "each" (or 每) said: "3 payments, 20 eur"
 * may be one of them.
 */
function timesEach(text: string): number | undefined {
  const folded = text.toLowerCase();
  const x = /(?<![\w.])(\d{1,2})\s*[x×]\s*(?=[$€£¥￥]?\s*\d)/.exec(folded);
  if (x) return count(x[1]!);
  if (!EACH.test(folded)) return undefined;
  const n = HOW_MANY.exec(folded);
  return n ? count(n.groups!['n'] ?? n.groups!['n2']!) : undefined;
}
const EACH =
  /\beach\b|\bapiece\b|\bper (?:payment|charge|transaction|debit)\b|每笔|每筆|每次|每一笔|每一筆|各/;
const HOW_MANY =
  /\b(?<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:\w+\s+)?(?:payments|charges|transactions|debits|deductions|times|withdrawals|transfers)\b|(?:一共|总共|總共|共|扣了|扣咗|付了|被扣)?(?<n2>[两兩二三四五六七八九十]|\d{1,2})\s?(?:笔|筆|次)/;
function count(n: string): number | undefined {
  const v = /^\d+$/.test(n) ? Number(n) : (EN_NUMBERS[n] ?? parseChineseNumber(n));
  return v && v >= 2 && v <= 20 ? v : undefined;
}

/** The first amount with a currency marker (or, `bare`, any number) in `text`. */
function firstAmount(
  text: string,
  opts: { bare?: boolean; script?: Script | undefined },
): Amount | undefined {
  const matches = [WITH_PREFIX.exec(text), WITH_SUFFIX.exec(text), ZH_NUMBER.exec(text)];
  const m = matches
    .filter((x): x is RegExpExecArray => !!x?.groups)
    .sort((a, b) => a.index - b.index)[0];
  if (m?.groups) {
    const unit = (m.groups['pre'] ?? m.groups['suf'] ?? m.groups['u'] ?? '').toLowerCase();
    const raw = m.groups['num']!;
    const whole = /\d/.test(raw) ? parseNumber(raw) : parseChineseNumber(raw);
    const jiao = m.groups['jiao'] ? DIGITS[m.groups['jiao']]! / 10 : 0;
    if (whole !== undefined) {
      const currency = currencyOf(unit, text, opts.script);
      const dotted = DOTTED_THOUSANDS.test(raw) && !CRYPTO.has(currency);
      // Fiat to the cent; a coin as written ("0.00045 BTC" had been kept as "0 BTC").
      const value = dotted
        ? Number(raw.replace(/\./g, ''))
        : CRYPTO.has(currency)
          ? whole + jiao
          : Math.round((whole + jiao) * 100) / 100;
      return { value, currency, text: m[0].trim() };
    }
  }
  // "转了1.5万", "俾咗佢兩萬": tens of thousands are money, in the writer's own currency.
  const wan = WAN.exec(text);
  if (wan) {
    const value = /\d/.test(wan[1]!) ? parseNumber(wan[1]!) : parseChineseNumber(wan[1]!);
    if (value) return { value, currency: localYuan(text, opts.script), text: wan[0] };
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

/** "1,250.50" → 1250.5; "89,99" → 89.99; "1.234,56" → 1234.56; "3千" → 3000; "1.5w" → 15000. */
function parseNumber(raw: string): number {
  const mult = MULT_AT_END.exec(raw);
  if (mult)
    return Math.round(parseNumber(raw.slice(0, mult.index)) * MULTIPLIER[mult[1]!.toLowerCase()]!);
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

/**
 * The words without the clauses that state a balance ("insufficient funds but i have 500 eur on
 * balance", "余额还有2000"): that number is not the payment's amount.
 */
export function withoutBalance(text: string): string {
  return text
    .split(CLAUSE_BREAK)
    .filter((part) => !BALANCE.test(part.toLowerCase()))
    .join(' , ');
}
/** Clauses: not at a comma between digits ("$2,300", "1.500,00 EUR": a number's own comma). */
const CLAUSE_BREAK = /(?<!\d),|,(?!\d)|[;!?，。；！？]|\bbut\b|但是?|可是|不过|不過/;
const BALANCE =
  /\bi (?:still )?(?:have|had|got) (?:[$€£¥]?\s?\d|enough|plenty)|\bthere(?:'s| is) (?:still )?(?:enough|plenty)|\bbalance (?:is|was|of|shows|showing|says)\b|\b(?:on|in) (?:my )?balance\b|(?:余额|餘額|結餘|结余)(?:还|還|仲)?(?:有|是|係|显示|顯示|够|夠)|账户里有|帳戶裡有|戶口有|户口有/;

/** Fiat shown with its sign (the ISO code after the number reads as a bank statement). */
const FIAT_SIGN: Readonly<Record<string, string>> = {
  TWD: 'NT$',
  HKD: 'HK$',
  EUR: '€',
  GBP: '£',
};
/** Fiat whose amounts have cents: shown with two decimals when they are not whole. */
const WITH_CENTS: ReadonlySet<string> = new Set(['TWD', 'HKD', 'USD', 'EUR', 'GBP', 'CNY']);
const KEPT_AMOUNT = /^(\d+)(?:\.(\d+))? ([A-Z]{3,5}|元)$/;

/**
 * An amount kept on a case ("1280 TWD", "500.5 HKD", "1000000 USDT") as people read it:
 * "NT$1,280", "HK$500.50", "1,000,000 USDT", "$25" in English, "US$25" in Chinese, "1,000 元" for
 * a mainland user (`yuan`). Anything else (a placeholder, words) is returned as it is.
 */
export function displayAmount(
  kept: string,
  opts: { yuan?: boolean; english?: boolean } = {},
): string {
  const m = KEPT_AMOUNT.exec(kept);
  if (!m) return kept;
  const [, whole, frac, currency] = m as unknown as [string, string, string | undefined, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = frac && WITH_CENTS.has(currency) ? frac.padEnd(2, '0').slice(0, 2) : frac;
  const n = cents ? `${grouped}.${cents}` : grouped;
  if (currency === 'USD') return `${opts.english ? '$' : 'US$'}${n}`;
  if (currency === 'CNY' && opts.yuan) return `${n} 元`;
  const sign = FIAT_SIGN[currency];
  return sign ? `${sign}${n}` : `${n} ${currency}`;
}
