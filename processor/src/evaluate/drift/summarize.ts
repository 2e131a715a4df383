/**
 * Exact current-sample summaries from whole columns (the CLI's path into {@link decideDrift});
 * the processor builds the same shapes from its window state.
 */
import { binCounts } from '../../stats/quantile-bins.js';
import type {
  CategoricalCurrentSummary,
  NumericCurrentSummary,
  NumericReferenceFeature,
} from './types.js';

/** Summary of numeric values (NaN = missing): sorted values, reference-bin and value counts. */
export function summarizeNumeric(
  values: ArrayLike<number>,
  reference?: NumericReferenceFeature,
): NumericCurrentSummary {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) present.push(values[i]!);
  const sorted = Float64Array.from(present).sort();
  const summary: NumericCurrentSummary = {
    kind: 'numeric',
    count: sorted.length,
    missing: values.length - sorted.length,
    sorted,
    exact: true,
    ...(reference !== undefined ? { binCounts: [...binCounts(reference.binEdges, sorted)] } : {}),
  };
  if (reference?.lowCardinality === undefined) return summary;
  const valueCounts = new Map<string, number>();
  for (let i = 0; i < sorted.length; i++) {
    const key = String(sorted[i]);
    valueCounts.set(key, (valueCounts.get(key) ?? 0) + 1);
  }
  return { ...summary, valueCounts };
}

/** Summary of categorical values (`null` = missing). */
export function summarizeCategorical(values: Iterable<string | null>): CategoricalCurrentSummary {
  const counts = new Map<string, number>();
  let missing = 0;
  let count = 0;
  for (const v of values) {
    if (v === null) {
      missing++;
      continue;
    }
    count++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return { kind: 'categorical', count, missing, counts };
}
