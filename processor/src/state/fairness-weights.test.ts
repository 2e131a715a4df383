/**
 * Fairness counts of sampled predictions (w = 1/`ml.sampling.probability`): rates weighted,
 * the minimum group size and the exact gap tests at each group's effective size, through the
 * accumulator's merge and checkpoint. The expected values are the sums written out.
 */
import { describe, expect, it } from 'vitest';
import { fairnessOfSnapshot } from '../evaluate/fairness.js';
import { fisherLowerTail } from '../stats/proportion-tests.js';
import { fairnessAccumulator } from './fairness-acc.js';

const settings = { attributes: [{ name: 'group' }], minGroupCount: 5, maxGroups: 10, alpha: 0.01 };
const acc = fairnessAccumulator(settings);

/** Group a: 10 predictions of weight 1, 4 selected. Group b: 10 of weight 4 (2 selected), 5 of weight 1 (3 selected). */
function recordInto(a: ReturnType<typeof acc.create>, b: ReturnType<typeof acc.create>): void {
  for (let i = 0; i < 10; i++) {
    acc.record(a, { kind: 'prediction', groups: ['a'], decision: i < 4 ? 1 : 0 });
    acc.record(b, { kind: 'prediction', groups: ['b'], decision: i < 2 ? 1 : 0 }, 4);
  }
  for (let i = 0; i < 5; i++) {
    acc.record(a, { kind: 'prediction', groups: ['b'], decision: i < 3 ? 1 : 0 });
  }
}

describe('fairness on weighted predictions', () => {
  const a = acc.create();
  const b = acc.create();
  recordInto(a, b);
  const merged = acc.merge(a, b);
  const restored = acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(merged))));

  for (const [name, state] of [
    ['merged', merged],
    ['restored from a checkpoint', restored],
  ] as const) {
    it(`${name}: weighted rate, counts at n_eff, the gap tested at n_eff`, () => {
      const [result] = fairnessOfSnapshot(acc.snapshot(state));
      const group = (g: string) => result!.groups.find((r) => r.group === g)!;
      // b: Σw = 45, weighted selected 2·4 + 3 = 11, Σw² = 10·16 + 5 = 165, n_eff = 2025/165 ≈ 12.3.
      expect(group('b').selectionRate?.value).toBeCloseTo(11 / 45, 15);
      expect(group('b').predictions).toBe(12);
      expect(group('b').selectionRate).toMatchObject({ trials: 12, successes: 3 });
      expect(group('a').selectionRate).toMatchObject({ value: 0.4, trials: 10, successes: 4 });
      const parity = result!.disparities.find((d) => d.metric === 'demographic_parity_difference');
      expect(parity?.value).toBeCloseTo(0.4 - 11 / 45, 15);
      expect(parity?.pValue).toBeCloseTo(Math.min(1, 2 * fisherLowerTail(3, 12, 4, 10)), 15);
    });
  }

  it('writes no squares while every record weighed 1', () => {
    const s = acc.create();
    acc.record(s, { kind: 'prediction', groups: ['a'], decision: 1 });
    acc.record(s, { kind: 'prediction', groups: ['a'], decision: 0 }, 1);
    expect(JSON.stringify(acc.toJSON(s))).not.toContain('squares');
    const [result] = fairnessOfSnapshot(acc.snapshot(s));
    expect(result!.groups[0]).toMatchObject({ predictions: 2 });
  });
});
