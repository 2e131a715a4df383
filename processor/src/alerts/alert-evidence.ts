/**
 * What a window says about a rule's statistic: the value, how many samples stand behind it,
 * the reference it is compared with, and — where the statistic has one — the p-value of the
 * significance check that keeps alerts on noise below the rule's level:
 * - `quality.accuracy.drop`: one-sided Fisher exact test of the window's accuracy against the
 *   stream's pooled reference accuracy (see {@link rememberQualityReference});
 * - `quality.accuracy` and `ground_truth.coverage` against a threshold in (0, 1): exact
 *   binomial test that the true rate is on the other side of the threshold (`<`/`<=`: below
 *   it; `>`/`>=`: above it);
 * - `calibration.ece` and `calibration.mce`: per reliability bin binomial tests of the
 *   positives at the bin's mean score, Bonferroni-combined (`calibrationPValue`).
 * Other quality and calibration statistics (F1, RMSE, Brier, …) have no exact count model here:
 * they get the minimum-samples rule only. Counts are record counts; a weighted accuracy is
 * turned back into a count of correct predictions by rounding. Pairs weighted by
 * 1/`ml.sampling.probability` count as Kish's effective size (`samples.effectiveLabeled`), and
 * the calibration bins' weighted counts are scaled to it, so weights never make a check bolder.
 */
import { observeCost } from './cost-evidence.js';
import type { WindowResult } from '../evaluate/window-result.js';
import { binomialSf } from '../stats/binomial-tail.js';
import { calibrationPValue } from '../stats/calibration-significance.js';
import { binomialCdf, fisherLowerTail } from '../stats/proportion-tests.js';
import type { AlertRule } from './alert-rule.js';
import { DEFAULT_MIN_SAMPLES, DEFAULT_SIGNIFICANCE } from './alert-rule.js';
import type { AlertState } from './alert-state.js';
import { FAIRNESS_STATISTIC_PREFIX, observeFairness } from './fairness-evidence.js';
import { ESTIMATE_STATISTIC_PREFIX, observeEstimate } from './estimation-evidence.js';
import { calibrationSubject, type AlertSubject } from './alert-subject.js';
import { observeVersion, VERSION_WORSE_STATISTIC } from './version-evidence.js';

/** Labels pooled over a stream's first windows before its accuracy reference is complete. */
export const ACCURACY_REFERENCE_LABELS = 3000;

/** One value of a rule's statistic in one window (per feature for drift statistics). */
export interface AlertObservation {
  readonly feature?: string;
  /** The statistic compared with the threshold. */
  readonly value: number;
  /** Samples behind the value (labeled predictions, predictions or the drift window's size). */
  readonly samples: number;
  /** What the samples are, for the impact line. */
  readonly samplesUnit: 'labeled predictions' | 'predictions' | 'requests';
  /** For `.drop` statistics: the reference value of the metric. */
  readonly referenceValue?: number;
  /** p-value of the significance check, where the statistic has one. */
  readonly pValue?: number;
  /** Which method or metric the value is (the `ml.alert` event's statistic attributes). */
  readonly subject?: AlertSubject;
  /** What decided it, for the impact line (e.g. the baseline version and the deciding test). */
  readonly detail?: string;
}

/**
 * The observations of `rule` in `result` (none when the window has no value for it), against
 * the references as they stood before this window.
 */
export function observe(
  rule: AlertRule,
  result: WindowResult,
  state: AlertState,
): AlertObservation[] {
  const s = rule.statistic;
  const effective = result.samples.effectiveLabeled;
  const labeled = labeledCount(result);
  if (s === 'drift.status' || s === 'drift.score') return observeDrift(s, result);
  if (s.startsWith('cost.')) return observeCost(s, result);
  if (s.startsWith(FAIRNESS_STATISTIC_PREFIX)) return observeFairness(s, result);
  if (s.startsWith(ESTIMATE_STATISTIC_PREFIX)) return observeEstimate(s, result);
  if (s === VERSION_WORSE_STATISTIC) return observeVersion(result);
  if (s.startsWith('calibration.')) {
    const c = result.calibration;
    const value =
      s === 'calibration.ece'
        ? c?.ece
        : s === 'calibration.mce'
          ? c?.mce
          : s === 'calibration.brier'
            ? c?.brier
            : c?.logLoss;
    if (c === undefined || value === undefined) return [];
    const tested = s === 'calibration.ece' || s === 'calibration.mce';
    const scale = effective !== undefined ? binScale(c.bins, effective) : 1;
    const pValue = tested
      ? calibrationPValue(
          c.bins.map((b) => {
            const count = effective !== undefined ? Math.round(b.count * scale) : b.count;
            return {
              count,
              meanScore: b.meanScore ?? 0,
              positives: Math.round((b.positiveRatio ?? 0) * count),
            };
          }),
        )
      : undefined;
    return [
      {
        value,
        samples: labeled,
        samplesUnit: 'labeled predictions',
        subject: calibrationSubject(s, c),
        ...(pValue !== undefined ? { pValue } : {}),
      },
    ];
  }
  if (s === 'ground_truth.coverage') {
    const value = result.groundTruth.coverage;
    if (value === undefined) return [];
    // The weighted coverage's predictions at their effective size, as the label pairs are.
    const effective = result.samples.effectiveCurrent;
    const n = effective !== undefined ? Math.round(effective) : result.samples.current;
    const pValue = thresholdPValue(Math.round(value * n), n, rule);
    return [
      {
        value,
        samples: n,
        samplesUnit: 'predictions',
        ...(pValue !== undefined ? { pValue } : {}),
      },
    ];
  }
  const drop = s.endsWith('.drop');
  const metric = s.slice('quality.'.length, drop ? -'.drop'.length : undefined);
  const current = result.quality.find((q) => q.metric === metric)?.value;
  if (current === undefined) return [];
  const base = {
    samples: labeled,
    samplesUnit: 'labeled predictions' as const,
    subject: { qualityMetric: metric },
  };
  const correct = Math.round(current * labeled);
  if (!drop) {
    const pValue = metric === 'accuracy' ? thresholdPValue(correct, labeled, rule) : undefined;
    return [{ ...base, value: current, ...(pValue !== undefined ? { pValue } : {}) }];
  }
  if (metric === 'accuracy') {
    const reference = state.accuracyReference.get(result.stream.key);
    if (!reference || reference.labeled === 0 || reference.labeled < rule.minSamples) return [];
    const referenceValue = reference.correct / reference.labeled;
    return [
      {
        ...base,
        value: referenceValue - current,
        referenceValue,
        pValue: fisherLowerTail(correct, labeled, reference.correct, reference.labeled),
      },
    ];
  }
  const first = state.firstQuality.get(result.stream.key)?.[metric];
  return first === undefined ? [] : [{ ...base, value: first - current, referenceValue: first }];
}

function observeDrift(s: 'drift.status' | 'drift.score', result: WindowResult): AlertObservation[] {
  const out: AlertObservation[] = [];
  for (const d of result.drift) {
    if (d.kind !== 'feature' || !d.primary) continue;
    const base = {
      feature: d.feature,
      samples: d.nCurrent,
      samplesUnit: 'predictions' as const,
      subject: { driftMethod: d.method, driftKind: d.kind },
    };
    if (s === 'drift.score') {
      if (d.score !== undefined) out.push({ ...base, value: d.score });
    } else if (d.state === 'drift' || d.state === 'no_drift') {
      out.push({ ...base, value: d.state === 'drift' ? 1 : 0 });
    }
  }
  return out;
}

/** Labelled pairs a check counts: Kish's effective size (rounded) when they carry weights. */
function labeledCount(result: WindowResult): number {
  const effective = result.samples.effectiveLabeled;
  return effective !== undefined ? Math.round(effective) : result.samples.labeled;
}

/** n_eff / Σw of weighted reliability bins: their counts rescaled to the effective size. */
function binScale(bins: readonly { count: number }[], effective: number): number {
  let total = 0;
  for (const b of bins) total += b.count;
  return total > 0 ? effective / total : 1;
}

/** Exact binomial p-value that the true rate lies beyond the threshold on the rule's side. */
function thresholdPValue(k: number, n: number, rule: AlertRule): number | undefined {
  const t = rule.threshold;
  if (n <= 0 || !(t > 0 && t < 1)) return undefined;
  if (rule.operator === '<' || rule.operator === '<=') return binomialCdf(k, n, t);
  if (rule.operator === '>' || rule.operator === '>=') return binomialSf(k, n, t);
  return undefined;
}

/**
 * Updates the stream's quality references after a window was judged against them. Accuracy
 * pools the labeled counts of the stream's first windows until the pool holds
 * {@link ACCURACY_REFERENCE_LABELS}, each window compared with the windows pooled before it;
 * a window significantly below the pool (one-sided Fisher test at the default significance)
 * is a change, not reference, and stays out. Other metrics keep the value of the first window
 * with {@link DEFAULT_MIN_SAMPLES} labels.
 */
export function rememberQualityReference(state: AlertState, result: WindowResult): void {
  const key = result.stream.key;
  const labeled = labeledCount(result);
  const accuracy = result.quality.find((q) => q.metric === 'accuracy')?.value;
  const reference = state.accuracyReference.get(key) ?? { correct: 0, labeled: 0 };
  if (accuracy !== undefined && labeled > 0 && reference.labeled < ACCURACY_REFERENCE_LABELS) {
    const correct = Math.round(accuracy * labeled);
    const dropped =
      reference.labeled > 0 &&
      fisherLowerTail(correct, labeled, reference.correct, reference.labeled) <=
        DEFAULT_SIGNIFICANCE;
    if (!dropped) {
      reference.correct += correct;
      reference.labeled += labeled;
      state.accuracyReference.set(key, reference);
    }
  }
  if (labeled < DEFAULT_MIN_SAMPLES) return;
  const known = state.firstQuality.get(key) ?? {};
  let changed = false;
  for (const q of result.quality) {
    if (q.value !== undefined && known[q.metric] === undefined) {
      known[q.metric] = q.value;
      changed = true;
    }
  }
  if (changed) state.firstQuality.set(key, known);
}
