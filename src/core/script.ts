import { readYaml, type ReadYaml } from './yaml-files.ts';
import { cnToTw, hkToCn } from './nlu/opencc.ts';
import type { Script } from './texts.ts';

/**
 * The Chinese script a message is written in, from the characters that exist in only one of the
 * two (OpenCC's tables): 帳戶 → Traditional, 账户 → Simplified; undefined when nothing tells
 * (Latin text, or only characters both scripts share, like 我 or 钱 vs 錢 absent) — except
 * written Cantonese, which is Hong Kong's, in Traditional.
 */
export function detectScript(text: string): Script | undefined {
  const han = text.match(/[\u3400-\u9fff]/g);
  if (!han) return undefined;
  const chars = han.join('');
  const simplified = hkToCn(chars);
  const traditional = cnToTw(chars);
  let hant = 0;
  let hans = 0;
  for (let i = 0; i < chars.length; i++) {
    if (simplified[i] !== chars[i]) hant++;
    if (traditional[i] !== chars[i]) hans++;
  }
  // Nothing tells, but the words are Cantonese ("喂 有冇人"): written in Hong Kong, in Traditional.
  if (hant === hans) return CANTONESE.test(chars) ? 'Hant' : undefined;
  return hant > hans ? 'Hant' : 'Hans';
}

/** Characters only written Cantonese uses (both scripts share them). */
const CANTONESE = /[冇咗嘅喺哋啲嘢嚟咩喎嗰睇搵攞揾噉]/;

/**
 * Simplified → Traditional for data written once in Simplified (intents' self-help and labels):
 * OpenCC's Taiwan characters, then a small table of wording (texts/zh-Hant.terms.yaml) that turns
 * mainland terms into ones neutral for Taiwan and Hong Kong (账户 → 帳戶, 信息 → 資訊 …).
 */
export class Traditionalizer {
  private readonly terms: Array<[string, string]>;
  private readonly cache = new Map<string, string>();

  constructor(termsFile: string, read: ReadYaml = readYaml) {
    const raw = read(termsFile) as Record<string, string>;
    this.terms = Object.entries(raw).sort((a, b) => b[0].length - a[0].length);
  }

  convert(text: string): string {
    const hit = this.cache.get(text);
    if (hit !== undefined) return hit;
    let out = cnToTw(text);
    for (const [from, to] of this.terms) out = replaceTerm(out, from, to);
    if (this.cache.size < 5000) this.cache.set(text, out);
    return out;
  }
}

/**
 * Every `from` in the text replaced by `to`, except where `to` is written already: 手機號 → 手機號碼
 * leaves "手機號碼" as it is (it had become 手機號碼碼).
 */
function replaceTerm(text: string, from: string, to: string): string {
  let out = '';
  let at = 0;
  for (let i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + from.length)) {
    if (text.startsWith(to, i)) continue;
    out += text.slice(at, i) + to;
    at = i + from.length;
  }
  return at === 0 ? text : out + text.slice(at);
}
