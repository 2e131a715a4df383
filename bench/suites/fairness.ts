/**
 * Decision quality of the fairness gap test (`evaluate/fairness.ts`: one-sided Fisher exact
 * test of the lowest against the highest group, doubled, Bonferroni across the group pairs) on
 * simulated windows evaluated by the processor's own code: per window, each group's counts are
 * drawn, recorded as a `GroupTally` and judged by `fairnessOfGroups` at the default α = 0.01;
 * the default alert rules then see the results through `evaluateAlerts`.
 *
 * Rows, at 30, 100, 1000 and 10 000 predictions per group:
 * - false alarms: share of windows of equal groups (selection rate 0.3; 2 and 4 groups) whose
 *   demographic-parity gap is judged significant, and the same for the equalized-odds gap on
 *   labeled windows (base rate 0.4, TPR 0.7, FPR 0.2 in every group);
 * - the share of streams of equal groups where a default fairness rule fires in any window;
 * - power: a true 10-point selection-rate gap (0.30 against 0.40; with 4 groups, two at each):
 *   share of windows judged significant, at 300 (informative), 1000 and 10 000 per group, and
 *   share of streams where `fairness_parity_ratio_low` (true ratio 0.75, bound 0.8) fires by
 *   window 2 — informative: it measures how often the estimated ratio stays below the bound in
 *   two windows running, not the test.
 */
import { FAIRNESS_ALERT_RULES } from '../../processor/src/alerts/fairness-alert-rules.js';
import { createAlertState } from '../../processor/src/alerts/alert-state.js';
import { evaluateAlerts } from '../../processor/src/alerts/evaluate-alerts.js';
import { createRng, type Rng } from '../../processor/src/evaluate/drift/rng.js';
import { fairnessOfGroups } from '../../processor/src/evaluate/fairness.js';
import type { FairnessResult } from '../../processor/src/evaluate/fairness-result.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import type { GroupTally } from '../../processor/src/state/fairness-acc.js';
import {
  DEFAULT_FAIRNESS_ALPHA,
  DEFAULT_MAX_GROUPS,
  DEFAULT_MIN_GROUP_COUNT,
} from '../../processor/src/state/fairness-settings.js';
import { benchWindow } from '../lib/bench-window.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';

const SETTINGS = {
  minGroupCount: DEFAULT_MIN_GROUP_COUNT,
  maxGroups: DEFAULT_MAX_GROUPS,
  alpha: DEFAULT_FAIRNESS_ALPHA,
};
const WINDOW_MS = 60_000;

/** Successes of `n` Bernoulli(p) trials (exact: one uniform per trial). */
function binomial(rng: Rng, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.next() < p) k++;
  return k;
}

/**
 * One window: `n` predictions per group with the groups' selection rates; with `labeled`, each
 * prediction also labeled (base rate 0.4) and decided with TPR 0.7 / FPR 0.2 in every group.
 */
function windowFairness(
  rng: Rng,
  n: number,
  rates: readonly number[],
  labeled: boolean,
): FairnessResult {
  const groups = rates.map((p, g): [string, GroupTally] => {
    const positives = labeled ? binomial(rng, n, 0.4) : 0;
    const negatives = labeled ? n - positives : 0;
    return [
      `g${g}`,
      {
        predictions: n,
        selected: binomial(rng, n, p),
        positives,
        truePositives: labeled ? binomial(rng, positives, 0.7) : 0,
        negatives,
        falsePositives: labeled ? binomial(rng, negatives, 0.2) : 0,
        bins: undefined,
      },
    ];
  });
  return fairnessOfGroups({ name: 'group' }, groups, SETTINGS, 0, 0);
}

const significant = (f: FairnessResult, metric: string): boolean =>
  f.disparities.find((d) => d.metric === metric)?.significant === true;

function asWindow(f: FairnessResult, key: string, k: number, n: number): WindowResult {
  return benchWindow(key, k, WINDOW_MS, {
    samples: { reference: 0, current: n, labeled: n },
    groundTruth: { labeled: n, delays: {} },
    fairness: [f],
  });
}

/** A stream of `windows` windows through the default fairness rules: the windows where one fired. */
function streamFirings(
  seed: number,
  n: number,
  rates: readonly number[],
  windows: number,
): number[] {
  const rng = createRng(seed);
  const state = createAlertState();
  const firedAt: number[] = [];
  for (let k = 0; k < windows; k++) {
    const result = asWindow(windowFairness(rng, n, rates, true), `s${seed}`, k, n);
    const started = evaluateAlerts(state, FAIRNESS_ALERT_RULES, [result]);
    if (started.some((t) => t.state === 'firing')) firedAt.push(k);
  }
  return firedAt;
}

/** Runs the fairness decision suite. */
export async function runFairness(options: SuiteOptions): Promise<SuiteResult> {
  const rows: BenchRow[] = [];
  const windowsAt = (n: number): number =>
    options.quick ? (n >= 10_000 ? 400 : 2000) : n >= 10_000 ? 1500 : 5000;
  for (const n of [30, 100, 1000, 10_000]) {
    const windows = windowsAt(n);
    for (const k of [2, 4]) {
      options.log(`fairness: ${windows} windows of ${k} equal groups × ${n}`);
      const rng = createRng(7919 * n + k);
      let parity = 0;
      let odds = 0;
      for (let w = 0; w < windows; w++) {
        const f = windowFairness(rng, n, new Array<number>(k).fill(0.3), true);
        if (significant(f, 'demographic_parity_difference')) parity++;
        if (significant(f, 'equalized_odds_difference')) odds++;
      }
      rows.push(
        plainRow(
          `detection.fairness.false_alarm.parity_gap.groups_${k}.n_${n}`,
          'share of windows of equal groups judged significant (α = 0.01)',
          round(parity / windows),
          'value <= 0.01',
          parity / windows <= 0.01,
        ),
        plainRow(
          `detection.fairness.false_alarm.equalized_odds_gap.groups_${k}.n_${n}`,
          'share of labeled windows of equal groups judged significant (α = 0.01)',
          round(odds / windows),
          'value <= 0.01',
          odds / windows <= 0.01,
        ),
      );
    }
    const streams = options.quick ? 100 : 300;
    const streamWindows = n >= 10_000 ? 5 : 20;
    options.log(`fairness: ${streams} streams × ${streamWindows} windows of 2 equal groups × ${n}`);
    let firing = 0;
    for (let st = 0; st < streams; st++)
      firing += streamFirings(104_729 * n + st, n, [0.3, 0.3], streamWindows).length;
    const rate = firing / (streams * streamWindows);
    rows.push(
      plainRow(
        `detection.fairness.false_alarm.default_rules.n_${n}`,
        'share of windows of equal groups where a default fairness rule starts firing',
        round(rate),
        'value <= 0.01',
        rate <= 0.01,
      ),
    );
  }
  for (const n of [300, 1000, 10_000]) {
    const windows = options.quick ? 300 : 1000;
    for (const rates of [
      [0.3, 0.4],
      [0.3, 0.3, 0.4, 0.4],
    ]) {
      options.log(
        `fairness: ${windows} windows with a 10-point gap, ${rates.length} groups × ${n}`,
      );
      const rng = createRng(31 * n + rates.length);
      let hits = 0;
      for (let w = 0; w < windows; w++)
        if (significant(windowFairness(rng, n, rates, false), 'demographic_parity_difference'))
          hits++;
      const power = hits / windows;
      rows.push(
        plainRow(
          `detection.fairness.power.parity_gap_10pt.groups_${rates.length}.n_${n}`,
          'share of windows judged significant',
          round(power),
          n >= 1000 ? 'value >= 0.95' : null,
          n >= 1000 ? power >= 0.95 : null,
        ),
      );
    }
    const streams = options.quick ? 100 : 300;
    let byTwo = 0;
    for (let s = 0; s < streams; s++) {
      const fired = streamFirings(15_485_863 * n + s, n, [0.3, 0.4], 2);
      if (fired.includes(1)) byTwo++;
    }
    rows.push(
      plainRow(
        `detection.fairness.power.parity_ratio_rule_0.75.by_window_2.n_${n}`,
        'share of streams where fairness_parity_ratio_low fires by window 2',
        round(byTwo / streams),
      ),
    );
  }
  return {
    rows,
    notes: [
      'fairness: counts drawn per window and judged by fairnessOfGroups (the service and `mlmon fairness` share it); α = 0.01 for the significant flag, the default rules check p ≤ 0.005.',
    ],
  };
}
