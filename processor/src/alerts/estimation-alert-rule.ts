/**
 * The default estimation rule (it only sees models whose reference carries labeled scores): the
 * accuracy estimated before labels (CBPE) outside the reference's ±3σ band for two windows in a
 * row. Two windows because one window outside a 3σ band happens by chance in about 0.3 % of
 * stationary windows (fewer, since the estimate varies less than the realized accuracy the σ
 * is taken from); two in a row keep the false alarms far under the 1 % budget.
 */
import type { AlertRule } from './alert-rule.js';

/** The default rule on the estimated accuracy. */
export const ESTIMATE_BAND_ALERT_RULE: AlertRule = {
  name: 'quality_estimate_band',
  statistic: 'estimate.accuracy.outside_band',
  operator: '==',
  threshold: 1,
  forWindows: 2,
  severity: 'warning',
  minSamples: 0,
  significance: 0.005,
};
