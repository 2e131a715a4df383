/**
 * Fairness across a sensitive attribute (METRICS.md §Fairness) from per-group counts: the
 * groups' selection, true positive and false positive rates with Wilson intervals, their
 * calibration error, and the disparities across the groups with enough samples, each largest
 * gap with an exact significance test. Shared by the service (a window's counts) and
 * `mlmon fairness` (a file's counts).
 *
 * The test on a gap: the groups with the highest and the lowest rate are compared with a
 * one-sided Fisher exact test (the low group's rate below the high group's); the pair is picked
 * by the data, so the p-value is doubled, and multiplied by the number of pairs among the
 * compared groups (Bonferroni). Under equal rates every pair's doubled p-value is a valid
 * two-sided p-value, so P(any adjusted p ≤ α) ≤ α — the false-alarm discipline of drift, at
 * every group size (`bench/suites/fairness.ts` measures it).
 */
import {
  ML_FAIRNESS_METRIC_VALUE_CALIBRATION_ERROR_SPREAD,
  ML_FAIRNESS_METRIC_VALUE_DEMOGRAPHIC_PARITY_DIFFERENCE,
  ML_FAIRNESS_METRIC_VALUE_DEMOGRAPHIC_PARITY_RATIO,
  ML_FAIRNESS_METRIC_VALUE_EQUAL_OPPORTUNITY_DIFFERENCE,
  ML_FAIRNESS_METRIC_VALUE_EQUALIZED_ODDS_DIFFERENCE,
  type MlFairnessMetricValue,
} from '@mlmon/conventions';
import { RELIABILITY_BIN_COUNT } from '../stats/calibration.js';
import { fisherLowerTail } from '../stats/proportion-tests.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import type { FairnessSnapshot, GroupTally } from '../state/fairness-acc.js';
import {
  FAIRNESS_GROUP_OTHER,
  FAIRNESS_GROUP_UNKNOWN,
  MIN_CLASS_COUNT,
  type FairnessAttributeSetting,
  type FairnessSettings,
} from '../state/fairness-settings.js';
import type {
  FairnessDisparity,
  FairnessGroupResult,
  FairnessResult,
  RateWithInterval,
} from './fairness-result.js';

/** The fairness results of a window's counts, one per configured attribute. */
export function fairnessOfSnapshot(snapshot: FairnessSnapshot): FairnessResult[] {
  return snapshot.attributes.map((a, i) =>
    fairnessOfGroups(
      snapshot.settings.attributes[i] ?? { name: a.name },
      a.groups,
      snapshot.settings,
      snapshot.undecided,
      snapshot.rejectedLabels,
    ),
  );
}

/**
 * A group's counts when its records carry weights w = 1/`ml.sampling.probability` (the tally
 * then holds Σw): each base (predictions, actual positives, actual negatives) at its Kish
 * effective size (Σw)²/Σw², rounded to whole records for the exact tests and the minimum
 * group count, its successes in proportion. The tally itself when every record weighed 1.
 */
function atEffectiveSizes(t: Readonly<GroupTally>): Readonly<GroupTally> {
  const sq = t.squares;
  if (sq === undefined) return t;
  const size = (n: number, squares: number): number =>
    n > 0 && squares > 0 ? Math.round((n * n) / squares) : 0;
  const part = (successes: number, n: number, m: number): number =>
    n > 0 ? Math.round((successes * m) / n) : 0;
  const predictions = size(t.predictions, sq.predictions);
  const positives = size(t.positives, sq.positives);
  const negatives = size(t.negatives, sq.negatives);
  return {
    predictions,
    selected: part(t.selected, t.predictions, predictions),
    positives,
    truePositives: part(t.truePositives, t.positives, positives),
    negatives,
    falsePositives: part(t.falsePositives, t.negatives, negatives),
    bins: t.bins,
  };
}

/** The bases of the three rates, by their numerator. */
const BASE_OF = {
  selected: 'predictions',
  truePositives: 'positives',
  falsePositives: 'negatives',
} as const;

/** `r` with the weighted rate of a weighted tally as its value (the interval stays at n_eff). */
function exactRate(
  r: RateWithInterval | undefined,
  t: Readonly<GroupTally>,
  numerator: keyof typeof BASE_OF,
): RateWithInterval | undefined {
  if (r === undefined || t.squares === undefined) return r;
  return { ...r, value: t[numerator] / t[BASE_OF[numerator]] };
}

/** A rate with its interval; `undefined` without trials. */
function rate(successes: number, trials: number): RateWithInterval | undefined {
  if (trials <= 0) return undefined;
  return { value: successes / trials, successes, trials, ...wilsonInterval(successes, trials) };
}

/** ECE of a group's bins: Σ_b |Σ scores_b − positives_b| / n (= Σ n_b/n · |mean − ratio|). */
function groupEce(bins: readonly number[] | undefined): number | undefined {
  if (bins === undefined) return undefined;
  let n = 0;
  let gap = 0;
  for (let b = 0; b < RELIABILITY_BIN_COUNT; b++) {
    n += bins[3 * b]!;
    gap += Math.abs(bins[3 * b + 1]! - bins[3 * b + 2]!);
  }
  return n > 0 ? gap / n : undefined;
}

/** The fairness result of one attribute's groups. */
export function fairnessOfGroups(
  attribute: FairnessAttributeSetting,
  groups: readonly (readonly [string, Readonly<GroupTally>])[],
  settings: Pick<FairnessSettings, 'minGroupCount' | 'alpha'>,
  undecided: number,
  rejectedLabels: number,
): FairnessResult {
  const min = settings.minGroupCount;
  const rows: FairnessGroupResult[] = [];
  for (const [group, weighted] of groups) {
    const t = atEffectiveSizes(weighted);
    const labeled = t.positives + t.negatives;
    const pooled =
      group === FAIRNESS_GROUP_OTHER
        ? 'other'
        : group === FAIRNESS_GROUP_UNKNOWN
          ? 'unknown'
          : undefined;
    const insufficient: string[] = [];
    if (pooled === undefined) {
      if (t.predictions < min)
        insufficient.push(`selection_rate: ${t.predictions} predictions < ${min}`);
      if (labeled < min) insufficient.push(`labeled: ${labeled} labeled predictions < ${min}`);
      else {
        if (t.positives < MIN_CLASS_COUNT)
          insufficient.push(`true_positive_rate: ${t.positives} positives < ${MIN_CLASS_COUNT}`);
        if (t.negatives < MIN_CLASS_COUNT)
          insufficient.push(`false_positive_rate: ${t.negatives} negatives < ${MIN_CLASS_COUNT}`);
      }
    }
    // Weighted groups: counts and intervals at the effective size, rates the weighted ones.
    const selectionRate = exactRate(rate(t.selected, t.predictions), weighted, 'selected');
    const truePositiveRate = exactRate(
      rate(t.truePositives, t.positives),
      weighted,
      'truePositives',
    );
    const falsePositiveRate = exactRate(
      rate(t.falsePositives, t.negatives),
      weighted,
      'falsePositives',
    );
    const calibrationError = groupEce(t.bins);
    rows.push({
      group,
      ...(pooled !== undefined ? { pooled } : {}),
      predictions: t.predictions,
      labeled,
      positives: t.positives,
      negatives: t.negatives,
      ...(selectionRate !== undefined ? { selectionRate } : {}),
      ...(truePositiveRate !== undefined ? { truePositiveRate } : {}),
      ...(falsePositiveRate !== undefined ? { falsePositiveRate } : {}),
      ...(calibrationError !== undefined ? { calibrationError } : {}),
      ...(insufficient.length > 0 ? { insufficient } : {}),
    });
  }
  rows.sort(
    (a, b) =>
      (a.pooled === undefined ? 0 : a.pooled === 'other' ? 1 : 2) -
        (b.pooled === undefined ? 0 : b.pooled === 'other' ? 1 : 2) ||
      b.predictions - a.predictions ||
      (a.group < b.group ? -1 : a.group > b.group ? 1 : 0),
  );
  const reference = attribute.referenceGroup;
  const referenceRate = rows.find((r) => r.group === reference)?.selectionRate?.value;
  const withReference =
    referenceRate !== undefined && referenceRate > 0
      ? rows.map((r) =>
          r.selectionRate !== undefined
            ? { ...r, selectionRateRatioToReference: r.selectionRate.value / referenceRate }
            : r,
        )
      : rows;

  const named = rows.filter((r) => r.pooled === undefined);
  const selection = named
    .filter((r) => r.predictions >= min)
    .map((r) => comparable(r, r.selectionRate));
  const labeledOk = (r: FairnessGroupResult): boolean => r.labeled >= min;
  const tpr = named
    .filter((r) => labeledOk(r) && r.positives >= MIN_CLASS_COUNT)
    .map((r) => comparable(r, r.truePositiveRate));
  const fpr = named
    .filter((r) => labeledOk(r) && r.negatives >= MIN_CLASS_COUNT)
    .map((r) => comparable(r, r.falsePositiveRate));
  const ece = named
    .filter((r) => labeledOk(r) && r.calibrationError !== undefined)
    .map((r) => ({ group: r.group, value: r.calibrationError!, successes: 0, trials: 0 }));

  const alpha = settings.alpha;
  const dpd = gap(
    ML_FAIRNESS_METRIC_VALUE_DEMOGRAPHIC_PARITY_DIFFERENCE,
    selection,
    alpha,
    'predictions',
  );
  const eop = gap(
    ML_FAIRNESS_METRIC_VALUE_EQUAL_OPPORTUNITY_DIFFERENCE,
    tpr,
    alpha,
    'actual positives',
  );
  const fprGap = gap(
    ML_FAIRNESS_METRIC_VALUE_EQUALIZED_ODDS_DIFFERENCE,
    fpr,
    alpha,
    'actual negatives',
  );
  const spread = gap(
    ML_FAIRNESS_METRIC_VALUE_CALIBRATION_ERROR_SPREAD,
    ece,
    alpha,
    'labeled predictions',
  );
  const { pValue: _p, significant: _s, ...spreadUntested } = spread.disparity;
  const disparities: FairnessDisparity[] = [
    dpd.disparity,
    parityRatio(dpd, selection.length),
    eop.disparity,
    equalizedOdds(eop.disparity, fprGap.disparity, alpha),
    spreadUntested,
  ];

  return {
    attribute: attribute.name,
    ...(reference !== undefined ? { referenceGroup: reference } : {}),
    minGroupCount: min,
    alpha,
    groups: withReference,
    disparities,
    undecided,
    rejectedLabels,
  };
}

/** A group's value of one statistic with its counts. */
interface Comparable {
  readonly group: string;
  readonly value: number;
  readonly successes: number;
  readonly trials: number;
}

function comparable(r: FairnessGroupResult, v: RateWithInterval | undefined): Comparable {
  return { group: r.group, value: v!.value, successes: v!.successes, trials: v!.trials };
}

/** A disparity with the groups behind it. */
interface Gap {
  readonly disparity: FairnessDisparity;
  readonly high?: Comparable;
  readonly low?: Comparable;
}

/** max − min over `values`, with the test of the low group against the high group. */
function gap(
  metric: MlFairnessMetricValue,
  values: readonly Comparable[],
  alpha: number,
  unit: string,
): Gap {
  if (values.length < 2) {
    const groups = `${values.length} group${values.length === 1 ? '' : 's'}`;
    return { disparity: { metric, reason: `${groups} with enough ${unit}; 2 are needed` } };
  }
  let high = values[0]!;
  let low = values[0]!;
  for (const v of values) {
    if (v.value > high.value) high = v;
    if (v.value < low.value) low = v;
  }
  const pairs = (values.length * (values.length - 1)) / 2;
  const pValue =
    high === low
      ? 1
      : Math.min(
          1,
          2 * pairs * fisherLowerTail(low.successes, low.trials, high.successes, high.trials),
        );
  return {
    disparity: {
      metric,
      value: high.value - low.value,
      highGroup: high.group,
      lowGroup: low.group,
      pValue,
      significant: pValue <= alpha,
    },
    high,
    low,
  };
}

/** min / max of the selection rates, judged by the same test as their difference. */
function parityRatio(dpd: Gap, groups: number): FairnessDisparity {
  const metric = ML_FAIRNESS_METRIC_VALUE_DEMOGRAPHIC_PARITY_RATIO;
  const { high, low } = dpd;
  if (high === undefined || low === undefined) return { ...dpd.disparity, metric };
  if (high.value === 0) {
    return { metric, reason: `none of the ${groups} groups was selected: the ratio is 0/0` };
  }
  return { ...dpd.disparity, metric, value: low.value / high.value };
}

/** max(TPR gap, FPR gap); its p-value is the smaller of the two, doubled (Bonferroni). */
function equalizedOdds(
  tprGap: FairnessDisparity,
  fprGap: FairnessDisparity,
  alpha: number,
): FairnessDisparity {
  const metric = ML_FAIRNESS_METRIC_VALUE_EQUALIZED_ODDS_DIFFERENCE;
  if (tprGap.value === undefined) return { metric, reason: `true_positive_rate: ${tprGap.reason}` };
  if (fprGap.value === undefined)
    return { metric, reason: `false_positive_rate: ${fprGap.reason}` };
  const larger = tprGap.value >= fprGap.value ? tprGap : fprGap;
  const pValue = Math.min(1, 2 * Math.min(tprGap.pValue!, fprGap.pValue!));
  return {
    metric,
    value: larger.value!,
    highGroup: larger.highGroup!,
    lowGroup: larger.lowGroup!,
    pValue,
    significant: pValue <= alpha,
  };
}
