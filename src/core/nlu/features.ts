import { createRequire } from 'node:module';
import { foldText } from './text.ts';

const require = createRequire(import.meta.url);
// natural's package root loads dotenv, databases and prints banners (PLATFORM-NOTES): submodule only.
const { stem: porterStem } = require('natural/lib/natural/stemmers/porter_stemmer.js') as {
  stem(word: string): string;
};

/** Number of hashed feature buckets (2^18): collisions are rare at our vocabulary size. */
export const DIMS = 1 << 18;
const MASK = DIMS - 1;

/** FNV-1a over UTF-16 code units: stable across runs, so a cached model stays valid. */
export function hashFeature(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

const stemCache = new Map<string, string>();
function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = porterStem(word);
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Words that carry no intent (kept short: "not", "no", "my" and "me" do matter here). */
const STOP = new Set([
  'the',
  'a',
  'an',
  'is',
  'are',
  'am',
  'to',
  'of',
  'and',
  'it',
  'this',
  'that',
  'i',
  'im',
  'so',
  'be',
  'for',
  'on',
  'in',
  'at',
]);

// An id-like token (letters and digits mixed, or long digit runs), an amount, or a plain number.
const TOKEN = /[a-z0-9]+(?:[-_][a-z0-9]+)*|[\u3400-\u9fff\uf900-\ufaff]+/g;

/**
 * Features of one message, as hashed bucket ids (duplicates allowed; the model counts them):
 * - English: stems, stem bigrams, and character 3–5-grams inside each word (misspellings);
 * - Chinese: character 1–3-grams over each run of Chinese characters;
 * - numbers fold to `#num`, id-like tokens to `#id`, so "order 88231" and "order 11" look alike.
 */
export function extractFeatures(text: string): number[] {
  const folded = foldText(text);
  const out: number[] = [];
  let prev = '^';
  for (const m of folded.matchAll(TOKEN)) {
    const tok = m[0];
    const c0 = tok.charCodeAt(0);
    if (c0 >= 0x3400) {
      chineseGrams(tok, out);
      prev = '^';
      continue;
    }
    let w: string;
    if (/^\d+$/.test(tok)) w = tok.length >= 8 ? '#id' : '#num';
    else if (/\d/.test(tok) && tok.replace(/[-_]/g, '').length >= 6) w = '#id';
    else if (/\d/.test(tok)) w = tok.replace(/\d+/g, '#');
    else w = tok;
    if (STOP.has(w)) continue;
    const s = w.startsWith('#') ? w : stem(w);
    out.push(hashFeature('w:' + s));
    out.push(hashFeature('b:' + prev + '_' + s));
    prev = s;
    if (!w.startsWith('#') && w.length >= 3) charGrams(w, out);
  }
  return out;
}

function charGrams(word: string, out: number[]): void {
  const p = '<' + word + '>';
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= p.length; i++) out.push(hashFeature('g:' + p.slice(i, i + n)));
  }
}

function chineseGrams(run: string, out: number[]): void {
  for (let i = 0; i < run.length; i++) {
    out.push(hashFeature('z1:' + run[i]));
    if (i + 2 <= run.length) out.push(hashFeature('z2:' + run.slice(i, i + 2)));
    if (i + 3 <= run.length) out.push(hashFeature('z3:' + run.slice(i, i + 3)));
  }
}
