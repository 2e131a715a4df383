/**
 * The distribution of a window's labels (label drift, `ml.drift.kind=ground_truth`): how many of
 * the prediction–label pairs joined in the window carry each label. Binary labels count as `0`
 * and `1`, multiclass labels per class index (fixed per model version). Regression label values
 * are a numeric distribution of their own (`LabeledWindow.groundTruthValues`).
 */
import type { LabeledWindow } from '../state/types.js';
import { readBinary, readMulticlass } from './snapshot-readers.js';

/** Pairs per label of `labeled` (labels never seen left out); undefined without labeled pairs. */
export function labelCounts(labeled: LabeledWindow): Map<string, number> | undefined {
  const binary = labeled.binary !== undefined ? readBinary(labeled.binary) : undefined;
  if (binary !== undefined && binary.count > 0) {
    return withoutZeros([
      ['0', binary.count - binary.positives],
      ['1', binary.positives],
    ]);
  }
  const multiclass =
    labeled.multiclass !== undefined ? readMulticlass(labeled.multiclass) : undefined;
  if (multiclass !== undefined && multiclass.ok) {
    return withoutZeros(multiclass.value.classCounts.map((n, i) => [String(i), n]));
  }
  return undefined;
}

function withoutZeros(entries: readonly (readonly [string, number])[]): Map<string, number> {
  return new Map(entries.filter(([, n]) => n > 0));
}
