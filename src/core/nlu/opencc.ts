import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * OpenCC conversions (opencc-js's tables), built once, on the first Chinese text, and shared by
 * nlu/text.ts (folding) and script.ts (script detection, Traditional output).
 *
 * The output is opencc-js's own `Converter({ from, to })`: the same normalisation, segmentation
 * and conversion chain, the same longest match with the first dictionary of a group winning
 * (test/core/nlu/opencc.test.ts compares the two). Only the lookup structure differs: opencc-js
 * builds a trie with one Map per node, ~44 MB of heap and ~250 ms for cn → tw (its 49,000
 * phrases are loaded twice: segmentation and conversion); here each dictionary is one Map from
 * whole keys, shared between the tables that use it (~5 MB, ~40 ms).
 */
export type Converter = (text: string) => string;

interface Dict {
  map: Map<string, string>;
  /** First UTF-16 unit of a key → bit n set when a key of n units starts with it. */
  lengths: Map<string, number>;
}

/** opencc-js's `Locale.configs` entry: dictionaries serialized as "from to|from to|…". */
interface Config {
  normalizationChain?: readonly (readonly string[])[];
  segmentation?: readonly string[];
  conversionChain: readonly (readonly string[])[];
}
interface OpenCC {
  Converter(o: { from: string; to: string }): Converter;
  Locale: { configs?: Record<string, unknown> };
}

const dicts = new Map<string, Dict>();

function dictOf(src: string): Dict {
  let dict = dicts.get(src);
  if (dict) return dict;
  dict = { map: new Map(), lengths: new Map() };
  // A later line wins over an earlier one with the same key, as in opencc-js; "a b c" maps a to b.
  for (let at = 0; at < src.length;) {
    let bar = src.indexOf('|', at);
    if (bar < 0) bar = src.length;
    const space = src.indexOf(' ', at);
    if (space < 0 || space > bar) throw new TypeError(`bad OpenCC entry: ${src.slice(at, bar)}`);
    let end = src.indexOf(' ', space + 1);
    if (end < 0 || end > bar) end = bar;
    const key = src.slice(at, space);
    if (key.length > 30) throw new TypeError(`OpenCC key too long: ${key}`);
    dict.map.set(key, src.slice(space + 1, end));
    dict.lengths.set(key[0]!, (dict.lengths.get(key[0]!) ?? 0) | (1 << key.length));
    at = bar + 1;
  }
  dicts.set(src, dict);
  return dict;
}

const codePointLength = (s: string, i: number) => (s.codePointAt(i)! > 0xffff ? 2 : 1);

function idsArity(cp: number): number {
  if (cp >= 0x2ff0 && cp <= 0x2ff1) return 2;
  if (cp >= 0x2ff2 && cp <= 0x2ff3) return 3;
  if (cp >= 0x2ff4 && cp <= 0x2fff) return 2;
  return 0;
}

/** End of an ideographic description sequence (⿰氵青) starting at i, else 0 (as opencc-js). */
function idsEnd(s: string, i: number): number {
  const arity = idsArity(s.codePointAt(i)!);
  if (arity === 0) return 0;
  let end = i + codePointLength(s, i);
  for (let n = 0; n < arity; n++) {
    if (end >= s.length) return 0;
    end = idsEnd(s, end) || end + codePointLength(s, end);
  }
  return end;
}

function unmatchedLength(s: string, i: number): number {
  const end = idsEnd(s, i);
  return end > i ? end - i : codePointLength(s, i);
}

/** A dictionary group: the longest key wins; for the same key, the first dictionary. */
class Table {
  private readonly dicts: Dict[];
  /** End of the last match (set by `match`). */
  private end = 0;

  constructor(group: readonly string[]) {
    this.dicts = group.map(dictOf);
  }

  private match(s: string, i: number): string | undefined {
    const first = s[i]!;
    let mask = 0;
    for (const d of this.dicts) mask |= d.lengths.get(first) ?? 0;
    for (let len = 31 - Math.clz32(mask); len > 0; len--) {
      if (!(mask & (1 << len)) || i + len > s.length) continue;
      const key = s.slice(i, i + len);
      for (const d of this.dicts) {
        const value = d.map.get(key);
        if (value !== undefined) {
          this.end = i + len;
          return value;
        }
      }
    }
    return undefined;
  }

  /** Matches replaced, the rest kept (opencc-js `Trie.convert`). */
  convert(s: string): string {
    let out = '';
    let kept = -1;
    for (let i = 0; i < s.length;) {
      const value = this.match(s, i);
      if (value === undefined) {
        if (kept < 0) kept = i;
        i += unmatchedLength(s, i);
        continue;
      }
      if (kept >= 0) out += s.slice(kept, i);
      kept = -1;
      out += value;
      i = this.end;
    }
    return kept >= 0 ? out + s.slice(kept) : out;
  }

  /** Matches and the runs between them (opencc-js `Trie.segment`). */
  segment(s: string): string[] {
    const out: string[] = [];
    let kept = -1;
    for (let i = 0; i < s.length;) {
      if (this.match(s, i) === undefined) {
        if (kept < 0) kept = i;
        i += unmatchedLength(s, i);
        continue;
      }
      if (kept >= 0) out.push(s.slice(kept, i));
      kept = -1;
      out.push(s.slice(i, this.end));
      i = this.end;
    }
    if (kept >= 0) out.push(s.slice(kept));
    return out;
  }
}

const isGroup = (g: unknown): g is string[] =>
  Array.isArray(g) && g.every((d) => typeof d === 'string');
const isChain = (c: unknown): c is string[][] => Array.isArray(c) && c.every(isGroup);

function isConfig(c: unknown): c is Config {
  const o = c as Partial<Record<keyof Config, unknown>> | undefined;
  return (
    !!o &&
    isChain(o.conversionChain) &&
    (o.normalizationChain === undefined || isChain(o.normalizationChain)) &&
    (o.segmentation === undefined || isGroup(o.segmentation))
  );
}

/**
 * opencc-js's converter for one of its preset configs ("hk2s", "s2tw") with the tables above;
 * opencc-js's own converter when its data has another shape (a later version).
 */
function build(
  module: 'opencc-js/t2cn' | 'opencc-js/cn2t',
  config: string,
  options: { from: string; to: string },
): Converter {
  const lib = require(module) as OpenCC;
  const c = lib.Locale.configs?.[config];
  if (!isConfig(c)) return lib.Converter(options);
  let normalize: Table[];
  let segmentation: Table | undefined;
  let chain: Table[];
  try {
    normalize = (c.normalizationChain ?? []).map((g) => new Table(g));
    segmentation = c.segmentation ? new Table(c.segmentation) : undefined;
    chain = c.conversionChain.map((g) => new Table(g));
  } catch {
    return lib.Converter(options);
  }
  return (text) => {
    let s = text;
    for (const t of normalize) s = t.convert(s);
    let out = '';
    for (const segment of segmentation ? segmentation.segment(s) : [s]) {
      let x = segment;
      for (const t of chain) x = t.convert(x);
      out += x;
    }
    return out;
  };
}

let hk: Converter | undefined;
let tw: Converter | undefined;

/** Traditional (Hong Kong variants) → Simplified: `Converter({ from: 'hk', to: 'cn' })`. */
export const hkToCn = (text: string): string =>
  (hk ??= build('opencc-js/t2cn', 'hk2s', { from: 'hk', to: 'cn' }))(text);

/** Simplified → Traditional (Taiwan characters): `Converter({ from: 'cn', to: 'tw' })`. */
export const cnToTw = (text: string): string =>
  (tw ??= build('opencc-js/cn2t', 's2tw', { from: 'cn', to: 'tw' }))(text);
