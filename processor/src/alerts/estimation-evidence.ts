/**
 * What a window says about an estimation statistic (CBPE, quality before labels):
 * - `estimate.<metric>`: the estimated metric itself, for thresholds of your own;
 * - `estimate.<metric>.outside_band`: 1 when the estimate lies more than 3σ from the
 *   reference's quality (σ and the reference's value over reference chunks of the window's
 *   size), else 0. The band is the significance check: on stationary data the estimate leaves
 *   it in well under 1 % of windows (measured in `bench/suites/cbpe.ts`), so it has no p-value.
 */
import type { WindowResult } from '../evaluate/window-result.js';
import { CBPE_BAND_SIGMAS } from '../stats/cbpe.js';
import type { AlertObservation } from './alert-evidence.js';

/** Prefix of the estimation statistics. */
export const ESTIMATE_STATISTIC_PREFIX = 'estimate.';
const OUTSIDE_BAND = '.outside_band';

/** The observation of an estimation statistic (none without an estimate of the metric). */
export function observeEstimate(statistic: string, result: WindowResult): AlertObservation[] {
  const estimation = result.estimation;
  if (estimation === undefined) return [];
  const band = statistic.endsWith(OUTSIDE_BAND);
  const metric = statistic.slice(
    ESTIMATE_STATISTIC_PREFIX.length,
    band ? -OUTSIDE_BAND.length : undefined,
  );
  const e = estimation.metrics.find((m) => m.metric === metric);
  if (e?.value === undefined) return [];
  const base = {
    samples: estimation.predictions,
    samplesUnit: 'predictions' as const,
    subject: { qualityMetric: metric },
  };
  if (!band) return [{ ...base, value: e.value }];
  if (e.sigma === undefined || e.referenceValue === undefined) return [];
  const outside = Math.abs(e.value - e.referenceValue) > CBPE_BAND_SIGMAS * e.sigma;
  return [{ ...base, value: outside ? 1 : 0, referenceValue: e.referenceValue }];
}
