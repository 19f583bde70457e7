/**
 * Values after a label, never the label alone: card security codes (CVV), one-time codes (SMS,
 * authenticator: RFC 6238 TOTP codes are 6 to 8 digits), passwords and PINs, a login's password
 * after its name, 2FA backup codes and authenticator secrets (Base32, RFC 4648; the otpauth://
 * secret= parameter). "my password is hunter2" loses "hunter2"; "I forgot my password" and "error
 * code 5003" stay as they are.
 */
import type { SensitiveKind } from './kinds.ts';
import { FUNCTION_WORDS } from './phrase-words.ts';

const SEP = String.raw`(\s*(?:(?:is|was|are|[:=：-]|是|为|為|係)\s*)?)`;
/**
 * "cvv 123", "security code: 737", "the 3 digits on the back are 737", "安全码是四五六",
 * "背面的三位数是737", "背面嘅三個數字係 737" (係: Cantonese "is").
 */
export const CVV = new RegExp(
  String.raw`\b(cvv2?|cvc2?|csc|security code|(?:(?:3|4|three|four)[- ]?digits?|digits|numbers?|code)\s+on\s+the\s+back(?:\s+of\s+(?:the|my|your)\s+card)?)(?:\s+(?:code|number|no\.?))?` +
    SEP +
    String.raw`(\d{3,4})\b|(安全码|安全碼|背面(?:的|嘅|个|個)?(?:(?:三|3|四|4)(?:位数字?|位數字?|位数?|位數?|碼|码|個數字|个数字|個數|个数)?|数字|數字|号码|號碼)|cvv码)` +
    SEP +
    String.raw`(\d{3,4}(?!\d)|[零〇一二三四五六七八九幺两兩]{3,4}(?![零〇一二三四五六七八九幺两兩]))`,
  'gi',
);
/** "code" that is an error, status, postal or promo code, not a one-time code. */
const NOT_OTP_BEFORE = String.raw`(?<!(?:error|err|status|response|reason|zip|postal|post|area|country|promo|promotion|referral|invite|invitation|coupon|discount|swift|sort|branch|bank|tracking|product|fault|exit|return|http|qr|bar|color|colour|memo|tag|reference|ref|transfer|deposit|payment|invoice|order|merchant|withdrawal|transaction|txn)[\s_-]{0,3})`;
/** Words after "code" that show the number is something else ("code of the error is 5003"). */
const NOT_OTP_WORD = String.raw`(?!(?:is|was|error|err|status|http|response|reason|order|ref|reference|tx|txn|transaction|id|amount|balance|fee|usdt|usd|number)\b)`;
/** "otp", "verification code", "sms code", "code" (not an error or order code…): a one-time code's label. */
const OTP_LABEL_EN = String.raw`(?<![a-z])(?:otp|one[- ]time (?:code|password|passcode)|verification code|2fa code|sms code|auth(?:entication)? code|${NOT_OTP_BEFORE}code)(?![a-z])`;
/** A digit in Chinese numerals, as codes are read out (幺 and 两 too). */
const ZH_DIGIT_CHARS = '零〇一二三四五六七八九幺两兩';
const ZH_DIGIT = `[${ZH_DIGIT_CHARS}]`;
const DIGIT_WORD = String.raw`(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)`;
/** A one-time code in words, after a word for one: 4 to 8 digit words, or Chinese numerals. */
const SPOKEN_CODE = new RegExp(
  String.raw`((?<![a-z])(?:otp|${NOT_OTP_BEFORE}code|passcode|pin)(?![a-z])[^.!?\n]{0,30}?)\b${DIGIT_WORD}(?:[\s,-]+${DIGIT_WORD}){3,7}\b` +
    String.raw`|((?:验证码|驗證碼|认证码|認證碼|动态码|動態碼|短信码|短信碼|簡訊碼|安全码|安全碼|otp)[^。！？\n\d]{0,6}?)${ZH_DIGIT}(?:[\s,，、]?${ZH_DIGIT}){3,7}(?![零〇一二三四五六七八九十百千万萬])`,
  'gi',
);
/**
 * A currency or an amount's unit after a number: "250000 USDT", "100000 块", "10 万" — an amount,
 * not a code, whatever the message says about codes.
 */
const AMOUNT_UNIT = String.raw`\s*(?:usdt|usdc|usd|eur|gbp|hkd|twd|cny|rmb|jpy|krw|btc|eth|trx|bnb|sol|dollars?|bucks|yuan|u\b|元|块|塊|万|萬|美元|美金|人民币|人民幣|港币|港幣|台币|台幣)`;
/** Money moved, in Chinese: "转了", "转账", "付款", "提现", "被骗了" — the number after it is an amount. */
const ZH_PAID = String.raw`转了|轉了|转账|转帐|轉賬|轉帳|汇了|匯了|汇款|匯款|付了|付款|支付|充了|充值|提了|提现|提現|打了|损失|損失|被骗|被騙|骗了|騙了|一共|总共|總共`;
/**
 * Money moved, in English, right before a number: "I sent 250000 to him", "transferred 100000",
 * "paid 250000". "sent" only after "I" or "we": "they sent 482913" (a code by SMS) is a code.
 */
const EN_PAID = String.raw`(?<![a-z])(?:(?:i|we)(?:\s+(?:just|already|have|had|then|also))*\s+(?:sent|send)|transferred|transferring|transfer|paid|paying|withdrew|withdrawn|withdrawing|deposited|spent|lost|charged|refunded|worth)`;
/** A code's digits: 4 to 8 of them, or 6 read out in halves, pairs or one by one ("482 913", "55 12 90", "4 8 2 9 1 3"). */
const CODE_DIGITS = String.raw`(\d{3}[ -]\d{3}(?!\d|[ -]\d)|\d{2}[ -]\d{2}[ -]\d{2}(?![ -]?\d)|\d(?:[ -]\d){3,7}(?![ -]?\d)|\d{4,8})`;
/**
 * "otp 123456", "OTP123456", "otp:123456", "verification code 482913", "the 6 digit code I got is
 * 482913", "code I received: 4829", "验证码482913", "收到的验证码是 482913", "OTP係 739201" (係:
 * Cantonese "is"), "驗證碼俾我 739201", "验证器上显示的是 482 913" (a code read out in two halves).
 */
const OTP = new RegExp(
  String.raw`(${OTP_LABEL_EN})` +
    String.raw`((?:[\s,]+${NOT_OTP_WORD}[a-z']+){0,4}?\s*(?:is|was|[:=：-]|是|为|為|係)\s*|\s*)${CODE_DIGITS}(?!\d)(?!${AMOUNT_UNIT})` +
    String.raw`|(验证码|驗證碼|认证码|認證碼|动态码|動態碼|短信码|短信碼|简讯码|簡訊碼|校验码|校驗碼|验证器|驗證器)((?:(?:(?!${ZH_PAID})(?![错錯码碼号號])[\u4e00-\u9fff]){0,6}?(?:是|为|為|係|[:：])?)?\s*)${CODE_DIGITS}(?!\d)(?![年月日号號点點])(?!${AMOUNT_UNIT})`,
  'gi',
);
/**
 * The first half of a code, its label before it, at the end of a message ("the code was 482",
 * "驗證碼係 四八二"): the rest comes in the next message (CODE_REST).
 */
export const CODE_HALF = new RegExp(
  String.raw`(${OTP_LABEL_EN}(?:[\s,]+${NOT_OTP_WORD}[a-z']+){0,4}?\s*(?:is|was|[:=：-]|是|为|為|係)?\s*|(?:验证码|驗證碼|认证码|認證碼|动态码|動態碼|短信码|短信碼|简讯码|簡訊碼)[^\d。！？\n${ZH_DIGIT_CHARS}]{0,6}?\s*)(\d{2,3}|${DIGIT_WORD}(?:[\s,-]+${DIGIT_WORD}){1,2}|${ZH_DIGIT}{2,3})[\s.。!！]*$`,
  'i',
);
/** The rest of a code whose first half ended the message before: 2 to 4 digits and nothing else. */
export const CODE_REST = new RegExp(
  String.raw`^\s*(?:\d{2,4}|${DIGIT_WORD}(?:[\s,-]+${DIGIT_WORD}){1,3}|${ZH_DIGIT}{2,4})[\s.。!！]*$`,
  'i',
);

/** The code before its label: "482 913 is the code they sent me", "739201 was the otp". */
const CODE_FIRST = new RegExp(
  String.raw`(?<![\d.,$€¥£#])${CODE_DIGITS}(?![\d.,])(\s+(?:is|was|=)\s+(?:the|my|your|their|his|her)?\s*(?:[a-z]+\s+){0,2}?(?:otp|one[- ]time (?:code|password)|(?:verification |sms |2fa |auth(?:entication)? |login |security )?code))(?![a-z])`,
  'gi',
);
/**
 * A password after a login's name and a slash or bar: "my login is alex / Hunter2!", "username:
 * alex | S3cret!" (with an e-mail, EMAIL_PASSWORD). A letter and a digit or sign in it.
 */
const LOGIN_PASSWORD =
  /((?<![a-z])(?:login|log-in|username|user\s*name|user|acct|account|帐号|账号|帳號|賬號|用户名|用戶名)(?![a-z])(?:\s+(?:is|was)\s+|\s*[:：=是係]\s*|\s+)[\w.+-]{2,}\s*[/|]\s*)(?=[^\s@]*[a-z])(?=[^\s@]*[\d!#$%^&*?])([^\s@/|]{4,})/gi;
/**
 * A passphrase after "password:" or "password =": plain words to the end of the sentence
 * ("password = correct horse battery staple"), none a function word ("password: hunter please
 * reset it" is a one-word password and a request).
 */
const PASSPHRASE =
  /((?<![a-z])(?:password|passwd|pwd|passphrase|pass|pw)\s*[:=：]\s*)([a-z]+(?:[ \t]+[a-z]+){1,5})(?=\s*(?:$|[.,;!?，。！？\n]))/gi;
/** A password after a login written as "email / password" ("alex@example.com / S3cretPass!"). */
const EMAIL_PASSWORD =
  /([\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*(?:\/|\||:|,)\s*)(?=[^\s@]*[a-z])(?=[^\s@]*[\d!#$%^&*?])([^\s@/]{4,})(?![^\s]*@)/gi;
/** The secret of an authenticator's setup link ("otpauth://totp/Wallet:alex?secret=JBSW…"). */
const OTPAUTH_SECRET = /(otpauth:\/\/\S*?[?&]secret=)([a-z2-7]+)/gi;

/**
 * "password is X", "password: X", "the password I use is X", "pwd=X", "pin: 1234"; a bare
 * "password X" only when X looks like one (has a digit or symbol). The separator decides how sure
 * we are: after ":" or "=" a value is a value ("password: correct horse battery"), after "is" it
 * may describe the password ("password is correct").
 */
const PASSWORD_EN = String.raw`(?<![a-z])(password|passwd|pwd|pass ?code|passphrase|pass|pw|pin(?: ?code)?)(?![a-z])((?:\s+[a-z']+){0,3}?\s*(?:is|was|[:=：]|是|为|為)\s*|\s+(?=\S*[\d!@#$%^&*]))([^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef]{2,})`;
/**
 * "密码是abc12345", "密碼：Qwerty!23", "支付密码 852963", "密码改成了abc123": a value is Latin
 * letters, digits or symbols; Chinese words after 密码 ("密码输错太多次") describe it.
 */
const PASSWORD_ZH = String.raw`(支付密[码碼]|登[录錄]密[码碼]|交易密[码碼]|[资資]金密[码碼]|密[码碼]|口令|pin[码碼])((?:[\u4e00-\u9fff]{0,4}?(?:是|为|為|係|改成了?|改为|改為|设为|設為|设成|設成|[:：=]))\s*|\s*)([!-~]+)`;
const PASSWORD = new RegExp(PASSWORD_EN + '|' + PASSWORD_ZH, 'gi');
/** Values after "password is" that describe a problem rather than being one. */
const NOT_A_SECRET =
  /^(reset|not|no|wrong|incorrect|forgot|forgotten|expired|invalid|changed|changing|required|needed|correct|right|working|blocked|locked|too|very|still|ok|okay|fine|doesn'?t|didn'?t|isn'?t|wasn'?t|won'?t|can'?t|cannot|again|field|page|link|recovery|manager|error|the|a|an|my|your|same|different|new|old|weak|strong|short|long|case|greyed|grayed|disabled|empty|blank|hidden|accepted|rejected|valid|saved|stored|set|gone|lost|stolen|compromised|leaked|hacked|being|now|also|always|never|probably|definitely|just|only|what|which|in|on|of|to|for|and|or|but|so|because|that|this|it|showing|shown|asked|asking|requested|sent|updated|mismatch|unknown)\W*$/i;
/** After "password:" nearly anything is the password; these few are a status instead. */
const NOT_A_SECRET_AFTER_COLON =
  /^(reset|wrong|incorrect|invalid|expired|required|forgot|forgotten|locked|blocked|none|n\/a|unknown|\?+)\W*$/i;
/** Words between "password" and "is" that make the sentence about something else. */
const NOT_A_PASSWORD_FILLER =
  /\b(field|box|page|link|reset|input|screen|option|button|form|prompt|requirements?|rules?|policy|length|change|manager|recovery|hint|strength|settings?|error|message|email|sms|expiry|expiration)\b/i;

/** A message about a one-time code: a bare 6-digit number in it is that code. */
const OTP_CONTEXT =
  /(?<![a-z])(?:otp|2fa|sms(?: code)?|text message|verification code|auth(?:enticator)? code|authenticator|one[- ]time)(?![a-z])|验证码|驗證碼|认证码|認證碼|动态码|動態碼|短信|簡訊|简讯|验证器|驗證器|谷歌验证|谷歌驗證/i;
/**
 * "…send my 2fa code, sent him 482913": six digits standing alone, not an amount (a currency
 * after it, money moved right before it: "I sent 250000 to him", "转了100000"), a year or a date,
 * nor a number labelled as something else (error, order, id…) just before it.
 */
const BARE_CODE = new RegExp(
  String.raw`(?<![\d.,$€¥£#])(?<!(?:(?<![a-z])(?:error|err|status|order|ref|reference|tx|txn|id|no|number|code of|http|ticket|case|paid|pay|amount|total|balance|price|fee)|${EN_PAID}|${ZH_PAID}|订单号?|訂單號?|单号|單號|交易号|交易號|流水号|流水號|编号|編號|错误码|錯誤碼)\W{0,3})(?<![a-z])\d{6}(?![\d.,]|${AMOUNT_UNIT}|\s*(?:年|月|日|号|號)|[a-z])`,
  'gi',
);

/**
 * Words that introduce 2FA backup codes or an authenticator's secret key ("my backup codes are
 * 8821-4410 and 7730-1298", "2fa secret JBSWY3DPEHPK3PXP", "备用码 12345678"): whoever has them
 * gets past the second factor for good, like the password itself.
 */
const TWOFA_CONTEXT =
  /(?<![a-z])(?:backup|recovery|emergency|2fa|mfa)\s+codes?(?![a-z])|(?<![a-z])(?:2fa|mfa|totp|authenticator|setup|secret|(?:google\s+)?auth)\s+(?:secret|key|seed)(?![a-z])|备用码|備用碼|恢复码|恢復碼|备份码|備份碼|验证器密钥|驗證器密鑰|谷歌(?:验证器?|驗證器?)?(?:密钥|密鑰|秘钥|秘鑰)|(?:2fa|双重验证|雙重驗證)\s*(?:密钥|密鑰)/i;
/** Backup codes as services print them: 8821-4410, 8821 4410, 88214410, a1b2-c3d4. */
const BACKUP_CODE =
  /(?<![\w-])(?:\d{4}[- ]\d{4}|\d{8}|[a-z0-9]{4}-[a-z0-9]{4}(?:-[a-z0-9]{4})?)(?![\w-])/gi;
/**
 * An authenticator's secret key: Base32, 16 or more of A–Z and 2–7 (in groups of 4, or not), in
 * capitals or in small letters as Google Authenticator shows it ("jbsw y3dp ehpk 3pxp"); a digit
 * among them (checked where it is masked).
 */
const TOTP_SECRET =
  /(?<![A-Za-z0-9])(?:[A-Z2-7]{4}(?: ?[A-Z2-7]{4}){3,15}|[a-z2-7]{4}(?: ?[a-z2-7]{4}){3,15})(?![A-Za-z0-9])/g;
/** A card's expiry after its label: "exp 09/27", "valid thru 09/2027", "expiry 0927", "有效期 09/27". */
const CARD_EXPIRY =
  /((?<![a-z])(?:exp(?:iry|ires|iration)?(?:\s*date)?|valid\s+(?:thru|through|until))(?![a-z])\s*[:：]?\s*|有效期(?:至|到)?\s*[:：]?\s*)(?:(?:0?[1-9]|1[0-2])\s*[/-]\s*(?:\d{2}|\d{4})|(?:0[1-9]|1[0-2])\d{2})(?!\d)/gi;

function maskTwoFactor(text: string, found: Set<SensitiveKind>): string {
  const linked = text.replace(OTPAUTH_SECRET, (_m, head: string) => {
    found.add('twofa_secret');
    return `${head}••••••••`;
  });
  if (!TWOFA_CONTEXT.test(linked)) return linked;
  return linked
    .replace(TOTP_SECRET, (m) => {
      if (!/[2-7]/.test(m)) return m;
      found.add('twofa_secret');
      return '••••••••';
    })
    .replace(BACKUP_CODE, () => {
      found.add('twofa_secret');
      return '••••-••••';
    });
}

export function maskCredentials(text: string, found: Set<SensitiveKind>): string {
  let out = maskTwoFactor(text, found).replace(CARD_EXPIRY, (_m, label: string) => `${label}••/••`);
  out = out.replace(CVV, (_m, k1, s1, _d1, k2, s2) => {
    found.add('cvv');
    return `${k1 ?? k2}${s1 ?? s2}•••`;
  });
  out = out.replace(OTP, (_m, k1, s1, _d1, k2, s2) => {
    found.add('otp');
    return `${k1 ?? k2}${s1 ?? s2}••••••`;
  });
  out = out.replace(CODE_FIRST, (_m, _digits, label: string) => {
    found.add('otp');
    return `••••••${label}`;
  });
  out = out.replace(EMAIL_PASSWORD, (_m, login: string) => {
    found.add('password');
    return `${login}••••••`;
  });
  out = out.replace(LOGIN_PASSWORD, (_m, login: string) => {
    found.add('password');
    return `${login}••••••`;
  });
  out = out.replace(PASSPHRASE, (m, label: string, words: string) => {
    const list = words.toLowerCase().split(/[ \t]+/);
    if (NOT_A_SECRET_AFTER_COLON.test(list[0]!) || list.some((w) => FUNCTION_WORDS.has(w)))
      return m;
    found.add('password');
    return `${label}••••••`;
  });
  if (OTP_CONTEXT.test(out))
    out = out.replace(BARE_CODE, () => {
      found.add('otp');
      return '••••••';
    });
  // A code said in words ("the code I got was four eight two nine one three", "驗證碼：四八二九一三").
  out = out.replace(SPOKEN_CODE, (_m, en: string | undefined, zh: string | undefined) => {
    found.add('otp');
    return `${en ?? zh ?? ''}••••••`;
  });
  return out.replace(
    PASSWORD,
    (
      m: string,
      k1: string | undefined,
      s1: string | undefined,
      v1: string | undefined,
      k2: string | undefined,
      s2: string | undefined,
      v2: string | undefined,
    ) => {
      const label = (k1 ?? k2)!;
      const sep = (s1 ?? s2)!;
      const value = (v1 ?? v2)!;
      const colon = /[:=：]/.test(sep);
      const stated = /\S/.test(sep); // "is", "是", "改成"…
      if (k1 !== undefined) {
        if (NOT_A_PASSWORD_FILLER.test(sep)) return m;
        if (colon ? NOT_A_SECRET_AFTER_COLON.test(value) : NOT_A_SECRET.test(value)) return m;
        if (!stated && value.length < 4) return m; // "password 10 times"
      } else {
        if (NOT_A_SECRET.test(value)) return m;
        if (!stated && (value.length < 4 || !/[\d!-/:-@[-`{-~]/.test(value))) return m;
      }
      found.add('password');
      return `${label}${sep}••••••`;
    },
  );
}
