import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseCalibration } from '../../processor/src/stats/cbpe-calibration.js';
import {
  binaryCbpeReference,
  estimateWindow,
  multiclassCbpeReference,
  type CbpeReference,
} from '../../processor/src/stats/cbpe.js';
import { CBPE_METRICS } from '../../processor/src/stats/cbpe-estimate.js';
import { applyIsotonic, fitIsotonic } from '../../processor/src/stats/isotonic.js';
import { expectClose } from './tolerance.js';

/** `test/golden/cbpe.json`, written by `scripts/cbpe.py` (sklearn and NumPy). */
interface Golden {
  isotonic: {
    name: string;
    x: number[];
    y: number[];
    w: number[] | null;
    query: number[];
    predicted: number[];
  }[];
  cases: (
    | {
        name: string;
        task: 'binary';
        threshold: number;
        reference: { scores: number[]; labels: number[] };
        current: { scores: number[] };
        calibrated: boolean;
        ece_before: number | null;
        ece_after: number | null;
        estimates: Record<string, number>;
        sigma: Record<string, number>;
        chunk_mean: Record<string, number>;
      }
    | {
        name: string;
        task: 'multiclass';
        classes: string[];
        reference: { probs: number[][]; labels: number[] };
        current: { probs: number[][] };
        calibrated: boolean[];
        estimates: Record<string, number>;
        sigma: Record<string, number>;
        chunk_mean: Record<string, number>;
      }
  )[];
}

const golden = JSON.parse(
  readFileSync(new URL('./cbpe.json', import.meta.url), 'utf8'),
) as Golden;

describe('isotonic regression against sklearn IsotonicRegression(out_of_bounds="clip")', () => {
  it.each(golden.isotonic)('$name', (c) => {
    const map = fitIsotonic(c.x, c.y, c.w ?? undefined);
    c.query.forEach((q, i) =>
      expectClose(`${c.name} at ${q}`, applyIsotonic(map, q), c.predicted[i]!),
    );
  });
});

describe('CBPE against the NumPy/sklearn script', () => {
  it.each(golden.cases)('$name', (c) => {
    let ref: CbpeReference;
    let current: number[][];
    if (c.task === 'binary') {
      const calibration = chooseCalibration(c.reference.scores, c.reference.labels);
      expect(calibration.map !== undefined).toBe(c.calibrated);
      expectClose('ece before', calibration.eceBefore, c.ece_before);
      expectClose('ece after', calibration.eceAfter, c.ece_after);
      ref = binaryCbpeReference(c.reference.scores, c.reference.labels, c.threshold);
      current = [c.current.scores];
    } else {
      ref = multiclassCbpeReference(c.classes, c.reference.probs, c.reference.labels);
      if (ref.task !== 'multiclass') throw new Error('multiclass reference expected');
      expect(ref.calibrations.map((k) => k.map !== undefined)).toEqual(c.calibrated);
      current = c.current.probs;
    }
    const n = current[0]!.length;
    const estimates = estimateWindow(ref, current, n);
    expect(estimates.map((e) => e.metric)).toEqual([...CBPE_METRICS]);
    for (const e of estimates) {
      expectClose(`${c.name} ${e.metric}`, e.value, c.estimates[e.metric] ?? null);
      expectClose(`${c.name} σ ${e.metric}`, e.sigma, c.sigma[e.metric] ?? null);
      expectClose(`${c.name} mean ${e.metric}`, e.referenceValue, c.chunk_mean[e.metric] ?? null);
      if (e.value !== undefined && e.sigma !== undefined) {
        expectClose('lower', e.lower, Math.max(0, e.value - 3 * e.sigma));
        expectClose('upper', e.upper, Math.min(1, e.value + 3 * e.sigma));
      }
    }
  });
});
