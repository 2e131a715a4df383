import { describe, expect, it } from 'vitest';
import { calibrate } from '../stats/cbpe-calibration.js';
import { macroOfConfusionSums } from '../stats/cbpe-confusion-sums.js';
import { expectedMulticlass } from '../stats/cbpe-multiclass.js';
import { estimateWindow, multiclassCbpeReference } from '../stats/cbpe.js';
import {
  activateCbpeReference,
  buildPendingCbpeStep,
  cbpePairsHeld,
  CBPE_FIRST_BUILD_PAIRS,
  CBPE_REFERENCE_PAIRS,
  cbpePairsFromJSON,
  cbpePairsToJSON,
  cbpeReferenceFor,
  offerBinaryPair,
  offerMulticlassPair,
} from './cbpe-reference-pairs.js';
import { cbpeSumsAccumulator, createCbpeSums } from './cbpe-sums-acc.js';
import type { ModelVersionState, MonitorState } from './monitor-state.js';

const W = 60_000;
const state = { windowMs: W } as MonitorState;
/** A model version without a profile and without open windows. */
const modelVersion = (): ModelVersionState =>
  ({ profile: undefined, streams: new Map() }) as unknown as ModelVersionState;

/** A deterministic pseudo-random sequence in [0, 1). */
function uniform(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('CBPE reference from a model version’s own pairs', () => {
  it('builds at 2 000 pairs and once more when full, for windows not yet opened', () => {
    const mv = modelVersion();
    const u = uniform(3);
    const offer = (n: number) => {
      for (let i = 0; i < n; i++) {
        const s = u();
        offerBinaryPair(mv, 0.5, s, u() < s ? 1 : 0);
      }
    };
    offer(CBPE_FIRST_BUILD_PAIRS - 1);
    activateCbpeReference(state, mv, 0);
    expect(cbpeReferenceFor(mv, W)).toBeUndefined();
    offer(1);
    activateCbpeReference(state, mv, 0);
    expect(cbpeReferenceFor(mv, 0)).toBeUndefined(); // the closed window keeps none
    const first = cbpeReferenceFor(mv, W)!;
    expect(first.labels.length).toBe(CBPE_FIRST_BUILD_PAIRS);
    activateCbpeReference(state, mv, W); // not due: no new build
    expect(cbpeReferenceFor(mv, 5 * W)).toBe(first);
    offer(CBPE_REFERENCE_PAIRS); // more than fit: the store stops at its bound
    expect(mv.cbpePairs!.labels.length).toBe(CBPE_REFERENCE_PAIRS);
    activateCbpeReference(state, mv, 2 * W);
    expect(cbpeReferenceFor(mv, 2 * W)).toBe(first);
    expect(cbpeReferenceFor(mv, 3 * W)!.labels.length).toBe(CBPE_REFERENCE_PAIRS);

    // The checkpoint keeps the pairs and prefixes; the calibrations are rebuilt alike.
    const restored = modelVersion();
    restored.cbpePairs = cbpePairsFromJSON(
      JSON.parse(JSON.stringify(cbpePairsToJSON(mv.cbpePairs!))) as ReturnType<
        typeof cbpePairsToJSON
      >,
    );
    const window = [Float64Array.from({ length: 300 }, u)];
    for (const start of [W, 3 * W]) {
      expect(estimateWindow(cbpeReferenceFor(restored, start)!, window, 300)).toEqual(
        estimateWindow(cbpeReferenceFor(mv, start)!, window, 300),
      );
    }
    expect(() => cbpePairsFromJSON({ ...cbpePairsToJSON(mv.cbpePairs!), labels: [1] })).toThrow(
      /malformed/,
    );
  });

  it('the close only decides a build; later steps build it, one class per step', () => {
    const mv = modelVersion();
    const u = uniform(5);
    for (let i = 0; i < CBPE_FIRST_BUILD_PAIRS; i++) {
      const z = [u(), u(), u()].map((v) => Math.exp(2 * v));
      const sum = z[0]! + z[1]! + z[2]!;
      const p = z.map((v) => v / sum);
      const r = u();
      offerMulticlassPair(mv, ['a', 'b', 'c'], p, r < p[0]! ? 0 : r < p[0]! + p[1]! ? 1 : 2);
    }
    const withModel = { windowMs: W, models: new Map([['m', mv]]) } as unknown as MonitorState;
    activateCbpeReference(withModel, mv, 0);
    // Memory accounting: a pair is three probabilities and a label.
    expect(cbpePairsHeld(withModel)).toEqual({ pairs: 2000, numbers: 8000 });
    const activation = mv.cbpePairs!.activations[0]!;
    expect(activation.reference).toBeUndefined(); // the close returned without calibrating
    expect(buildPendingCbpeStep(withModel)).toBe(true);
    expect(buildPendingCbpeStep(withModel)).toBe(true);
    expect(activation.reference).toBeUndefined(); // two of three classes
    expect(buildPendingCbpeStep(withModel)).toBe(true);
    expect(activation.reference?.task).toBe('multiclass');
    expect(buildPendingCbpeStep(withModel)).toBe(false);
    // The same calibrations as built in one go from the same prefix.
    const oneGo = cbpePairsFromJSON(cbpePairsToJSON(mv.cbpePairs!));
    expect(cbpeReferenceFor(mv, W)).toEqual(
      cbpeReferenceFor({ cbpePairs: oneGo } as unknown as ModelVersionState, W),
    );
  });

  it('a window opened before the build step finishes the build itself', () => {
    const mv = modelVersion();
    const u = uniform(9);
    for (let i = 0; i < CBPE_FIRST_BUILD_PAIRS; i++) {
      const s = u();
      offerBinaryPair(mv, 0.5, s, u() < s ? 1 : 0);
    }
    activateCbpeReference(state, mv, 0);
    expect(mv.cbpePairs!.activations[0]!.reference).toBeUndefined();
    expect(cbpeReferenceFor(mv, W)?.labels.length).toBe(CBPE_FIRST_BUILD_PAIRS);
    expect(mv.cbpePairs!.activations[0]!.reference).toBeDefined();
  });

  it('puts a multiclass pair in the store’s class order', () => {
    const mv = modelVersion();
    offerMulticlassPair(mv, ['a', 'b', 'c'], [0.2, 0.5, 0.3], 1);
    offerMulticlassPair(mv, ['c', 'a', 'b'], [0.6, 0.1, 0.3], 0);
    offerMulticlassPair(mv, ['a', 'b', 'x'], [0.6, 0.1, 0.3], 0); // another class: not kept
    expect(mv.cbpePairs!.scores).toEqual([0.2, 0.5, 0.3, 0.1, 0.3, 0.6]);
    expect(mv.cbpePairs!.labels).toEqual([1, 2]);
  });
});

describe('multiclass CBPE sums', () => {
  const u = uniform(11);
  const rows = (n: number) => {
    const probs = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    const labels = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const z = [u(), u(), u()].map((v) => Math.exp(3 * v));
      const sum = z[0]! + z[1]! + z[2]!;
      z.forEach((v, k) => (probs[k]![i] = v / sum));
      const r = u();
      labels[i] = r < probs[0]![i]! ? 0 : r < probs[0]![i]! + probs[1]![i]! ? 1 : 2;
    }
    return { probs, labels };
  };
  const ref = rows(3000);
  const reference = multiclassCbpeReference(['a', 'b', 'c'], ref.probs, ref.labels);
  if (reference.task !== 'multiclass') throw new Error('multiclass expected');

  it('give the per-record batch estimate, split in slices and merged, weighted', () => {
    const cur = rows(500);
    const weights = Float64Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? 2 : 1));
    const slices = [createCbpeSums(3), createCbpeSums(3)];
    for (let i = 0; i < 500; i++) {
      const p = cur.probs.map((col) => col[i]!);
      const predicted = p.indexOf(Math.max(...p));
      const calibrated = p.map((v, k) => calibrate(reference.calibrations[k]!, v));
      cbpeSumsAccumulator.record(slices[i % 2]!, { calibrated, predicted }, weights[i]!);
    }
    const all = cbpeSumsAccumulator.merge(slices[0]!, slices[1]!);
    const json = JSON.parse(JSON.stringify(cbpeSumsAccumulator.toJSON(all))) as ReturnType<
      typeof cbpeSumsAccumulator.toJSON
    >;
    const restored = cbpeSumsAccumulator.fromJSON(json);
    expect(restored.count).toBe(500);
    const got = macroOfConfusionSums(restored.expected, restored.predicted, 3);
    const want = expectedMulticlass(cur.probs, reference.calibrations, weights);
    delete want.roc_auc;
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const m of Object.keys(want) as (keyof typeof want)[]) {
      expect(got[m]).toBeCloseTo(want[m]!, 12);
    }
    expect(() => cbpeSumsAccumulator.fromJSON({ ...json, predicted: [1] })).toThrow(/cbpe_sums/);
  });
});
