/**
 * Error-vs-feature drift (`ml.drift.kind=error`): for a classification model, how the window's
 * misclassified pairs spread over each attribute's bins (feature bins and slice values, the
 * "where quality fell" bins) against how the stream's quality baseline's did — a categorical
 * comparison of the error counts per bin, decided by the same size-aware thresholds as any
 * categorical drift (chi² by default), so its false-alarm rate is theirs. It answers "the errors
 * moved to these values" even when the overall error rate did not change.
 */
import { ML_DRIFT_KIND_VALUE_ERROR } from '@mlmon/conventions';
import type { QualityBinCell } from '../state/quality-bins-acc.js';
import type { ClosedWindow } from '../state/types.js';
import type { BuildReferenceOptions } from './drift/build-reference.js';
import {
  categoricalCurrent,
  categoricalReferenceFromCounts,
  decideFeatureDrift,
  type FeatureDriftOptions,
} from './feature-drift.js';
import type { CategoryCounts } from './labeled-summaries.js';
import type { ReferenceCache } from './reference-cache.js';
import type { DriftResult } from './window-result.js';

/** The error-vs-feature drift of `closed`: one decision set per attribute in both bin sets. */
export function errorDrift(
  closed: ClosedWindow,
  cache: ReferenceCache,
  build: BuildReferenceOptions,
  options: FeatureDriftOptions,
): DriftResult[] {
  const current = closed.labeled.qualityBins;
  const baseline = closed.qualityBaseline;
  if (current === undefined || baseline === undefined) return [];
  if (current.measure !== 'misclassified' || baseline.measure !== 'misclassified') return [];
  const out: DriftResult[] = [];
  for (const [attribute, bins] of current.cells) {
    const base = baseline.cells.get(attribute);
    if (base === undefined) continue;
    const counts = errorCounts(bins);
    const refCounts = errorCounts(base);
    if (counts.counts.size === 0 || refCounts.counts.size === 0) continue;
    // The baseline grows while it fills: its size is part of the memo key.
    const key = `quality-baseline:${total(refCounts.counts)}`;
    const ref = cache.getOrBuildForStream(closed.stream.key, key, 'error', attribute, () =>
      categoricalReferenceFromCounts(attribute, refCounts, 0, build),
    );
    if (ref === undefined) continue;
    out.push(
      ...decideFeatureDrift(ML_DRIFT_KIND_VALUE_ERROR, ref, categoricalCurrent(counts, 0), options),
    );
  }
  return out;
}

/**
 * Misclassified pairs per bin (empty bins left out). Pairs weighted by 1/`ml.sampling.probability`
 * give Σw per bin and Kish's effective size (Σw)²/Σw² of all misclassified pairs, so the test
 * judges as many errors as the weighted ones are worth; unweighted counts are whole pairs.
 */
function errorCounts(bins: ReadonlyMap<string, Readonly<QualityBinCell>>): CategoryCounts {
  const counts = new Map<string, number>();
  let sum = 0;
  let squares = 0;
  for (const c of bins.values()) {
    sum += c.err;
    squares += c.errW2;
  }
  const weighted = squares !== sum && squares > 0;
  for (const [bin, c] of bins) {
    const n = weighted ? c.err : Math.round(c.err);
    if (n > 0) counts.set(bin, n);
  }
  return weighted
    ? { counts, overflow: 0, effectiveCount: (sum * sum) / squares }
    : { counts, overflow: 0 };
}

function total(counts: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const v of counts.values()) n += v;
  return n;
}
