/**
 * Embedding features of one window: a feature whose value is an array of numbers. Per feature,
 * its dimension (fixed by the first vector; vectors of another length, or longer than
 * {@link MAX_EMBEDDING_DIMENSION}, are rejected and counted), the vector count, the exact sum
 * (for the mean embedding) and a uniform reservoir of at most {@link EMBEDDING_RESERVOIR_SIZE}
 * vectors (Algorithm R, seeded and checkpointed, so a replay keeps the same sample) for the
 * two-sample test. A vector of a sampled prediction weighs w = 1/`ml.sampling.probability`: the
 * sum (hence the mean embedding) adds w·x. The reservoir stays a uniform sample of the vectors
 * received, deliberately: a weighted reservoir (Chao's, k·w/Σw) is a sample of the traffic only
 * once it is full — a window of fewer than k vectors keeps them all, unweighted — so a small
 * window and a full reference would sample different distributions and the MMD test would
 * flag the sampling design, not drift. Instead each kept vector keeps its weight, and the MMD
 * weighs its rows by them (`stats/mmd.ts`). Memory per feature and window: 4 · reservoir · dimension bytes for the
 * sample plus 8 · dimension for the sum — 197 kB at 384 dimensions, 1 MB at the 2048 limit.
 */
import {
  AccumulatorStateError,
  checkpointObject,
  type Accumulator,
} from './accumulators/accumulator.js';
import type { AccumulatorKind } from './accumulator-kinds.js';

/** Vectors kept per feature and window for the two-sample test. */
export const EMBEDDING_RESERVOIR_SIZE = 128;
/** Longest vector accepted (bounds the memory above). */
export const MAX_EMBEDDING_DIMENSION = 2048;
/** Embedding features kept apart per window; vectors of further ones are counted, not kept. */
export const MAX_EMBEDDING_FEATURES = 8;

/** One embedding feature's window. */
export interface EmbeddingAcc {
  /** Length of every kept vector (that of the first one). */
  dimension: number;
  /** Vectors recorded. */
  count: number;
  /** Σw of the vectors recorded (= count when unweighted). */
  weight: number;
  /** Vectors rejected: another length than `dimension`, too long, or not all finite numbers. */
  rejected: number;
  sum: Float64Array;
  /** `kept` vectors, row-major. */
  sample: Float32Array;
  /** The weight of each kept vector (`kept` of them). */
  sampleWeights: Float64Array;
  kept: number;
  /** xorshift32 state of the reservoir's draws. */
  rng: number;
}

/** The embedding features of a window. */
export interface EmbeddingsAcc {
  byName: Map<string, EmbeddingAcc>;
  /** Vectors of features beyond {@link MAX_EMBEDDING_FEATURES}. */
  overflow: number;
  /** First vectors of a feature that could not fix its dimension (longer than the limit). */
  rejected: number;
}

/** One embedding feature at window close. */
export interface EmbeddingWindow {
  readonly name: string;
  readonly dimension: number;
  readonly count: number;
  readonly rejected: number;
  /** The mean embedding (exact). */
  readonly mean: Float64Array;
  /** The reservoir's vectors, row-major (`sample.length / dimension` of them). */
  readonly sample: Float64Array;
  /** Their weights; absent when every kept vector weighs 1. */
  readonly weights?: Float64Array;
}

/** The embedding features of a window at close, sorted by name. */
export interface EmbeddingsWindow {
  readonly features: readonly EmbeddingWindow[];
  readonly overflow: number;
  /** Vectors longer than {@link MAX_EMBEDDING_DIMENSION} that no feature could take. */
  readonly rejected: number;
}

/** One vector offered to a feature. */
export interface EmbeddingObservation {
  readonly name: string;
  readonly vector: readonly unknown[];
}

function nextRandom(acc: EmbeddingAcc): number {
  let x = acc.rng | 0 || 0x2545f491;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  acc.rng = x >>> 0;
  return acc.rng / 4294967296;
}

function newFeature(dimension: number, seed: number): EmbeddingAcc {
  return {
    dimension,
    count: 0,
    weight: 0,
    rejected: 0,
    sum: new Float64Array(dimension),
    sample: new Float32Array(0),
    sampleWeights: new Float64Array(0),
    kept: 0,
    rng: seed >>> 0 || 0x9e3779b9,
  };
}

/**
 * Writes `vector` of weight `w` as row `row` of the sample, growing the buffers up to the
 * reservoir size.
 */
function writeRow(acc: EmbeddingAcc, row: number, vector: ArrayLike<number>, w: number): void {
  const d = acc.dimension;
  if ((row + 1) * d > acc.sample.length) {
    const rows = Math.min(EMBEDDING_RESERVOIR_SIZE, Math.max(8, acc.sample.length / d || 0) * 2);
    const grown = new Float32Array(Math.max(rows, row + 1) * d);
    grown.set(acc.sample);
    acc.sample = grown;
  }
  if (row >= acc.sampleWeights.length) {
    const grown = new Float64Array(acc.sample.length / d);
    grown.set(acc.sampleWeights);
    acc.sampleWeights = grown;
  }
  for (let j = 0; j < d; j++) acc.sample[row * d + j] = vector[j]!;
  acc.sampleWeights[row] = w;
}

/** Records one vector of weight `w` (Algorithm R; `w` weighs the sum); false when rejected. */
function recordVector(acc: EmbeddingAcc, vector: readonly unknown[], w: number): boolean {
  if (vector.length !== acc.dimension) {
    acc.rejected++;
    return false;
  }
  const values = new Float64Array(vector.length);
  for (let j = 0; j < vector.length; j++) {
    const v = vector[j];
    const x = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number.NaN;
    if (!Number.isFinite(x)) {
      acc.rejected++;
      return false;
    }
    values[j] = x;
  }
  for (let j = 0; j < values.length; j++) acc.sum[j]! += w === 1 ? values[j]! : w * values[j]!;
  acc.count++;
  acc.weight += w;
  if (acc.kept < EMBEDDING_RESERVOIR_SIZE) writeRow(acc, acc.kept++, values, w);
  else {
    const slot = Math.floor(nextRandom(acc) * acc.count);
    if (slot < EMBEDDING_RESERVOIR_SIZE) writeRow(acc, slot, values, w);
  }
  return true;
}

/** `k` distinct rows of `from` chosen uniformly (partial Fisher–Yates with `rng`'s draws). */
function pickRows(from: EmbeddingAcc, k: number, rng: EmbeddingAcc): number[] {
  const rows = Array.from({ length: from.kept }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(nextRandom(rng) * (rows.length - i));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows.slice(0, k);
}

/**
 * `a` + `b` (same dimension): sums added; the sample drawn from both reservoirs in proportion to
 * the vectors each stands for, so it stays a uniform sample of the union.
 */
function mergeFeature(a: EmbeddingAcc, b: EmbeddingAcc): EmbeddingAcc {
  const out = newFeature(a.dimension, (a.rng ^ Math.imul(b.rng, 0x85ebca6b)) >>> 0);
  if (b.dimension !== a.dimension) {
    // Another producer's vectors of another length: rejected like a single vector would be.
    Object.assign(out, {
      ...a,
      sum: Float64Array.from(a.sum),
      sample: a.sample.slice(),
      sampleWeights: a.sampleWeights.slice(),
    });
    out.rejected += b.count + b.rejected;
    return out;
  }
  out.count = a.count + b.count;
  out.weight = a.weight + b.weight;
  out.rejected = a.rejected + b.rejected;
  for (let j = 0; j < a.dimension; j++) out.sum[j] = a.sum[j]! + b.sum[j]!;
  const total = a.kept + b.kept;
  const size = Math.min(EMBEDDING_RESERVOIR_SIZE, total);
  let fromA = a.kept;
  if (total > size) {
    // In proportion to the vectors each side's uniform sample stands for.
    const share = out.count === 0 ? 0.5 : a.count / out.count;
    fromA = Math.min(a.kept, Math.max(size - b.kept, Math.round(size * share)));
  }
  const d = a.dimension;
  const rows: [EmbeddingAcc, number][] = [
    ...pickRows(a, fromA, out).map((r): [EmbeddingAcc, number] => [a, r]),
    ...pickRows(b, size - fromA, out).map((r): [EmbeddingAcc, number] => [b, r]),
  ];
  out.sample = new Float32Array(size * d);
  out.sampleWeights = new Float64Array(size);
  rows.forEach(([src, r], i) => {
    out.sample.set(src.sample.subarray(r * d, (r + 1) * d), i * d);
    out.sampleWeights[i] = src.sampleWeights[r]!;
  });
  out.kept = size;
  return out;
}

function toBase64(x: Float32Array): string {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64');
}

function fromBase64(s: string): Float32Array {
  const bytes = Buffer.from(s, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

interface EmbeddingsJson {
  kind: 'embeddings';
  /** 1: no kept weights (read as all 1); 2: with them. */
  version: 1 | 2;
  overflow: number;
  rejected: number;
  byName: [
    string,
    {
      dimension: number;
      count: number;
      rejected: number;
      kept: number;
      rng: number;
      sum: number[];
      sample: string;
      /** Σw; written only when a vector weighed other than 1. */
      weight?: number;
      /** The kept vectors' weights (v2); written only when one of them is not 1. */
      sampleWeights?: number[];
    },
  ][];
}

/** The accumulator of a window's embedding features. */
export const EMBEDDINGS_ACCUMULATOR: Accumulator<
  EmbeddingsAcc,
  EmbeddingObservation,
  EmbeddingsWindow,
  EmbeddingsJson
> = {
  create: () => ({ byName: new Map(), overflow: 0, rejected: 0 }),
  record(s, o, w = 1) {
    let acc = s.byName.get(o.name);
    if (acc === undefined) {
      if (s.byName.size >= MAX_EMBEDDING_FEATURES) {
        s.overflow++;
        return;
      }
      if (o.vector.length > MAX_EMBEDDING_DIMENSION) {
        s.rejected++;
        return;
      }
      // Seeded by the name, so a replay of the same records keeps the same sample.
      let seed = 0x811c9dc5;
      for (let i = 0; i < o.name.length; i++)
        seed = Math.imul(seed ^ o.name.charCodeAt(i), 0x01000193);
      acc = newFeature(o.vector.length, seed);
      s.byName.set(o.name, acc);
    }
    recordVector(acc, o.vector, w);
  },
  merge(a, b) {
    const out: EmbeddingsAcc = {
      byName: new Map(),
      overflow: a.overflow + b.overflow,
      rejected: a.rejected + b.rejected,
    };
    for (const [name, acc] of a.byName) out.byName.set(name, acc);
    for (const [name, acc] of b.byName) {
      const t = out.byName.get(name);
      if (t !== undefined) out.byName.set(name, mergeFeature(t, acc));
      else if (out.byName.size < MAX_EMBEDDING_FEATURES) out.byName.set(name, acc);
      else out.overflow += acc.count;
    }
    // Shared accumulators of `a` or `b` are never recorded into again (closed windows), so a
    // name present on one side only is kept as it is.
    return out;
  },
  snapshot(s) {
    const names = [...s.byName.keys()].sort();
    return {
      features: names.map((name) => {
        const acc = s.byName.get(name)!;
        const mean = new Float64Array(acc.dimension);
        if (acc.count > 0)
          for (let j = 0; j < acc.dimension; j++) mean[j] = acc.sum[j]! / acc.weight;
        return {
          name,
          dimension: acc.dimension,
          count: acc.count,
          rejected: acc.rejected,
          mean,
          sample: Float64Array.from(acc.sample.subarray(0, acc.kept * acc.dimension)),
          ...(hasWeights(acc) ? { weights: acc.sampleWeights.slice(0, acc.kept) } : {}),
        };
      }),
      overflow: s.overflow,
      rejected: s.rejected,
    };
  },
  toJSON: (s) => ({
    kind: 'embeddings',
    version: 2,
    overflow: s.overflow,
    rejected: s.rejected,
    byName: [...s.byName].map(([name, acc]) => [
      name,
      {
        dimension: acc.dimension,
        count: acc.count,
        rejected: acc.rejected,
        kept: acc.kept,
        rng: acc.rng,
        sum: Array.from(acc.sum),
        sample: toBase64(acc.sample.subarray(0, acc.kept * acc.dimension)),
        ...(acc.weight !== acc.count ? { weight: acc.weight } : {}),
        ...(hasWeights(acc)
          ? { sampleWeights: Array.from(acc.sampleWeights.subarray(0, acc.kept)) }
          : {}),
      },
    ]),
  }),
  fromJSON(json) {
    const version = (json as { version?: unknown } | null)?.version === 1 ? 1 : 2;
    const j = checkpointObject(json, 'embeddings', version) as unknown as EmbeddingsJson;
    if (!Array.isArray(j.byName) || typeof j.overflow !== 'number')
      throw new AccumulatorStateError('embeddings: fields "byName" and "overflow" are required');
    const byName = new Map<string, EmbeddingAcc>();
    for (const [name, f] of j.byName) {
      const sample = fromBase64(f.sample);
      if (sample.length !== f.kept * f.dimension || f.sum.length !== f.dimension)
        throw new AccumulatorStateError(`embeddings: feature "${name}" has a malformed sample`);
      // Absent (every kept vector weighed 1, or a version 1 checkpoint, which kept no weights).
      const sampleWeights = new Float64Array(f.kept).fill(1);
      if (f.sampleWeights !== undefined) {
        if (
          !Array.isArray(f.sampleWeights) ||
          f.sampleWeights.length !== f.kept ||
          !f.sampleWeights.every((v) => typeof v === 'number' && v > 0 && Number.isFinite(v))
        ) {
          throw new AccumulatorStateError(
            `embeddings: feature "${name}" needs ${f.kept} positive sample weights`,
          );
        }
        sampleWeights.set(f.sampleWeights);
      }
      byName.set(name, {
        dimension: f.dimension,
        count: f.count,
        // Absent: written unweighted (or before weights), Σw = count.
        weight: f.weight ?? f.count,
        rejected: f.rejected,
        kept: f.kept,
        rng: f.rng,
        sum: Float64Array.from(f.sum),
        sample,
        sampleWeights,
      });
    }
    return { byName, overflow: j.overflow, rejected: j.rejected ?? 0 };
  },
};

/** Whether a kept vector of `acc` weighs other than 1. */
function hasWeights(acc: EmbeddingAcc): boolean {
  for (let i = 0; i < acc.kept; i++) if (acc.sampleWeights[i] !== 1) return true;
  return false;
}

/** The window part of embedding features: nothing to configure. */
export const EMBEDDINGS_KIND: AccumulatorKind<
  EmbeddingsAcc,
  EmbeddingObservation,
  EmbeddingsWindow,
  void
> = {
  forSetting: () => EMBEDDINGS_ACCUMULATOR,
  forState: () => EMBEDDINGS_ACCUMULATOR,
  forJSON: () => EMBEDDINGS_ACCUMULATOR,
};

/** True for a value recorded as an embedding: a non-empty array. */
export function isEmbeddingValue(v: unknown): v is readonly unknown[] {
  return Array.isArray(v) && v.length > 0;
}
