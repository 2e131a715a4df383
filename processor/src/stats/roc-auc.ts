import { absent, present, type Maybe } from './maybe.js';
import type { NumericInput } from './sorted.js';

/**
 * ROC AUC in Mann–Whitney form with average ranks for ties (= `sklearn.metrics.roc_auc_score`):
 * the probability that a random positive scores above a random negative, ties counting ½.
 * Sorts the positive and negative scores separately (native typed-array sort) and merges:
 * O(n log n), two allocations. Absent when only one class is present.
 */
export function rocAuc(scores: NumericInput, labels: NumericInput): Maybe {
  let nPos = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) nPos++;
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0)
    return absent('ROC AUC is undefined when only one class is present');
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[ip++] = scores[i]!;
    else neg[ineg++] = scores[i]!;
  }
  pos.sort();
  neg.sort();
  return present(rocAucFromSorted(pos, neg));
}

/** AUC from ascending-sorted positive and negative scores. */
export function rocAucFromSorted(pos: NumericInput, neg: NumericInput): number {
  // For each positive: negatives strictly below plus half of the tied ones.
  let below = 0;
  let j = 0;
  let sum = 0;
  let i = 0;
  while (i < pos.length) {
    const v = pos[i]!;
    while (j < neg.length && neg[j]! < v) j++;
    below = j;
    let tied = 0;
    while (j + tied < neg.length && neg[j + tied]! === v) tied++;
    let group = 0;
    while (i < pos.length && pos[i]! === v) {
      group++;
      i++;
    }
    sum += group * (below + tied / 2);
  }
  return sum / (pos.length * neg.length);
}
