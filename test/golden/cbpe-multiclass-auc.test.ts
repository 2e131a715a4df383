import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AUC_BINS,
  BINNED_AUC_TOLERANCE,
  binnedRocAuc,
  macroBinnedRocAuc,
} from '../../processor/src/stats/binned-roc-auc.js';
import {
  AUC_PLANE,
  cbpeSumsAccumulator,
  createCbpeSums,
  recordCbpeLabel,
  type CbpeSumsAcc,
} from '../../processor/src/state/cbpe-sums-acc.js';

/** `test/golden/cbpe-multiclass-auc.json`, written by `scripts/cbpe_multiclass_auc.py`. */
interface AucValues {
  expected: number[];
  expected_macro: number;
  realized: number[];
  realized_macro: number;
}
interface Golden {
  cases: (AucValues & {
    name: string;
    probs: number[][];
    calibrated: number[][];
    labels: number[];
    weights: number[];
  })[];
}

const golden = JSON.parse(
  readFileSync(new URL('./cbpe-multiclass-auc.json', import.meta.url), 'utf8'),
) as Golden;

/** Records rows `from`, `from + step`, … of a case into fresh sums (predictions and labels). */
function recordRows(c: Golden['cases'][number], from: number, step: number): CbpeSumsAcc {
  const k = c.probs[0]!.length;
  const sums = createCbpeSums(k);
  for (let i = from; i < c.labels.length; i += step) {
    const scores = c.probs[i]!;
    let predicted = 0;
    for (let j = 1; j < k; j++) if (scores[j]! > scores[predicted]!) predicted = j;
    const w = c.weights[i]!;
    cbpeSumsAccumulator.record(sums, { calibrated: c.calibrated[i]!, predicted, scores }, w);
    recordCbpeLabel(sums, scores, c.labels[i]!, w);
  }
  return sums;
}

describe('binned multiclass ROC AUC against sklearn on exact scores', () => {
  for (const c of golden.cases) {
    it(`${c.name}: expected and realized, per class and macro, within the grid's tolerance`, () => {
      // Two slices merged, then through a checkpoint: what the all-slices window holds.
      const merged = cbpeSumsAccumulator.merge(recordRows(c, 0, 2), recordRows(c, 1, 2));
      const sums = cbpeSumsAccumulator.fromJSON(
        JSON.parse(JSON.stringify(cbpeSumsAccumulator.toJSON(merged))),
      );
      const k = sums.classCount;
      const auc = sums.auc!;
      const expected = macroBinnedRocAuc(auc, k, AUC_PLANE.expected, AUC_PLANE.predictions)!;
      const realized = macroBinnedRocAuc(auc, k, AUC_PLANE.realized, AUC_PLANE.labeled)!;
      expect(Math.abs(expected - c.expected_macro)).toBeLessThan(BINNED_AUC_TOLERANCE);
      expect(Math.abs(realized - c.realized_macro)).toBeLessThan(BINNED_AUC_TOLERANCE);
      for (let j = 0; j < k; j++) {
        const at = (plane: number) => (plane * k + j) * AUC_BINS;
        const e = binnedRocAuc(auc, at(AUC_PLANE.expected), at(AUC_PLANE.predictions))!;
        const r = binnedRocAuc(auc, at(AUC_PLANE.realized), at(AUC_PLANE.labeled))!;
        expect(Math.abs(e - c.expected[j]!)).toBeLessThan(2 * BINNED_AUC_TOLERANCE);
        expect(Math.abs(r - c.realized[j]!)).toBeLessThan(2 * BINNED_AUC_TOLERANCE);
      }
    });
  }

  it('a class without labeled positives leaves the realized macro AUC undefined', () => {
    const sums = createCbpeSums(3);
    recordCbpeLabel(sums, [0.7, 0.2, 0.1], 0);
    recordCbpeLabel(sums, [0.1, 0.8, 0.1], 1);
    expect(macroBinnedRocAuc(sums.auc!, 3, AUC_PLANE.realized, AUC_PLANE.labeled)).toBeUndefined();
  });

  it('reads a version 1 checkpoint (no bins) and then keeps no AUC', () => {
    const v1 = {
      kind: 'cbpe_sums',
      version: 1,
      classCount: 2,
      count: 1,
      expected: [0.6, 0, 0.4, 0],
      predicted: [1, 0],
    };
    const restored = cbpeSumsAccumulator.fromJSON(v1);
    expect(restored.auc).toBeUndefined();
    expect(cbpeSumsAccumulator.merge(restored, createCbpeSums(2)).auc).toBeUndefined();
    expect(cbpeSumsAccumulator.toJSON(restored).version).toBe(1);
  });
});
