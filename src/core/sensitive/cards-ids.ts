/**
 * Card numbers and identity numbers: 13–19 digits with a card's issuer prefix and a valid Luhn
 * checksum (ISO/IEC 7812-1), or any digits said to be a card ("卡号", "card number"), also written
 * with letters for digits or in Chinese numerals; the expiry and code after them. Mainland China
 * resident ids (18 characters with an ISO 7064 MOD 11-2 check character, GB 11643-1999), US SSNs
 * and passport numbers after their label. An order or bank account number said to be one is kept:
 * the agent needs it.
 */
import type { SensitiveKind } from './kinds.ts';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Mainland China resident id: 17 digits + check digit (ISO 7064 MOD 11-2). */
export function cnIdValid(id: string): boolean {
  if (!/^\d{17}[\dx]$/i.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * weights[i]!;
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase();
}

/** Issuer prefixes of Visa, Mastercard (incl. 2-series), Amex, Discover/UnionPay, JCB/Diners. */
const CARD_PREFIX = /^(4|5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720)|3[0478]|6)/;
/** "tx 4000…", "订单号 6000…": a numeric transaction or order id right before the digits, not a card. */
const ID_LABEL =
  /(?:(?<![a-z])(?:tx|txn|txid|transaction|trans|order|ref|reference)(?:\s*(?:id|no\.?|number|#))?|交易号?|订单号?|訂單號?|流水号?|单号|單號)\s*[:：#]?\s*$/i;
/**
 * "order no. 4539 …", "bank acct 6222…", "收款账号 6222…": the user's own order or bank account
 * number, which the agent needs (the withdrawal's destination), whatever its shape or checksum.
 */
const ACCOUNT_LABEL =
  /(?:(?<![a-z])(?:order|bank\s*(?:acct|account|a\/c)|(?:acct|account|a\/c)\s*(?:no\.?|number|#))(?:\s*(?:id|no\.?|number|#))?|订单号?|訂單號?|(?:银行|銀行|收款|提现|提現)?(?:账号|帐号|帳號|賬號|账户|帐户|帳戶|賬戶)(?:号码|號碼)?)\s*(?:(?:is|was|[:：#]|是|为|為|係)\s*)?$/i;
/** An expiry or a security code right after the number: a card, whatever the label before it. */
const CARD_DATA_AFTER =
  /^\D{0,12}?(?:(?<![a-z])(?:exp|expiry|expires|valid|cvv|cvc)(?![a-z])|有效期|安全码|安全碼|(?<!\d)(?:0?[1-9]|1[0-2])\s*\/\s*\d{2}(?!\d))/i;
/** The words that say a card number follows: "卡号", "银行卡号是", "card number:", "my visa". */
const CARD_LABEL =
  /(?:卡(?:号码|號碼|号|號)|(?:银行卡|銀行卡|信用卡|借记卡|借記卡|储蓄卡|儲蓄卡|扣账卡|扣賬卡|提款卡)(?:号码|號碼|号|號)?|(?<![a-z])(?:card|visa|mastercard|amex|unionpay)(?:\s*(?:number|no\.?|num|#|ending(?: in)?))?)\s*(?:(?:is|was|[:：=#]|是|为|為|係)\s*)?$/i;
/** How cards are printed: 4-4-4-4 (16, 19 digits) or 4-6-5 / 4-6-4 (Amex, Diners). */
const CARD_GROUPS = new Set(['4-4-4-4', '4-4-4-4-3', '4-6-5', '4-6-4']);

const CN_ID = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const SSN = /(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)/g;
/** An SSN after its label, with or without dashes: "ssn 123456789", "social security number 123 45 6789". */
const SSN_LABELLED =
  /((?<![a-z])(?:ssn|social security(?:\s+(?:number|no\.?|#))?)(?![a-z]))(\s*(?:(?:is|was|[:：=#])\s*)?)(\d{3}[ -]?\d{2}[ -]?\d{4})(?!\d)/gi;
/** A passport number after its label: a letter and 7–8 digits, or 8–9 letters and digits. */
const PASSPORT =
  /((?<![a-z])passport(?:\s*(?:no\.?|number|num|#))?(?![a-z])|护照(?:号码?)?|護照(?:號碼?)?)(\s*(?:(?:is|was|[:：=#]|是|为|為)\s*)?|(?:\s+[a-z]+){1,2}?\s*(?:is|was|[:：=#])\s*)([A-Za-z0-9]{8,9})(?![A-Za-z0-9])/gi;
/**
 * 13–19 digits, grouped by spaces, line breaks, dots, dashes or slashes ("4111 1111 …",
 * "4111\n1111…", "4111/1111…", "4111 - 1111 …").
 */
const CARD = /(?<!\d)(?:\d[\s./\-\u200c\u200d]{0,3}){12,18}\d(?!\d)/g;

const maskTail = (s: string, keep: number) =>
  '•'.repeat(Math.max(0, s.length - keep)) + s.slice(s.length - keep);

export function maskIds(text: string, found: Set<SensitiveKind>): string {
  let out = text.replace(CN_ID, (m) => {
    if (!cnIdValid(m)) return m;
    found.add('national_id');
    return maskTail(m, 4);
  });
  out = out.replace(SSN_LABELLED, (_m, label: string, sep: string) => {
    found.add('national_id');
    return `${label}${sep}•••-••-••••`;
  });
  out = out.replace(SSN, () => {
    found.add('national_id');
    return '•••-••-••••';
  });
  return out.replace(PASSPORT, (m, label: string, sep: string, value: string) => {
    if ((value.match(/\d/g)?.length ?? 0) < 5) return m;
    found.add('passport');
    return `${label}${sep}${'•'.repeat(value.length)}`;
  });
}

/** Letters typed for digits in a card number ("4lll llll llll llll", "4000 OOO2 OOOO OOO8"). */
const CARD_LETTERS = /(?<![A-Za-z\d])\d(?:[\s.-]{0,3}[\dlIoO|]){12,18}(?![A-Za-z\d])/g;
/** Chinese numerals as a card number is read out: "四一一一 一一一一 …". */
const ZH_NUMERALS = '零〇一二三四五六七八九幺两兩';
const ZH_NUMERAL_VALUE = new Map([...ZH_NUMERALS].map((ch, i) => [ch, '00123456789122'[i]!]));
const ZH_CARD = new RegExp(
  `(?<![${ZH_NUMERALS}\\d])[${ZH_NUMERALS}](?:[\\s,，、-]{0,2}[${ZH_NUMERALS}]){12,18}(?![${ZH_NUMERALS}\\d])`,
  'g',
);

/**
 * A card number written with letters for digits (l, I, | for 1; O, o for 0) or in Chinese
 * numerals, as digits when it is a card (a checksum, or a card's label before it), so the card
 * mask below reads it. Same length: a digit for each character.
 */
function cardDigits(text: string): string {
  const asCard = (mapped: string, m: string, offset: number, whole: string) =>
    cardIn(mapped, whole.slice(Math.max(0, offset - 24), offset)) ? mapped : m;
  return text
    .replace(CARD_LETTERS, (m, offset: number, whole: string) =>
      /[lIoO|]/.test(m)
        ? asCard(m.replace(/[lI|]/g, '1').replace(/[oO]/g, '0'), m, offset, whole)
        : m,
    )
    .replace(ZH_CARD, (m, offset: number, whole: string) =>
      asCard(
        m.replace(/./g, (ch) => ZH_NUMERAL_VALUE.get(ch) ?? ch),
        m,
        offset,
        whole,
      ),
    );
}

export function maskCards(input: string, found: Set<SensitiveKind>): string {
  const text = cardDigits(input);
  const masked = text.replace(CARD, (m, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 24), offset);
    const card = cardIn(m, before, whole.slice(offset + m.length, offset + m.length + 32));
    if (card === undefined) return m;
    found.add('card_number');
    return `•••• •••• •••• ${card.digits.slice(-4)}${card.rest}`;
  });
  if (!found.has('card_number')) return masked;
  // "4111 1111 1111 1111 12/27 123": the expiry and the code written after the number.
  return masked.replace(CARD_TAIL, (_m, lead: string, cvvSep: string | undefined) =>
    cvvSep !== undefined ? `${lead}••/••${cvvSep}•••` : `${lead}••/••`,
  );
}

/**
 * The card in a run of digits (`m`, after `before`): all of it, or its first 13–19 digits when the
 * run goes on ("4111111111111111 12/27 123" runs into the expiry) — `rest` is what follows it.
 */
function cardIn(
  m: string,
  before: string,
  after = '',
): { digits: string; rest: string } | undefined {
  const labelled = CARD_LABEL.test(before);
  // "order no. 4539 1488 0343 6467", "bank acct 6222021234567890128 (my own ICBC)": kept.
  if (!labelled && ACCOUNT_LABEL.test(before) && !CARD_DATA_AFTER.test(after)) return undefined;
  const valid = (digits: string) =>
    // (Said to be a card, "卡号6222…": whatever the checksum, as some UnionPay cards fail it.)
    /^62\d{14,17}$/.test(digits) ||
    (digits.length >= 13 && digits.length <= 19 && CARD_PREFIX.test(digits) && luhnValid(digits));
  // The whole run, else its longest prefix of whole groups that is a card: one that passes the
  // checksum first, so "my card is 4111 1111 1111 1111 12/27 123" is the 16 digits and then the
  // expiry (said to be a card, 18 digits had been taken and "/27 123" left in clear).
  const groups = m.match(/\d+|\D+/g) ?? [];
  return (
    cardPrefix(groups, before, labelled, valid) ??
    (labelled
      ? cardPrefix(groups, before, labelled, (d) => d.length >= 12 && d.length <= 19)
      : undefined)
  );
}

function cardPrefix(
  groups: string[],
  before: string,
  labelled: boolean,
  isCard: (digits: string) => boolean,
): { digits: string; rest: string } | undefined {
  const m = groups.join('');
  for (let n = groups.length; n > 0; n--) {
    if (!/^\d/.test(groups[n - 1]!)) continue;
    const head = groups.slice(0, n).join('');
    const digits = head.replace(/\D/g, '');
    if (digits.length < 12) break;
    if (!isCard(digits)) continue;
    // "tx 4000…", "订单号 6000…": a numeric transaction or order id, unless printed like a card.
    if (!labelled && ID_LABEL.test(before)) {
      const shape = head
        .split(/\D+/)
        .filter(Boolean)
        .map((g) => g.length)
        .join('-');
      if (!CARD_GROUPS.has(shape)) return undefined;
    }
    return { digits, rest: m.slice(head.length) };
  }
  return undefined;
}

/**
 * After a masked card: an expiry (MM/YY, or MMYY when a 3–4 digit code follows: "4111 … 1111
 * 1227 123") and, after it, a 3–4 digit code.
 */
const CARD_TAIL =
  /(•••• •••• •••• \d{4}\s*[,;，]?\s*(?:(?:exp(?:iry|ires)?|valid\s+thru)\s*[:：]?\s*)?)(?:(?:0?[1-9]|1[0-2])\s*[/-]\s*(?:\d{2}|\d{4})|(?:0[1-9]|1[0-2])\d{2}(?=\s+\d{3,4}(?!\d)))(?!\d)(?:(\s*[,;，]?\s*(?:(?:cvv2?|cvc2?|csc)\s*[:：]?\s*)?)\d{3,4}(?!\d))?/gi;
