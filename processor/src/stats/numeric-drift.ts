import { hellinger } from './hellinger.js';
import { jensenShannon } from './jensen-shannon.js';
import { ksTestSorted, type KsMethod, type KsResult } from './ks.js';
import { absent, type Maybe } from './maybe.js';
import { psi } from './psi.js';
import { binCounts, proportions, referenceBinEdges } from './quantile-bins.js';
import { meanAndStd, sortedCopy, type NumericInput } from './sorted.js';
import { normalizeByStd, wassersteinSorted } from './wasserstein.js';

/** Every numeric drift statistic of METRICS.md for one feature. */
export interface NumericDrift {
  ks: Maybe<KsResult>;
  wasserstein: Maybe;
  wassersteinNormed: Maybe;
  binEdges: Float64Array;
  referenceProportions: Float64Array;
  currentProportions: Float64Array;
  psi: Maybe;
  jensenShannon: Maybe;
  hellinger: Maybe;
}

/**
 * All numeric drift statistics of reference R and current C (finite values only; the caller
 * removes missing values). Sorts each sample once and reuses it for KS, Wasserstein and binning.
 */
export function numericDrift(
  reference: NumericInput,
  current: NumericInput,
  ksMethod: KsMethod = 'auto',
): NumericDrift {
  return numericDriftSorted(sortedCopy(reference), sortedCopy(current), ksMethod);
}

/** As {@link numericDrift}, for ascending-sorted inputs. */
export function numericDriftSorted(
  r: Float64Array,
  c: Float64Array,
  ksMethod: KsMethod = 'auto',
): NumericDrift {
  const w = wassersteinSorted(r, c);
  // NaN sorts last: a NaN anywhere makes every statistic undefined (callers drop missing values).
  const hasNaN = Number.isNaN(r[r.length - 1]) || Number.isNaN(c[c.length - 1]);
  const empty = r.length === 0 || c.length === 0 || hasNaN;
  const edges = empty ? new Float64Array(0) : referenceBinEdges(r);
  const p = proportions(binCounts(edges, r));
  const q = proportions(binCounts(edges, c));
  const missing = absent(
    hasNaN
      ? 'binned statistics are undefined for samples containing NaN'
      : 'binned statistics need non-empty reference and current samples',
  );
  return {
    ks: ksTestSorted(r, c, ksMethod),
    wasserstein: w,
    wassersteinNormed: empty ? (w.ok ? missing : w) : normalizeByStd(w, meanAndStd(r).std),
    binEdges: edges,
    referenceProportions: p,
    currentProportions: q,
    psi: empty ? missing : psi(p, q),
    jensenShannon: empty ? missing : jensenShannon(p, q),
    hellinger: empty ? missing : hellinger(p, q),
  };
}
