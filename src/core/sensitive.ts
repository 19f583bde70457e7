/**
 * Masks secrets a user pastes before anything is stored, logged or forwarded: Luhn-valid card
 * numbers, CVV, passwords, one-time codes, full national id numbers. Real support never asks for
 * them, and the bot tells the user so.
 */

export type SensitiveKind = 'card_number' | 'cvv' | 'password' | 'otp' | 'national_id';

export interface MaskResult {
  text: string;
  found: SensitiveKind[];
}

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
const CN_ID = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const SSN = /(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)/g;
/** 13–19 digits, grouped by spaces, dots or dashes ("4111 1111 …", "4111.1111…", "4111 - 1111 …"). */
const CARD = /(?<!\d)(?:\d[ .-]{0,3}){12,18}\d(?!\d)/g;
const SEP = String.raw`(\s*(?:(?:is|was|are|[:=：-]|是|为|為)\s*)?)`;
const CVV = new RegExp(
  String.raw`\b(cvv2?|cvc2?|csc|security code)(?:\s+(?:code|number|no\.?))?` +
    SEP +
    String.raw`(\d{3,4})\b|(安全码|安全碼|背面三位数?|cvv码)` +
    SEP +
    String.raw`(\d{3,4})`,
  'gi',
);
const OTP = new RegExp(
  String.raw`\b(otp|one[- ]time (?:code|password)|verification code|2fa code|sms code|auth(?:entication)? code|(?<!(?:error|err|status|response|reason)\s{1,3})code)\b` +
    SEP +
    String.raw`(\d{4,8})\b|(验证码|驗證碼|动态码|動態碼|短信码|校验码)` +
    SEP +
    String.raw`(\d{4,8})`,
  'gi',
);
/**
 * "password is X", "password: X", "the password I use is X", "pwd=X", "pin: 1234", "密码是X",
 * "口令：X"; a bare "password X" only when X looks like one (has a digit or symbol).
 */
const PASSWORD = new RegExp(
  String.raw`\b(password|passwd|pwd|pass ?code|pass|pw|pin(?: ?code)?)\b((?:\s+[a-z]+){0,3}?\s*(?:is|was|[:=：]|是|为|為)\s*|\s+(?=\S*[\d!@#$%^&*]))(\S{2,})` +
    String.raw`|(支付密码|登录密码|登錄密碼|密码|密碼|口令|pin码|PIN码)(\s*(?:是|为|為|:|：)?\s*)([^\s，,。]{3,})`,
  'gi',
);
/** Words after "password" that describe a problem rather than being one. */
const NOT_A_SECRET =
  /^(reset|not|wrong|incorrect|forgot|forgotten|expired|invalid|changed|required|correct|working|blocked|locked|too|still|ok|okay|doesn'?t|didn'?t|isn'?t|wasn'?t|won'?t|can'?t|cannot|again|field|page|link|recovery|manager|error)\W*$/i;
const NOT_A_SECRET_ZH = /^(错|不|忘|重置|修改|找回|输|输入|登录|锁|多次|正确|错误|被|一直|也|还)/;

const maskTail = (s: string, keep: number) =>
  '•'.repeat(Math.max(0, s.length - keep)) + s.slice(s.length - keep);

export function maskSensitive(input: string): MaskResult {
  const found = new Set<SensitiveKind>();
  let text = input.replace(CN_ID, (m) => {
    if (!cnIdValid(m)) return m;
    found.add('national_id');
    return maskTail(m, 4);
  });
  text = text.replace(SSN, () => {
    found.add('national_id');
    return '•••-••-••••';
  });
  text = text.replace(CARD, (m, offset: number, whole: string) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !CARD_PREFIX.test(digits) || !luhnValid(digits))
      return m;
    // "tx 4000…", "订单号 6000…": a numeric transaction or order id, not a card.
    if (ID_LABEL.test(whole.slice(Math.max(0, offset - 24), offset))) return m;
    found.add('card_number');
    return `•••• •••• •••• ${digits.slice(-4)}`;
  });
  text = text.replace(CVV, (_m, k1, s1, _d1, k2, s2) => {
    found.add('cvv');
    return `${k1 ?? k2}${s1 ?? s2}•••`;
  });
  text = text.replace(OTP, (_m, k1, s1, _d1, k2, s2) => {
    found.add('otp');
    return `${k1 ?? k2}${s1 ?? s2}••••••`;
  });
  text = text.replace(PASSWORD, (m, k1, s1, v1, k2, s2, v2) => {
    const value = (v1 ?? v2) as string;
    if (k1 && NOT_A_SECRET.test(value)) return m;
    if (k2 && NOT_A_SECRET_ZH.test(value)) return m;
    found.add('password');
    return `${k1 ?? k2}${s1 ?? s2}••••••`;
  });
  return { text, found: [...found] };
}
