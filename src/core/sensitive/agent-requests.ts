/**
 * What an agent's reply must not do, read in its sentences: ask the user for a secret (a recovery
 * phrase, a key, a code, a password, a CVV), give one, ask for a remote-access app or a shared
 * screen, or invite the user to talk somewhere else (another app, a personal number). Staff never
 * do any of these; fake "support" does all of them. Warnings ("never share your code") are not
 * requests: each sentence is read up to its first negation (requestParts).
 */

const SECRET_WORDS_EN = String.raw`(?:recovery|seed|secret|backup|mnemonic)\s*(?:phrase|words?)|secret\s+recovery\s+(?:phrase|words)|(?:2fa\s+)?backup\s+codes?|(?:login|account|wallet)\s+passwords?|seed|mnemonic|private\s*keys?|(?:login\s+)?credentials|login\s+(?:details|info)|(?:sms|verification|2fa|one[- ]time|otp|security|login|6[- ]digit|six[- ]digit|authenticator)\s*codes?|otp|passwords?|pin(?:\s*code)?|cvv|(?:\d{1,2}|twelve|twenty[- ]four)[- ]?words?(?:\s*phrase)?|(?:google\s*)?authenticator|code\s+(?:you\s+)?(?:got|received|just\s+got)|words\s+(?:from|on)\s+(?:your\s+)?(?:backup|recovery|seed)(?:\s+(?:card|sheet|paper))?`;
/** A secret word naming something else: "the password reset page", "password change screen". */
const NOT_ABOUT = String.raw`(?!\s+(?:reset|page|screen|link|email|change|field|rules?|requirements?|strength)\b)`;
/** "send me the 6 digit code", "reply with your recovery phrase", "tell us your password". */
const ASKS_EN = new RegExp(
  String.raw`\b(?:send|give|tell|share|provide|forward|read(?:\s*out)?|dm|text|type|paste|post)\b(?:\s+(?:me|us))?[^.?!\n]{0,40}?\b(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}[^.?!\n]{0,30}?\b(?:to\s+(?:me|us)|to\s+(?:this|the)\s+chat|here|in\s+(?:this|the)\s+chat|so\s+(?:i|we)\s+can)\b|\b(?:send|give|tell|share|provide|forward|dm|text|read)\s+(?:me|us)\b(?!\s+(?:whether|if|when|how|what\s+happens))[^.?!\n]{0,40}?\b(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}|\breply\s+(?:here\s+)?with\b[^.?!\n]{0,30}?\b(?:${SECRET_WORDS_EN})\b|\bwhat(?:'s|\s+(?:is|are|was))\s+(?:your|the)\s+(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}|\b(?:type(?:\s*out)?|enter|paste|confirm|read\s+me)\b[^.?!\n]{0,40}?\b(?:${SECRET_WORDS_EN})\b[^.?!\n]{0,40}?\b(?:here|with\s+me|in\s+(?:this|the)\s+(?:chat|reply)|reply\s+box|to\s+(?:me|us))\b|\b(?:type(?:\s*out)?|paste|read\s+(?:me|out))\b[^.?!\n]{0,20}?\b(?:\d{1,2}|twelve|twenty[- ]four)\s*(?:secret\s+)?words\b|\bi(?:'ll|\s+will)?\s+need\s+(?:you\s+to\s+\w+\s+)?(?:your|the)\b[^.?!\n]{0,20}?\b(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}` +
    // "kindly share your private key", "could you provide the private key of the wallet", "send
    // the seed words", "type your secret recovery phrase below", "confirm your login details".
    String.raw`|\b(?:send|give|share|provide|forward|type|paste|post|submit|upload|confirm|write)\b(?:\s+(?:me|us))?\s+(?:your|the|ur|all)\s+(?:(?:wallet'?s?|full|complete|exact|whole|secret|12|24|twelve|twenty[- ]four)\s+)*(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}` +
    // "what are the first 4 words of your phrase?"
    String.raw`|\bwhat\s+(?:are|is|were|was)\s+the\s+(?:first|last|next|other|remaining)\s+(?:\d{1,2}\s+|one\s+|two\s+|three\s+|four\s+|five\s+|six\s+)?words?\b` +
    // A third security review's: "we need your secret recovery words", "export the key … and
    // paste it here", "the 3 digit code on the back", "also your CVV", "read me the digits from
    // the SMS", "the 6-digit number the authenticator app shows", "confirm the code we just sent".
    String.raw`|\bwe\s+(?:will\s+)?need\s+(?:you\s+to\s+\w+\s+)?(?:your|the)\b[^.?!\n]{0,20}?\b(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}` +
    String.raw`|\bexport\b[^.?!\n]{0,40}\b(?:keys?|phrase|seed)\b[^.?!\n]{0,40}\b(?:paste|send|share|give)\b` +
    String.raw`|\b(?:code|digits|numbers?|code)\s+on\s+the\s+back\b|\b(?:also|and|plus)\s+your\s+(?:cvv2?|cvc2?|security\s+code|pin|password|private\s+key|seed(?:\s+phrase)?)\b` +
    String.raw`|\bread\s+(?:me|us)\b[^.?!\n]{0,30}\b(?:digits|numbers|code)\b|\b(?:number|code|digits)\b[^.?!\n]{0,30}\b(?:authenticator|google\s+auth\w*|2fa)\b[^.?!\n]{0,15}\bshows?\b` +
    String.raw`|\bconfirm\s+(?:the|your)\s+(?:\w+\s+)?code\s+(?:we|i)\s+(?:just\s+)?sent\b`,
  'i',
);
const SECRET_WORDS_ZH =
  '背面三码|背面三碼|卡背|助记词|助記詞|注记词|註記詞|助記字|种子词|種子詞|恢复短语|恢復短語|私钥|私鑰|验证码|驗證碼|密码|密碼|安全码|安全碼|种子|種子|六位数字|六位數字|谷歌验证器|谷歌驗證器|验证器|驗證器|单词|單字|单字|seed phrase';
/**
 * "请把您的助记词和短信验证码发给我", "請提供您的私鑰以便核實", "验证码告诉我一下", "請在這裡輸入驗證碼".
 * To enter (输入) a code is a request only into this chat: "請問您有輸入簡訊驗證碼嗎？" asks what
 * the user did in the app (it had been held and the seniors paged), "请在 App 里输入验证码" is help.
 */
const ASKS_ZH = new RegExp(
  `(?:需要|要)(?:你|您)(?:的|個|个|嘅)?(?:${SECRET_WORDS_ZH})|(?:发给我(?!们)|發給我(?!們)|发我|發我|告诉我|告訴我|给我(?!们)|給我(?!們)|提供|报给我|報給我|念给我|念給我|发过来|發過來|发一下|發一下|回复|回覆|发送|傳送|传给我|傳給我)[^。！？\\n]{0,14}(?:${SECRET_WORDS_ZH})(?!时|時)|(?:在这里|在這裡|这里|這裡|此处|此處|对话框|對話框|聊天框|下面|下方|回复框|回覆框)[^。！？\\n]{0,4}(?:输入|輸入)[^。！？\\n]{0,14}(?:${SECRET_WORDS_ZH})|(?:输入|輸入)[^。！？\\n]{0,14}(?:${SECRET_WORDS_ZH})[^。！？\\n]{0,6}(?:到这里|到這裡|在这里|在這裡|在此|到对话|到對話)|(?:${SECRET_WORDS_ZH})(?!时|時)[^。！？\\n]{0,12}(?:(?:传送|傳送|发送|發送)(?:给|給)|发给我(?!们)|發給我(?!們)|发我|發我|告诉我|告訴我|给我(?!们)|給我(?!們)|报给我|報給我|念给我|念給我|发过来|發過來|提供一下|提供给我|提供給我|报一下|報一下|念一下|传给我|傳給我|俾我|是多少|係幾多|是什么|是什麼|是啥|贴上来|貼上來|贴出来|貼出來|贴过来|貼過來|发上来|發上來|打出来|打出來)`,
);
/** "never share your code", "请勿提供验证码", "我们不会索要密码": a warning, not a request. */
const NEGATED =
  /\b(?:never|don'?t|do not|not|no one|nobody|anyone)\b|不要|勿|别|別|不会|不會|绝不|絕不|不得|不可|任何人|唔好|唔會|唔会|切勿/i;
/** Reassurance, not a warning: "don't worry, just send me your phrase", "别担心，加我微信". */
const REASSURANCE =
  /\b(?:don'?t|do not)\s+worry\b|\bno\s+worries\b|不要担心|不用担心|别担心|別擔心|不用擔心|不要擔心|唔使驚|唔使擔心/gi;

/** Words in quotes: "…", “…”, 「…」, 『…』. */
const QUOTED = /["“「『][^"“”「」『』\n]{1,200}["”」』]/g;
/** What introduces someone else's words: "scammers write", "a message like", "有人说", "叫你". */
const REPORTED = new RegExp(
  String.raw`(?:\b(?:says?|said|saying|asks?|asked|asking|writes?|wrote|writing|tells?\s+you|told\s+you|claims?|claiming|pretends?|messages?\s+(?:like|saying)|something\s+like|such\s+as|texts?\s+(?:like|saying))|说|說|讲|講|叫你|要你|问|問|写着|寫著|类似|類似|例如|声称|聲稱|假装|假裝)\s*[:：,，]?\s*$`,
  'i',
);
/** The reply says what such words are: a scam, a fake, what we never say. */
const SCAM_WARNING =
  /\b(?:scam\w*|fraud\w*|fake|phishing|impersonat\w*|never|do\s+not|don'?t)\b|骗|騙|诈|詐|假|冒充|钓鱼|釣魚|不要|切勿|勿|唔好/i;

/**
 * A warning that quotes what a scammer writes ("Scammers often write \"send us your 12 words to
 * verify\"", "如果有人说「把助记词发给我」，那就是骗子") is not a request: the quoted words, when
 * something introduces them as someone's words and the reply calls them a scam, are left out.
 * Quotes alone ("send me \"your recovery phrase\" now") are not enough.
 */
function withoutQuotedScams(text: string): string {
  if (!SCAM_WARNING.test(text)) return text;
  return text.replace(QUOTED, (quote, at: number) =>
    REPORTED.test(text.slice(Math.max(0, at - 24), at)) ? ' '.repeat(quote.length) : quote,
  );
}

/**
 * The parts of a reply that could ask or offer something: each sentence up to its first
 * negation — "never share your code with anyone" is a warning, while "send me your phrase,
 * nobody else will see it" still asks — after reassurances are taken out ("don't worry, …"
 * had made a request read as a warning). Sentences end at a point before a space (not the one
 * inside "wa.me/…").
 */
export function requestParts(text: string): string[] {
  return withoutQuotedScams(text)
    .replace(REASSURANCE, ' ')
    .split(/(?<=[.?!])(?=\s)|(?<=[。！？\n])/)
    .map((sentence) => {
      const negation = NEGATED.exec(sentence);
      return negation ? sentence.slice(0, negation.index) : sentence;
    });
}

/**
 * Whether an agent's reply asks the user for a secret that staff never ask for (a recovery
 * phrase, a key, a code, a password): such a reply is held, not sent (agent.ts). What a sentence
 * says after a negation ("never share your code with anyone") is a warning (requestParts).
 */
export function asksForSecret(text: string): boolean {
  return requestParts(text).some(
    (part) => ASKS_EN.test(part) || ASKS_ZH.test(part) || SHOWS_SECRET.test(part),
  );
}

/**
 * "export your private key, then paste it here", "send a screenshot of your backup page", "导出
 * 私钥": the secret asked for by the way to get it out of the wallet — no one helping a user
 * needs it out.
 */
const SHOWS_SECRET = new RegExp(
  String.raw`\b(?:export|reveal|show|copy|back\s*up|write\s+down\s+and\s+send)\b[^.?!\n]{0,30}?\b(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}|\b(?:screenshot|photo|picture|pic)s?\b[^.?!\n]{0,30}?\b(?:backup|recovery|seed|mnemonic|private\s*key|secret)\b|(?:导出|導出|显示|顯示|截图|截圖|拍照|拍下)[^。！？\n]{0,10}(?:助记词|助記詞|私钥|私鑰|种子|種子|备份页|備份頁)`,
  'i',
);

/** Remote-access apps by name (English and Chinese): what the remote-access scam installs. */
export const REMOTE_APPS_EN = String.raw`any\s?desk|team\s?viewer|rust\s?desk|quick\s?support|screen\s?connect|ultra\s?viewer|splashtop|supremo|ammyy|remote\s?pc`;
export const REMOTE_APPS_ZH = '向日葵|todesk';

/**
 * "download AnyDesk and read me the ID", "請下載向日葵遠端軟體", "share your screen with me": a
 * remote-access app or a shared screen hands the wallet to whoever is on the other end — the
 * "support" of the remote-access scam. Staff never ask for one.
 */
const REMOTE_ACCESS = new RegExp(
  String.raw`\b(?:${REMOTE_APPS_EN}|chrome\s+remote\s+desktop|remote\s+(?:access|desktop|control|support)\s+(?:app|tool|software|program)|share\s+(?:your|the)\s+screen|screen[- ]?shar(?:e|ing))\b|${REMOTE_APPS_ZH}|远程(?:控制|协助|桌面|软件|軟件|app)|遠端(?:控制|協助|桌面|軟體)|遠程(?:控制|協助|桌面|軟件|軟體)|屏幕共享|螢幕分享|共享屏幕|分享螢幕`,
  'i',
);

/** Whether an agent's reply asks the user to install or use a remote-access app or share the screen. */
export function asksForRemoteAccess(text: string): boolean {
  return requestParts(text).some((part) => REMOTE_ACCESS.test(part));
}

/**
 * "your temporary password is Xy7!kq9P", "verification code: 482913", "PIN = 0000", "临时密码是
 * abc12345", "驗證碼：482913": a credential named, then its value — a token with a digit or a
 * sign in it, so "your password is too weak" and "the code is valid for 5 minutes" are not.
 * An error code ("error code 5003") is not a credential.
 */
const GIVES_EN = new RegExp(
  String.raw`(?<!error\s)(?<!reference\s)(?<!ref\s)\b(?:pass(?:word|code)?|pw|pin(?:\s*code)?|otp|(?:verification|sms|2fa|one[- ]time|login|security|reset|access)\s*code)\b(?:[^.?!\n]{0,25}?\b(?:to|is|was|will be)\b|\s*[:=])\s*["'“]?(?=[^\s"'”(]*[\d!@#$%^&*])[^\s"'”.,;(][^\s"'”.,;]{3,}|(?<!error\s)\b(?:the|this|your)\s+code\b[^.?!\n]{0,20}?(?:\bis\b|:)\s*\d{4,8}\b|\b(?:otp|pin|(?:one[- ]time|verification|sms|login|2fa)\s*code)\s+\d{4,8}\b`,
  'i',
);
const GIVES_ZH =
  /(?:密码|密碼|验证码|驗證碼|PIN\s*码?|PIN\s*碼|安全码|安全碼|动态码|動態碼|CVV)[^。！？\n]{0,10}?(?:是|为|為|係|:|：|=)\s*[「“"']?(?=[^\s」”"']*[\d!@#$%^&*])[A-Za-z0-9!@#$%^&*]{4,}|(?:验证码|驗證碼)\s*\d{4,8}(?!\d)/i;

/**
 * Whether an agent's reply gives the user a password, code, PIN or CVV in the chat: staff never
 * send one (a reset in the app sends its own), and one in a chat is one anyone who sees the chat
 * has. Such a reply is held like a request for a secret (agent.ts).
 */
export function givesSecret(text: string): boolean {
  return GIVES_EN.test(text) || GIVES_ZH.test(text) || GIVES_CVV.test(text);
}

/** "CVV: 123", "cvc is 4821": a card's security code, three or four digits. */
const GIVES_CVV = /\b(?:cvv2?|cvc2?)\s*(?:is|was|=|:|-)?\s*\d{3,4}\b/i;

const APPS = String.raw`whats\s?app|telegram|wechat|weixin|signal|line|viber|skype|messenger|instagram|snapchat|kakao(?:talk)?|qq`;
/**
 * "add me on WhatsApp", "DM me on Telegram @wallet_help", "my WeChat is abc123", "wa.me/…",
 * "加我微信", "私聊我", "我的电报是 …": the user invited to talk to staff somewhere else — what
 * the bot tells users staff never do, and how a fake "agent" (or a hijacked agent account) takes
 * a victim out of sight.
 */
/** "add", "dm", "contact", "write to" …: how one asks to be written to. */
const CONTACT = String.raw`(?:add|message|dm|text|contact|call|reach|ping|chat with|write to|find)`;
const OFF_PLATFORM_EN = new RegExp(
  // "contact our senior team on WhatsApp +1 555 0100": staff named for "us" (second security review).
  String.raw`\b${CONTACT}\s+(?:our|the|my)\s+(?:senior\s+|security\s+|support\s+|vip\s+)*(?:team|agent|manager|supervisor|department|desk|colleague|specialist|staff)\b[^.?!\n]{0,40}?\b(?:on|via|at|through|over)\s+(?:${APPS}|\+?\d[\d\s-]{6,})` +
    // "connect your wallet" anywhere but in the app: how a drainer takes a wallet.
    String.raw`|\b(?:connect|link|sync|validate|verify)\s+(?:your|the)\s+wallet\b(?!\s+(?:address|addresses|id|balance|history|number|app|settings))(?![^.?!\n]{0,30}\b(?:in|inside|within)\s+(?:the|our|this)\s+app\b)` +
    String.raw`|\b${CONTACT}\s+(?:me|us)\b[^.?!\n]{0,40}?\b(?:on|via|at|through|over)\s+(?:${APPS}|my\s+(?:personal\s+)?(?:phone|number|cell|mobile)|\+?\d[\d\s-]{6,})|\bmy\s+(?:personal\s+)?(?:${APPS}|phone\s+number|number|cell|mobile)(?:\s+(?:id|handle|number))?\s*(?:is|:|,)\s*(?=[\w.@+-]*[\d@_])[@+]?[\w.@+-]{3,}|\b(?:wa\.me|t\.me|telegram\.me|line\.me|weixin\.qq\.com|u\.wechat\.com)\/\S+`,
  'i',
);
const OFF_PLATFORM_ZH =
  /加(?:一下)?我\s*(?:的)?\s*(?:微信|QQ|电报|電報|telegram|whatsapp|line|飞机|飛機)|留(?:个|個|一下)?(?:电话|電話|手机|手機|号码|號碼)|打(?:给|給)(?:您|你)|我(?:个|個)(?:number|电话|電話|手机|手機|号码|號碼)(?:係|是)|(?:我的|私人)(?:微信|QQ|电报|電報|telegram|whatsapp|line|手机|手機|电话|電話)(?:号码|號碼|号|號)?\s*(?:是|：|:)|(?:私聊|私信|私訊|联系|聯繫|聯絡)我(?!们|們)|打(?:我|给我|給我)(?:的)?(?:电话|電話|手机|手機)/i;

/**
 * Whether an agent's reply invites the user to talk to staff outside this chat. Such a reply is
 * held (agent.ts). What a sentence says after a negation ("we never message you on WhatsApp")
 * is a warning (requestParts).
 */
export function takesUserOffPlatform(text: string): boolean {
  return requestParts(text).some(
    (part) =>
      APP_HANDLE.test(part) ||
      (!THIS_CHAT.test(part) && (OFF_PLATFORM_EN.test(part) || OFF_PLATFORM_ZH.test(part))),
  );
}

/**
 * An app and a handle or number on it, whoever it is for: "on WhatsApp: +1 202 555 0143", "my
 * username is @wallet_support_mike", "我们经理的微信：wx_88888", "我的飞机号是 @kefu_01" — a value
 * with a digit, "@" or "_" in it (not "my signal is bad today").
 */
const APP_HANDLE = new RegExp(
  String.raw`(?:\b(?:${APPS})\b|微信|飞机|飛機|电报|電報)\s*(?:id|号|號|帳號|账号|username|handle|number)?\s*(?:is|是|係|[:：])\s*(?:\+?\d[\d\s-]{5,}\d|(?=[\w.@+-]*[\d@_])[@+]?[\w.@+-]{3,})|\b(?:my|our)\s+(?:username|handle|id|number)\s+(?:there\s+)?(?:is|:)\s*@[\w.]{3,}|(?:搜索|搜尋|搜|\bsearch(?:\s+for)?)\s*[@＠]\w{3,}`,
  'i',
);
/** The chat the user is in ("message us here", "在这个对话里联系我"): not somewhere else. */
const THIS_CHAT =
  /\b(?:here|this chat|this bot|this conversation)\b|这个对话|這個對話|这里|這裡|呢度|呢個對話/i;
