import { readYaml, type ReadYaml } from './yaml-files.ts';
import { cnToTw, hkToCn } from './nlu/opencc.ts';
import { applyTerms, loadTerms, type Script, type Terms } from './texts.ts';

/**
 * The Chinese script a message is written in, from the characters that exist in only one of the
 * two (OpenCC's tables): 帳戶 → Traditional, 账户 → Simplified; undefined when nothing tells
 * (Latin text, or only characters both scripts share, like 我 or 钱 vs 錢 absent) — except
 * written Cantonese and Hong Kong's brands (八達通, PayMe), which are Hong Kong's, in Traditional,
 * and Taiwan's words and brands (登入, 超商, LINE Pay, 街口), Traditional. A message of shared
 * characters and nothing else ("拜拜", "付款不成功") tells nothing: the conversation keeps its
 * script (Turn.updateScript), and one that has none yet — no platform hint, nothing written before
 * — is answered in Simplified, the default, until a message tells.
 */
export function detectScript(text: string): Script | undefined {
  const han = text.match(/[\u3400-\u9fff]/g);
  if (!han) return undefined;
  const chars = han.join('');
  const lower = text.toLowerCase();
  const hongKong = CANTONESE.test(chars) || HONG_KONG.test(chars) || HONG_KONG_LATIN.test(lower);
  const simplified = hkToCn(chars);
  const traditional = cnToTw(chars);
  let hant = 0;
  let hans = 0;
  for (let i = 0; i < chars.length; i++) {
    if (simplified[i] !== chars[i]) hant++;
    if (traditional[i] !== chars[i] && !WRITTEN_IN_BOTH.has(chars[i]!)) hans++;
  }
  // Nothing tells, but the words are Cantonese ("喂 有冇人") or a Hong Kong brand ("PayMe付款不成功"):
  // written in Hong Kong, in Traditional. Or words or brands only Taiwan has ("我要找真人客服",
  // "登入", "LINE Pay付款不成功", "街口付款不成功"): Traditional.
  if (hant === hans)
    return hongKong ? 'HK' : TAIWAN.test(chars) || TAIWAN_LATIN.test(lower) ? 'Hant' : undefined;
  if (hant < hans) return 'Hans';
  // Traditional and Cantonese ("轉咗錢俾朋友") or a Hong Kong brand ("八達通增值失敗"): Hong Kong,
  // answered in its words.
  return hongKong ? 'HK' : 'Hant';
}

/**
 * The script the platform's language says (Telegram `language_code` "zh-hant", "zh-TW", "zh-HK";
 * Discord `locale` "zh-TW"): a Traditional-Chinese app was answered in Simplified until the user
 * wrote. Hong Kong and Macau get Hong Kong's words; "zh", "zh-hans", "zh-CN" tell nothing more.
 */
export function scriptFromCode(code: string | undefined): Script | undefined {
  const c = code?.toLowerCase() ?? '';
  if (/^zh[-_](?:hant[-_])?(?:hk|mo)$/.test(c)) return 'HK';
  if (/^zh[-_](?:hant|tw)\b/.test(c)) return 'Hant';
  return undefined;
}

/**
 * Characters OpenCC turns into another in Traditional (台 → 臺, 里 → 裡, 扣款 → 釦款, 喂 → 餵) that Taiwan
 * and Hong Kong write as they are (台幣, 這裡/里程, 扣款): no sign of Simplified ("有一筆不明扣款"
 * had counted one Simplified for 扣 against 筆 and been answered in Simplified).
 */
const WRITTEN_IN_BOTH: ReadonlySet<string> = new Set('台里干岩占采游朴杰冲征扣晒喂');

/**
 * Words written in shared characters that only Taiwan uses for the bot's subjects: 真人客服, 登入;
 * 超商 (a convenience store, where bills are paid: 超商代收), 街口 (JKOPAY, 街口支付), 悠游卡
 * (EasyCard; 游 is written in both scripts), 加值 (a top-up: 悠遊卡加值 — not 附加值 or 增加值, the
 * mainland's "added value"), 金融卡 (a debit card; Hong Kong's 提款卡).
 */
const TAIWAN = /真人客服|登入|超商|街口|悠游卡|(?<![附增])加值|金融卡/;
/** Taiwan's brands in Latin letters, in a Chinese message: "LINE Pay付款不成功", "街口 JKOPAY". */
const TAIWAN_LATIN = /\bline ?pay\b|\bjko ?pay\b|\bjkopay\b|\bi ?pass\b|\bicash\b/;
/** Hong Kong's brands in shared or Traditional characters: 八達通 (Octopus). */
const HONG_KONG = /八達通/;
/** …and in Latin letters: "PayMe俾唔到錢", "AlipayHK 付款不成功", "Tap & Go", "Octopus 增值". */
const HONG_KONG_LATIN = /\bpayme\b|\balipay ?hk\b|\btap ?(?:&|and|n) ?go\b|\boctopus\b/;

/**
 * Characters (and a few words: 都未, 仲未 "not yet"; 謝晒; 三千蚊; 未到賬, as Taiwan writes 帳) only
 * written Cantonese uses (both scripts share them). Tested on the Han characters alone.
 */
const CANTONESE =
  /[冇咗嘅喺哋啲嘢嚟咩喎嗰睇搵攞揾噉咁佢唔畀啱冚]|謝晒|谢晒|晒喇|都未|仲未|转数快|轉數快|點樣|点样|點解|点解|邊度|边度|而家|琴日|尋日|寻日|係咪|系咪|[一二三四五六七八九十百千万萬兩两]蚊|未到賬|幾耐|几耐|幾時先|几时先|仲要|仲有|仲係|仲系/;

/**
 * Simplified → Traditional for data written once in Simplified (intents' self-help and labels):
 * OpenCC's Taiwan characters, then a small table of wording (texts/zh-Hant.terms.yaml) that turns
 * mainland terms into ones neutral for Taiwan and Hong Kong (账户 → 帳戶, 信息 → 資訊 …); for a
 * Cantonese speaker (`hk`), then Hong Kong's words (texts/zh-HK.terms.yaml: 帳戶 → 賬戶 …).
 */
export class Traditionalizer {
  private readonly terms: Terms;
  private readonly cache = new Map<string, string>();
  private readonly hkCache = new Map<string, string>();

  constructor(
    termsFile: string,
    read: ReadYaml = readYaml,
    private readonly hkTerms: Terms = [],
  ) {
    this.terms = loadTerms(termsFile, read);
  }

  convert(text: string, hk = false): string {
    const cache = hk ? this.hkCache : this.cache;
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    let out = applyTerms(cnToTw(text), this.terms);
    if (hk) out = applyTerms(out, this.hkTerms);
    if (cache.size < 5000) cache.set(text, out);
    return out;
  }
}
