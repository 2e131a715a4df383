/**
 * The lower empirical quantile of an accumulator's values: a value that was observed (a score an
 * evaluator gave, a token count a call had), never one interpolated between two.
 */
import type { NumericValues } from './labeled-summaries.js';

/**
 * The smallest value whose cumulative weight reaches q · total (NumPy's `inverted_cdf`); exact
 * while the accumulator holds every value, the sketch's estimate beyond.
 */
export function lowerQuantile(values: NumericValues, q: number): number {
  const { sorted, weights } = values;
  let total = 0;
  for (let i = 0; i < sorted.length; i++) total += weights?.[i] ?? 1;
  const target = q * total;
  let cumulative = 0;
  for (let i = 0; i < sorted.length; i++) {
    cumulative += weights?.[i] ?? 1;
    // A relative tolerance: q · total is inexact in binary (0.7 · 10 = 7.000000000000001).
    if (cumulative >= target - 1e-9 * total) return sorted[i]!;
  }
  return sorted[sorted.length - 1]!;
}
