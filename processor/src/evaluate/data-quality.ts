/**
 * Data-quality shares of one feature in one window (`ml.data_quality.ratio`): `missing` and
 * `type_mismatch` are shares of the window's rows for the feature; `out_of_range` (outside the
 * reference's [min, max]) and `new_category` (absent from the reference) are shares of the
 * values present, since they describe values, not rows.
 */
import {
  ML_DATA_QUALITY_CHECK_VALUE_MISSING,
  ML_DATA_QUALITY_CHECK_VALUE_NEW_CATEGORY,
  ML_DATA_QUALITY_CHECK_VALUE_OUT_OF_RANGE,
  ML_DATA_QUALITY_CHECK_VALUE_TYPE_MISMATCH,
} from '@mlmon/conventions';
import { countAtMost, countBelow } from '../stats/sorted.js';
import type { FeatureCounts } from '../state/types.js';
import type { ReferenceFeature } from './drift/types.js';
import type { CategoryCounts, NumericValues } from './labeled-summaries.js';
import type { DataQualityResult } from './window-result.js';

/** The checks of one feature; checks needing a reference are skipped without one. */
export function dataQuality(
  name: string,
  counts: FeatureCounts,
  reference: ReferenceFeature | undefined,
  current: { numeric?: NumericValues; categorical?: CategoryCounts },
): DataQualityResult[] {
  // Sampled rows weigh 1/p: the shares are those of the traffic the rows stand for.
  const c = counts.weighted ?? counts;
  const rows = c.count + c.missing + c.typeMismatch;
  if (rows === 0) return [];
  const out: DataQualityResult[] = [
    { feature: name, check: ML_DATA_QUALITY_CHECK_VALUE_MISSING, ratio: c.missing / rows },
    {
      feature: name,
      check: ML_DATA_QUALITY_CHECK_VALUE_TYPE_MISMATCH,
      ratio: c.typeMismatch / rows,
    },
  ];
  if (reference?.kind === 'numeric' && current.numeric && reference.count > 0) {
    const ratio = outOfRangeShare(current.numeric, reference.min, reference.max);
    if (ratio !== undefined) {
      out.push({ feature: name, check: ML_DATA_QUALITY_CHECK_VALUE_OUT_OF_RANGE, ratio });
    }
  }
  if (reference?.kind === 'categorical' && current.categorical) {
    const known = new Set(reference.categories);
    let total = current.categorical.overflow;
    let unseen = current.categorical.overflow; // overflowed categories were new by construction
    for (const [category, n] of current.categorical.counts) {
      total += n;
      if (!known.has(category)) unseen += n;
    }
    if (total > 0) {
      out.push({
        feature: name,
        check: ML_DATA_QUALITY_CHECK_VALUE_NEW_CATEGORY,
        ratio: unseen / total,
      });
    }
  }
  return out;
}

/** Weighted share of values below `min` or above `max`; undefined without values. */
export function outOfRangeShare(
  values: NumericValues,
  min: number,
  max: number,
): number | undefined {
  const xs = values.sorted;
  if (values.weights === undefined) {
    // Ascending values: the ones outside are a prefix and a suffix, found by two searches.
    if (xs.length === 0) return undefined;
    const below = countBelow(xs, min);
    const above = xs.length - countAtMost(xs, max);
    return (below + above) / xs.length;
  }
  let total = 0;
  let outside = 0;
  for (let i = 0; i < values.sorted.length; i++) {
    const w = values.weights?.[i] ?? 1;
    const x = values.sorted[i]!;
    total += w;
    if (x < min || x > max) outside += w;
  }
  return total > 0 ? outside / total : undefined;
}
