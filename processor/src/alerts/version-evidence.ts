/**
 * What a window says about `version.worse`: 1 when the version's verdict against the model's
 * baseline version is `worse`, 0 when it is `same` or `better`. The verdict is already the
 * significance check (one-sided tests, each at α / tests: `evaluate/version-comparison.ts`),
 * so the observation carries no p-value; a window whose verdict is `insufficient_data`, or
 * without a comparison (the baseline version itself, a model with one version), is no evidence
 * either way and leaves the alert as it is.
 */
import { testSamples } from '../evaluate/version-comparison-result.js';
import type { WindowResult } from '../evaluate/window-result.js';
import type { AlertObservation } from './alert-evidence.js';

/** The statistic of the version verdict. */
export const VERSION_WORSE_STATISTIC = 'version.worse';

/** The observation of `version.worse` in `result` (none without a decided verdict). */
export function observeVersion(result: WindowResult): AlertObservation[] {
  const comparison = result.versionComparison;
  if (comparison === undefined || comparison.verdict === 'insufficient_data') return [];
  const labeled = comparison.tests.find((t) => t.comparison !== 'error_ratio');
  const decisive = labeled ?? comparison.tests[0];
  const samples = decisive === undefined ? 0 : testSamples(decisive);
  return [
    {
      value: comparison.verdict === 'worse' ? 1 : 0,
      samples,
      samplesUnit: labeled !== undefined ? 'labeled predictions' : 'requests',
      detail:
        `${comparison.verdict} than baseline version ${comparison.baselineVersion}` +
        (comparison.reason !== undefined ? ` (${comparison.reason})` : ''),
    },
  ];
}
