/**
 * The default fairness rules (they only see models with a `fairness` configuration): the
 * four-fifths rule — demographic parity ratio below 0.8 for two windows — and an equalized-odds
 * difference above 0.1; both fire only when the exact test says the largest gap is real at the
 * rule's significance, and resolve at the first window back within the bound.
 */
import type { AlertRule } from './alert-rule.js';

/** The level of the default rules' significance check (as `DEFAULT_SIGNIFICANCE`). */
const SIGNIFICANCE = 0.005;

/** The default fairness rules. */
export const FAIRNESS_ALERT_RULES: readonly AlertRule[] = [
  {
    name: 'fairness_parity_ratio_low',
    statistic: 'fairness.demographic_parity_ratio',
    operator: '<',
    threshold: 0.8,
    forWindows: 2,
    severity: 'warning',
    minSamples: 0,
    significance: SIGNIFICANCE,
  },
  {
    name: 'fairness_equalized_odds_high',
    statistic: 'fairness.equalized_odds_difference',
    operator: '>',
    threshold: 0.1,
    forWindows: 1,
    severity: 'warning',
    minSamples: 0,
    significance: SIGNIFICANCE,
  },
];
