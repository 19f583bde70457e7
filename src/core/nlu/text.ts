import type { Lang } from '../types.ts';
import { hkToCn } from './opencc.ts';

/**
 * Traditional → simplified folding (OpenCC's HK/TW → CN tables, nlu/opencc.ts): built on the first
 * Chinese text; ~4 µs per message. 帐 is folded on to 账 as well: OpenCC keeps 帳戶 → 帐户, while
 * users write 账户.
 */
const toSimplified = (text: string) => hkToCn(text).replace(/帐/g, '账');

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_G = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN_WORD = /[a-z]{2,}/gi;
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

const FULL_WIDTH = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
const fromFullWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/** Full-width digits and Latin letters (Chinese input methods) as ASCII; the rest as it is. */
export const fullWidthToAscii = (s: string) => s.replace(FULL_WIDTH, fromFullWidth);

/** Control characters and bidi overrides out, NFKC (full-width → ASCII), whitespace collapsed. */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/**
 * What a user typed, made safe to store and show: control characters and bidi overrides out,
 * line breaks kept (agents read them), runs of blank lines and spaces collapsed.
 */
export function sanitizeUserText(text: string): string {
  return (
    text
      .normalize('NFC')
      // Full-width digits and letters (Chinese input methods) as ASCII, so masking and ids see them.
      .replace(FULL_WIDTH, fromFullWidth)
      .replace(/\r\n?/g, '\n')
      .replace(CONTROL, '')
      .replace(/[ \t\u00a0]+/g, ' ')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** Lower-case, traditional → simplified: the form every feature is computed on. */
export function foldText(text: string): string {
  const lower = cleanText(text).toLowerCase();
  return hasCjk(lower) ? toSimplified(lower) : lower;
}

/**
 * The language from the script: zh when Chinese characters are at least as many as Latin words
 * ("我的withdrawal还没到" is zh, "my 提现 is stuck" is en). Transaction ids and amounts do not
 * count (they are Latin letters in any language). `undefined` when there is no signal at all.
 */
export function detectLang(text: string): Lang | undefined {
  const stripped = text.replace(/\b[a-z]*\d[a-z0-9-]*\b/gi, ' ');
  const cjk = stripped.match(CJK_G)?.length ?? 0;
  const words = stripped.match(LATIN_WORD)?.length ?? 0;
  if (cjk === 0 && words === 0) return undefined;
  return cjk >= words ? 'zh' : 'en';
}

/** zh* → zh, anything else → en; used for a platform's language hint. */
export function langFromCode(code: string | undefined): Lang | undefined {
  if (!code) return undefined;
  return code.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** English number words one to ten (counts of days, of payments). */
export const EN_NUMBERS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
