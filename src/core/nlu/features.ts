import { createRequire } from 'node:module';
import { loadLexicon, type Lexicon } from './lexicon.ts';
import { foldText } from './text.ts';
import { wordVectors, type WordVectors } from './vectors.ts';

const require = createRequire(import.meta.url);
// natural's package root loads dotenv, databases and prints banners (docs/platform-facts.md): submodule only.
const { stem: porterStem } = require('natural/lib/natural/stemmers/porter_stemmer.js') as {
  stem(word: string): string;
};

/** Number of hashed feature buckets (2^18): collisions are rare at our vocabulary size. */
export const DIMS = 1 << 18;
const MASK = DIMS - 1;
/** Dense features after the hashed ones: the averaged English word vector. */
export const DENSE_DIMS = 100;

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

/** How a message becomes features; part of the model (a cached model keeps its own). */
export interface FeatureConfig {
  /** Length of the averaged word vector among the features (0: no word vectors). */
  vectors: number;
  /** SIF-style down-weighting of frequent words in the average: weight = (r+1)/(r+1+sif), r = GloVe rank. */
  sif: number;
  /** Lexicon groups (data/lexicon.json) as features. */
  lexicon: boolean;
  /** Chinese word segmenter (experiments only): its words are added as features next to the character n-grams. */
  zhWords?: ((run: string) => string[]) | undefined;
}

export const DEFAULT_FEATURES: FeatureConfig = { vectors: 0.7, sif: 1000, lexicon: true };

export interface Features {
  /** Hashed bucket ids; duplicates allowed (the model counts them). */
  ids: number[];
  /** DENSE_DIMS values (scaled to length `vectors`), or null when no word has a vector. */
  dense: Float32Array | null;
}

let lexicon: Lexicon | undefined;
function sharedLexicon(): Lexicon {
  lexicon ??= loadLexicon((text) => {
    const out: string[] = [];
    for (const m of foldText(text).matchAll(TOKEN)) out.push(stem(m[0]));
    return out;
  });
  return lexicon;
}

/**
 * Features of one message:
 * - English: stems, stem bigrams, and character 3–5-grams inside each word (misspellings), plus the
 *   average of the GloVe vectors of its words (meaning across wording: "suspended" near "frozen");
 * - Chinese: character 1–3-grams over each run of Chinese characters;
 * - numbers fold to `#num`, id-like tokens to `#id`, so "order 88231" and "order 11" look alike;
 * - lexicon groups (lex:account_locked, …) for each problem word found.
 */
export function extractFeatures(text: string, cfg: FeatureConfig = DEFAULT_FEATURES): Features {
  const folded = foldText(text);
  const ids: number[] = [];
  const stems: string[] = [];
  const vec = cfg.vectors > 0 ? wordVectors() : undefined;
  let dense: Float32Array | null = null;
  let prev = '^';
  for (const m of folded.matchAll(TOKEN)) {
    const tok = m[0];
    const c0 = tok.charCodeAt(0);
    if (c0 >= 0x3400) {
      chineseGrams(tok, ids);
      if (cfg.zhWords) for (const w of cfg.zhWords(tok)) ids.push(hashFeature('zw:' + w));
      if (cfg.lexicon) chineseLexicon(tok, ids);
      prev = '^';
      stems.push('^');
      continue;
    }
    let w: string;
    if (/^\d+$/.test(tok)) w = tok.length >= 8 ? '#id' : '#num';
    else if (/\d/.test(tok) && tok.replace(/[-_]/g, '').length >= 6) w = '#id';
    else if (/\d/.test(tok)) w = tok.replace(/\d+/g, '#');
    else w = tok;
    const s = w.startsWith('#') ? w : stem(w);
    stems.push(s);
    if (vec && !w.startsWith('#')) dense = addVector(vec, w, cfg.sif, dense);
    if (STOP.has(w)) continue;
    ids.push(hashFeature('w:' + s));
    ids.push(hashFeature('b:' + prev + '_' + s));
    prev = s;
    if (!w.startsWith('#') && w.length >= 3) charGrams(w, ids);
  }
  if (cfg.lexicon && stems.length) englishLexicon(stems, ids);
  if (dense) {
    let n = 0;
    for (let d = 0; d < DENSE_DIMS; d++) n += dense[d]! * dense[d]!;
    const k = n > 0 ? cfg.vectors / Math.sqrt(n) : 0;
    for (let d = 0; d < DENSE_DIMS; d++) dense[d]! *= k;
  }
  return { ids, dense };
}

function addVector(
  vec: WordVectors,
  word: string,
  sif: number,
  dense: Float32Array | null,
): Float32Array | null {
  const row = vec.row(word);
  if (row < 0) return dense;
  const r = vec.ranks[row]! + 1;
  dense ??= new Float32Array(DENSE_DIMS);
  vec.addInto(row, r / (r + sif), dense);
  return dense;
}

function englishLexicon(stems: string[], ids: number[]): void {
  const lex = sharedLexicon().en;
  for (let i = 0; i < stems.length; i++) {
    const cands = lex.get(stems[i]!);
    if (!cands) continue;
    for (const c of cands) {
      let ok = i + c.stems.length <= stems.length;
      for (let j = 1; ok && j < c.stems.length; j++) ok = stems[i + j] === c.stems[j];
      if (ok) ids.push(hashFeature('lex:' + c.group));
    }
  }
}

function chineseLexicon(run: string, ids: number[]): void {
  const lex = sharedLexicon().zh;
  for (let i = 0; i < run.length; i++) {
    const cands = lex.get(run[i]!);
    if (!cands) continue;
    for (const c of cands) if (run.startsWith(c.word, i)) ids.push(hashFeature('lex:' + c.group));
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** FNV-1a state after `prefix` (hashFeature(prefix + x) = hashFrom(state, x)). */
function fnvState(prefix: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < prefix.length; i++) h = Math.imul(h ^ prefix.charCodeAt(i), FNV_PRIME);
  return h;
}
/** hashFeature(prefix + s.slice(from, to)) without building the string. */
function hashSlice(state: number, s: string, from: number, to: number): number {
  let h = state;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return (h >>> 0) & MASK;
}
const G = fnvState('g:');
const Z1 = fnvState('z1:');
const Z2 = fnvState('z2:');
const Z3 = fnvState('z3:');

function charGrams(word: string, out: number[]): void {
  const p = '<' + word + '>';
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= p.length; i++) out.push(hashSlice(G, p, i, i + n));
  }
}

function chineseGrams(run: string, out: number[]): void {
  for (let i = 0; i < run.length; i++) {
    out.push(hashSlice(Z1, run, i, i + 1));
    if (i + 2 <= run.length) out.push(hashSlice(Z2, run, i, i + 2));
    if (i + 3 <= run.length) out.push(hashSlice(Z3, run, i, i + 3));
  }
}
