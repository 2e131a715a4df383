/**
 * Simulation study of CBPE (quality estimated before labels, `stats/cbpe.ts`), with the
 * processor's own code: a reference of 100 000 labeled rows (what a profile keeps at most) is
 * built once with `binaryCbpeReference`; each window's scores are estimated by `estimateWindow`
 * and its labels give the realized values.
 *
 * The model: x ~ N(μ, 1.5²), P(y = 1 | x) = sigmoid(x), score = sigmoid(x) (calibrated), decision
 * threshold 0.5; the reference has μ = 0.
 *
 * Rows, at 100, 1000 and 10 000 predictions per window:
 * - covariate shift (μ uniform in [−1.5, 1.5] per window, P(y | x) fixed): the share of windows
 *   whose realized accuracy lies inside the estimate's ±3σ band (goal ≥ 0.95), and the mean
 *   absolute estimation error of accuracy and ROC AUC (reported);
 * - stationary data (μ = 0): the share of windows where the default rule
 *   `quality_estimate_band` starts firing (goal ≤ 0.01), through `evaluateAlerts`;
 * - power of the default rule: P(x) narrows to N(0, 0.5²) (inputs crowd the decision boundary,
 *   expected accuracy falls from ≈ 0.77 to ≈ 0.6): the share of streams where it fires by the
 *   second window (goal ≥ 0.95 at 1000 and 10 000; informative at 100);
 * - concept shift (P(y = 1 | x) = sigmoid(x − 1.5) after the shift; the scores and P(x)
 *   unchanged): the share of streams where the estimation error of accuracy is more than 3σ in
 *   the first or second labeled window after the shift (goal ≥ 0.95 at 1000 and 10 000;
 *   informative at 100, where 3σ is wider than the accuracy lost);
 * - sampled traffic (`cbpe-weighted.ts`): band coverage and default-rule false alarms of weighted
 *   windows, the band at Kish's effective size and at the raw count.
 */
import { ESTIMATE_BAND_ALERT_RULE } from '../../processor/src/alerts/estimation-alert-rule.js';
import { createAlertState } from '../../processor/src/alerts/alert-state.js';
import { evaluateAlerts } from '../../processor/src/alerts/evaluate-alerts.js';
import { createRng, type Rng } from '../../processor/src/evaluate/drift/rng.js';
import {
  binaryCbpeReference,
  estimateWindow,
  realizedWindow,
  type CbpeReference,
} from '../../processor/src/stats/cbpe.js';
import { benchWindow } from '../lib/bench-window.js';
import { multiclassProfileRows } from './cbpe-multiclass.js';
import { referencePairsRows } from './cbpe-reference-pairs.js';
import { weightedCbpeRows } from './cbpe-weighted.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';

const REFERENCE_ROWS = 100_000;
const THRESHOLD = 0.5;
const WINDOW_MS = 60_000;
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** `n` rows: scores sigmoid(x) with x ~ N(μ, sd²), labels from P(y = 1 | x) = sigmoid(x − shift). */
export function draw(
  rng: Rng,
  n: number,
  mu: number,
  conceptShift = 0,
  sd = 1.5,
): { scores: Float64Array; labels: Float64Array } {
  const scores = new Float64Array(n);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = mu + sd * normal(rng);
    scores[i] = sigmoid(x);
    labels[i] = rng.next() < sigmoid(x - conceptShift) ? 1 : 0;
  }
  return { scores, labels };
}

/** Estimated and realized metrics of one window. */
function evaluate(ref: CbpeReference, w: { scores: Float64Array; labels: Float64Array }) {
  const estimates = estimateWindow(ref, [w.scores], w.scores.length);
  const realized = realizedWindow(ref, [w.scores], w.labels);
  const of = (metric: string) => estimates.find((e) => e.metric === metric)!;
  return { accuracy: of('accuracy'), rocAuc: of('roc_auc'), realized };
}

/** Runs the suite. */
export async function runCbpe(options: SuiteOptions): Promise<SuiteResult> {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const rng = createRng(17);
  const reference = draw(rng, REFERENCE_ROWS, 0);
  const ref = binaryCbpeReference(reference.scores, reference.labels, THRESHOLD);
  notes.push(
    `cbpe: reference of ${REFERENCE_ROWS} rows, isotonic calibration ${ref.task === 'binary' && ref.calibration.map !== undefined ? 'used' : 'not used'} (the model is calibrated; held-out ECE decides).`,
  );
  for (const n of [100, 1000, 10_000]) {
    const windows = options.quick ? Math.max(50, 20_000 / n) : Math.max(200, 200_000 / n);
    options.log(`cbpe: n = ${n}, ${windows} windows per scenario`);
    // Covariate shift.
    let inside = 0;
    let banded = 0;
    let errAccuracy = 0;
    let errAuc = 0;
    let aucWindows = 0;
    for (let k = 0; k < windows; k++) {
      const e = evaluate(ref, draw(rng, n, -1.5 + 3 * rng.next()));
      const realized = e.realized.accuracy!;
      errAccuracy += Math.abs(e.accuracy.value! - realized);
      if (e.rocAuc.value !== undefined && e.realized.roc_auc !== undefined) {
        errAuc += Math.abs(e.rocAuc.value - e.realized.roc_auc);
        aucWindows++;
      }
      if (e.accuracy.lower === undefined) continue;
      banded++;
      if (realized >= e.accuracy.lower && realized <= e.accuracy.upper!) inside++;
    }
    const coverage = banded === windows ? inside / windows : null;
    rows.push(
      plainRow(
        `detection.cbpe.covariate_shift.band_coverage.n_${n}`,
        'share of windows whose realized accuracy is inside the estimated ±3σ band',
        round(coverage),
        'value >= 0.95',
        coverage === null ? null : coverage >= 0.95,
      ),
      plainRow(
        `detection.cbpe.covariate_shift.mean_abs_error.accuracy.n_${n}`,
        'mean |estimated − realized| accuracy',
        round(errAccuracy / windows),
      ),
      plainRow(
        `detection.cbpe.covariate_shift.mean_abs_error.roc_auc.n_${n}`,
        'mean |estimated − realized| ROC AUC',
        round(aucWindows > 0 ? errAuc / aucWindows : null),
      ),
    );
    // Stationary: the default rule's false alarms, one stream of `windows` windows.
    const state = createAlertState();
    let fired = 0;
    for (let k = 0; k < windows; k++) {
      const e = evaluate(ref, draw(rng, n, 0));
      const result = benchWindow('cbpe', k, WINDOW_MS, {
        estimation: {
          calibrated: true,
          referenceRows: REFERENCE_ROWS,
          predictions: n,
          metrics: [e.accuracy],
        },
      });
      const transitions = evaluateAlerts(state, [ESTIMATE_BAND_ALERT_RULE], [result]);
      fired += transitions.filter((t) => t.state === 'firing').length;
    }
    rows.push(
      plainRow(
        `detection.cbpe.false_alarm.default_rule.n_${n}`,
        'share of stationary windows where quality_estimate_band starts firing',
        round(fired / windows),
        'value <= 0.01',
        fired / windows <= 0.01,
      ),
    );
    // Power of the default rule: P(x) narrows to N(0, 0.5²) around the decision boundary, where
    // the model is least sure (expected accuracy ≈ 0.6 instead of ≈ 0.77): fired by window 2?
    const powerStreams = options.quick ? 40 : 200;
    let caught = 0;
    for (let st = 0; st < powerStreams; st++) {
      const stream = createAlertState();
      let firing = false;
      for (let k = 0; k < 2; k++) {
        const e = evaluate(ref, draw(rng, n, 0, 0, 0.5));
        const result = benchWindow('cbpe-power', k, WINDOW_MS, {
          estimation: {
            calibrated: true,
            referenceRows: REFERENCE_ROWS,
            predictions: n,
            metrics: [e.accuracy],
          },
        });
        const transitions = evaluateAlerts(stream, [ESTIMATE_BAND_ALERT_RULE], [result]);
        if (transitions.some((t) => t.state === 'firing')) firing = true;
      }
      if (firing) caught++;
    }
    rows.push(
      plainRow(
        `detection.cbpe.power.default_rule.narrowed_inputs.n_${n}`,
        'share of streams where quality_estimate_band fires by the 2nd window of a covariate shift to the boundary',
        round(caught / powerStreams),
        n >= 1000 ? 'value >= 0.95' : null,
        n >= 1000 ? caught / powerStreams >= 0.95 : null,
      ),
    );
    // Concept shift: does the estimation error leave the band within two labeled windows?
    const streams = options.quick ? 40 : 200;
    let detected = 0;
    for (let st = 0; st < streams; st++) {
      let seen = false;
      for (let k = 0; k < 2 && !seen; k++) {
        const e = evaluate(ref, draw(rng, n, 0, 1.5));
        const error = e.accuracy.value! - e.realized.accuracy!;
        if (e.accuracy.sigma !== undefined && Math.abs(error) > 3 * e.accuracy.sigma) seen = true;
      }
      if (seen) detected++;
    }
    const power = detected / streams;
    rows.push(
      plainRow(
        `detection.cbpe.concept_shift.error_outside_band_within_2.n_${n}`,
        'share of streams whose accuracy estimation error exceeds 3σ within two labeled windows',
        round(power),
        n >= 1000 ? 'value >= 0.95' : null,
        n >= 1000 ? power >= 0.95 : null,
      ),
    );
  }
  rows.push(
    ...weightedCbpeRows(options, ref),
    ...multiclassProfileRows(options),
    ...referencePairsRows(options),
  );
  return { rows, notes };
}
