/**
 * Exact current-sample summaries from whole columns (the CLI's path into {@link decideDrift});
 * the processor builds the same shapes from its window state.
 */
import { sortFloat64 } from '../../stats/radix-sort.js';
import { countAtMost } from '../../stats/sorted.js';
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
  const sorted = sortedPresent(values);
  const summary: NumericCurrentSummary = {
    kind: 'numeric',
    count: sorted.length,
    missing: values.length - sorted.length,
    sorted,
    exact: true,
    ...(reference !== undefined ? { binCounts: sortedBinCounts(reference.binEdges, sorted) } : {}),
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

/** The non-NaN values, ascending, in a new typed array (one pass, one radix sort). */
export function sortedPresent(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!Number.isNaN(x)) out[j++] = x;
  }
  return sortFloat64(out);
}

/**
 * Counts of an ascending sample in the bins (e_{i-1}, e_i] of `edges` — the same as
 * `binCounts` of stats/ but O(edges · log n) on sorted data.
 */
export function sortedBinCounts(edges: ArrayLike<number>, sorted: ArrayLike<number>): number[] {
  // Exactly sized: a held reference's bins and a current summary's counts are kept as made.
  const counts = new Array<number>(edges.length + 1);
  let previous = 0;
  for (let i = 0; i < edges.length; i++) {
    // Values <= edge fall at or below bin i (searchsorted side='left' puts x == e_i in bin i).
    const atMost = countAtMost(sorted, edges[i]!, previous);
    counts[i] = atMost - previous;
    previous = atMost;
  }
  counts[edges.length] = sorted.length - previous;
  return counts;
}
