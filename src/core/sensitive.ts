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

const CARD = /(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/g;
/** Issuer prefixes of Visa, Mastercard (incl. 2-series), Amex, Discover/UnionPay, JCB/Diners. */
const CARD_PREFIX = /^(4|5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720)|3[0478]|6)/;
const ID_LABEL = /(tx|txn|txid|transaction|trans|order|ref|reference|id|no\.?|number|#|交易|订单|訂單|流水|单号|單號|编号|編號)\s*(id|no\.?|number|号|號)?\s*[:：#]?\s*$/i;
const CN_ID = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const SSN = /(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)/g;
const CVV = /\b(cvv2?|cvc2?|csc|security code)\b(\s*(?:is|:|=|-)?\s*)(\d{3,4})\b|(安全码|安全碼|背面三位数?|cvv码)(\s*(?:是|为|:|：)?\s*)(\d{3,4})/gi;
const PASSWORD =
  /\b(password|passwd|pwd|pass ?code|pin)\b(\s*(?:is|was|:|=|-)\s*|\s+)(\S{3,})|(密码|密碼|支付密码|登录密码)(\s*(?:是|为|為|:|：)?\s*)([^\s，,。]{3,})/gi;
const OTP =
  /\b(otp|one[- ]time (?:code|password)|verification code|2fa code|sms code|auth(?:entication)? code|code)\b(\s*(?:is|:|=|-)?\s*)(\d{4,8})\b|(验证码|驗證碼|动态码|動態碼|短信码)(\s*(?:是|为|為|:|：)?\s*)(\d{4,8})/gi;

const maskTail = (s: string, keep: number) => '•'.repeat(Math.max(0, s.length - keep)) + s.slice(s.length - keep);

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
    // "password reset", "password not working": words, not a secret.
    if (k1 && /^(reset|not|is|was|wrong|incorrect|forgot|forgotten|change|changed|expired|doesn|didn|isn|wasn|won|can|cant|no|and|for|to|the|again|recovery|field|page|link|email|manager|error)\b/i.test(value))
      return m;
    if (k2 && /^(错|不|忘|重置|修改|找回|输|输入|登录|锁|多次|正确|错误)/.test(value)) return m;
    found.add('password');
    return `${k1 ?? k2}${s1 ?? s2}••••••`;
  });
  return { text, found: [...found] };
}
