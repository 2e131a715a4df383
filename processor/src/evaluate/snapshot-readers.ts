/**
 * The one place that knows the shapes of the accumulator snapshots `ClosedWindow` carries
 * (`state/accumulators/`): feature snapshots become the neutral {@link NumericValues} /
 * {@link CategoryCounts}; output snapshots are checked and passed on. A snapshot of another
 * shape reads as `undefined`, and evaluate reports the statistic as absent, with a note.
 */
import type {
  BinaryOutputsSnapshot,
  CategoricalFeatureSnapshot,
  MulticlassOutputsSnapshot,
  NumericFeatureSnapshot,
  RegressionOutputsSnapshot,
} from '../state/accumulators/index.js';
import { OVERFLOW_CATEGORY } from '../state/accumulators/index.js';
import type { CategoryCounts, NumericValues } from './labeled-summaries.js';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/**
 * Reads a numeric feature (or score/value) snapshot. The sorted values are copied unless
 * `shareValues`: values nothing writes again, such as a stored reference window's trimmed
 * buffers, or a closed window's own snapshot (made for it at the close, or a view of such a
 * trimmed buffer), which evaluation only reads.
 */
export function readNumeric(snapshot: unknown, shareValues = false): NumericValues | undefined {
  if (!isObject(snapshot) || !isObject(snapshot['ecdf']) || typeof snapshot['count'] !== 'number') {
    return undefined;
  }
  const s = snapshot as unknown as NumericFeatureSnapshot;
  const exact = s.ecdfError === 0;
  // Unit weights (every exact snapshot's) are absent from the result: checked in place rather
  // than copied first, a copy per feature and window close for nothing.
  const unit = allOnes(s.ecdf.weights);
  // One fixed shape, absent parts undefined: conditional spreads made a temporary object per
  // part and a fresh hidden class per combination, for every feature of every window close.
  const hasBins = s.binEdges.length > 0;
  return {
    count: s.count,
    sorted:
      shareValues && s.ecdf.values instanceof Float64Array
        ? s.ecdf.values
        : Float64Array.from(s.ecdf.values),
    weights: unit ? undefined : Float64Array.from(s.ecdf.weights),
    exact,
    effectiveCount:
      s.effectiveCount !== undefined && s.effectiveCount !== s.count ? s.effectiveCount : undefined,
    min: s.min.ok ? s.min.value : undefined,
    max: s.max.ok ? s.max.value : undefined,
    binEdges: hasBins ? s.binEdges : undefined,
    binCounts: hasBins ? s.binCounts : undefined,
  };
}

/** True when every weight is 1. */
function allOnes(weights: ArrayLike<number>): boolean {
  for (let i = 0; i < weights.length; i++) if (weights[i] !== 1) return false;
  return true;
}

/** Reads a categorical feature (or predicted-label) snapshot. */
export function readCategorical(snapshot: unknown): CategoryCounts | undefined {
  if (!isObject(snapshot) || !(snapshot['counts'] instanceof Map)) return undefined;
  const s = snapshot as unknown as CategoricalFeatureSnapshot;
  const weighted =
    s.effectiveCount !== undefined && s.effectiveCount !== s.count
      ? { effectiveCount: s.effectiveCount }
      : {};
  const overflow = s.counts.get(OVERFLOW_CATEGORY) ?? 0;
  if (overflow === 0) return { counts: s.counts, overflow: 0, ...weighted };
  const counts = new Map(s.counts);
  counts.delete(OVERFLOW_CATEGORY);
  return { counts, overflow, ...weighted };
}

/** Checks a binary outputs snapshot. */
export function readBinary(snapshot: unknown): BinaryOutputsSnapshot | undefined {
  return isObject(snapshot) &&
    Array.isArray(snapshot['reliabilityBins']) &&
    isObject(snapshot['brierScore'])
    ? (snapshot as unknown as BinaryOutputsSnapshot)
    : undefined;
}

/** Checks a multiclass outputs snapshot (a `Maybe` of the metrics). */
export function readMulticlass(snapshot: unknown): MulticlassOutputsSnapshot | undefined {
  return isObject(snapshot) && typeof snapshot['ok'] === 'boolean'
    ? (snapshot as unknown as MulticlassOutputsSnapshot)
    : undefined;
}

/** Checks a regression outputs snapshot. */
export function readRegression(snapshot: unknown): RegressionOutputsSnapshot | undefined {
  return isObject(snapshot) && isObject(snapshot['mae']) && isObject(snapshot['r2'])
    ? (snapshot as unknown as RegressionOutputsSnapshot)
    : undefined;
}
