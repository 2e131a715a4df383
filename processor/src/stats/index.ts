/**
 * mlmon statistics core: pure functions, no OpenTelemetry types, definitions of
 * `../shared/METRICS.md`. Undefined values come back as `Maybe` `{ ok: false, reason }`, never NaN.
 * Numeric inputs are `ArrayLike<number>` (arrays or Float64Array); `*Sorted` variants take
 * ascending-sorted Float64Arrays and do no per-element allocation.
 *
 * Signatures:
 * - `present(v): Maybe<T>`, `absent(reason): Maybe<T>`, `valueOrNull(m): T | null`
 * - `sortedCopy(x): Float64Array` (radix sort above 4096 values), `sortFloat64(a)` (in place),
 *   `meanAndStd(x): { mean, std }` (std ddof = 0)
 * - `ksTest(R, C, method = 'auto'): Maybe<KsResult>`, `ksTestSorted(sortedR, sortedC, method)`,
 *   `ksStatisticSorted(sortedR, sortedC): number`, `ksPValue(d, nR, nC, method): KsResult`
 *   (`KsResult = { statistic, pValue, method: 'exact' | 'asymp' }`, SciPy `ks_2samp` semantics)
 * - `kolmogorovNSf(n, x)` (= `kstwo.sf`), `smirnovSf(n, x)` (= `scipy.special.smirnov`)
 * - `wasserstein(R, C): Maybe`, `wassersteinSorted(sortedR, sortedC): Maybe`,
 *   `wassersteinNormed(R, C): Maybe`, `normalizeByStd(distance, stdR): Maybe`
 * - `quantileSorted(sorted, q)` (= np.quantile linear), `referenceBinEdges(sortedR): Float64Array`,
 *   `binIndex(edges, x)`, `binCounts(edges, values)`, `proportions(counts)`
 * - `psi(p, q): Maybe`, `jensenShannon(p, q): Maybe` (base 2), `hellinger(p, q): Maybe`
 * - `chiSquareHomogeneity(countsR, countsC): Maybe<{ statistic, pValue, dof }>`,
 *   `chiSquareSf(x, dof)`, `regularizedGammaP/Q(a, x)`, `lnGamma(x)`
 * - `countCategories(values): Map`, `alignCategoryCounts(mapR, mapC): { categories, reference, current }`,
 *   `lInfinity(p, q): Maybe`, `newCategoryRatio(countsR, countsC): Maybe`
 * - `numericDrift(R, C): NumericDrift`, `categoricalDrift(R, C)`, `categoricalDriftFromCounts(mapR, mapC)`
 * - `brierScore(s, y)`, `logLoss(s, y)`, `reliabilityBins(conf, correct): ReliabilityBin[]`,
 *   `calibrationErrorFromBins(bins): Maybe<{ ece, mce }>`, `eceQuantile(conf, correct): Maybe`,
 *   `reliabilityBinIndex(s)`, `reliabilityFromSums(sums)`
 * - `rocAuc(s, y): Maybe`, `confusionCounts(s, y, threshold)`, `thresholdMetrics(counts)`,
 *   `binaryClassificationMetrics(s, y, threshold = 0.5)`
 * - `multiclassMetrics(P, y): Maybe<MulticlassMetrics>`, `argmax(p)`, `macroF1FromConfusion(m)`,
 *   `rowSums(m)`
 * - `regressionMetrics(actual, predicted): RegressionMetrics`
 * - weighted ECDFs (sketch items): `ksStatisticWeighted(r, c)`, `wassersteinWeighted(r, c)`,
 *   `unitWeighted(sorted): WeightedSorted`
 */
export { absent, present, valueOrNull, type Maybe } from './maybe.js';
export { isSortedAscending, meanAndStd, sortedCopy, type NumericInput } from './sorted.js';
export { sortFloat64 } from './radix-sort.js';
export { KS_MAX_EXACT_N, ksPValue, ksStatisticSorted, ksTest, ksTestSorted } from './ks.js';
export type { KsMethod, KsResult } from './ks.js';
export { outerProbInsideMethod, probOutsideSquare } from './ks-exact.js';
export { kolmogorovNSf } from './kolmogorov-n.js';
export { smirnovSf } from './smirnov.js';
export {
  normalizeByStd,
  wasserstein,
  wassersteinNormed,
  wassersteinSorted,
} from './wasserstein.js';
export {
  binCounts,
  binIndex,
  proportions,
  quantileSorted,
  REFERENCE_BIN_QUANTILES,
  referenceBinEdges,
} from './quantile-bins.js';
export { psi, PSI_ZERO_REPLACEMENT } from './psi.js';
export { jensenShannon } from './jensen-shannon.js';
export { hellinger } from './hellinger.js';
export { chiSquareSf, lnGamma, regularizedGammaP, regularizedGammaQ } from './gamma.js';
export { chiSquareHomogeneity, type ChiSquareResult } from './chi-square.js';
export {
  alignCategoryCounts,
  compareCodePoints,
  countCategories,
  lInfinity,
  newCategoryRatio,
  type AlignedCategoryCounts,
} from './categorical.js';
export { numericDrift, numericDriftSorted, type NumericDrift } from './numeric-drift.js';
export {
  categoricalDrift,
  categoricalDriftFromCounts,
  type CategoricalDrift,
} from './categorical-drift.js';
export {
  binaryLogLossTerm,
  brierScore,
  calibrationErrorFromBins,
  eceQuantile,
  equalWidthBinSums,
  LOG_LOSS_EPS,
  logLoss,
  RELIABILITY_BIN_COUNT,
  RELIABILITY_INNER_EDGES,
  reliabilityBinIndex,
  reliabilityBins,
  reliabilityFromSums,
  type BinSums,
  type CalibrationError,
  type ReliabilityBin,
} from './calibration.js';
export { rocAuc, rocAucFromSorted } from './roc-auc.js';
export {
  confusionCounts,
  DEFAULT_THRESHOLD,
  thresholdMetrics,
  type ConfusionCounts,
  type ThresholdMetrics,
} from './classification.js';
export {
  binaryClassificationMetrics,
  type BinaryClassificationMetrics,
} from './binary-classification.js';
export {
  argmax,
  macroF1FromConfusion,
  multiclassBrierTerm,
  multiclassLogLossTerm,
  multiclassMetrics,
  rowSums,
  type MulticlassMetrics,
} from './multiclass.js';
export { MAPE_EPSILON, regressionMetrics, type RegressionMetrics } from './regression.js';
export {
  ksStatisticWeighted,
  unitWeighted,
  wassersteinWeighted,
  type WeightedSorted,
} from './weighted-ecdf.js';
