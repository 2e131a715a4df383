/**
 * What a window says about a fairness rule (`fairness.<metric>`): one observation per sensitive
 * attribute, carrying the attribute in the observation's `feature` (so each attribute is its
 * own alert instance and the alert event names it in `ml.feature.name`), the disparity's value,
 * the samples behind it, and the p-value of the exact test on its largest gap
 * (`evaluate/fairness.ts`): the rule fires only on a gap that is real at this group size.
 */
import {
  ML_FAIRNESS_METRIC_VALUE_CALIBRATION_ERROR_SPREAD,
  ML_FAIRNESS_METRIC_VALUE_DEMOGRAPHIC_PARITY_DIFFERENCE,
  ML_FAIRNESS_METRIC_VALUE_DEMOGRAPHIC_PARITY_RATIO,
} from '@mlmon/conventions';
import type { WindowResult } from '../evaluate/window-result.js';
import type { AlertObservation } from './alert-evidence.js';

/** Prefix of the fairness statistics (`fairness.demographic_parity_ratio`). */
export const FAIRNESS_STATISTIC_PREFIX = 'fairness.';

/** The observations of statistic `fairness.<metric>` in `result`. */
export function observeFairness(statistic: string, result: WindowResult): AlertObservation[] {
  const metric = statistic.slice(FAIRNESS_STATISTIC_PREFIX.length);
  const out: AlertObservation[] = [];
  const onPredictions =
    metric === ML_FAIRNESS_METRIC_VALUE_DEMOGRAPHIC_PARITY_RATIO ||
    metric === ML_FAIRNESS_METRIC_VALUE_DEMOGRAPHIC_PARITY_DIFFERENCE;
  for (const f of result.fairness ?? []) {
    const d = f.disparities.find((x) => x.metric === metric);
    if (d?.value === undefined) continue;
    // The samples behind the value: the two groups it compares.
    const pair = f.groups.filter((g) => g.group === d.highGroup || g.group === d.lowGroup);
    const samples = pair.reduce((n, g) => n + (onPredictions ? g.predictions : g.labeled), 0);
    out.push({
      feature: f.attribute,
      value: d.value,
      samples,
      samplesUnit: onPredictions ? 'predictions' : 'labeled predictions',
      ...(d.pValue !== undefined && metric !== ML_FAIRNESS_METRIC_VALUE_CALIBRATION_ERROR_SPREAD
        ? { pValue: d.pValue }
        : {}),
    });
  }
  return out;
}
