/** The built-in runbook of the fairness alerts (served with the others by `runbooks.ts`). */
import type { Runbook } from './runbooks.js';

/** What a fairness alert means and what to do. */
export const FAIRNESS_RUNBOOK: Runbook = {
  anchor: 'fairness',
  title: 'Fairness across a sensitive attribute',
  statistics:
    'fairness.demographic_parity_ratio, fairness.demographic_parity_difference, fairness.equal_opportunity_difference, fairness.equalized_odds_difference, fairness.calibration_error_spread',
  meaning:
    "The model's decisions differ between groups of a sensitive attribute (named in the alert's ml.feature.name) beyond the rule's bound, and the largest gap is real at this group size: an exact test on the two groups behind it, Bonferroni-corrected across the group pairs, is below the rule's significance.",
  confirm: [
    "Open the model version's all-slices stream in the dashboard: the fairness panel shows each group's rate with its interval, which groups are too small to count, and the gap over the last windows.",
    'Check the _UNKNOWN and _OTHER groups: a rise in predictions without the attribute or beyond the group cap changes who is compared.',
    'Check drift of the features in the same windows: a shifted population of one group moves its selection rate without any model change.',
  ],
  act: [
    'If the gap follows a deployment, roll back and compare the versions per group.',
    'Otherwise review the decision threshold and the training data of the disadvantaged group with the model owners; record the decision (accepted, mitigated) as your compliance process requires.',
  ],
};
