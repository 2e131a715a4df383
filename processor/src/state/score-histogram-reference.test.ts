import { ML_DRIFT_METHOD_VALUE_CHI2 } from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { aScorePoint, scoreHistogramRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { DRIFT_METHODS } from '../evaluate/drift/registry.js';
import { evaluateWindow, SCORE_HISTOGRAM_NAME } from '../evaluate/evaluate-window.js';
import type { DriftResult } from '../evaluate/window-result.js';
import { closeWindows } from './close-windows.js';
import { MIN_SCORE_HISTOGRAM_REFERENCE } from './reference-policy.js';
import type { StateConfig } from './state-config.js';
import { createState } from './streams.js';

const W = 10_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
/** The SDK exports 850 ms after the first prediction, then every 10 s, as in the demo set-up. */
const EXPORT_OFFSET_MS = 850;
const RATE_PER_SECOND = 20;
/** Shares of the 10 score buckets: stationary, and shifted towards high scores. */
const STATIONARY = [0.05, 0.1, 0.15, 0.2, 0.2, 0.1, 0.08, 0.06, 0.04, 0.02];
const SHIFTED = [0.02, 0.03, 0.05, 0.1, 0.1, 0.15, 0.15, 0.15, 0.15, 0.1];

/** Cumulative bucket counts after adding `n` values spread by `shares`. */
function add(counts: number[], shares: readonly number[], n: number): number[] {
  return counts.map((c, i) => c + Math.round(shares[i]! * n));
}

/**
 * Score-histogram drift per window of a stream whose SDK exports cumulative points every 10 s
 * at an offset from the 10 s window edges (window 0 holds 17 values, later windows 200).
 */
function histogramDecisions(shiftFromWindow: number): DriftResult[] {
  const options: Partial<StateConfig> = { windowSeconds: 10, allowedLatenessSeconds: 0 };
  const state = createState(options);
  let counts = new Array<number>(10).fill(0);
  const decisions: DriftResult[] = [];
  for (let k = 0; k < 5; k++) {
    const exportAt = T0 + k * W + EXPORT_OFFSET_MS;
    const seconds = k === 0 ? EXPORT_OFFSET_MS / 1000 : W / 1000;
    counts = add(counts, k >= shiftFromWindow ? SHIFTED : STATIONARY, RATE_PER_SECOND * seconds);
    const point = aScorePoint({ startMs: T0, timeMs: exportAt, bucketCounts: counts });
    ingest(state, scoreHistogramRequest([point]), exportAt);
    for (const closed of closeWindows(state, exportAt)) {
      const result = evaluateWindow(closed);
      const drift = result.drift.find(
        (d) => d.feature === SCORE_HISTOGRAM_NAME && d.method === ML_DRIFT_METHOD_VALUE_CHI2,
      );
      if (drift) decisions.push(drift);
    }
  }
  return decisions;
}

describe('score-histogram reference under first-window', () => {
  it('needs as many values as chi², which decides the histogram', () => {
    const chi2 = DRIFT_METHODS.find((m) => m.id === ML_DRIFT_METHOD_VALUE_CHI2);
    expect(MIN_SCORE_HISTOGRAM_REFERENCE).toBe(chi2?.minReference);
  });

  it('moves on from a partial first window (17 values) to the next full one, then decides', () => {
    const stationary = histogramDecisions(Infinity);
    // Window 1 is compared with the partial first window; windows 2 and 3 with window 1's 200.
    expect(stationary.map((d) => [d.nReference, d.nCurrent, d.state])).toEqual([
      [17, 200, 'insufficient_data'],
      [200, 200, 'no_drift'],
      [200, 200, 'no_drift'],
    ]);
    const shifted = histogramDecisions(3);
    expect(shifted.map((d) => d.state)).toEqual(['insufficient_data', 'no_drift', 'drift']);
  });
});
