/**
 * CBPE on sampled traffic: the band of a window of weighted predictions (1/p) sized by Kish's
 * effective size (what `evaluate/estimation.ts` does) against the same band sized by the raw
 * prediction count (what it did before). The model and reference are the `cbpe` suite's; the
 * traffic is the reference's population, the predictions with x > 0 kept with probability 0.1
 * (weight 10) and the others all kept — so half the received predictions stand for ten each.
 *
 * Rows at 300, 1000 and 10 000 received predictions per window: the share of windows whose
 * weighted realized accuracy lies inside the ±3σ band (goal ≥ 0.95), and the share of stationary
 * windows where the default rule `quality_estimate_band` starts firing (goal ≤ 0.01), each with
 * the band at n_eff and, for comparison, at the raw count.
 */
import { ESTIMATE_BAND_ALERT_RULE } from '../../processor/src/alerts/estimation-alert-rule.js';
import { createAlertState, type AlertState } from '../../processor/src/alerts/alert-state.js';
import { evaluateAlerts } from '../../processor/src/alerts/evaluate-alerts.js';
import { createRng, type Rng } from '../../processor/src/evaluate/drift/rng.js';
import {
  bandChunkSize,
  estimateWindow,
  type CbpeMetricEstimate,
  type CbpeReference,
} from '../../processor/src/stats/cbpe.js';
import { benchWindow } from '../lib/bench-window.js';
import { plainRow, round, type BenchRow, type SuiteOptions } from '../lib/row.js';

const THRESHOLD = 0.5;
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** A window of `n` received predictions of the sampled traffic. */
function sampledWindow(rng: Rng, n: number) {
  const scores = new Float64Array(n);
  const weights = new Float64Array(n);
  let correct = 0;
  let total = 0;
  for (let i = 0; i < n;) {
    const x = 1.5 * Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const w = x > 0 ? 10 : 1;
    if (w === 10 && rng.next() >= 0.1) continue;
    const y = rng.next() < sigmoid(x) ? 1 : 0;
    scores[i] = sigmoid(x);
    weights[i] = w;
    total += w;
    if ((scores[i]! >= THRESHOLD ? 1 : 0) === y) correct += w;
    i++;
  }
  let squares = 0;
  for (const w of weights) squares += w * w;
  return { scores, weights, effective: (total * total) / squares, realized: correct / total };
}

/** Whether the default rule starts firing on a window with estimate `accuracy`. */
function fires(state: AlertState, k: number, n: number, accuracy: CbpeMetricEstimate): boolean {
  const result = benchWindow('cbpe-weighted', k, 60_000, {
    estimation: { calibrated: true, referenceRows: 100_000, predictions: n, metrics: [accuracy] },
  });
  return evaluateAlerts(state, [ESTIMATE_BAND_ALERT_RULE], [result]).some(
    (t) => t.state === 'firing',
  );
}

/** The sampled-traffic rows of the `cbpe` suite against reference `ref`. */
export function weightedCbpeRows(options: SuiteOptions, ref: CbpeReference): BenchRow[] {
  const rows: BenchRow[] = [];
  const rng = createRng(29);
  for (const n of [300, 1000, 10_000]) {
    const windows = options.quick ? Math.max(100, 30_000 / n) : Math.max(300, 300_000 / n);
    options.log(`cbpe: sampled traffic, n = ${n}, ${windows} windows`);
    const sizings = [
      ['effective_size', (w: ReturnType<typeof sampledWindow>) => bandChunkSize(n, w.effective)],
      ['raw_count', () => n],
    ] as const;
    const inside = [0, 0];
    const fired = [0, 0];
    const states = [createAlertState(), createAlertState()];
    for (let k = 0; k < windows; k++) {
      const w = sampledWindow(rng, n);
      sizings.forEach(([, size], s) => {
        const accuracy = estimateWindow(ref, [w.scores], size(w), w.weights).find(
          (e) => e.metric === 'accuracy',
        )!;
        if (w.realized >= accuracy.lower! && w.realized <= accuracy.upper!) inside[s]!++;
        if (fires(states[s]!, k, n, accuracy)) fired[s]!++;
      });
    }
    sizings.forEach(([name], s) => {
      const goal = name === 'effective_size';
      const coverage = inside[s]! / windows;
      const alarms = fired[s]! / windows;
      rows.push(
        plainRow(
          `detection.cbpe.sampled.band_coverage.${name}.n_${n}`,
          'share of windows whose weighted realized accuracy is inside the ±3σ band',
          round(coverage),
          goal ? 'value >= 0.95' : null,
          goal ? coverage >= 0.95 : null,
        ),
        plainRow(
          `detection.cbpe.sampled.false_alarm.default_rule.${name}.n_${n}`,
          'share of stationary sampled windows where quality_estimate_band starts firing',
          round(alarms),
          goal ? 'value <= 0.01' : null,
          goal ? alarms <= 0.01 : null,
        ),
      );
    });
  }
  return rows;
}
