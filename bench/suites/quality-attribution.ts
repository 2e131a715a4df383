/**
 * Decision quality of "where quality fell" (`evaluate/quality-attribution.ts`): per window, each
 * bin's rise of the error against the stream's quality baseline is tested one-sided (Fisher for
 * misclassification, Welch's z for absolute errors) and flagged at 0.005 / bins tested. Simulated
 * windows of labeled pairs, each in a bin of three attributes (a numeric feature's 10 equal-mass
 * bins, a 4-value categorical feature, a 2-value slice), are counted into the processor's own
 * snapshots and judged by `attributeQuality`; the baseline holds the first windows' pairs up to
 * at least 1000, as the processor pools it.
 *
 * Rows, at 100, 300, 1000 and 10 000 labeled pairs per window:
 * - false alarms: share of stationary windows (error rate 0.2; absolute errors exponential with
 *   mean 1) in which any bin is flagged — the decision is family-wise, so ≤ 1 %;
 * - power: one category (a quarter of the pairs) whose error rate rises from 0.2 to 0.3 (or
 *   whose mean absolute error rises by half): share of windows flagging that category.
 */
import { createRng, type Rng } from '../../processor/src/evaluate/drift/rng.js';
import { attributeQuality } from '../../processor/src/evaluate/quality-attribution.js';
import {
  QUALITY_BINS_KIND,
  type QualityErrorMeasure,
} from '../../processor/src/state/quality-bins-acc.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';

const CAPS = { maxCategories: 1000 };
const COUNTRIES = ['DE', 'FR', 'US', 'IT'];

/** The error of one pair: 0/1 with rate `p`, or exponential with mean `p`. */
function draw(rng: Rng, measure: QualityErrorMeasure, p: number): number {
  if (measure === 'misclassified') return rng.next() < p ? 1 : 0;
  return -Math.log(1 - rng.next()) * p;
}

/** `n` pairs counted into a fresh bins state; country `FR`'s error parameter is `shifted`. */
function windowBins(
  rng: Rng,
  measure: QualityErrorMeasure,
  n: number,
  base: number,
  shifted: number,
) {
  const acc = QUALITY_BINS_KIND.forSetting(measure, CAPS);
  const s = acc.create();
  for (let i = 0; i < n; i++) {
    const country = COUNTRIES[rng.nextInt(COUNTRIES.length)]!;
    const error = draw(rng, measure, country === 'FR' ? shifted : base);
    acc.record(s, {
      bins: [
        ['amount', `b${rng.nextInt(10)}`],
        ['country', country],
        ['ml.slice.channel', rng.next() < 0.5 ? 'web' : 'app'],
      ],
      error,
      weight: 1,
    });
  }
  return { acc, s };
}

/** Share of `windows` windows flagging any bin (`target` undefined) or the FR bin. */
function flaggedShare(
  seed: number,
  measure: QualityErrorMeasure,
  n: number,
  windows: number,
  shifted: number,
  target: string | undefined,
): number {
  const rng = createRng(seed);
  const base = measure === 'misclassified' ? 0.2 : 1;
  let flagged = 0;
  for (let w = 0; w < windows; w++) {
    // A fresh baseline per window keeps the windows independent trials of the decision.
    const { acc, s: baseline } = windowBins(rng, measure, Math.max(n, 1000), base, base);
    const current = windowBins(rng, measure, n, base, shifted).s;
    const result = attributeQuality(acc.snapshot(current), acc.snapshot(baseline));
    const rows = result?.rows ?? [];
    if (rows.some((r) => r.significant && (target === undefined || r.bin === target))) flagged++;
  }
  return flagged / windows;
}

/** Runs the suite. */
export async function runQualityAttribution(options: SuiteOptions): Promise<SuiteResult> {
  const rows: BenchRow[] = [];
  for (const measure of ['misclassified', 'absolute_error'] as const) {
    const shifted = measure === 'misclassified' ? 0.3 : 1.5;
    for (const n of [100, 300, 1000, 10_000]) {
      const windows = options.quick ? (n >= 10_000 ? 200 : 600) : n >= 10_000 ? 600 : 2000;
      options.log(`quality-attribution: ${windows} stationary windows, ${measure}, n = ${n}`);
      const fa = flaggedShare(
        7 * n + 1,
        measure,
        n,
        windows,
        measure === 'misclassified' ? 0.2 : 1,
        undefined,
      );
      rows.push(
        plainRow(
          `detection.quality_attribution.false_alarm.${measure}.n_${n}`,
          'share of stationary windows flagging any bin (family-wise α = 0.005; budget 0.01)',
          round(fa),
          'value <= 0.01',
          fa <= 0.01,
        ),
      );
    }
    for (const n of [1000, 10_000]) {
      const windows = options.quick ? 200 : 500;
      options.log(`quality-attribution: ${windows} windows with FR worse, ${measure}, n = ${n}`);
      const power = flaggedShare(11 * n + 3, measure, n, windows, shifted, 'FR');
      rows.push(
        plainRow(
          `detection.quality_attribution.power.${measure}.n_${n}`,
          measure === 'misclassified'
            ? 'share of windows flagging a quarter of the pairs whose error rate rose 0.2 → 0.3'
            : 'share of windows flagging a quarter of the pairs whose mean absolute error rose by half',
          round(power),
          n >= 10_000 ? 'value >= 0.95' : null,
          n >= 10_000 ? power >= 0.95 : null,
        ),
      );
    }
  }
  return { rows, notes: [] };
}
