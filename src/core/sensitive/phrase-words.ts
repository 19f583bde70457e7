/**
 * The words recovery phrases are made of, and how a message is cut into them: the BIP-39 word
 * lists (English, simplified and traditional Chinese; 2,048 words each,
 * https://github.com/bitcoin/bips/blob/master/bip-0039.mediawiki), phrase lengths, the pieces of
 * text between separators, numbering ("1.", "(3)"), and English function words that are no list
 * word. Shared by recovery-phrases.ts, chinese-phrases.ts and codes-passwords.ts.
 */
import { createRequire } from 'node:module';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';

/** The BIP-39 lists a phrase may come from; a phrase uses one list only. Built once. */
export const WORD_LISTS: readonly ReadonlySet<string>[] = [
  new Set(english),
  new Set(simplifiedChinese),
  new Set(traditionalChinese),
];
const require = createRequire(import.meta.url);
// natural's package root loads dotenv and databases (docs/platform-facts.md): the submodule only.
const { words: STOP_WORDS } = require('natural/lib/natural/util/stopwords.js') as {
  words: string[];
};

/** Phrases have 12, 15, 18, 21 or 24 words; any longer run of list words is masked whole. */
export const MIN_PHRASE_WORDS = 12;
/**
 * English words of the list in a row: 11 is a 12-word phrase with one word left out, which is
 * enough to rebuild the wallet (2,048 tries for the last word). Prose does not hold 11 list
 * words in a row without a word outside the list ("the", "my", "is", "to" …).
 */
export const MIN_EN_PHRASE_WORDS = 11;

/**
 * Pieces of text between separators (whitespace, commas, semicolons, colons, "=", "|"). Chinese
 * characters are pieces of their own, so one written alone ("的 一 是") can be told from one
 * inside a run ("的一是", which counts only after a phrase word: chinese-phrases.ts).
 */
export const PIECE = /\p{Script=Han}+|[^\s,，、;；:：=|\p{Script=Han}]+/gu;
/** Numbering and bullets between the words ("1.", "2)", "(3)", "#4", "-"): neither word nor break. */
export const NUMBERING = /^(?:[#(（]?\d{1,2}[.)）-]?|[-–—•·*/\\]+)$/;
/**
 * A Latin word, maybe numbered ("1.abandon", or "1abandon" as a numbered backup is copied), quoted,
 * ending a sentence ("about."), or right after one ("核對？legal": Chinese punctuation is not a
 * separator).
 */
export const LATIN_WORD =
  /^(?:[#(（]?\d{1,2}[.)）-]?)?(["'“‘(（[「『？！。?!]?)([a-z]+)(["'”’)）\]」』]?)([.!?。！？]?)$/i;
/** A word with a full stop after it ("about."), counted to tell a list written so from prose. */
export const DOTTED_WORD = /(?<![\w.])[a-z]+\.(?=\s|$)/gi;

export const SENTENCE_END = /^[？！。?!]$/;

/**
 * English function words that are not BIP-39 words ("the", "my", "is", "to", "was", "you"…, from
 * natural's stop-word list): a sentence of 12 words nearly always holds one, a phrase never does.
 * ("about", "again", "never"… are on the list, so they are not among them.)
 */
export const FUNCTION_WORDS = new Set(
  STOP_WORDS.filter((w) => /^[a-z]{2,}$/.test(w) && !WORD_LISTS[0]!.has(w)),
);
/** A plain word as phrases are written: lower, Title or UPPER case (not camelCase), 3–10 letters. */
export const PLAIN_WORD = /^(?:[a-z]{3,10}|[A-Z][a-z]{2,9}|[A-Z]{3,10})$/;
/** The message itself says that words are a phrase ("the words are:", "my seed", "24 words"). */
export const PHRASE_CUE =
  /\b(?:words?|phrase|seed|mnemonic|recovery|backup|secret|paper|electrum|monero)\b|\b(?:12|24)\b/i;

/**
 * Whether the text holds at most `n` words: runs of ASCII letters, and characters from U+2E80 on
 * (Chinese, counted one by one) — an upper bound of the words the searches above can count, so
 * a message with fewer than a phrase's words (nearly all) skips them, in one pass that allocates
 * nothing.
 */
export function wordsAtMost(text: string, n: number): boolean {
  let words = 0;
  let inLatin = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20; // ASCII letters folded to lower case
    const latin = c >= 97 && c <= 122;
    if ((latin && !inLatin) || text.charCodeAt(i) >= 0x2e80) if (++words > n) return false;
    inLatin = latin;
  }
  return true;
}
