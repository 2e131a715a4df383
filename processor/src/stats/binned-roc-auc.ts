/**
 * ROC AUC from a fixed grid of score bins, so that a window keeps a bounded, mergeable table
 * instead of its records (streaming multiclass CBPE, one-vs-rest per class).
 *
 * The grid: {@link AUC_BINS} equal bins of u(s) = ½·s + ½·(clamp(logit s, −L, L) + L)/(2L),
 * L = {@link AUC_LOGIT_RANGE}. u is increasing in s, so ranking by bin ranks by score; the
 * linear half resolves scores around 1/k (weak models put every class there), the logit half
 * resolves scores near 0 and 1 (confident models put most one-vs-rest scores there, down to
 * e^−30 ≈ 1e−13).
 *
 * The area: records in one bin are tied (one ROC step, the trapezoid counting their pairs ½, as
 * `sklearn.metrics.roc_auc_score` counts tied scores), bins ranked by the grid. With Σpos_b and
 * Σneg_b the (expected or realized) positive and negative weight of bin b, the error against the
 * area on exact scores is at most Σ_b pos_b·neg_b / (2·P·N); measured on softmax models from
 * near-chance to near-perfect (`test/golden/scripts/cbpe_multiclass_auc.py`) the macro AUC is
 * within 7e−4 of the exact value, and the tests hold it to {@link BINNED_AUC_TOLERANCE}; a window
 * of 100 labeled records is coarser (up to 2e−3 realized, a tenth of the band's σ there).
 */

/** Bins of the grid. */
export const AUC_BINS = 256;
/** Logit range of the grid's logit half. */
export const AUC_LOGIT_RANGE = 30;
/** The absolute error the binned macro AUC is held to against the exact one. */
export const BINNED_AUC_TOLERANCE = 1e-3;

/** The grid bin of score `s` in [0, 1]. */
export function aucBinOf(s: number): number {
  const t = Math.log(s) - Math.log1p(-s);
  const clamped =
    t < -AUC_LOGIT_RANGE ? -AUC_LOGIT_RANGE : t > AUC_LOGIT_RANGE ? AUC_LOGIT_RANGE : t;
  const u = 0.5 * s + (0.5 * (clamped + AUC_LOGIT_RANGE)) / (2 * AUC_LOGIT_RANGE);
  const b = Math.floor(u * AUC_BINS);
  return b < 0 ? 0 : b >= AUC_BINS ? AUC_BINS - 1 : b;
}

/**
 * The area under the ROC of a binned table: `bins[posAt + b]` and `bins[totalAt + b]` are the
 * positive weight and the whole weight of bin b (b = 0 … {@link AUC_BINS} − 1, higher bins
 * scoring higher); negatives are the difference. Undefined when either side weighs nothing.
 */
export function binnedRocAuc(
  bins: ArrayLike<number>,
  posAt: number,
  totalAt: number,
): number | undefined {
  let p = 0;
  let n = 0;
  for (let b = 0; b < AUC_BINS; b++) {
    p += bins[posAt + b]!;
    n += bins[totalAt + b]! - bins[posAt + b]!;
  }
  if (!(p > 0) || !(n > 0)) return undefined;
  // Mann–Whitney over bins: each positive beats the negatives in lower bins, ties count ½.
  let below = 0;
  let area = 0;
  for (let b = 0; b < AUC_BINS; b++) {
    const pb = bins[posAt + b]!;
    const nb = bins[totalAt + b]! - pb;
    area += pb * (below + nb / 2);
    below += nb;
  }
  return area / (p * n);
}

/**
 * The one-vs-rest macro AUC of `k` classes whose tables lie in planes of k·{@link AUC_BINS}
 * (class c's positives at (posPlane·k + c)·AUC_BINS, its weights at (totalPlane·k + c)·AUC_BINS):
 * the mean of the per-class areas; undefined when a class's area is (as `roc_auc_score` with
 * `multi_class="ovr"` refuses a class without positives).
 */
export function macroBinnedRocAuc(
  bins: ArrayLike<number>,
  k: number,
  posPlane: number,
  totalPlane: number,
): number | undefined {
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const auc = binnedRocAuc(bins, (posPlane * k + c) * AUC_BINS, (totalPlane * k + c) * AUC_BINS);
    if (auc === undefined) return undefined;
    sum += auc;
  }
  return k > 0 ? sum / k : undefined;
}
