import { DENSE_DIMS, DIMS, type Features } from './features.ts';

/** A message as model input: L2-normalised TF-IDF over the model's rows, then the dense features. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
}

/**
 * Multinomial logistic regression (softmax) over hashed TF-IDF features and a few dense ones,
 * trained with SGD. Only the hashed buckets some training message used get a row (most frequent
 * first, so the rows a message touches sit close together); weights are laid out row-major
 * (`w[row * K + class]`), the dense features' rows after the hashed ones. Scoring one message
 * touches a few short contiguous runs: ~15 µs a message, where natural's classifiers scan their
 * whole vocabulary (~250 µs, docs/platform-facts.md).
 *
 * Buckets no training message used are left out of a message's vector: they have no weights, and
 * counting them in its length would only shrink the evidence of the words we know (a product name
 * we never saw must not talk the model out of "frozen").
 */
export class SoftmaxModel {
  private constructor(
    readonly labels: readonly string[],
    /** Hashed bucket → row, or -1 for a bucket no training message used. */
    private readonly rowOf: Int32Array,
    /** idf per row. */
    private readonly idf: Float32Array,
    private readonly w: Float32Array,
    private readonly b: Float32Array,
  ) {}

  private scratch: Uint16Array | undefined;

  private get rows(): number {
    return this.idf.length;
  }

  static train(
    docs: ReadonlyArray<{ features: Features; label: string; weight?: number }>,
    options: TrainOptions = {},
  ): SoftmaxModel {
    const labels = [...new Set(docs.map((d) => d.label))].sort();
    const K = labels.length;
    const labelIndex = new Map(labels.map((l, i) => [l, i]));

    // Document frequencies → rows (most frequent first) and smoothed idf.
    const df = new Float32Array(DIMS);
    for (const d of docs) for (const f of new Set(d.features.ids)) df[f]! += 1;
    const seen: number[] = [];
    for (let i = 0; i < DIMS; i++) if (df[i]! > 0) seen.push(i);
    seen.sort((a, b) => df[b]! - df[a]! || a - b);
    const rowOf = new Int32Array(DIMS).fill(-1);
    const idf = new Float32Array(seen.length);
    const n = docs.length;
    seen.forEach((f, r) => {
      rowOf[f] = r;
      idf[r] = Math.log((1 + n) / (1 + df[f]!)) + 1;
    });

    const model = new SoftmaxModel(
      labels,
      rowOf,
      idf,
      new Float32Array((seen.length + DENSE_DIMS) * K),
      new Float32Array(K),
    );
    const xs = docs.map((d) => model.vectorize(d.features));
    const ys = docs.map((d) => labelIndex.get(d.label)!);
    const ws = docs.map((d) => d.weight ?? 1);

    const epochs = options.epochs ?? 25;
    const lr0 = options.learningRate ?? 0.8;
    const l2 = options.l2 ?? 1e-5;
    let seed = options.seed ?? 42;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const order = xs.map((_, i) => i);
    const p = new Float64Array(K);
    const g = new Float64Array(K);
    const { w, b } = model;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const lr = lr0 / (1 + epoch * 0.15);
      const decay = 1 - lr * l2;
      for (const i of order) {
        const x = xs[i]!;
        model.scoresInto(x, p);
        const y = ys[i]!;
        const step = lr * ws[i]!;
        for (let k = 0; k < K; k++) {
          g[k] = step * (p[k]! - (k === y ? 1 : 0));
          b[k]! -= g[k]!;
        }
        for (let t = 0; t < x.idx.length; t++) {
          const base = x.idx[t]! * K;
          const v = x.val[t]!;
          for (let k = 0; k < K; k++) w[base + k] = w[base + k]! * decay - g[k]! * v;
        }
      }
    }
    return model;
  }

  /** The model as bytes, for the on-disk cache. */
  toBuffer(): Buffer {
    const header = Buffer.from(
      JSON.stringify({ v: 3, dims: DIMS, dense: DENSE_DIMS, labels: this.labels, rows: this.rows }),
    );
    const buckets = new Int32Array(this.rows);
    for (let f = 0; f < DIMS; f++) if (this.rowOf[f]! >= 0) buckets[this.rowOf[f]!] = f;
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    const pad = Buffer.alloc((4 - ((4 + header.length) % 4)) % 4);
    return Buffer.concat([
      len,
      header,
      pad,
      Buffer.from(buckets.buffer),
      Buffer.from(this.idf.buffer, this.idf.byteOffset, this.idf.byteLength),
      Buffer.from(this.w.buffer, this.w.byteOffset, this.w.byteLength),
      Buffer.from(this.b.buffer, this.b.byteOffset, this.b.byteLength),
    ]);
  }

  static fromBuffer(buf: Buffer): SoftmaxModel {
    const hlen = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(4, 4 + hlen).toString()) as {
      v: number;
      dims: number;
      dense: number;
      labels: string[];
      rows: number;
    };
    if (header.v !== 3 || header.dims !== DIMS || header.dense !== DENSE_DIMS)
      throw new Error('model cache of another version');
    const K = header.labels.length;
    let off = 4 + hlen + ((4 - ((4 + hlen) % 4)) % 4);
    const take = (n: number) => {
      const bytes = buf.subarray(off, off + n * 4);
      off += n * 4;
      if (bytes.length !== n * 4) throw new Error('model cache cut short');
      return new Uint8Array(bytes).buffer; // aligned copy
    };
    const buckets = new Int32Array(take(header.rows));
    const idf = new Float32Array(take(header.rows));
    const w = new Float32Array(take((header.rows + DENSE_DIMS) * K));
    const b = new Float32Array(take(K));
    const rowOf = new Int32Array(DIMS).fill(-1);
    buckets.forEach((f, r) => (rowOf[f] = r));
    return new SoftmaxModel(header.labels, rowOf, idf, w, b);
  }

  vectorize(features: Features): SparseVector {
    // Counts per row in a scratch array (no Map: this runs for every message).
    const counts = (this.scratch ??= new Uint16Array(this.rows));
    const touched: number[] = [];
    for (const f of features.ids) {
      const r = this.rowOf[f]!;
      if (r < 0) continue;
      if (counts[r] === 0) touched.push(r);
      if (counts[r]! < 0xffff) counts[r]! += 1;
    }
    const dense = features.dense;
    const size = touched.length + (dense ? DENSE_DIMS : 0);
    const idx = new Int32Array(size);
    const val = new Float32Array(size);
    let norm = 0;
    let t = 0;
    for (const r of touched) {
      const v = (1 + Math.log(counts[r]!)) * this.idf[r]!;
      counts[r] = 0;
      idx[t] = r;
      val[t] = v;
      norm += v * v;
      t++;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < t; i++) val[i]! /= norm;
    if (dense) {
      const base = this.rows;
      for (let d = 0; d < DENSE_DIMS; d++) {
        idx[t] = base + d;
        val[t++] = dense[d]!;
      }
    }
    return { idx, val };
  }

  /** Raw class scores (logits) for a vector, written into `out` (length = labels). */
  logitsInto(x: SparseVector, out: Float64Array): void {
    const K = this.labels.length;
    const { w, b } = this;
    for (let k = 0; k < K; k++) out[k] = b[k]!;
    for (let t = 0; t < x.idx.length; t++) {
      const base = x.idx[t]! * K;
      const v = x.val[t]!;
      for (let k = 0; k < K; k++) out[k]! += w[base + k]! * v;
    }
  }

  /** Class probabilities (softmax of logits / temperature) for a vector, written into `out`. */
  scoresInto(x: SparseVector, out: Float64Array, temperature = 1): void {
    this.logitsInto(x, out);
    softmaxInPlace(out, this.labels.length, temperature);
  }
}

export function softmaxInPlace(out: Float64Array, K: number, temperature = 1): void {
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (out[k]! > max) max = out[k]!;
  let sum = 0;
  for (let k = 0; k < K; k++) {
    out[k] = Math.exp((out[k]! - max) / temperature);
    sum += out[k]!;
  }
  for (let k = 0; k < K; k++) out[k]! /= sum;
}
