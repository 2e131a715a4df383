/**
 * Decision quality of the default label-based alert rules (`calibration_ece_high`,
 * `accuracy_drop`: `DEFAULT_ALERT_RULES` with their own minSamples and significance), on
 * simulated labeled windows evaluated by the processor's own code: each window's (score, label)
 * pairs go through the real binary-outputs accumulator and `binaryQuality` (the calibration
 * bins, ECE and accuracy the service computes), then through `evaluateAlerts`.
 *
 * The model: scores s ~ Beta(0.5, 0.5), labels ~ Bernoulli(s) — calibrated, accuracy ≈ 0.82
 * at the 0.5 threshold. Per stream the first windows pool the accuracy reference (1000 labels),
 * then W windows are evaluated. Rows, at n = 100 … 10 000 labeled predictions per window:
 * - false alarms: share of stationary evaluated windows in which any of the two rules starts
 *   firing (the `feature_drift` default is measured by the `detection.drift.*` rows), and the
 *   same with the significance check off (minimum sample count and thresholds alone);
 * - power: accuracy 5 points lower (labels flipped with probability 0.05 / (2a − 1)): share of
 *   streams where `accuracy_drop` fires in the first drifted window, and within three;
 * - power: a miscalibrated model (outcomes still follow s, the service sees 0.7 · s: the base rate
 *   rose and the scores did not; ECE = 0.3 · E[s] = 0.15): share of streams where
 *   `calibration_ece_high` fires in the first window.
 */
import { DEFAULT_ALERT_RULES, type AlertRule } from '../../processor/src/alerts/alert-rule.js';
import { createAlertState } from '../../processor/src/alerts/alert-state.js';
import { ACCURACY_REFERENCE_LABELS } from '../../processor/src/alerts/alert-evidence.js';
import { evaluateAlerts } from '../../processor/src/alerts/evaluate-alerts.js';
import { createRng, type Rng } from '../../processor/src/evaluate/drift/rng.js';
import { binaryQuality } from '../../processor/src/evaluate/output-quality.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { binaryOutputsAccumulator } from '../../processor/src/state/accumulators/binary-outputs.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';
import { benchWindow } from '../lib/bench-window.js';

const WINDOW_MS = 60_000;
const LABEL_RULES = DEFAULT_ALERT_RULES.filter((r) => r.statistic !== 'drift.status');
/** The same rules with the significance check off: what the check buys. */
const UNCHECKED_RULES = LABEL_RULES.map((r) => ({ ...r, significance: 1 }));
const ACCURACY = 0.5 + 1 / Math.PI; // E[max(s, 1 − s)] for s ~ Beta(0.5, 0.5)
const FLIP_FOR_5_POINTS = 0.05 / (2 * ACCURACY - 1);

/** How a window's pairs are drawn. */
interface Regime {
  /** Probability that a label is flipped (an accuracy drop). */
  readonly flip: number;
  /** Factor on the reported score (1: calibrated). */
  readonly scale: number;
}
const STATIONARY: Regime = { flip: 0, scale: 1 };

function drawScore(rng: Rng): number {
  // Beta(0.5, 0.5) (the arcsine law) by inversion.
  const u = rng.next();
  return Math.sin((Math.PI * u) / 2) ** 2;
}

function windowResult(rng: Rng, key: string, k: number, n: number, regime: Regime): WindowResult {
  const accumulator = binaryOutputsAccumulator({ threshold: 0.5 });
  const state = accumulator.create();
  for (let i = 0; i < n; i++) {
    const s = drawScore(rng);
    let label: 0 | 1 = rng.next() < s ? 1 : 0;
    if (regime.flip > 0 && rng.next() < regime.flip) label = label === 1 ? 0 : 1;
    accumulator.record(state, { score: s * regime.scale, label });
  }
  const outputs = binaryQuality(accumulator.snapshot(state));
  return benchWindow(key, k, WINDOW_MS, {
    samples: { reference: 0, current: n, labeled: n },
    ...(outputs.calibration ? { calibration: outputs.calibration } : {}),
    quality: outputs.quality,
    groundTruth: { coverage: 1, labeled: n, delays: {} },
  });
}

/**
 * One stream: reference windows, then `windows` windows of `regime`; per evaluated window, the
 * rules that started firing in it.
 */
function simulate(
  seed: number,
  n: number,
  windows: number,
  regime: Regime,
  rules: readonly AlertRule[] = LABEL_RULES,
): { fired: Set<string>[]; ece: number[] } {
  const rng = createRng(seed);
  const state = createAlertState();
  const key = `stream-${seed}`;
  const referenceWindows = Math.ceil(ACCURACY_REFERENCE_LABELS / n);
  let k = 0;
  for (; k < referenceWindows; k++) {
    evaluateAlerts(state, rules, [windowResult(rng, key, k, n, STATIONARY)]);
  }
  const fired: Set<string>[] = [];
  const ece: number[] = [];
  for (let w = 0; w < windows; w++, k++) {
    const result = windowResult(rng, key, k, n, regime);
    ece.push(result.calibration?.ece ?? Number.NaN);
    const started = evaluateAlerts(state, rules, [result])
      .filter((t) => t.state === 'firing')
      .map((t) => t.rule);
    fired.push(new Set(started));
  }
  return { fired, ece };
}

/** Runs the label-based alert suite. */
export async function runQualityAlerts(options: SuiteOptions): Promise<SuiteResult> {
  const streams = options.quick ? 100 : 400;
  const windows = options.quick ? 20 : 25;
  const powerStreams = options.quick ? 100 : 300;
  const rows: BenchRow[] = [];
  const sizes = [100, 300, 1000, 3000, 10_000];
  let eceMiscalibrated = Number.NaN;
  for (const n of sizes) {
    options.log(`quality-alerts: ${streams} streams × ${windows} windows at ${n} labels`);
    let evaluated = 0;
    let anyFired = 0;
    let uncheckedFired = 0;
    for (let s = 0; s < streams; s++) {
      const { fired } = simulate(10_000 * n + s, n, windows, STATIONARY);
      evaluated += fired.length;
      anyFired += fired.filter((f) => f.size > 0).length;
      const unchecked = simulate(10_000 * n + s, n, windows, STATIONARY, UNCHECKED_RULES);
      uncheckedFired += unchecked.fired.filter((f) => f.size > 0).length;
    }
    const fa = anyFired / evaluated;
    rows.push(
      plainRow(
        `detection.alerts.false_alarm.labels_${n}`,
        'share of stationary windows firing a default label rule',
        round(fa),
        'value <= 0.01',
        fa <= 0.01,
      ),
      plainRow(
        `detection.alerts.false_alarm_without_significance_check.labels_${n}`,
        'share of stationary windows',
        round(uncheckedFired / evaluated),
      ),
    );
    if (n < 1000) continue;
    let dropFirst = 0;
    let dropWithin3 = 0;
    let eceFirst = 0;
    const eces: number[] = [];
    for (let s = 0; s < powerStreams; s++) {
      const drop = simulate(20_000 * n + s, n, 3, { flip: FLIP_FOR_5_POINTS, scale: 1 });
      const first = drop.fired.findIndex((f) => f.has('accuracy_drop'));
      if (first === 0) dropFirst++;
      if (first >= 0) dropWithin3++;
      const sharp = simulate(30_000 * n + s, n, 1, { flip: 0, scale: 0.7 });
      if (sharp.fired[0]!.has('calibration_ece_high')) eceFirst++;
      eces.push(sharp.ece[0]!);
    }
    eceMiscalibrated = eces.reduce((a, b) => a + b, 0) / eces.length;
    rows.push(
      plainRow(
        `detection.alerts.power.accuracy_drop_5pt.first_window.labels_${n}`,
        'share of streams',
        round(dropFirst / powerStreams),
        n >= 1000 ? 'value >= 0.7' : null,
        n >= 1000 ? dropFirst / powerStreams >= 0.7 : null,
      ),
      plainRow(
        `detection.alerts.power.accuracy_drop_5pt.within_3_windows.labels_${n}`,
        'share of streams',
        round(dropWithin3 / powerStreams),
        'value >= 0.95',
        dropWithin3 / powerStreams >= 0.95,
      ),
      plainRow(
        `detection.alerts.power.miscalibrated_ece_0.15.first_window.labels_${n}`,
        'share of streams',
        round(eceFirst / powerStreams),
        'value >= 0.95',
        eceFirst / powerStreams >= 0.95,
      ),
    );
  }
  return {
    rows,
    notes: [
      `quality-alerts: default calibration_ece_high and accuracy_drop (minSamples 100, significance 0.005, accuracy reference pooled over the first ${ACCURACY_REFERENCE_LABELS} labels); calibrated model s ~ Beta(0.5, 0.5), accuracy ${ACCURACY.toFixed(3)}; ${streams} streams × ${windows} windows (false alarms), ${powerStreams} streams (power); the miscalibrated model's mean ECE at 10 000 labels is ${eceMiscalibrated.toFixed(3)}.`,
    ],
  };
}
