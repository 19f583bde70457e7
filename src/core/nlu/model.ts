import { DIMS } from './features.ts';

/** A sparse, L2-normalised TF-IDF vector over hashed feature buckets. */
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
 * Multinomial logistic regression (softmax) over hashed TF-IDF features, trained with SGD.
 * Weights are laid out feature-major (`w[feature * K + class]`) so scoring one message touches a
 * few short contiguous runs: ~10 µs a message, where natural's classifiers scan their whole
 * vocabulary (~250 µs, PLATFORM-NOTES).
 */
export class SoftmaxModel {
  private constructor(
    readonly labels: readonly string[],
    private readonly idf: Float32Array,
    private readonly w: Float32Array,
    private readonly b: Float32Array,
  ) {}

  static train(
    docs: ReadonlyArray<{ features: number[]; label: string }>,
    options: TrainOptions = {},
  ): SoftmaxModel {
    const labels = [...new Set(docs.map((d) => d.label))].sort();
    const K = labels.length;
    const labelIndex = new Map(labels.map((l, i) => [l, i]));

    // Document frequencies → smoothed idf per bucket.
    const df = new Float32Array(DIMS);
    for (const d of docs) for (const f of new Set(d.features)) df[f]! += 1;
    const idf = new Float32Array(DIMS);
    const n = docs.length;
    for (let i = 0; i < DIMS; i++) idf[i] = Math.log((1 + n) / (1 + df[i]!)) + 1;

    const model = new SoftmaxModel(labels, idf, new Float32Array(DIMS * K), new Float32Array(K));
    const xs = docs.map((d) => model.vectorize(d.features));
    const ys = docs.map((d) => labelIndex.get(d.label)!);

    const epochs = options.epochs ?? 25;
    const lr0 = options.learningRate ?? 0.8;
    const l2 = options.l2 ?? 1e-5;
    let seed = options.seed ?? 42;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const order = xs.map((_, i) => i);
    const p = new Float64Array(K);
    const { w, b } = model;

    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const lr = lr0 / (1 + epoch * 0.15);
      for (const i of order) {
        const x = xs[i]!;
        model.scoresInto(x, p);
        const y = ys[i]!;
        for (let k = 0; k < K; k++) {
          const g = p[k]! - (k === y ? 1 : 0);
          b[k]! -= lr * g;
          for (let t = 0; t < x.idx.length; t++) {
            const o = x.idx[t]! * K + k;
            w[o] = w[o]! * (1 - lr * l2) - lr * g * x.val[t]!;
          }
        }
      }
    }
    return model;
  }

  /**
   * A compact copy for the on-disk cache: only buckets seen in training have weights (the rest are
   * zero) and their own idf (the rest share the "never seen" idf).
   */
  toBuffer(): Buffer {
    const K = this.labels.length;
    const unseen = this.idf[this.unseenBucket()] ?? 0;
    const rows: number[] = [];
    for (let i = 0; i < DIMS; i++) if (this.idf[i] !== unseen) rows.push(i);
    const header = Buffer.from(
      JSON.stringify({ v: 1, dims: DIMS, labels: this.labels, rows: rows.length, unseen }),
    );
    const ids = Int32Array.from(rows);
    const idf = Float32Array.from(rows, (r) => this.idf[r]!);
    const w = new Float32Array(rows.length * K);
    rows.forEach((r, j) => w.set(this.w.subarray(r * K, r * K + K), j * K));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    const pad = Buffer.alloc((4 - ((4 + header.length) % 4)) % 4);
    return Buffer.concat([
      len,
      header,
      pad,
      Buffer.from(ids.buffer),
      Buffer.from(idf.buffer),
      Buffer.from(w.buffer),
      Buffer.from(this.b.buffer),
    ]);
  }

  static fromBuffer(buf: Buffer): SoftmaxModel {
    const hlen = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(4, 4 + hlen).toString()) as {
      v: number;
      dims: number;
      labels: string[];
      rows: number;
      unseen: number;
    };
    if (header.v !== 1 || header.dims !== DIMS) throw new Error('model cache of another version');
    const K = header.labels.length;
    let off = 4 + hlen + ((4 - ((4 + hlen) % 4)) % 4);
    const take = (n: number) => {
      const bytes = buf.subarray(off, off + n * 4);
      off += n * 4;
      return new Uint8Array(bytes).buffer; // aligned copy
    };
    const ids = new Int32Array(take(header.rows));
    const idfRows = new Float32Array(take(header.rows));
    const wRows = new Float32Array(take(header.rows * K));
    const b = new Float32Array(take(K));
    const idf = new Float32Array(DIMS).fill(header.unseen);
    const w = new Float32Array(DIMS * K);
    ids.forEach((r, j) => {
      idf[r] = idfRows[j]!;
      w.set(wRows.subarray(j * K, j * K + K), r * K);
    });
    return new SoftmaxModel(header.labels, idf, w, b);
  }

  /** A bucket no training document used (its idf is the "never seen" value). */
  private unseenBucket(): number {
    let max = 0;
    for (let i = 1; i < DIMS; i++) if (this.idf[i]! > this.idf[max]!) max = i;
    return max;
  }

  vectorize(features: number[]): SparseVector {
    const counts = new Map<number, number>();
    for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
    const idx = new Int32Array(counts.size);
    const val = new Float32Array(counts.size);
    let norm = 0;
    let t = 0;
    for (const [f, c] of counts) {
      const v = (1 + Math.log(c)) * this.idf[f]!;
      idx[t] = f;
      val[t] = v;
      norm += v * v;
      t++;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < val.length; i++) val[i]! /= norm;
    return { idx, val };
  }

  /** Class probabilities (softmax) for a vector, written into `out` (length = labels). */
  scoresInto(x: SparseVector, out: Float64Array): void {
    const K = this.labels.length;
    const { w, b } = this;
    for (let k = 0; k < K; k++) out[k] = b[k]!;
    for (let t = 0; t < x.idx.length; t++) {
      const base = x.idx[t]! * K;
      const v = x.val[t]!;
      for (let k = 0; k < K; k++) out[k]! += w[base + k]! * v;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (out[k]! > max) max = out[k]!;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      out[k] = Math.exp(out[k]! - max);
      sum += out[k]!;
    }
    for (let k = 0; k < K; k++) out[k]! /= sum;
  }
}
