/**
 * Fairness of the fixture's all-slices fraud windows, computed by the real `fairnessOfGroups`
 * from group counts: attribute `ml.slice.gender` with two compared groups, one too small to
 * compare and the predictions without the attribute; from window {@link FIXTURE_FAIRNESS_GAP_FROM}
 * on, group `female` is selected far less often (parity ratio ≈ 0.6, significant).
 */
import { ATTR_ML_SLICE } from '@mlmon/conventions';
import { fairnessOfGroups } from '../../evaluate/fairness.js';
import type { WindowResult } from '../../evaluate/window-result.js';
import type { GroupTally } from '../../state/fairness-acc.js';

/** The fixture's sensitive attribute. */
export const FIXTURE_FAIRNESS_ATTRIBUTE = ATTR_ML_SLICE('gender');
/** First window with a real selection-rate gap. */
export const FIXTURE_FAIRNESS_GAP_FROM = 8;

function tally(predictions: number, rate: number, labeled: number): GroupTally {
  const positives = Math.round(labeled * 0.3);
  const negatives = labeled - positives;
  return {
    predictions,
    selected: Math.round(predictions * rate),
    positives,
    truePositives: Math.round(positives * Math.min(0.95, rate * 2.4)),
    negatives,
    falsePositives: Math.round(negatives * rate * 0.3),
    bins: undefined,
  };
}

/** `result` with the fixture's fairness for window `index`. */
export function withFixtureFairness(result: WindowResult, index: number): WindowResult {
  const gap = index >= FIXTURE_FAIRNESS_GAP_FROM;
  const n = result.samples.current;
  const labeled = result.samples.labeled;
  const share = (x: number) => Math.round(x);
  const groups: [string, GroupTally][] = [
    ['male', tally(share(n * 0.5), 0.3, share(labeled * 0.5))],
    ['female', tally(share(n * 0.42), gap ? 0.18 : 0.29, share(labeled * 0.42))],
    ['nonbinary', tally(12, 0.25, 9)],
    ['_UNKNOWN', tally(share(n * 0.08) - 12, 0.3, share(labeled * 0.08) - 9)],
  ];
  const fairness = fairnessOfGroups(
    { name: FIXTURE_FAIRNESS_ATTRIBUTE, referenceGroup: 'male' },
    groups,
    { minGroupCount: 30, alpha: 0.01 },
    0,
    index === 11 ? 3 : 0,
  );
  return { ...result, fairness: [fairness] };
}
