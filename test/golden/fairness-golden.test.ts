import { describe, expect, it } from 'vitest';
import { fairnessOfSnapshot } from '../../processor/src/evaluate/fairness.js';
import { fairnessAccumulator } from '../../processor/src/state/fairness-acc.js';
import type { FairnessSettings } from '../../processor/src/state/fairness-settings.js';
import { FAIRNESS_CASES, fairnessMisses, type FairnessCase } from './fairness-golden-data.js';

const settingsOf = (c: FairnessCase): FairnessSettings => ({
  attributes: [{ name: 'group' }],
  minGroupCount: c.min_group_count,
  maxGroups: c.max_groups,
  alpha: c.alpha,
});

/** The case's rows recorded into accumulators: all into one, or split in two and merged. */
function accumulate(c: FairnessCase, split: boolean) {
  const acc = fairnessAccumulator(settingsOf(c));
  // Splitting after the first row keeps the first-seen order of groups, hence the cap's choice.
  const parts = split ? [acc.create(), acc.create()] : [acc.create()];
  c.groups.forEach((g, i) => {
    const state = parts[Math.min(parts.length - 1, i === 0 ? 0 : i % 2 === 0 ? 0 : 1)]!;
    const groups = [g ?? undefined];
    const decision = c.scores[i]! >= 0.5 ? 1 : 0;
    acc.record(state, { kind: 'prediction', groups, decision });
    const label = c.labels[i];
    if (label !== null && label !== undefined)
      acc.record(state, { kind: 'label', groups, decision, actual: label, score: c.scores[i] });
  });
  return { acc, state: parts.length === 1 ? parts[0]! : acc.merge(parts[0]!, parts[1]!) };
}

describe('fairness statistics against NumPy/SciPy (test/golden/scripts/fairness.py)', () => {
  for (const c of FAIRNESS_CASES) {
    it(c.name, () => {
      const { acc, state } = accumulate(c, false);
      const [result] = fairnessOfSnapshot(acc.snapshot(state));
      expect(fairnessMisses(result!, c)).toEqual([]);
    });
  }

  it('gives the same values after a checkpoint round trip', () => {
    for (const c of FAIRNESS_CASES) {
      const { acc, state } = accumulate(c, false);
      const restored = acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(state))));
      const [result] = fairnessOfSnapshot(acc.snapshot(restored));
      expect(fairnessMisses(result!, c)).toEqual([]);
    }
  });

  it('gives the same values from merged halves when no group is capped', () => {
    for (const c of FAIRNESS_CASES.filter((x) => new Set(x.groups).size <= x.max_groups)) {
      const { acc, state } = accumulate(c, true);
      const [result] = fairnessOfSnapshot(acc.snapshot(state));
      expect(fairnessMisses(result!, c)).toEqual([]);
    }
  });
});
