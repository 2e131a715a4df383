import { describe, expect, it } from 'vitest';
import { ksTest, meanAndStd } from '../stats/index.js';

/** KS p-value (the samples are never empty here). */
function ksP(a: number[], b: number[]): number {
  const r = ksTest(a, b);
  if (!r.ok) throw new Error(r.reason);
  return r.value.pValue;
}
import {
  DEMO_BIAS,
  DEMO_WEIGHTS,
  DemoTraffic,
  DEGRADED_FROM_WINDOW,
  DRIFT_FROM_WINDOW,
  MISCALIBRATION_FROM_WINDOW,
  modelProbability,
  phaseOf,
  type DemoRow,
} from './demo-scenario.js';

const rows = (source: DemoTraffic, window: number, n: number): DemoRow[] =>
  Array.from({ length: n }, () => source.nextRow(window));

describe('demo scenario', () => {
  it('is reproducible from the seed and differs between seeds', () => {
    expect(rows(new DemoTraffic(7, 'DE'), 0, 5)).toEqual(rows(new DemoTraffic(7, 'DE'), 0, 5));
    expect(rows(new DemoTraffic(7, 'DE'), 0, 5)).not.toEqual(rows(new DemoTraffic(8, 'DE'), 0, 5));
    expect(rows(new DemoTraffic(7, 'DE'), 0, 5)).not.toEqual(rows(new DemoTraffic(7, 'FR'), 0, 5));
  });

  it('moves the phases forward by window', () => {
    expect(phaseOf(0)).toEqual({ drift: false, miscalibrated: false, degraded: false });
    expect(phaseOf(DRIFT_FROM_WINDOW)).toEqual({
      drift: true,
      miscalibrated: DRIFT_FROM_WINDOW >= MISCALIBRATION_FROM_WINDOW,
      degraded: DRIFT_FROM_WINDOW >= DEGRADED_FROM_WINDOW,
    });
    expect(phaseOf(MISCALIBRATION_FROM_WINDOW)).toEqual({
      drift: true,
      miscalibrated: true,
      degraded: true,
    });
  });

  it('degrades only the serving of FR, from its window on: slower calls and ~15 % timeouts', () => {
    const faults = (country: 'DE' | 'FR', window: number) => {
      const source = new DemoTraffic(3, country);
      return Array.from({ length: 2000 }, () => source.nextFault(window));
    };
    expect(faults('FR', DEGRADED_FROM_WINDOW - 1).every((f) => f.delayMs === 0 && !f.fail)).toBe(
      true,
    );
    expect(faults('DE', DEGRADED_FROM_WINDOW + 2).every((f) => f.delayMs === 0 && !f.fail)).toBe(
      true,
    );
    const degraded = faults('FR', DEGRADED_FROM_WINDOW);
    expect(Math.min(...degraded.map((f) => f.delayMs))).toBeGreaterThanOrEqual(30);
    expect(Math.max(...degraded.map((f) => f.delayMs))).toBeLessThanOrEqual(70);
    const failed = degraded.filter((f) => f.fail).length / degraded.length;
    // Binomial(2000, 0.15): sd ≈ 0.008, so ±0.03 is beyond 3.5 sd.
    expect(Math.abs(failed - 0.15)).toBeLessThan(0.03);
    // Faults draw from their own stream: the rows are those of a source that never drew a fault.
    const a = new DemoTraffic(3, 'FR');
    a.nextFault(DEGRADED_FROM_WINDOW);
    expect(rows(a, 0, 5)).toEqual(rows(new DemoTraffic(3, 'FR'), 0, 5));
  });

  it('shifts income only in DE once the drift starts; age and debt_ratio stay put', () => {
    for (const country of ['DE', 'FR'] as const) {
      const source = new DemoTraffic(3, country);
      const before = rows(source, 0, 2000);
      const after = rows(source, DRIFT_FROM_WINDOW, 2000);
      const col = (r: DemoRow[], f: keyof DemoRow): number[] => r.map((x) => x[f]);
      const income = ksP(col(before, 'income'), col(after, 'income'));
      const age = ksP(col(before, 'age'), col(after, 'age'));
      const debt = ksP(col(before, 'debt_ratio'), col(after, 'debt_ratio'));
      if (country === 'DE') expect(income).toBeLessThan(1e-10);
      else expect(income).toBeGreaterThan(1e-3);
      expect(age).toBeGreaterThan(1e-3);
      expect(debt).toBeGreaterThan(1e-3);
    }
  });

  it('predicts defaults (score >= 0.5) for 5-70 % of applicants in every slice and phase', () => {
    for (const country of ['DE', 'FR'] as const) {
      for (const window of [0, DRIFT_FROM_WINDOW]) {
        const sample = rows(new DemoTraffic(7, country), window, 4000);
        const positives = sample.filter((r) => modelProbability(r) >= 0.5).length / sample.length;
        expect(positives, `${country} window ${window}`).toBeGreaterThan(0.05);
        expect(positives, `${country} window ${window}`).toBeLessThan(0.7);
      }
    }
  });

  it('computes the same probability as the ONNX graph sigmoid(x·w + b)', () => {
    const row = { income: 50, age: 40, debt_ratio: 0.35 };
    const logit = DEMO_WEIGHTS[0] * 50 + DEMO_WEIGHTS[1] * 40 + DEMO_WEIGHTS[2] * 0.35 + DEMO_BIAS;
    expect(modelProbability(row)).toBeCloseTo(1 / (1 + Math.exp(-logit)), 12);
  });

  it('draws outcomes at the model rate, then at a higher rate once miscalibrated', () => {
    const source = new DemoTraffic(5, 'FR');
    const rate = (window: number): { observed: number; predicted: number } => {
      const sample = rows(source, window, 4000);
      const outcomes = sample.map((r) => (source.outcome(r, window) === '1' ? 1 : 0));
      return {
        observed: meanAndStd(outcomes).mean,
        predicted: meanAndStd(sample.map(modelProbability)).mean,
      };
    };
    const calibrated = rate(0);
    expect(Math.abs(calibrated.observed - calibrated.predicted)).toBeLessThan(0.03);
    const shifted = rate(MISCALIBRATION_FROM_WINDOW);
    expect(shifted.observed - shifted.predicted).toBeGreaterThan(0.15);
  });

  it('delays outcomes by 1 to 3 seconds', () => {
    const source = new DemoTraffic(1, 'DE');
    for (let i = 0; i < 1000; i++) {
      const d = source.labelDelaySeconds();
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThan(3);
    }
  });
});
