import { describe, expect, it } from 'vitest';
import { seriesKey } from '../keys/series-key.js';
import { fisherLowerTail } from '../stats/proportion-tests.js';
import type { NumericFeatureSnapshot } from '../state/accumulators/index.js';
import type { ClosedWindow } from '../state/types.js';
import {
  aClosedWindow,
  binaryLabeled,
  numericFeature,
  seeded,
} from './__fixtures__/closed-windows.js';
import { withVersionComparisons } from './attach-version-comparisons.js';
import { evaluateWindow } from './evaluate-window.js';
import {
  compareWindowVersions,
  DEFAULT_VERSION_ALPHA,
  type VersionComparisonSettings,
} from './version-comparison.js';
import { versionDigestOf, type VersionWindowDigest } from './version-digest.js';
import { digestKey } from './attach-version-comparisons.js';

const SETTINGS: VersionComparisonSettings = { alpha: DEFAULT_VERSION_ALPHA, minSamples: 30 };

/** A window of `fraud` version `version`: n labeled predictions, `correct` of them right. */
function versionWindow(
  version: string,
  n: number,
  correct: number,
  scoreShift = 0,
  slice: Record<string, string> = {},
): ClosedWindow {
  const u = seeded(version.charCodeAt(0) + n);
  const pairs = Array.from({ length: n }, (_, i) => {
    const label = (i % 2) as 0 | 1;
    const right = i < correct;
    // A right decision: score on the label's side of 0.5.
    const score = Math.min(0.99, Math.max(0.01, (right === (label === 1) ? 0.6 : 0.1) + 0.3 * u()));
    return { score, label };
  });
  const scores = pairs.map((p) => Math.min(1, p.score + scoreShift));
  return aClosedWindow({
    stream: {
      key: seriesKey('fraud', version, ...Object.entries(slice).flat()),
      model: 'fraud',
      version,
      slices: slice,
      allSlices: Object.keys(slice).length === 0,
      overflow: false,
      task: 'binary_classification',
      resource: { attributes: {}, key: '' },
    },
    outputs: {
      score: numericFeature('score', scores).snapshot as NumericFeatureSnapshot,
      label: undefined,
      value: undefined,
      scoreHistogram: undefined,
    },
    labeled: {
      binary: binaryLabeled(pairs),
      multiclass: undefined,
      regression: undefined,
      delays: {},
    },
    counts: {
      predictions: n,
      weightedPredictions: n,
      late: 0,
      labeled: n,
      weightedLabeled: n,
      labeledUnusable: 0,
      predictionsLabeled: n,
      weightedPredictionsLabeled: n,
      predictionWeight2: n,
      featureOverflow: 0,
    },
  });
}

function compare(windows: ClosedWindow[], baseline = '1') {
  const digests = new Map<string, VersionWindowDigest>();
  for (const w of windows) {
    const d = versionDigestOf(w);
    if (d) digests.set(digestKey(w.stream.key, w.startMs), d);
  }
  return withVersionComparisons(
    windows.map((w) => evaluateWindow(w)),
    digests,
    () => ({ version: baseline, source: 'configured' }),
    () => SETTINGS,
  );
}

describe('version comparison', () => {
  it('judges a version with a lower accuracy worse, with the exact Fisher p-value and deltas', () => {
    const [base, candidate] = compare([versionWindow('1', 400, 360), versionWindow('2', 400, 320)]);
    expect(base!.versionComparison).toBeUndefined();
    const c = candidate!.versionComparison!;
    expect(c.baselineVersion).toBe('1');
    expect(c.tests).toHaveLength(1);
    const test = c.tests[0]!;
    expect(test.baseline).toEqual({ successes: 360, trials: 400 });
    expect(test.candidate).toEqual({ successes: 320, trials: 400 });
    expect(test.pWorse).toBe(fisherLowerTail(320, 400, 360, 400));
    expect(test.pWorse).toBeLessThan(0.01);
    expect(c.verdict).toBe('worse');
    const accuracy = c.deltas.find((d) => d.comparison === 'accuracy')!;
    expect(accuracy.baseline).toBeCloseTo(0.9, 12);
    expect(accuracy.candidate).toBeCloseTo(0.8, 12);
    expect(accuracy.delta).toBeCloseTo(-0.1, 12);
  });

  it('calls a small difference the same, and a better version better', () => {
    const [, same] = compare([versionWindow('1', 400, 360), versionWindow('2', 400, 355)]);
    expect(same!.versionComparison!.verdict).toBe('same');
    const [, better] = compare([versionWindow('1', 400, 320), versionWindow('2', 400, 370)]);
    expect(better!.versionComparison!.verdict).toBe('better');
  });

  it('runs the asymptotic MAE test at half its share of α', () => {
    // Unskewed errors (third moment 0): the p-value is the normal tail of z exactly.
    const side = (version: string, mean: number, n = 1000) => ({
      result: evaluateWindow(versionWindow(version, 40, 40)),
      digest: { streamKey: version, absoluteErrors: { n, mean, variance: 1, third: 0 } },
    });
    const se = Math.sqrt(2 / 1000);
    const judge = (z: number) =>
      compareWindowVersions(side('1', 1), side('2', 1 + z * se), 'configured', {
        ...SETTINGS,
        minSamples: 1000,
      });
    // z = 2.432: p = 0.0075 — worse at α = 0.01, not at its half.
    const between = judge(2.432);
    expect(between.tests.map((t) => t.comparison)).toEqual(['mae']);
    expect(between.tests[0]!.pWorse).toBeCloseTo(0.00750785, 8); // SciPy norm.sf(2.432)
    expect(between.verdict).toBe('same');
    const clear = judge(2.75);
    expect(clear.verdict).toBe('worse');
    expect(clear.reason).toMatch(/^mae: p = 0\.00298 ≤ 0\.005$/);
    expect(judge(-2.75).verdict).toBe('better');
    // Fewer effective pairs than the minimum on one side: no test.
    expect(
      compareWindowVersions(side('1', 1), side('2', 2, 999), 'configured', {
        ...SETTINGS,
        minSamples: 1000,
      }).verdict,
    ).toBe('insufficient_data');
  });

  it('says insufficient_data below the fewest samples, and without a baseline window', () => {
    const [, few] = compare([versionWindow('1', 20, 19), versionWindow('2', 20, 5)]);
    expect(few!.versionComparison!.verdict).toBe('insufficient_data');
    const [alone] = compare([versionWindow('2', 400, 300)]);
    expect(alone!.versionComparison!.verdict).toBe('insufficient_data');
    expect(alone!.versionComparison!.reason).toMatch(/baseline version 1 has no window/);
  });

  it('compares the score distributions with the baseline window as the reference', () => {
    const [, shifted] = compare([versionWindow('1', 400, 360), versionWindow('2', 400, 360, 0.2)]);
    const drift = shifted!.versionComparison!.predictionDrift.find((d) => d.primary)!;
    expect(drift.feature).toBe('ml.prediction.score');
    expect(drift.state).toBe('drift');
    const [, equal] = compare([versionWindow('1', 400, 360), versionWindow('2', 400, 360)]);
    expect(equal!.versionComparison!.predictionDrift.find((d) => d.primary)!.state).toBe(
      'no_drift',
    );
  });

  it('compares only the same slice', () => {
    const results = compare([
      versionWindow('1', 400, 360, 0, { region: 'eu' }),
      versionWindow('2', 400, 300, 0, { region: 'us' }),
      versionWindow('1', 400, 360, 0, { region: 'us' }),
    ]);
    expect(results[1]!.versionComparison!.tests[0]!.baseline).toEqual({
      successes: 360,
      trials: 400,
    });
    expect(results[1]!.versionComparison!.verdict).toBe('worse');
    expect(results[0]!.versionComparison).toBeUndefined();
  });

  it('puts the shadow pairs recorded on either side into one tally (candidate − baseline)', () => {
    const [base, candidate] = [versionWindow('1', 100, 90), versionWindow('2', 100, 90)].map(
      (w) => ({ result: evaluateWindow(w), digest: versionDigestOf(w)! }),
    );
    const tally = (pairs: number, agreed: number, difference: number, abs: number) => ({
      pairs,
      decided: pairs,
      agreed,
      scored: pairs,
      differenceSum: difference,
      absDifferenceSum: abs,
    });
    const results = withVersionComparisons(
      [base!.result, candidate!.result],
      new Map([
        [
          digestKey(base!.result.stream.key, base!.result.startUnixMillis),
          { ...base!.digest, shadow: new Map([['2', tally(2, 1, 0.4, 0.6)]]) },
        ],
        [
          digestKey(candidate!.result.stream.key, candidate!.result.startUnixMillis),
          { ...candidate!.digest, shadow: new Map([['1', tally(3, 3, -0.3, 0.5)]]) },
        ],
      ]),
      () => ({ version: '1', source: 'traffic' }),
      () => SETTINGS,
    );
    const shadow = results[1]!.versionComparison!.shadow!;
    expect(shadow.pairs).toBe(5);
    expect(shadow.agreement).toBe(4 / 5);
    // Baseline-side differences are baseline − candidate: subtracted.
    expect(shadow.scoreDifferenceMean).toBeCloseTo((-0.3 - 0.4) / 5, 12);
    expect(shadow.scoreDifferenceAbsMean).toBeCloseTo(1.1 / 5, 12);
    expect(results[1]!.versionComparison!.baselineSource).toBe('traffic');
  });
});
