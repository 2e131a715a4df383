/**
 * The fairness part of a window result as metric points: per group its rates and sample counts
 * (and calibration error), per attribute its disparities and their p-values. Groups are bounded
 * by the attribute's cap (`_OTHER` pools the rest), so the series stay bounded too.
 */
import {
  ATTR_ML_FAIRNESS_ATTRIBUTE,
  ATTR_ML_FAIRNESS_GROUP,
  ATTR_ML_FAIRNESS_METRIC,
  ATTR_ML_FAIRNESS_RATE,
  ATTR_ML_MONITOR_POPULATION,
  DESCRIPTOR_ML_FAIRNESS_DISPARITY,
  DESCRIPTOR_ML_FAIRNESS_DISPARITY_P_VALUE,
  DESCRIPTOR_ML_FAIRNESS_GROUP_CALIBRATION_ERROR,
  DESCRIPTOR_ML_FAIRNESS_GROUP_RATE,
  DESCRIPTOR_ML_FAIRNESS_GROUP_SAMPLES,
  ML_FAIRNESS_RATE_VALUE_FALSE_POSITIVE_RATE,
  ML_FAIRNESS_RATE_VALUE_SELECTION_RATE,
  ML_FAIRNESS_RATE_VALUE_TRUE_POSITIVE_RATE,
  ML_MONITOR_POPULATION_VALUE_CURRENT,
  ML_MONITOR_POPULATION_VALUE_LABELED,
} from '@mlmon/conventions';
import type { FairnessResult } from '../evaluate/fairness-result.js';
import type { PointAttributes } from './metric-data.js';
import type { MetricCollector } from './window-metrics.js';

/** Adds the points of `results` (one per attribute) under the stream attributes `base`. */
export function addFairness(
  out: MetricCollector,
  base: PointAttributes,
  results: readonly FairnessResult[],
): void {
  for (const f of results) {
    const attribute = { ...base, [ATTR_ML_FAIRNESS_ATTRIBUTE]: f.attribute };
    for (const g of f.groups) {
      const group = { ...attribute, [ATTR_ML_FAIRNESS_GROUP]: g.group };
      const rates = [
        [ML_FAIRNESS_RATE_VALUE_SELECTION_RATE, g.selectionRate],
        [ML_FAIRNESS_RATE_VALUE_TRUE_POSITIVE_RATE, g.truePositiveRate],
        [ML_FAIRNESS_RATE_VALUE_FALSE_POSITIVE_RATE, g.falsePositiveRate],
      ] as const;
      for (const [rate, value] of rates) {
        if (value === undefined) continue;
        out.number(
          DESCRIPTOR_ML_FAIRNESS_GROUP_RATE,
          { ...group, [ATTR_ML_FAIRNESS_RATE]: rate },
          value.value,
        );
      }
      out.number(
        DESCRIPTOR_ML_FAIRNESS_GROUP_SAMPLES,
        { ...group, [ATTR_ML_MONITOR_POPULATION]: ML_MONITOR_POPULATION_VALUE_CURRENT },
        g.predictions,
      );
      out.number(
        DESCRIPTOR_ML_FAIRNESS_GROUP_SAMPLES,
        { ...group, [ATTR_ML_MONITOR_POPULATION]: ML_MONITOR_POPULATION_VALUE_LABELED },
        g.labeled,
      );
      if (g.calibrationError !== undefined)
        out.number(DESCRIPTOR_ML_FAIRNESS_GROUP_CALIBRATION_ERROR, group, g.calibrationError);
    }
    for (const d of f.disparities) {
      const attributes = { ...attribute, [ATTR_ML_FAIRNESS_METRIC]: d.metric };
      if (d.value !== undefined) out.number(DESCRIPTOR_ML_FAIRNESS_DISPARITY, attributes, d.value);
      if (d.pValue !== undefined)
        out.number(DESCRIPTOR_ML_FAIRNESS_DISPARITY_P_VALUE, attributes, d.pValue);
    }
  }
}
