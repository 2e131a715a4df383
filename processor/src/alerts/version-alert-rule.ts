/**
 * The default version rule (it only sees versions compared with a baseline: models sending
 * more than one `ml.model.version`): the verdict `worse` in two windows in a row. One window's
 * verdict is a false `worse` in at most α = 1 % of windows on equal versions (measured in
 * `bench/suites/versions.ts`, ≤ 0.9 % at 30 … 10 000 per version); two in a row keep a rollout
 * from being paged on one unlucky window while a real degradation at the sizes a canary sees
 * is still caught within two windows.
 */
import type { AlertRule } from './alert-rule.js';
import { VERSION_WORSE_STATISTIC } from './version-evidence.js';

/** The default rule on the version verdict. */
export const VERSION_WORSE_ALERT_RULE: AlertRule = {
  name: 'version_worse',
  statistic: VERSION_WORSE_STATISTIC,
  operator: '==',
  threshold: 1,
  forWindows: 2,
  severity: 'warning',
  minSamples: 0,
  significance: 1,
};
