/**
 * `--sampling-probability-column`: the batch commands weigh each row by w = 1/p, as the processor
 * weighs a record carrying `ml.sampling.probability` (METRICS.md "Weighted records (sampling)"),
 * and turn a weighted column into the same neutral summaries the processor's accumulators give
 * (`NumericValues`, `CategoryCounts`): the drift decisions then take exactly the processor's path,
 * Kish's effective size included.
 */
import type { Column } from '../../io/column-builder.js';
import { asCategorical } from '../../io/column-builder.js';
import type { Table } from '../../io/read-table.js';
import type { CategoryCounts, NumericValues } from '../../evaluate/labeled-summaries.js';
import type { BuildReferenceOptions } from '../../evaluate/drift/build-reference.js';
import type { ReferenceFeature } from '../../evaluate/drift/types.js';
import {
  categoricalReferenceFromCounts,
  numericReferenceFromValues,
} from '../../evaluate/feature-drift.js';
import { numbers, rowError } from './table-columns.js';

/**
 * The weights 1/p of the table's rows from probability column `column`; every row must hold a
 * number in (0, 1] (the error names the file, line and column of the first that does not).
 */
export function samplingWeights(table: Table, column: string): Float64Array {
  const p = numbers(table, column, 'sampling probability');
  const weights = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const x = p[i]!;
    if (!(x > 0 && x <= 1)) {
      throw rowError(table, i, column, `sampling probability ${x} is not in (0, 1]`);
    }
    weights[i] = 1 / x;
  }
  return weights;
}

/** Kish's effective size (Σw)²/Σw²; `undefined` when every weight is 1 (it is then the count). */
function effectiveCount(weight: number, squares: number, count: number): number | undefined {
  return weight === count && squares === count ? undefined : (weight * weight) / squares;
}

/** A weighted numeric column as the processor's accumulator reads it, and Σw of its missing rows. */
export function weightedNumeric(
  column: Column & { kind: 'numeric' },
  weights: Float64Array,
): { values: NumericValues; missing: number } {
  const order: number[] = [];
  let missing = 0;
  for (let i = 0; i < column.values.length; i++) {
    if (Number.isNaN(column.values[i]!)) missing += weights[i]!;
    else order.push(i);
  }
  order.sort((a, b) => column.values[a]! - column.values[b]!);
  const sorted = Float64Array.from(order, (i) => column.values[i]!);
  const w = Float64Array.from(order, (i) => weights[i]!);
  let weight = 0;
  let squares = 0;
  for (const x of w) {
    weight += x;
    squares += x * x;
  }
  const effective = effectiveCount(weight, squares, w.length);
  return {
    values: {
      count: sorted.length,
      sorted,
      ...(effective !== undefined ? { weights: w, effectiveCount: effective } : {}),
      exact: true,
      ...(sorted.length > 0 ? { min: sorted[0]!, max: sorted[sorted.length - 1]! } : {}),
    },
    missing,
  };
}

/** A weighted column's categories (Σw each) as the processor counts them, and Σw of its missing. */
export function weightedCategories(
  column: Column,
  weights: Float64Array,
): { counts: CategoryCounts; missing: number } {
  const values = asCategorical(column).values;
  const counts = new Map<string, number>();
  let missing = 0;
  let weight = 0;
  let squares = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const w = weights[i]!;
    if (v === null || v === undefined) {
      missing += w;
      continue;
    }
    counts.set(v, (counts.get(v) ?? 0) + w);
    weight += w;
    squares += w * w;
    n++;
  }
  const effective = effectiveCount(weight, squares, n);
  return {
    counts: {
      counts,
      overflow: 0,
      ...(effective !== undefined ? { effectiveCount: effective } : {}),
    },
    missing,
  };
}

/**
 * The reference feature of a column as the processor builds one from a (weighted) reference
 * window: weighted values expanded to their effective size, category counts rescaled to it
 * (`mlmon drift` on a weighted reference file, `mlmon baseline` on a weighted training file).
 */
export function weightedReference(
  ref: Column,
  numeric: boolean,
  weights: Float64Array | undefined,
  options: BuildReferenceOptions,
): ReferenceFeature {
  const w = weights ?? new Float64Array(ref.values.length).fill(1);
  if (numeric) {
    const { values, missing } = weightedNumeric(ref as Column & { kind: 'numeric' }, w);
    return numericReferenceFromValues(ref.name, values, Math.round(missing), options);
  }
  const { counts, missing } = weightedCategories(ref, w);
  return categoricalReferenceFromCounts(ref.name, counts, Math.round(missing), options);
}
