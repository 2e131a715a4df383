/**
 * Decision quality of the version verdict (`evaluate/version-comparison.ts`: exact one-sided
 * Fisher tests on the labeled accuracy and on the error ratio of the inference calls, each at
 * α / tests) on simulated windows judged by the processor's own `compareWindowVersions` at the
 * default α = 0.01.
 *
 * Rows, at 30, 100, 1000 and 10 000 labeled predictions (and as many inference calls) per
 * version and window:
 * - false "worse": share of windows of two equal versions (accuracy 0.85; with calls: error
 *   ratio 0.02 too) judged `worse`, accuracy test alone and both tests;
 * - false "better": the same share judged `better` (informative);
 * - power: a real degradation (accuracy 0.85 → 0.80; error ratio 0.02 → 0.04) judged `worse`,
 *   at 300, 1000 and 10 000 per version;
 * - the default alert rule `version_worse` (worse in two windows in a row) through
 *   `evaluateAlerts`, on streams of 20 windows: false alarms (share of windows of equal versions
 *   in which it starts firing) and power (share of streams with the accuracy degradation that it
 *   pages within 2 and 3 windows);
 * - the regression MAE test's false "worse" and power rows (`versions-regression.ts`).
 */
import { createRng, type Rng } from '../../processor/src/evaluate/drift/rng.js';
import {
  compareWindowVersions,
  DEFAULT_VERSION_ALPHA,
  DEFAULT_VERSION_MIN_SAMPLES,
  type ComparedWindow,
} from '../../processor/src/evaluate/version-comparison.js';
import type { VersionVerdict } from '../../processor/src/evaluate/version-comparison-result.js';
import { createAlertState } from '../../processor/src/alerts/alert-state.js';
import { evaluateAlerts } from '../../processor/src/alerts/evaluate-alerts.js';
import { VERSION_WORSE_ALERT_RULE } from '../../processor/src/alerts/version-alert-rule.js';
import { benchWindow } from '../lib/bench-window.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';
import { regressionVersionRows } from './versions-regression.js';

const SETTINGS = { alpha: DEFAULT_VERSION_ALPHA, minSamples: DEFAULT_VERSION_MIN_SAMPLES };
const WINDOW_MS = 60_000;

/** Successes of `n` Bernoulli(p) trials (exact: one uniform per trial). */
function binomial(rng: Rng, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.next() < p) k++;
  return k;
}

/** One version's window: `n` labeled predictions at `accuracy`, `n` calls failing at `errors`. */
function versionWindow(
  rng: Rng,
  version: string,
  n: number,
  accuracy: number,
  errors: number | undefined,
): ComparedWindow {
  const failed = errors !== undefined ? binomial(rng, n, errors) : 0;
  const result = benchWindow(`bench\u0000${version}`, 0, WINDOW_MS, {
    samples: { reference: 0, current: n, labeled: n },
    ...(errors !== undefined
      ? {
          service: {
            requests: n,
            errors: failed,
            errorsByType: {},
            errorRatio: failed / n,
            throughputPerSecond: n / 60,
          },
        }
      : {}),
  });
  return {
    result: { ...result, stream: { ...result.stream, modelVersion: version } },
    digest: {
      streamKey: result.stream.key,
      labeled: { trials: n, correct: binomial(rng, n, accuracy) },
    },
  };
}

/** Verdicts of `windows` simulated windows of a baseline and a candidate. */
function verdicts(
  seed: number,
  windows: number,
  n: number,
  baseline: { accuracy: number; errors?: number },
  candidate: { accuracy: number; errors?: number },
): Map<VersionVerdict, number> {
  const rng = createRng(seed);
  const counts = new Map<VersionVerdict, number>();
  for (let w = 0; w < windows; w++) {
    const b = versionWindow(rng, '1', n, baseline.accuracy, baseline.errors);
    const c = versionWindow(rng, '2', n, candidate.accuracy, candidate.errors);
    const { verdict } = compareWindowVersions(b, c, 'configured', SETTINGS);
    counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
  }
  return counts;
}

/** Windows per simulated stream of the alert-rule rows. */
const RULE_WINDOWS = 20;

/**
 * The default rule on `streams` streams of {@link RULE_WINDOWS} windows: how many windows it
 * started firing in, and per stream the window (1-based) it first fired in (Infinity: never).
 */
function ruleFirings(
  seed: number,
  streams: number,
  n: number,
  baseline: { accuracy: number },
  candidate: { accuracy: number },
): { starts: number; firstFiring: number[] } {
  const rng = createRng(seed);
  let starts = 0;
  const firstFiring: number[] = [];
  for (let s = 0; s < streams; s++) {
    const state = createAlertState();
    let first = Number.POSITIVE_INFINITY;
    for (let w = 0; w < RULE_WINDOWS; w++) {
      const b = versionWindow(rng, '1', n, baseline.accuracy, undefined);
      const c = versionWindow(rng, '2', n, candidate.accuracy, undefined);
      const versionComparison = compareWindowVersions(b, c, 'configured', SETTINGS);
      const result = {
        ...c.result,
        startUnixMillis: w * WINDOW_MS,
        endUnixMillis: (w + 1) * WINDOW_MS,
        versionComparison,
      };
      for (const t of evaluateAlerts(state, [VERSION_WORSE_ALERT_RULE], [result])) {
        if (t.state !== 'firing') continue;
        starts++;
        first = Math.min(first, w + 1);
      }
    }
    firstFiring.push(first);
  }
  return { starts, firstFiring };
}

/** Runs the version verdict suite. */
export async function runVersions(options: SuiteOptions): Promise<SuiteResult> {
  const rows: BenchRow[] = [];
  const windowsAt = (n: number): number =>
    options.quick ? (n >= 10_000 ? 300 : 2000) : n >= 10_000 ? 2000 : 10_000;
  for (const n of [30, 100, 1000, 10_000]) {
    const windows = windowsAt(n);
    for (const [tests, errors] of [
      ['accuracy', undefined],
      ['accuracy_and_errors', 0.02],
    ] as const) {
      options.log(`versions: ${windows} windows of equal versions × ${n} (${tests})`);
      const equal = { accuracy: 0.85, ...(errors !== undefined ? { errors } : {}) };
      const counts = verdicts(7919 * n + (errors ? 1 : 0), windows, n, equal, equal);
      const worse = (counts.get('worse') ?? 0) / windows;
      const better = (counts.get('better') ?? 0) / windows;
      rows.push(
        plainRow(
          `detection.versions.false_worse.${tests}.n_${n}`,
          'share of windows of equal versions judged worse (α = 0.01)',
          round(worse),
          'value <= 0.01',
          worse <= 0.01,
        ),
        plainRow(
          `detection.versions.false_better.${tests}.n_${n}`,
          'share of windows of equal versions judged better (α = 0.01)',
          round(better),
        ),
      );
    }
  }
  for (const n of [300, 1000, 10_000]) {
    const windows = options.quick ? 300 : 1000;
    for (const [change, baseline, candidate] of [
      ['accuracy_0.85_to_0.80', { accuracy: 0.85 }, { accuracy: 0.8 }],
      [
        'error_ratio_0.02_to_0.04',
        { accuracy: 0.85, errors: 0.02 },
        { accuracy: 0.85, errors: 0.04 },
      ],
    ] as const) {
      options.log(`versions: ${windows} windows with ${change} × ${n}`);
      const counts = verdicts(31 * n + change.length, windows, n, baseline, candidate);
      const power = (counts.get('worse') ?? 0) / windows;
      rows.push(
        plainRow(
          `detection.versions.power.${change}.n_${n}`,
          'share of windows judged worse',
          round(power),
          n >= 10_000 ? 'value >= 0.95' : null,
          n >= 10_000 ? power >= 0.95 : null,
        ),
      );
    }
  }
  const streams = options.quick ? 100 : 400;
  for (const n of [30, 100, 1000, 10_000]) {
    options.log(`versions: default rule on ${streams} streams of equal versions × ${n}`);
    const equal = { accuracy: 0.85 };
    const { starts } = ruleFirings(104_729 * n, streams, n, equal, equal);
    const rate = starts / (streams * RULE_WINDOWS);
    rows.push(
      plainRow(
        `detection.versions.default_rule.false_alarm.n_${n}`,
        'share of windows of equal versions in which version_worse starts firing',
        round(rate),
        'value <= 0.01',
        rate <= 0.01,
      ),
    );
  }
  for (const n of [1000, 10_000]) {
    options.log(`versions: default rule on ${streams} streams, accuracy 0.85 → 0.80 × ${n}`);
    const { firstFiring } = ruleFirings(
      7 * n + 1,
      streams,
      n,
      { accuracy: 0.85 },
      { accuracy: 0.8 },
    );
    for (const within of [2, 3]) {
      const power = firstFiring.filter((w) => w <= within).length / streams;
      rows.push(
        plainRow(
          `detection.versions.default_rule.power.accuracy_0.85_to_0.80.n_${n}.within_${within}_windows`,
          'share of degraded streams on which version_worse fired',
          round(power),
          n >= 10_000 && within === 2 ? 'value >= 0.95' : null,
          n >= 10_000 && within === 2 ? power >= 0.95 : null,
        ),
      );
    }
  }
  rows.push(...regressionVersionRows(options));
  return {
    rows,
    notes: [
      'versions: counts drawn per window and judged by compareWindowVersions (the service uses it per window and slice); α = 0.01 split over the tests made.',
    ],
  };
}
