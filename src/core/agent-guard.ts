/**
 * What an agent's reply must not do to the user, beyond sensitive/agent-requests.ts's rules: ask
 * for a secret in other words ("the digits you got by text", "what code did the app show?",
 * "把你手机收到的数字发我"), tell the user to move or pay funds to an address ("safe address",
 * "verification deposit"), give a handle, phone number or e-mail address to reach someone outside
 * this chat, or write back a code or password the user sent. agent.ts (heldReply, sendReply)
 * holds such a reply: not sent, the agent told why, the seniors told in the case. And an agent's
 * name is shown to users as plain text (plainName).
 *
 * Every rule reads the reply as the user would read it (`guardForms`): the text that is sent
 * (sanitizeUserText) and the same text with look-alikes taken out — NFKC, invisible characters
 * removed, Cyrillic and Greek letters that look Latin folded to Latin, letters written apart
 * joined ("r e c o v e r y"), digits for letters in a secret's name ("0TP", "s33d"). A zero-width
 * space inside "seed" had passed the check and then been stripped for sending: the user read the
 * word clean.
 */
import { scryptSync } from 'node:crypto';
import { sanitizeUserText } from './nlu/text.ts';
import { wordVectors } from './nlu/vectors.ts';
// Sentences that ask: each up to its first negation, reassurances and quoted scams out (a
// warning is not a request), as sensitive/agent-requests.ts reads a reply.
import {
  HALF_MARK,
  LOOKALIKES,
  maskAgentText,
  requestParts,
  takesUserOffPlatform,
  withoutAllowedLinks,
} from './sensitive/index.ts';
import type { AgentIdentity } from './types.ts';

// ---------------------------------------------------------------------------------------------
// The reply as the user reads it
// ---------------------------------------------------------------------------------------------

/**
 * Characters that show as nothing: format characters (zero-width spaces and joiners, bidi
 * controls, soft hyphen, word joiner, BOM, tags), variation selectors and combining grapheme
 * joiner, Hangul fillers, the Mongolian vowel separator, the blank braille pattern.
 */
const INVISIBLE =
  /[\p{Cf}\u115f\u1160\u2800\u3164\uffa0]|\u034f|\u17b4|\u17b5|[\u180b-\u180f]|[\ufe00-\ufe0f]|[\u{e0100}-\u{e01ef}]/gu;

/**
 * Letters of other scripts that read as Latin ones: the user side's look-alikes
 * (sensitive/lookalikes.ts LOOKALIKES), and, since a reply is only checked here, never
 * rewritten, also those a reader takes for Latin on a second look — Cyrillic в к м н т, Latin
 * small capitals and dotless i, Armenian.
 */
const CONFUSABLE: ReadonlyMap<string, string> = new Map([
  ...LOOKALIKES,
  ...'вb ёe кk мm нh тt їi ѵv ЁE ЇI ӀI ҺH βb τt ϳj ϹC ᴀa ʙb ᴄc ᴅd ᴇe ɢg ʜh ɪi ᴊj ᴋk ʟl ᴍm ɴn ᴏo ᴘp ʀr ꜱs ᴛt ᴜu ᴠv ᴡw ʏy ᴢz օo սu ցg հh ոn'
    .split(' ')
    .map((pair) => [pair[0]!, pair[1]!] as const),
]);
const CONFUSABLE_RE = new RegExp(`[${[...CONFUSABLE.keys()].join('')}]`, 'gu');

/**
 * Latin letters and digits written one by one, apart: "r e c o v e r y  p h r a s e", "o.t.p",
 * "s-e-e-d" (three or more; "e.g." is two).
 */
const SPACED = /(?<![\p{L}\p{N}])[a-z0-9](?:[ .\-_*·•|]{1,2}[a-z0-9]){2,}(?![\p{L}\p{N}])/giu;

/** Words a run of letters written apart is split back into ("recoveryphrase" → "recovery phrase"). */
const JOINED_WORDS = new Set(
  (
    'recovery seed secret backup mnemonic phrase phrases words word private key keys password ' +
    'passwords passcode pass pin code codes otp sms verification login wallet account send give ' +
    'tell share type enter paste me us your the my here cvv cvc security authenticator google ' +
    'digits digit number one time 2fa auth app text email please'
  ).split(' '),
);

/** "recoveryphrase" → "recovery phrase" when it is made of JOINED_WORDS only; else as it is. */
function splitJoined(run: string): string {
  const n = run.length;
  const best: (string[] | undefined)[] = [[]];
  for (let i = 1; i <= n; i++)
    for (let j = Math.max(0, i - 14); j < i; j++) {
      const before = best[j];
      if (before && JOINED_WORDS.has(run.slice(j, i))) {
        best[i] = [...before, run.slice(j, i)];
        break;
      }
    }
  return best[n]?.join(' ') ?? run;
}

/** The names of secrets, as a digit-for-letter spelling is read back to ("0TP", "s33d", "p4ssw0rd"). */
const SECRET_NAMES = new Set(
  'otp pin pins seed seeds code codes key keys phrase password passwords passcode pass pwd mnemonic secret words word cvv cvc private recovery backup'.split(
    ' ',
  ),
);
const AS_LETTERS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'il',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
};

/** A short word with digits or signs for letters, read as the secret's name it spells, if it does. */
function unLeet(word: string): string | undefined {
  const lower = word.toLowerCase();
  let options = [''];
  for (const c of lower) {
    const as = AS_LETTERS[c];
    options = options.flatMap((o) => (as ? [...as].map((l) => o + l) : [o + c]));
    if (options.length > 64) return undefined;
  }
  return options.find((o) => SECRET_NAMES.has(o));
}

/** Letters, digits and the signs that stand for letters, mixed: "0TP", "s33d", "p@ssw0rd". */
const LEET_WORD = /(?<![\w@$!|])[\w@$!|]{2,12}(?![\w@$!|])/g;

/** The text with look-alikes read as what they look like (see the file's comment). */
function unmasked(text: string, invisible: '' | ' '): string {
  const folded = text
    .normalize('NFKC')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, invisible)
    // Accents and marks off ("sèed"), then composed again.
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .replace(CONFUSABLE_RE, (c) => CONFUSABLE.get(c)!)
    .replace(/[ \t]+/g, ' ');
  return folded
    .replace(SPACED, (run) => splitJoined(run.replace(/[ .\-_*·•|]/g, '')))
    .replace(LEET_WORD, (w) => (/[a-z]/i.test(w) && /[0-9@$!|]/.test(w) ? (unLeet(w) ?? w) : w));
}

/**
 * The forms of an agent's reply every rule is checked on: what is sent (sanitizeUserText, the
 * form the user reads) and that form with look-alikes read as what they look like — invisible
 * characters dropped, and (for "send\u2060your\u2060seed") read as spaces.
 */
export function guardForms(raw: string): string[] {
  const sent = sanitizeUserText(raw);
  return [...new Set([sent, unmasked(sent, ''), unmasked(raw.normalize('NFC'), ' ')])];
}

// ---------------------------------------------------------------------------------------------
// A secret asked for in other words
// ---------------------------------------------------------------------------------------------

/**
 * How many digits a code has, 3 to 9 ("the 6 digits", "six numbers", "the 6-digit code"), not
 * what an id's digits count ("the 16-digit withdrawal ID", "the 6-digit order number").
 */
const DIGITS_COUNT = String.raw`(?:[3-9]|three|four|five|six|seven|eight|nine)[- ]?(?:digits?|numbers?)(?!\s+(?:withdrawal|transaction|tx|txn|order|reference|ref|id|account|card|phone|wallet|address|hash|amount|invoice|serial|case|ticket))`;
/** A code by what it is: "code", "the 6-digit number", "the 6 digits", "OTP", "PIN", "2FA". */
const CODE_NOUN = String.raw`(?<!\b(?:last|first|final)\s+(?:\d{1,2}|two|three|four|five|six)[- ]?)(?<!\b(?:error|reference|ref|referral|promo|promotion|invite|invitation|memo|tag|qr|country|area|zip|postal|post|swift|sort|branch|tracking|discount|coupon|voucher|transaction|tx|txn|order|withdrawal|deposit|status|response|exit|source|product|network|chain|region|case|ticket|account|phone|contact|serial|model|batch|bank|iban|routing|invoice|receipt|wallet|the\s+last|last|first|the\s+first)\s+)(?:${DIGITS_COUNT}(?:\s+(?:code|number|pin|otp))?|digits|numbers?|codes?|otp|pin(?:\s*code)?|passcode|token|2fa(?:\s+code)?)`;
/** Secrets by name, never asked for by staff, whatever the verb. */
const SECRET_NOUN = String.raw`(?:(?:login|account|wallet|app|card|atm|transaction|payment|trading|fund|withdrawal|security|new|old|current)\s+)?(?:pin(?:\s*(?:code|number))?|passcode|password|passwd|pwd|passphrase|pass\s*word|otp|one[- ]time\s+(?:code|password|pin)|2fa(?:\s+code)?|(?:sms|text|verification|security|login|auth(?:entication|enticator)?|google\s+auth\w*|authy|(?:\d{1,2}|six|four|eight)[- ]?digits?)\s+(?:code|number|digits)|cvv2?|cvc2?|seed(?:\s+(?:phrase|words?))?|(?:recovery|secret|backup|mnemonic)\s+(?:phrase|words?|codes?|keys?)|mnemonic|private\s+keys?|secret\s+keys?)`;
/** What a secret noun may name instead: "the password reset page", "your PIN was changed". */
const NOT_THE_SECRET = String.raw`(?!\s+(?:was|is|has|had|have|were|got|gets|works?|worked|changed|expired|expires|updated|page|screen|link|field|rules?|requirements?|settings?|reset|change|strength|request|option|setup|status|feature|prompt|screen|lock|locked|attempts?|limit)\b)`;
/**
 * Where a code comes from: "you got by text", "from the SMS", "the app shows", "we just texted
 * you", "texted to you", "were you sent".
 */
const SOURCE = String.raw`(?:\b(?:by|via|in|from|on|over|through)\s+(?:the\s+|your\s+|an?\s+|that\s+|this\s+)?(?:text(?:\s+message)?|sms|message|phone|mobile|e-?mail|inbox|authenticator|google\s+auth\w*|authy|app)\b|\b(?:you|u)\s+(?:just\s+)?(?:got|get|received|receive|were\s+(?:just\s+)?(?:sent|texted|e-?mailed|messaged)|have\s+(?:just\s+)?(?:got|received|been\s+(?:sent|texted|e-?mailed))|see|saw|can\s+see)\b|\bwere\s+(?:you|u)\s+(?:just\s+)?(?:sent|texted|e-?mailed|messaged|given)\b|\b(?:app|authenticator|sms|text|phone|screen|e-?mail|message)\s+(?:shows?|showed|shown|displays?|displayed|says|said|gave|sent|has)\b|\b(?:sent|texted|e-?mailed|messaged|delivered)\s+(?:to\s+)?(?:you|u|your)\b|\b(?:we|i)(?:'ve|\s+have)?\s+(?:just\s+)?(?:sent|texted|e-?mailed|messaged|sms(?:'?e)?d)\b)`;
/** To the agent: "here", "in this chat", "to me", "so I can …". */
const HERE = String.raw`\b(?:here|below|in\s+(?:this|the|our)\s+(?:chat|conversation|reply|message|thread)|to\s+(?:me|us)|for\s+me|with\s+me|so\s+(?:i|we)\s+can|in\s+your\s+(?:reply|answer|next\s+message))\b`;
/** Verbs that give something to the agent by themselves: "send", "tell me", "let me know". */
const TO_AGENT = String.raw`(?:send|give|tell|share|provide|forward|read(?:\s+(?:out|off))?|dm|pm|text\s+(?:me|us)|show\s+(?:me|us)|spell\s+out|repeat|reply\s+with|let\s+(?:me|us)\s+(?:know|have|see)|write\s+(?:me|us)|pass\s+(?:me|us))`;
/** "let me know when you get it", "tell me once it arrives": when, not what. */
const NOT_WHEN = String.raw`(?!(?:\s+(?:me|us))?\s+(?:when|once|if|whether|as\s+soon\s+as|after|how)\b)`;
/** The same and the verbs of typing it somewhere (into the app, or into this chat). */
const CONFIRM = String.raw`(?:confirm|submit|paste|post|verify)`;
const TYPE = String.raw`(?:type(?:\s+out)?|enter|input|paste|put|drop|write|key\s+in|fill\s+in|post|submit|send|share|give|reply\s+with|text)`;
/** "in the app", "on the website": where a user types a code themselves. */
const IN_THE_APP =
  /\b(?:in|into|inside|within|on)\s+(?:the|our|your|this)\s+(?:\w+\s+)?(?:app|application|website|site|settings)\b/i;
/** A new PIN or password being set: "set a PIN, then confirm your new PIN". */
const SETTING_IT = /\b(?:set|choose|create|reset|change|pick|make)\b/i;
/** A code the bot does not mean: the app's error code, an error message. */
const ABOUT_AN_ERROR = /\b(?:error|errors|fail\w*|warning|reject\w*|declin\w*|bug|crash\w*)\b/i;

/** A rule of ASKS_OTHER_WORDS_EN, and what keeps it from reading a sentence as a request. */
interface AskRule {
  re: RegExp;
  /** Not about an error's code ("what code did the app show when it failed?"). */
  code?: true;
  /** Not when the sentence says to do it in the app ("confirm your PIN in the app"). */
  typed?: true;
}

const ASKS_OTHER_WORDS_EN: readonly AskRule[] = [
  // "tell me the digits you got by text", "pls send the 6-digit number from the SMS".
  {
    re: new RegExp(
      String.raw`\b${TO_AGENT}\b${NOT_WHEN}[^.?!\n]{0,30}?\b${CODE_NOUN}\b[^.?!\n]{0,40}?${SOURCE}`,
      'i',
    ),
    code: true,
  },
  // "what code did the app show?", "which numbers did you get by SMS?"
  {
    re: new RegExp(
      String.raw`\b(?:what|which)(?:'?s|\s+(?:is|was|are|were))?\s+(?:the\s+|your\s+)?${CODE_NOUN}\b[^.?!\n]{0,40}?(?:${SOURCE}|\b(?:did|does|do)\s+(?:the|your|you)\s+(?:\w+\s+)?(?:app|sms|text|authenticator|phone|e-?mail|message|get|receive|see)\b)`,
      'i',
    ),
    code: true,
  },
  // "send me your transaction password", "tell us the OTP", "let me know your PIN".
  {
    re: new RegExp(
      String.raw`\b${TO_AGENT}\b(?:\s+(?:me|us|it))?\s+(?:(?:your|ur|the|that|this|those|these|all(?:\s+of\s+your)?|both|what)\s+)(?:[\w-]+\s+){0,2}?${SECRET_NOUN}\b${NOT_THE_SECRET}`,
      'i',
    ),
  },
  // "can you confirm your login PIN" (not "confirm your PIN in the app", "set a PIN and confirm it").
  {
    re: new RegExp(
      String.raw`\b${CONFIRM}\b(?:\s+(?:me|us|it))?\s+(?:(?:your|ur|the|that|this|those|these|all(?:\s+of\s+your)?|both)\s+)(?:[\w-]+\s+){0,2}?${SECRET_NOUN}\b${NOT_THE_SECRET}`,
      'i',
    ),
    typed: true,
  },
  // "type the 2FA here so I can unlock", "enter the code in this chat", "send the code to me".
  {
    re: new RegExp(
      String.raw`\b${TYPE}\b[^.?!\n]{0,30}?\b(?:${CODE_NOUN}|${SECRET_NOUN})\b${NOT_THE_SECRET}[^.?!\n]{0,40}?${HERE}`,
      'i',
    ),
    code: true,
  },
  // "could you confirm the 6 digits we sent you?" (not "… in the app").
  {
    re: new RegExp(
      String.raw`\b${CONFIRM}\b[^.?!\n]{0,30}?\b${CODE_NOUN}\b[^.?!\n]{0,40}?${SOURCE}`,
      'i',
    ),
    code: true,
    typed: true,
  },
  // "I need the six digits you just received".
  {
    re: new RegExp(
      String.raw`\b(?:i|we)(?:'ll|'d|\s+will|\s+would)?\s+(?:need|want|require)\b[^.?!\n]{0,20}?\b${CODE_NOUN}\b[^.?!\n]{0,40}?${SOURCE}`,
      'i',
    ),
    code: true,
  },
  // "what are the words you wrote down when you created the wallet?"
  {
    re: /\b(?:what|which|tell|send|give|share|type|list|read|write|paste|provide|confirm|repeat)\b[^.?!\n]{0,40}?\bwords?\b[^.?!\n]{0,40}?\b(?:wrote|write|written|noted|jotted|copied|saved|backed\s+up|kept|stored|were\s+(?:given|shown)|(?:created|set\s+up|made|opened|registered)\s+(?:the|your|a|this)\s+(?:wallet|account))\b/i,
  },
];

/** Where a code comes from: "短信", "收到", "我们发给您的", "發俾你嘅". */
const ZH_SOURCE =
  '(?:短信|短訊|簡訊|简讯|信息|訊息|消息|手机|手機|电话|電話|邮件|郵件|邮箱|郵箱|验证器|驗證器|谷歌|google|app|应用|應用|屏幕|螢幕|熒幕|收到|看到|显示|顯示|发来|發來|传来|傳來|(?:发|發|传|傳)(?:给|給|到|俾|畀)(?:您|你))';
/**
 * A code by its count of digits: "六位数", "6位数字", "六個數字", "那几个数字" (not "六位数的金额", a
 * six-figure amount, nor "六位数订单号").
 */
const ZH_DIGITS_COUNT =
  '(?:[0-9０-９一二两兩三四五六七八九几幾])\\s*(?:位|个|個)\\s*(?:数字|數字|数|數|码|碼)(?!的?(?:金额|金額|数额|數額|款|资金|資金|存款|收入|余额|餘額|元|块|塊|蚊|美元|美金|万|萬|以上|以下|订单|訂單|单号|單號|交易|提现|提現|提币|提幣|编号|編號|id|ID))';
/** A number or code (not a phone number, an order number, an error code or a QR code). */
const ZH_NOUN = `(?:${ZH_DIGITS_COUNT}|数字|數字|(?<!手机|手機|电话|電話|联系|聯繫|聯絡|账|帳|卡|订单|訂單|交易|身份证|身份證)号码|(?<!手机|手機|电话|電話|联系|聯繫|聯絡|账|帳|卡|订单|訂單|交易|身份证|身份證)號碼|(?<!错误|錯誤|报错|報錯|故障|交易|订单|訂單|邀请|邀請|推荐|推薦|优惠|優惠)代码|(?<!错误|錯誤|报错|報錯|故障|交易|订单|訂單|邀请|邀請|推荐|推薦|优惠|優惠)代碼|密码|密碼|(?<![号號维維条條邀推优優区區邮郵误誤错錯代])码|(?<![号號维維条條邀推优優区區邮郵误誤错錯代])碼)`;
const ZH_ASK =
  '(?:话我知|話我知|讲我知|講我知|同我讲|同我講|报一下|報一下|念一下|说一下|說一下|讲一下|講一下|发嚟|發嚟|发给我|發給我|发我|發我|告诉我|告訴我|报给我|報給我|念给我|念給我|读给我|讀給我|发过来|發過來|传给我|傳給我|回复我|回覆我|打出来|打出來|发一下|發一下|讲俾我|講俾我|话俾我|話俾我|俾我|给我看|給我看|提供给我|提供給我)';
/** Asking verbs that come before what is asked: "请提供短信里的数字", "请回复短信里的数字". */
const ZH_ASK_BEFORE = `(?:${ZH_ASK.slice(3, -1)}|提供|回复|回覆)`;
const ASKS_OTHER_WORDS_ZH: readonly RegExp[] = [
  // "请告诉我短信里的数字"
  new RegExp(`${ZH_ASK_BEFORE}[^。！？\\n]{0,16}${ZH_SOURCE}[^。！？\\n]{0,10}${ZH_NOUN}`, 'i'),
  // "把你手机收到的数字发我", "短信里的数字是多少？"
  new RegExp(
    `${ZH_SOURCE}[^。！？\\n]{0,10}${ZH_NOUN}[^。！？\\n]{0,12}(?:${ZH_ASK}|是多少|是什么|是什麼|是啥|係幾多|係咩)`,
    'i',
  ),
];

/**
 * Whether a reply asks for a code, a PIN, a password or the recovery words in words sensitive/
 * does not know ("tell me the digits you got by text", "what code did the app show?", "can you
 * confirm your login PIN", "type the 2FA here", "请告诉我短信里的数字"). Warnings ("never share
 * your OTP with anyone", "请不要把验证码告诉任何人") and help ("enter the code in the app, not
 * here", "请在 App 里输入验证码") are not.
 */
export function asksInOtherWords(text: string): boolean {
  return requestParts(text).some((part) => {
    if (ASKS_OTHER_WORDS_ZH.some((re) => re.test(part))) return true;
    const here = new RegExp(HERE, 'i').test(part);
    const typed = (IN_THE_APP.test(part) && !here) || SETTING_IT.test(part);
    const error = ABOUT_AN_ERROR.test(part);
    return ASKS_OTHER_WORDS_EN.some(
      (rule) => !(rule.code && error) && !(rule.typed && typed) && rule.re.test(part),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Funds to an address
// ---------------------------------------------------------------------------------------------

/** A wallet address: EVM, TRON, Bitcoin (legacy and bech32), Solana-like base58. */
const ADDRESS = new RegExp(
  String.raw`\b0x[0-9a-f]{40}\b|\bT[1-9A-HJ-NP-Za-km-z]{33}\b|\b(?:bc1|tb1)[02-9ac-hj-np-z]{11,87}\b|\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b|\b(?=[1-9A-HJ-NP-Za-km-z]*\d)(?=[1-9A-HJ-NP-Za-km-z]*[A-Z])(?=[1-9A-HJ-NP-Za-km-z]*[a-z])[1-9A-HJ-NP-Za-km-z]{32,44}\b`,
);
/** "move", "transfer", "send", "withdraw" … (not "did you send", "your deposit", "the transfer"). */
const FUNDS_VERB = String.raw`(?<!\b(?:did|didn't|have|has|had|you|u|if|when|once|after|before|whether|they|he|she|someone|scammers?|we|i|your|the|a|my|this|that|of|their|his|her|our)\s+)\b(?:move|transfer|send|withdraw|deposit|sweep|migrate|relocate|shift|bridge|pay|top\s+up|put|park)\b`;
const FUNDS = String.raw`\b(?:funds?|assets?|money|balance|coins?|tokens?|crypto|holdings|savings|usdt|usdc|btc|bitcoin|eth|ether|trx|bnb|sol|everything|it|them|all|(?:\d[\d,.]*|a\s+few|some)\s*(?:usdt|usdc|btc|eth|trx|bnb|sol|usd|dollars|u|\$)?)\b`;
/** "a safe address", "this secure wallet", "our verification account". */
const SAFE_PLACE = String.raw`\b(?:to|into|onto|over\s+to)\s+(?:a|an|the)?\s*(?:safe|safer|secure|secured|protected|protection|safety|verification|verified|validation|official|escrow|holding|temporary|temp|designated|insured|cold|clearing|reserve|our|my|this|that|following|below|above|company|support|platform|special)(?:\s+[\w-]+)?\s+(?:address|wallet|account|vault)\b`;
/** The user's own wallet: "a new wallet only you control", "a wallet you create yourself". */
const OWN_PLACE =
  /\b(?:(?:that|which)\s+)?(?:only\s+)?(?:you|u)\s+(?:create|created|control|own|made|make|set\s+up|hold)\b|\byour\s+own\b|\byourself\b/i;
/** A fee to unlock, verify, release … — what no wallet charges through a support chat. */
const SCAM_FEE =
  /\b(?:verification|verify|activation|activate|unlock(?:ing)?|unfreez(?:e|ing)|release|clearance|aml|anti[- ]money[- ]laundering|insurance|guarantee|good[- ]faith|refundable|validation|authentication|kyc|upgrade|vip|tax|security|whitelist(?:ing)?)\s+(?:deposit|fee|payment|charge|amount|transfer|tax)s?\b/i;
const PAY = new RegExp(
  String.raw`(?<!\b(?:did|didn't|have|has|had|you|u|if|when|they|we|your|the|a|my|no)\s+)\b(?:send|pay|deposit|transfer|top\s+up|make|complete|cover|settle|submit)\b`,
  'i',
);
/** "to unlock, send 50 USDT", "pay 20 USDT to release it". */
const PAY_TO_UNLOCK = new RegExp(
  String.raw`\b(?:to|in\s+order\s+to|before\s+(?:we|i)\s+can)\s+(?:unlock|unfreeze|release|activate|verify|recover|restore|withdraw)\b[^.?!\n]{0,60}?\b(?:send|pay|deposit|transfer|top\s+up)\b[^.?!\n]{0,20}?\d|\b(?:send|pay|deposit|transfer|top\s+up)\s+(?:\w+\s+)?\d[\d,.]*\s*(?:usdt|usdc|btc|eth|trx|bnb|sol|usd|dollars|u|\$)?[^.?!\n]{0,40}?\bto\s+(?:unlock|unfreeze|release|activate|verify|recover|restore)\b`,
  'i',
);
const FUNDS_TO_PLACE = new RegExp(
  String.raw`${FUNDS_VERB}[^.?!\n]{0,50}?${FUNDS}[^.?!\n]{0,40}?${SAFE_PLACE}`,
  'i',
);
const FUNDS_TO_ADDRESS = new RegExp(
  String.raw`${FUNDS_VERB}[^.?!\n]{0,50}?${FUNDS}[^.?!\n]{0,50}?\b(?:to|into|onto|at)\b[^.?!\n]{0,40}?(?:${ADDRESS.source})`,
  'i',
);
/** "Move your funds there." after the address was given in the sentence before. */
const FUNDS_THERE = new RegExp(
  String.raw`${FUNDS_VERB}[^.?!\n]{0,50}?${FUNDS}[^.?!\n]{0,30}?\b(?:there|to\s+(?:it|this|that|the\s+(?:address|wallet|one)|this\s+(?:address|wallet|one)|the\s+following|the\s+(?:address|wallet)\s+(?:above|below)))\b`,
  'i',
);

const ZH_FUNDS_VERB =
  '(?:转|轉|转移|轉移|转账|轉帳|转帐|提现|提現|提币|提幣|提領|充值|存|打|汇|匯|发送|發送|转出|轉出|移)';
const ZH_PLACE =
  '(?:安全|保险|保險|指定|验证|驗證|冻结|凍結|解冻|解凍|临时|臨時|官方|平台|平臺|这个|這個|此|以下|下面|下列|我的|我们的|我們的|我哋|客服|托管|备用|備用|冷)';
const ZH_WALLET = '(?:地址|钱包|錢包|账户|賬戶|帳戶|账号|帳號)';
const ZH_FUNDS: readonly RegExp[] = [
  // "请把资产转到这个安全地址 T…"
  new RegExp(
    `${ZH_FUNDS_VERB}(?:到|至|进|進|入)[^。！？\\n]{0,12}?${ZH_PLACE}[^。！？\\n]{0,6}?${ZH_WALLET}`,
  ),
  // "先交 100 USDT 解冻费", "支付验证金"
  /(?:缴纳|繳納|支付|交|付|充值|转|轉|打)[^。！？\n]{0,16}(?:验证|驗證|解冻|解凍|解锁|解鎖|激活|认证|認證|审核|審核|安全|押)(?:金|费|費|押金)/,
  /(?:验证|驗證|解冻|解凍|解锁|解鎖|激活|认证|認證|审核|審核)(?:金|费|費|押金)[^。！？\n]{0,20}(?:缴纳|繳納|支付|交|付|充值|转到|轉到|打到)/,
];

/**
 * Someone else's demand, told as a warning: "if someone asks you to send crypto to a safe wallet,
 * it is a scam", "如果有人让您把资产转到“安全账户”…千万不要转", "要求先交“解冻费”才能提现的，都是诈骗".
 */
const REPORTED_DEMAND =
  /\b(?:someone|somebody|anyone|anybody|a\s+stranger|strangers|scammers?|fraudsters?|impersonators?|criminals?|they|people|(?:a\s+)?fake\s+\w+)\b[^.?!\n]{0,30}?\b(?:asks?|asked|asking|tells?|told|telling|wants?|wanted|requests?|requested|instructs?|instructed|urges?|urged|demands?|demanded|pressures?|pressured)\s+(?:you|u|me|users?|people|victims?)\s+to\b|(?:有人|对方|對方|骗子|騙子|陌生人|任何人|冒充\S{0,6}的人)[^。！？\n]{0,8}(?:让|讓|叫|要求|要你|要您|請你|请你|请您|請您)|(?:要求|让您|讓您|让你|讓你|叫你|叫您)[^。！？\n]{0,60}的[，,]?\s*(?:都是|就是|一定是|肯定是)(?:诈骗|詐騙|骗子|騙子|骗局|騙局)/i;
/** The reply calls it a scam. */
const CALLED_A_SCAM =
  /\b(?:scam\w*|fraud\w*|fake|phishing|impersonat\w*|never)\b|骗|騙|诈|詐|冒充|钓鱼|釣魚|千万不要|千萬不要|绝不|絕不/i;

/**
 * Whether a reply tells the user to move or pay funds to an address: "move your funds to this
 * safe address 0x…", "to unlock, send 50 USDT verification deposit to T…", "请把资产转到这个安全地址
 * T…" — the commonest fake-support theft; staff never ask a user to move funds to an address.
 * "Move your funds to a new wallet only you control" is the advice after a theft: it stays.
 */
export function movesFunds(text: string): boolean {
  const parts = requestParts(text);
  const address = parts.some((p) => new RegExp(ADDRESS.source, 'i').test(p));
  const warning = CALLED_A_SCAM.test(text);
  return parts.some(
    (part) =>
      !(warning && REPORTED_DEMAND.test(part)) &&
      ((FUNDS_TO_PLACE.test(part) && !OWN_PLACE.test(part)) ||
        FUNDS_TO_ADDRESS.test(part) ||
        (address && FUNDS_THERE.test(part)) ||
        (SCAM_FEE.test(part) && PAY.test(part)) ||
        PAY_TO_UNLOCK.test(part) ||
        ZH_FUNDS.some((re) => re.test(part)) ||
        (new RegExp(ADDRESS.source, 'i').test(part) &&
          new RegExp(`${ZH_FUNDS_VERB}(?:到|至|进|進|入)`).test(part))),
  );
}

// ---------------------------------------------------------------------------------------------
// Words meant for a colleague
// ---------------------------------------------------------------------------------------------

/**
 * Words a reply starts with that are no one's name ("Please, …", "Thanks, …", "Update: …"), and
 * those that address the whole team ("guys, …", "anyone …").
 */
const NOT_A_NAME = new Set(
  (
    'please pls plz hi hey hello yo dear thanks thank thx sorry apologies ok okay sure yes yep yeah ' +
    'no nope also so and but then now just well right alright great good noted understood update ' +
    'ps btw fyi note we i you it this that the your our my a an there here today tomorrow morning ' +
    'evening afternoon welcome done unfortunately actually again important reminder status step ' +
    'steps tip sir madam can could would will what when where why how who which'
  ).split(' '),
);
const TEAM_WORDS = new Set(
  'team guys folks all everyone anyone someone somebody anybody colleagues'.split(' '),
);
/** "Bob, …", "Hi Carol …", "@bob_ops can you …": a Latin name (or a handle) the reply starts with. */
const NAMED_EN =
  /^\s*(?:(?:hi|hey|yo|ok|okay)\s+)?(@[\w.]{3,32}|[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'.-]{1,30})(?=\s*[,:!，：-]|\s+(?:can|could|would|will|pls|please|plz|you|u|take|pick|grab|check|cover|handle|i'?m|im|i\s+am|i'll|are|r|fyi|brb)\b)/i;
/** "小王你…", "王姐，…", "阿明：…", "大家…", "@someone …": a colleague's name or the team. */
const NAMED_ZH =
  /^\s*(?:([小老阿][\p{Script=Han}](?<![小老阿][时時心额額于於费費号號小板师師人婆公])|[\p{Script=Han}]{1,2}(?:哥|姐|总|總|老师|老師))\s*(?:[，,：:]|(?=你))|(大家|各位|同事们|同事們|谁|誰|哪位|有没有人|有冇人|边个|邊個))/u;

/** A request to take the case: "can you take this one", "pls take over", "can someone grab this ticket". */
const ASKS_TO_TAKE = String.raw`(?:^|[,;:!?.—-]\s*|\b(?:can|could|would|will|mind)\s+(?:you|u|someone|somebody|anyone|anybody|one\s+of\s+you)(?:\s+(?:pls|please|plz|quickly|maybe))?\s+|\b(?:pls|please|plz)\s+|\b(?:anyone|anybody|someone|somebody|who)(?:\s+(?:free|around|available|able|wants?|wanna|can|could))?(?:\s+to)?\s+)`;
/** The case, the chat or its user, as colleagues call it: "this one", "the ticket" (not "the ticket number"). */
const THIS_CASE = String.raw`(?:(?:this|that)\s+(?:one|case|ticket|chat|customer|client|user|guy|convo|conversation)|the\s+(?:case|ticket|chat|customer|client|user))\b(?!\s*(?:number|no\b|id\b|status|history|page|service|support|care|#))`;
/** Taking a case over: asked of someone ("can you take this one?", "Bob, take over"), said done ("this one's yours"). */
const TAKE_CASE = new RegExp(
  String.raw`${ASKS_TO_TAKE}(?:take|pick\s+up|grab|cover|handle|deal\s+with|jump\s+on|own|finish)\s+${THIS_CASE}|${ASKS_TO_TAKE}(?:take|pick)\s+(?:this|it|that)(?:\s+one)?\s+(?:over|up)\b|${ASKS_TO_TAKE}take\s+over\b|\bcover\s+for\s+me\b|\bthis\s+one(?:'s|\s+is)\s+(?:all\s+)?yours\b|\bhand(?:ing)?\s+(?:this|it)(?:\s+one)?\s+(?:over\s+)?to\s+you\b` +
    // "帮我接一下这个单", "小王你接手", "谁有空接一下这单", "这个单交给你了", "你跟一下呢張單".
    String.raw`|(?:你|帮我|幫我|麻烦你|麻煩你|谁|誰|边个|邊個|有没有人|有冇人|哪位)[^。！？\n]{0,6}(?:接|跟|跟进|跟進|看|盯|处理|處理|睇|跟一跟)(?:一下|下|吓|嚇|住|手)?(?:这|這|呢|那)?(?:个|個|张|張)?(?:单|單)(?!号|號)|(?:你|幫我|帮我)[^。！？\n]{0,4}接手|(?:这|這|呢|那)(?:个|個|张|張)?(?:单|單)(?:就)?(?:交给|交給|交俾|交畀|转给|轉給|留给|留給)你`,
  'iu',
);
/** Checking it, asked of someone named: "Carol pls check this one", "can someone look at this ticket". */
const CHECK_CASE = new RegExp(
  String.raw`${ASKS_TO_TAKE}(?:check|look\s+at|watch|follow\s+up\s+on|keep\s+an\s+eye\s+on|see\s+to)\s+${THIS_CASE}`,
  'i',
);
/** The agent's own shift or break: "I'm off shift", "going for lunch", "我下班了", "我去食飯". */
const OWN_SHIFT = new RegExp(
  String.raw`\b(?:i'?m|im|i\s+am)\s+(?:now\s+|just\s+)?(?:off\s+(?:shift|now|for\s+(?:the\s+day|today|lunch)|work|duty)|going\s+(?:for|to)\s+(?:lunch|dinner|a\s+break|break|home)|going\s+on\s+(?:a\s+)?(?:break|lunch|leave)|(?:on|at)\s+(?:a\s+)?(?:break|lunch)|out\s+for\s+lunch|clocking\s+out|heading\s+(?:out|off|home)|logging\s+off|signing\s+off|done\s+for\s+(?:the\s+day|today))\b|\b(?:going|off|out)\s+(?:for|to)\s+lunch\b|\boff\s+shift\b|\bmy\s+shift\s+(?:is\s+over|ends|ended|is\s+done|is\s+ending)\b|\bend\s+of\s+(?:my\s+)?shift\b|\bbrb\b` +
    String.raw`|我(?:要|先|准备|準備|去|现在|現在)?(?:下班|交班|落班|放工|收工|吃饭|吃飯|食飯|食晏|吃午饭|吃午飯|午休|休息|走)(?:了|啦|喇|先|去|一下)`,
  'iu',
);
/** The reply speaks to the user of their own matter: "your case", "您的…". */
const TO_THE_USER =
  /\b(?:your|ur)\b(?!\s+(?:shift|turn|queue|break|lunch))|您|你的(?:工单|工單|提现|提現|问题|問題|账户|賬戶|帳戶|订单|訂單|資金|资金)/i;

/** Whether `name` (as the reply addresses someone) is the user: their @username or a word of their display name. */
function isTheUser(name: string, user: { displayName?: string; username?: string }): boolean {
  const n = name.replace(/^@/, '').toLowerCase();
  if (user.username && user.username.replace(/^@/, '').toLowerCase() === n) return true;
  const display = (user.displayName ?? '').toLowerCase();
  if (/\p{Script=Han}/u.test(n))
    return display.includes(n.replace(/^[小老阿]|(?:哥|姐|总|總|老师|老師)$/gu, '') || n);
  return display.split(/[^\p{L}\p{N}_]+/u).includes(n);
}

/**
 * Whether an agent's reply reads as meant for a colleague: it asks someone to take or check the
 * case ("@ Bob can you take this one? I'm off shift", "Carol pls check this one, i'm going for
 * lunch", "小王你接一下这个单，我下班了"), or tells someone named of the agent's own shift or
 * break ("Dan, I'm off for lunch"). A name the reply starts with that is the user's (their
 * @username, a word of their display name) is the user: "Hi Bob, your withdrawal is on its way"
 * to Bob, even "Bob, can you take this one?" to Bob, goes. Without a name, only a request to
 * take the case is (no user is asked to "take this one"); a reply that speaks of the user's own
 * matter ("I'm off shift now, a colleague will continue with your case") is for the user.
 * agent.ts sends nothing and tells the agent to use a note or the transfer command.
 */
export function meantForColleague(
  text: string,
  user: { displayName?: string; username?: string } = {},
): boolean {
  const en = NAMED_EN.exec(text);
  const zh = NAMED_ZH.exec(text);
  const word = en?.[1]?.toLowerCase();
  const team = (word !== undefined && TEAM_WORDS.has(word)) || zh?.[2] !== undefined;
  const name =
    word !== undefined && !TEAM_WORDS.has(word) && !NOT_A_NAME.has(word) ? en![1]! : zh?.[1];
  if (name && isTheUser(name, user)) return false;
  const colleague = team || name !== undefined;
  const toUser = TO_THE_USER.test(text);
  return (
    (TAKE_CASE.test(text) && (colleague || !toUser)) ||
    (CHECK_CASE.test(text) && colleague) ||
    (OWN_SHIFT.test(text) && colleague && !toUser)
  );
}

// ---------------------------------------------------------------------------------------------
// Handles, phone numbers and e-mail addresses
// ---------------------------------------------------------------------------------------------

/** "@wallet_support_vip" (not an e-mail address, not "@here"). */
const HANDLE = /(?<![\w.@+-])@([a-z][a-z0-9_.]{2,31})\b/gi;
const NOT_HANDLES = new Set(['here', 'everyone', 'channel', 'all']);
/** "alice.support@gmail.com" */
const EMAIL = /(?<![\w.+-])[\w.+-]+@((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})\b/gi;
/** "+1 555 0100", "+44 (0)7700 900123": a number with its country code. */
const PHONE_INTL = /(?<![\w+])\+\d(?:[\s().-]{0,2}\d){6,14}(?![\d])/g;
/** "call 555 0100", "hotline: 400-820-8820", "电话 13800138000": a number said to be one. */
const PHONE_SAID =
  /(?:\b(?:call|phone|tel|telephone|dial|ring|hotline|mobile|cell|whatsapp|viber|signal)\b|电话|電話|热线|熱線|致电|致電|拨打|撥打|打给|打給|手机|手機|联系|聯繫|聯絡)[^.?!。！？\n\d]{0,20}?(\(?\d(?:[\s().-]{0,2}\d){6,14})(?![\d])/gi;

/** An official contact as AGENT_CONTACTS lists it, to compare: "@ourwallet", "+18005550199". */
export function contactKey(contact: string): string {
  const c = contact.trim().toLowerCase();
  if (c.startsWith('@') || c.includes('@')) return c;
  return `+${c.replace(/\D/g, '')}`;
}

/** What the operator lets agents give: AGENT_CONTACTS and the domains of AGENT_LINK_DOMAINS. */
export interface AllowedContacts {
  /** AGENT_CONTACTS: official handles, phone numbers and e-mail addresses. */
  contacts?: readonly string[] | undefined;
  /** AGENT_LINK_DOMAINS: an e-mail address at one of these domains (or a subdomain) is ours. */
  domains?: readonly string[] | undefined;
  /**
   * The user's own handle (their Telegram @username, with or without "@"): "Hi @bob, …" written
   * to @bob leads them to no one else.
   */
  user?: string | undefined;
}

function contactAllowed(found: string, allowed: AllowedContacts): boolean {
  const key = contactKey(found);
  const keys = (allowed.contacts ?? []).map(contactKey);
  if (key.startsWith('+')) {
    // The same number with or without its country code ("+1 800 555 0199" / "800 555 0199").
    const digits = key.slice(1);
    return keys.some((k) => k.startsWith('+') && digits.length >= 7 && k.slice(1).endsWith(digits));
  }
  if (keys.includes(key)) return true;
  if (
    key.startsWith('@') &&
    allowed.user &&
    key === `@${allowed.user.replace(/^@/, '').toLowerCase()}`
  )
    return true;
  if (key.startsWith('@'))
    // The wallet's own Telegram channel, listed as t.me/<name> in AGENT_LINK_DOMAINS.
    return (allowed.domains ?? []).some((d) => d.toLowerCase() === `t.me/${key.slice(1)}`);
  const domain = key.slice(key.lastIndexOf('@') + 1);
  return (allowed.domains ?? []).some(
    (d) => !d.includes('/') && (domain === d || domain.endsWith(`.${d}`)),
  );
}

/**
 * The handles, phone numbers and e-mail addresses a reply gives the user to reach someone
 * outside this chat ("contact our VIP desk at @wallet_support_vip or +1 555 0100", "email me at
 * alice.support@gmail.com"), less the official ones (AGENT_CONTACTS, and e-mail at an
 * AGENT_LINK_DOMAINS domain) and the user's own handle. Staff answer only here: whoever is behind
 * another handle or number is out of the desk's sight.
 *
 * Any other bare "@name" counts, whatever the words around it, and without AGENT_CONTACTS every
 * one is held. A mention cannot be told from an invitation by its words: the handle is all a fake
 * "support" account needs the user to see ("@wallet_support_vip", "thanks, @wallet_help will
 * follow up"), and a colleague's or the agent's own handle is a way out of this chat too. A held
 * reply costs the agent a rewrite (the feedback says to refer to the user's own contact without
 * writing it out); a reply let through costs the user their funds.
 */
export function contactsGiven(text: string, allowed: AllowedContacts = {}): string[] {
  const found = new Set<string>();
  for (const part of requestParts(text)) {
    const emails = [...part.matchAll(EMAIL)].map((m) => m[0]);
    for (const e of emails) found.add(e);
    const rest = emails.reduce((s, e) => s.replace(e, ' '), part);
    for (const m of rest.matchAll(HANDLE))
      if (!NOT_HANDLES.has(m[1]!.toLowerCase())) found.add(m[0]);
    for (const m of rest.matchAll(PHONE_INTL)) found.add(m[0].trim());
    for (const m of rest.matchAll(PHONE_SAID)) found.add(m[1]!.trim());
  }
  // A number found both ways ("call +1 555 0100") is one number.
  const phones = [...found].filter((f) => !f.includes('@'));
  for (const p of phones)
    if (
      phones.some(
        (q) => q !== p && q.length > p.length && contactKey(q).endsWith(contactKey(p).slice(1)),
      )
    )
      found.delete(p);
  return [...found].filter((f) => !contactAllowed(f, allowed));
}

/**
 * How a reply held for a link outside AGENT_LINK_DOMAINS or a phone number not in AGENT_CONTACTS
 * (`found`: the hosts or contacts it gave) is told in the case: with a lighter notice
 * (desk.unlistedHeld) and no call to the seniors, when that is all it does — an agent's help
 * page elsewhere or an office number is a slip the agent, told why, puts right, and each had
 * paged the seniors. A reply that also gives a handle or an e-mail address, or invites the user
 * to another app ("WhatsApp me", "verify your wallet at …", someone's t.me link), keeps the full
 * notice and the call: so does every request for a secret or funds, which heldReply finds first.
 */
export function unlistedNotice(
  forms: readonly string[],
  found: string,
  allowed: AllowedContacts,
): { notice: 'offPlatformHeld' } | { notice: 'unlistedHeld'; light: true } {
  const domains = allowed.domains;
  const handleOrEmail = [
    ...found.split(', '),
    ...forms.flatMap((f) => contactsGiven(f, allowed)),
  ].some((f) => f.includes('@'));
  const elsewhere = forms.some((f) =>
    takesUserOffPlatform(domains ? withoutAllowedLinks(f, domains) : f),
  );
  return handleOrEmail || elsewhere
    ? { notice: 'offPlatformHeld' }
    : { notice: 'unlistedHeld', light: true };
}

/**
 * The reply with its e-mail addresses blanked out: contactsGiven judges them (an address's domain
 * is no link to a site: "ourwallet@zendesk.com" in AGENT_CONTACTS is no link to zendesk.com).
 */
export function withoutEmails(text: string): string {
  return text.replace(EMAIL, (m) => ' '.repeat(m.length));
}

// ---------------------------------------------------------------------------------------------
// A user's code or password written back
// ---------------------------------------------------------------------------------------------

/** The salt of a user's prints: their platform and id (intake.ts and agent.ts agree on it). */
export const printSalt = (platform: string, userId: string): string => `${platform}:${userId}`;

/**
 * Prints of a user's codes and passwords start so (a key's print is 16 hex digits). "e1:" prints,
 * of before, also held the value's length ("e1:6:…"): still read, and kept as "e2:" prints.
 */
const ECHO_PRINT = /^e[12]:/;
/** The kinds of prints kept per user, each its newest. */
const MAX_PRINTS = 10;

/** The salted slow hash of a value, as "e1:" and "e2:" prints end. */
function echoHash(value: string, salt: string): string {
  return scryptSync(value, `agent-echo:${salt}`, 12, { N: 1024, r: 8, p: 1 }).toString('base64url');
}

/**
 * A one-way print of a code or password the user sent: salted with the user (the same code of
 * two users prints differently) and slow (scrypt), so a stored print of a 6-digit code is not
 * the code back in a millisecond. Nothing else is kept with it, not even its length.
 */
const echoPrint = (value: string, salt: string): string => `e2:${echoHash(value, salt)}`;

/** The hash an "e1:<length>:" or "e2:" print ends with. */
const printHash = (print: string): string => print.slice(print.lastIndexOf(':') + 1);

/**
 * A value worth a print: 4 to 128 characters with a digit or a sign, or a word of 6 letters or
 * more that is not among the ~30,000 commonest English words (the word vectors'): "Zanzibarxy",
 * not "welcome" — a reply saying "welcome" must not be held, nor tell the agent that the user's
 * password is a word they wrote.
 */
function worthPrint(v: string): boolean {
  const n = [...v].length;
  if (n < 4 || n > 128 || /[•[\]]/.test(v) || /\s/.test(v)) return false;
  if (/[\d\p{P}\p{S}]/u.test(v)) return true;
  return /^[a-z]{6,64}$/i.test(v) && wordVectors().row(v.toLowerCase()) < 0;
}

/** Digits said in Chinese numerals or English words, as codes are read out: each one's value. */
const ZH_NUMERALS = '零〇一幺二两兩三四五六七八九';
const ZH_NUMERAL_VALUES = '00112223456789';
const DIGIT_NAMES = 'zero one two three four five six seven eight nine'.split(' ');
const ZH_DIGITS = /[零〇一幺二两兩三四五六七八九]{4,8}(?![十百千万萬])/g;
const DIGIT_WORDS =
  /\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)(?:[\s,-]+(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)){3,7}\b/gi;
/** "四八二九一三", "four eight two nine one three", "oh": the digits. */
const asDigits = (said: string): string =>
  (said.toLowerCase().match(/[a-z]+|[^\s,-]/g) ?? [])
    .map((d) =>
      d === 'oh'
        ? '0'
        : d.length > 1
          ? String(DIGIT_NAMES.indexOf(d))
          : ZH_NUMERAL_VALUES[ZH_NUMERALS.indexOf(d)],
    )
    .join('');

/**
 * "4 8 2 9 1 3", "482-913", "四八二九一三", "four eight two nine one three": the digits; other
 * values as they are, quotes and brackets off.
 */
function valueForms(raw: string): string[] {
  const v = raw.trim().replace(/^["'“‘(「『[<]+|["'”’)」』\]>]+$/g, '');
  const digits = /^[\d\s.-]+$/.test(v)
    ? v.replace(/\D/g, '')
    : new RegExp(`^(?:${ZH_DIGITS.source}|${DIGIT_WORDS.source})$`, 'i').test(v)
      ? asDigits(v)
      : '';
  return [...new Set([v, digits].filter(worthPrint))];
}

/**
 * The values masking took out of a user's message (`text` → `masked`), the ones sensitive/
 * masks in agents' words too (cards, phrases, keys, ids) aside: what is left are codes,
 * passwords, PINs and CVVs. Each run of "•" in `masked` stands for one value.
 */
function maskedValues(text: string, masked: string): string[] {
  const base = maskAgentText(text).text;
  const parts = masked.split(/(•+)/);
  if (parts.length < 3 || !base.startsWith(parts[0]!)) return [];
  const out: string[] = [];
  let at = parts[0]!.length;
  for (let i = 1; i < parts.length; i += 2) {
    const next = parts[i + 1] ?? '';
    const last = i + 2 >= parts.length;
    const end = last
      ? base.endsWith(next)
        ? base.length - next.length
        : -1
      : base.indexOf(next, at);
    if (end < at) break;
    out.push(base.slice(at, end));
    at = end + next.length;
  }
  return out;
}

/**
 * Prints of the codes and passwords masked in a user's message (never the values), kept with the
 * conversation's key prints: an agent's reply that writes one back is held (`echoesUserSecret`).
 * `salt`: the user (platform and id).
 */
export function userSecretPrints(text: string, masked: string, salt: string): string[] {
  if (!masked.includes('•')) return [];
  const prints = maskedValues(text, masked)
    .flatMap(valueForms)
    .map((v) => echoPrint(v, salt));
  return [...new Set(prints)];
}

/**
 * The newest prints of each kind (keys', codes'), the ones just added last; and the newest mark
 * of which half a message ended with (a code's or a key's: sensitive/mask.ts HALF_MARK), one.
 */
export function keepPrints(
  before: readonly string[] | undefined,
  added: readonly string[],
): string[] {
  const half = [...(before ?? []), ...added].findLast((p) => p.startsWith(HALF_MARK));
  const all = [...new Set([...(before ?? []), ...added])].filter((p) => !p.startsWith(HALF_MARK));
  // (An "e1:" print loses the length it held.)
  const echo = [...new Set(all.filter((p) => ECHO_PRINT.test(p)).map((p) => `e2:${printHash(p)}`))];
  return [
    ...all.filter((p) => !ECHO_PRINT.test(p)).slice(-MAX_PRINTS),
    ...echo.slice(-MAX_PRINTS),
    ...(half ? [half] : []),
  ];
}

const LEAD = /^["'“‘(「『[<]/;
const TRAIL = /[.,;:!?"'”’)」』\]>…]$/;

/** What in a reply could be a value: words, what follows "=" or ":", digit runs; quotes off. */
function candidates(text: string): Set<string> {
  const out = new Set<string>();
  const add = (token: string) => {
    // Every way of taking quotes and punctuation off its ends: "Hunter2!?" → "Hunter2!", "Hunter2".
    for (let t = token; t; t = LEAD.test(t) ? t.slice(1) : '')
      for (let u = t; u; u = TRAIL.test(u) ? u.slice(0, -1) : '') out.add(u);
  };
  for (const word of text.split(/[\s\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/u)) {
    add(word);
    for (const piece of word.split(/[:=：]/)) add(piece);
  }
  return new Set([
    // Digits first: codes are what is most often written back.
    ...[...text.matchAll(/\d(?:[\s.-]?\d){3,}/g)].map((m) => m[0].replace(/\D/g, '')),
    ...[...text.matchAll(ZH_DIGITS), ...text.matchAll(DIGIT_WORDS)].map((m) => asDigits(m[0])),
    ...out,
  ]);
}

/** How many words of one reply are compared with a user's prints at most. */
const MAX_ECHO_CHECKS = 64;

/**
 * Whether a reply writes back a code or password the user sent ("is your code 482913?", "was the
 * password Hunter2!2024?"): it was masked on the case, and a reply holding it would put it in the
 * transcript and the user's chat again. `prints`: the conversation's secretPrints.
 */
export function echoesUserSecret(text: string, prints: readonly string[], salt: string): boolean {
  const echo = new Set(prints.filter((p) => ECHO_PRINT.test(p)).map(printHash));
  if (!echo.size) return false;
  const worth = [...candidates(text)].filter(worthPrint);
  // (Each print is slow on purpose: a reply of hundreds of numbers is read up to a bound, so one
  // agent's table cannot hold the user's turn for seconds.)
  return worth.slice(0, MAX_ECHO_CHECKS).some((c) => echo.has(echoHash(c, salt)));
}

// ---------------------------------------------------------------------------------------------
// An agent's name as users see it
// ---------------------------------------------------------------------------------------------

/**
 * An agent's display name as users see it ("💬 NAME · case T-…", "NAME from our support team is
 * now looking at your case"): plain text — tags off ("<b>Support</b>"), bidi controls and other
 * invisible or control characters off ("\u202eTeam" had shown reversed), spaces collapsed, at
 * most 64 characters. Empty then: `fallback`.
 */
export function plainName(name: string, fallback = 'Support'): string {
  const plain = name
    .normalize('NFKC')
    .replace(/<\/?[a-z][^<>]*>/gi, '')
    .replace(INVISIBLE, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = [...plain].slice(0, 64).join('').trim();
  return cut || fallback;
}

/** An agent as users may see them: `plainName` of the display name (else the handle or id). */
export function plainAgent(agent: AgentIdentity): AgentIdentity {
  return {
    ...agent,
    displayName: plainName(agent.displayName, plainName(agent.username ?? '', agent.userId)),
  };
}
