/**
 * Drift of embedding features (numeric-array values): per feature, the distance between the
 * window's and the reference window's mean embeddings (cosine and Euclidean, reported), and the
 * decision — an MMD permutation test on the two windows' reservoirs (`stats/mmd.ts`; weighted
 * by the kept vectors' sampling weights when a vector was sampled), drifted
 * when its p-value is at most the per-feature α of the other drift decisions. The permutation
 * p-value is valid at every sample size, so the false-alarm rate is at most α by construction
 * (measured in `bench/suites/detection-embedding.ts`).
 */
import { ML_DRIFT_KIND_VALUE_FEATURE, ML_DRIFT_METHOD_VALUE_MMD } from '@mlmon/conventions';
import type { EmbeddingWindow } from '../state/embeddings-acc.js';
import type { ClosedWindow } from '../state/types.js';
import { meanDistances, mmdPermutationTest } from '../stats/mmd.js';
import { seedFor } from './drift/rng.js';
import { DEFAULT_ALPHA } from './drift/threshold.js';
import type { DriftResult, EmbeddingResult } from './window-result.js';

/** Relabellings of the permutation test: p-values down to 1/2000, below the default α's reach. */
export const EMBEDDING_PERMUTATIONS = 1999;
/** Exceedances after which the test stops early (Besag–Clifford): no-drift windows are cheap. */
export const EMBEDDING_STOP_AT = 10;
/** Fewest kept vectors a side for a decision. */
export const MIN_EMBEDDING_SAMPLE = 20;

/** The embedding features' drift decisions, distances and notes of `closed`. */
export function embeddingDrift(
  closed: ClosedWindow,
  alpha: number | undefined,
): { drift: DriftResult[]; embeddings: EmbeddingResult[]; notes: string[] } {
  const current = closed.embeddings;
  const out = {
    drift: [] as DriftResult[],
    embeddings: [] as EmbeddingResult[],
    notes: [] as string[],
  };
  if (current === undefined) return out;
  const reference = closed.reference;
  const stored = reference !== undefined && reference.kind !== 'training' ? reference : undefined;
  const refByName = new Map((stored?.embeddings?.features ?? []).map((f) => [f.name, f]));
  const level = alpha ?? DEFAULT_ALPHA;
  for (const f of current.features) {
    const ref = refByName.get(f.name);
    if (f.rejected > 0)
      out.notes.push(
        `embedding ${f.name}: ${f.rejected} vectors rejected (not ${f.dimension} finite numbers)`,
      );
    out.embeddings.push(resultOf(f, ref));
    if (ref !== undefined) out.drift.push(decideEmbeddingDrift(f, ref, level, closed.startMs));
  }
  if (current.overflow > 0)
    out.notes.push(`embeddings: ${current.overflow} vectors of features beyond the cap not kept`);
  if (current.rejected > 0)
    out.notes.push(
      `embeddings: ${current.rejected} vectors longer than the dimension limit rejected`,
    );
  return out;
}

function resultOf(f: EmbeddingWindow, ref: EmbeddingWindow | undefined): EmbeddingResult {
  const distances =
    ref !== undefined && ref.dimension === f.dimension && f.count > 0 && ref.count > 0
      ? meanDistances(f.mean, ref.mean)
      : undefined;
  return {
    feature: f.name,
    dimension: f.dimension,
    count: f.count,
    rejected: f.rejected,
    sampleSize: f.sample.length / f.dimension,
    ...(ref !== undefined ? { referenceSampleSize: ref.sample.length / ref.dimension } : {}),
    ...(distances?.cosine !== undefined ? { meanCosineDistance: distances.cosine } : {}),
    ...(distances !== undefined ? { meanEuclideanDistance: distances.euclidean } : {}),
  };
}

/**
 * The MMD decision of embedding feature `f` against its reference window `ref` at level
 * `alpha`; `startMs` (the window's start) seeds the relabellings.
 */
export function decideEmbeddingDrift(
  f: EmbeddingWindow,
  ref: EmbeddingWindow,
  alpha: number,
  startMs: number,
): DriftResult {
  const base = {
    kind: ML_DRIFT_KIND_VALUE_FEATURE,
    feature: f.name,
    method: ML_DRIFT_METHOD_VALUE_MMD,
    primary: true,
    threshold: alpha,
    nReference: ref.count,
    nCurrent: f.count,
  } as const;
  if (ref.dimension !== f.dimension) {
    return {
      ...base,
      state: 'insufficient_data',
      reason: `dimension ${f.dimension} differs from the reference's ${ref.dimension}`,
    };
  }
  const m = f.sample.length / f.dimension;
  const r = ref.sample.length / ref.dimension;
  if (m < MIN_EMBEDDING_SAMPLE || r < MIN_EMBEDDING_SAMPLE) {
    return {
      ...base,
      state: 'insufficient_data',
      reason: `MMD needs ${MIN_EMBEDDING_SAMPLE} vectors a side, got ${m} and ${r}`,
    };
  }
  // Seeded by feature and window: reproducible, and independent from window to window.
  const test = mmdPermutationTest(
    {
      dimension: f.dimension,
      current: f.sample,
      reference: ref.sample,
      currentWeights: f.weights,
      referenceWeights: ref.weights,
    },
    EMBEDDING_PERMUTATIONS,
    seedFor(startMs % 2147483647, f.name),
    EMBEDDING_STOP_AT,
  );
  return {
    ...base,
    state: test.pValue <= alpha ? 'drift' : 'no_drift',
    score: test.mmd2,
    pValue: test.pValue,
  };
}
