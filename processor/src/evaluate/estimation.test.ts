import { describe, expect, it } from 'vitest';
import { createRng } from './drift/rng.js';
import type { ReferenceProfile } from '../profile/reference-profile.js';
import { numericFeatureAccumulator } from '../state/accumulators/numeric-feature.js';
import type { ClosedWindow } from '../state/types.js';
import { binaryCbpeReference, estimateWindow } from '../stats/cbpe.js';
import { estimationOf } from './estimation.js';

const rng = createRng(3);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
/** An over-confident model: score sigmoid(2x), P(y = 1 | x) = sigmoid(x). */
function rows(n: number, mu: number) {
  const scores: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = mu + 1.5 * normal();
    scores.push(sigmoid(2 * x));
    labels.push(rng.next() < sigmoid(x) ? 1 : 0);
  }
  return { scores, labels };
}
const reference = rows(20_000, 0);
const labeled = { threshold: 0.5, rows: 20_000, ...reference };

/** A closed window of a binary model with `scores`, against a profile with `labeled`. */
function window(
  scores: readonly number[],
  task = 'binary_classification',
  weights?: readonly number[],
): ClosedWindow {
  const acc = numericFeatureAccumulator({ binEdges: [0.5] });
  const state = acc.create();
  scores.forEach((s, i) => acc.record(state, s, weights?.[i] ?? 1));
  return {
    stream: { key: 'k', model: 'm', version: '1', slices: {}, task },
    outputs: { score: acc.snapshot(state) },
    reference: { kind: 'training', id: 'p', profile: { labeled } as unknown as ReferenceProfile },
  } as unknown as ClosedWindow;
}

describe('estimationOf (the streaming side of CBPE)', () => {
  const ref = binaryCbpeReference(reference.scores, reference.labels, 0.5);

  it('equals the estimate on the exact scores while the window holds at most 2048', () => {
    const { scores } = rows(1500, 0.7);
    const got = estimationOf(window(scores), [
      { metric: 'accuracy', instrument: 'score', value: 0.7 },
    ])!;
    expect(got).toMatchObject({ calibrated: true, referenceRows: 20_000, predictions: 1500 });
    const exact = estimateWindow(ref, [scores], 1500);
    // The same sums in another order (the accumulator keeps the scores sorted).
    expect(got.metrics.map((m) => m.metric)).toEqual(exact.map((m) => m.metric));
    got.metrics.forEach((m, i) => {
      for (const key of ['value', 'sigma', 'referenceValue', 'lower', 'upper'] as const)
        expect(m[key]).toBeCloseTo(exact[i]![key]!, 12);
    });
    const accuracy = got.metrics.find((m) => m.metric === 'accuracy')!;
    expect(accuracy.realized).toBe(0.7);
    expect(accuracy.error).toBe(accuracy.value! - 0.7);
    expect(got.metrics.find((m) => m.metric === 'specificity')!.realized).toBeUndefined();
  });

  it("sizes a sampled window's band by its effective size, not its record count", () => {
    const { scores } = rows(1000, 0.7);
    // Every other prediction sampled at p = 0.1: Σw = 5500, Σw² = 50 500, n_eff = 599.0…
    const weights = scores.map((_, i) => (i % 2 === 0 ? 10 : 1));
    const got = estimationOf(window(scores, 'binary_classification', weights), [])!;
    const exact = estimateWindow(ref, [scores], 599, weights);
    got.metrics.forEach((m, i) => {
      for (const key of ['value', 'sigma', 'lower', 'upper'] as const)
        expect(m[key]).toBeCloseTo(exact[i]![key]!, 12);
    });
    // Chunks of the 1000 records would make the band narrower than the window's own spread.
    const byCount = estimateWindow(ref, [scores], 1000, weights);
    const sigma = (e: typeof exact) => e.find((m) => m.metric === 'accuracy')!.sigma!;
    expect(sigma(exact)).toBeGreaterThan(sigma(byCount) * 1.1);
  });

  it('above the sketch capacity stays within its rank error of the exact estimate', () => {
    const { scores } = rows(30_000, -0.5);
    const closed = window(scores);
    const epsilon = closed.outputs.score!.ecdfError;
    expect(epsilon).toBeGreaterThan(0); // the sketch is in use
    const got = estimationOf(closed, [])!;
    const exact = estimateWindow(ref, [scores], 30_000);
    // Each expected cell is Σ f(s) over the window with f of total variation ≤ 2 on [0, 1], so
    // the sketch's ECDF error ε moves a cell share by ≤ 2ε and accuracy (two cells) by ≤ 4ε.
    const accuracy = (list: readonly { metric: string; value?: number }[]) =>
      list.find((m) => m.metric === 'accuracy')!.value!;
    expect(Math.abs(accuracy(got.metrics) - accuracy(exact))).toBeLessThanOrEqual(4 * epsilon);
  });

  it('is absent without labeled scores in the reference or for another task', () => {
    const closed = window([0.2, 0.8]);
    expect(estimationOf({ ...closed, reference: undefined }, [])).toBeUndefined();
    expect(estimationOf(window([0.2, 0.8], 'regression'), [])).toBeUndefined();
    const unlabeled = { ...closed, reference: { kind: 'training', id: 'p', profile: {} } };
    expect(estimationOf(unlabeled as unknown as ClosedWindow, [])).toBeUndefined();
  });
});
