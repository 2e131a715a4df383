/**
 * Simulation study of streaming multiclass CBPE with the processor's own code: a reference of
 * labeled three-class probabilities is calibrated one-vs-rest (`multiclassCbpeReference`); each
 * window's predictions are calibrated and added to the window's sums as ingest does
 * (`cbpeSumsAccumulator`), the estimate and its band come from `macroOfConfusionSums` and
 * `withBand`, the realized side from the labels' confusion matrix (`macroOfRealizedConfusion`).
 *
 * The model: logits z ~ N(μ, 1.2²) per class, P(y | x) = softmax(z), the model says
 * softmax(1.6 z) (over-confident, so calibration matters); the reference has μ = 0.
 *
 * Rows, at 100, 1000 and 10 000 predictions per window:
 * - covariate shift (μ = (u, 0, 0), u uniform in [−1.5, 1.5] per window; P(y | x) fixed): the
 *   share of windows whose realized accuracy and macro F1 lie inside the estimated ±3σ band
 *   (goal ≥ 0.95), and the mean absolute error of both (reported);
 * - stationary data: the share of windows where the default rule `quality_estimate_band` starts
 *   firing (goal ≤ 0.01);
 * - concept shift (labels from softmax(z + (−1.5, 1.5, 0)); scores and P(x) unchanged): the
 *   share of streams whose accuracy estimation error exceeds 3σ within two labeled windows
 *   (goal ≥ 0.95 at 1000 and 10 000; informative at 100).
 *
 * The macro ROC AUC (estimated and realized) comes from the window's AUC bins, as the stream
 * keeps it: its band coverage and mean absolute error are rows like accuracy's, and the largest
 * difference between the binned areas and the exact ones (`expectedMulticlass`,
 * `realizedMulticlass` on the window's probabilities) is reported per window size.
 */
import { ESTIMATE_BAND_ALERT_RULE } from '../../processor/src/alerts/estimation-alert-rule.js';
import { createAlertState } from '../../processor/src/alerts/alert-state.js';
import { evaluateAlerts } from '../../processor/src/alerts/evaluate-alerts.js';
import { createRng, type Rng } from '../../processor/src/evaluate/drift/rng.js';
import {
  AUC_PLANE,
  cbpeSumsAccumulator,
  createCbpeSums,
  recordCbpeLabel,
} from '../../processor/src/state/cbpe-sums-acc.js';
import { macroBinnedRocAuc } from '../../processor/src/stats/binned-roc-auc.js';
import {
  expectedMulticlass,
  realizedMulticlass,
} from '../../processor/src/stats/cbpe-multiclass.js';
import { calibrate } from '../../processor/src/stats/cbpe-calibration.js';
import {
  macroOfConfusionSums,
  macroOfRealizedConfusion,
} from '../../processor/src/stats/cbpe-confusion-sums.js';
import {
  multiclassCbpeReference,
  withBand,
  type CbpeMetricEstimate,
  type CbpeReference,
} from '../../processor/src/stats/cbpe.js';
import type { CbpeValues } from '../../processor/src/stats/cbpe-estimate.js';
import { benchWindow } from '../lib/bench-window.js';
import { plainRow, round, type BenchRow, type SuiteOptions } from '../lib/row.js';

const K = 3;
const REFERENCE_ROWS = 100_000;
const WINDOW_MS = 60_000;
const SHARPEN = 1.6;
const CONCEPT: readonly number[] = [-1.5, 1.5, 0];
const NONE: readonly number[] = [0, 0, 0];

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function softmax(z: readonly number[], scale: number, shift: readonly number[]): number[] {
  const e = z.map((v, k) => Math.exp(scale * v + shift[k]!));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** `n` rows: probability columns (one per class) and true class indices. */
export function drawMulticlass(
  rng: Rng,
  n: number,
  mu0: number,
  concept: readonly number[] = NONE,
): { probs: Float64Array[]; labels: Float64Array } {
  const probs = Array.from({ length: K }, () => new Float64Array(n));
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: K }, (_, k) => (k === 0 ? mu0 : 0) + 1.2 * normal(rng));
    const p = softmax(z, SHARPEN, NONE);
    for (let k = 0; k < K; k++) probs[k]![i] = p[k]!;
    const truth = softmax(z, 1, concept);
    const u = rng.next();
    let c = 0;
    for (let acc = truth[0]!; c < K - 1 && u >= acc; acc += truth[++c]!);
    labels[i] = c;
  }
  return { probs, labels };
}

/** A labeled multiclass reference of the suite's model (μ = 0). */
export function multiclassReference(rng: Rng, rows: number): CbpeReference {
  const r = drawMulticlass(rng, rows, 0);
  return multiclassCbpeReference(['a', 'b', 'c'], r.probs, r.labels);
}

/** Estimate (through the window sums, as ingest keeps them) and realized values of one window. */
export function evaluateMulticlass(
  ref: CbpeReference,
  w: { probs: Float64Array[]; labels: Float64Array },
): { estimates: CbpeMetricEstimate[]; realized: CbpeValues } {
  if (ref.task !== 'multiclass') throw new Error('a multiclass reference is needed');
  const n = w.labels.length;
  const sums = createCbpeSums(K);
  const confusion = Array.from({ length: K }, () => new Float64Array(K));
  const calibrated = new Float64Array(K);
  const scores = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    let predicted = 0;
    for (let k = 0; k < K; k++) {
      scores[k] = w.probs[k]![i]!;
      calibrated[k] = calibrate(ref.calibrations[k]!, scores[k]);
      if (scores[k] > scores[predicted]!) predicted = k;
    }
    cbpeSumsAccumulator.record(sums, { calibrated, predicted, scores });
    recordCbpeLabel(sums, scores, w.labels[i]!);
    confusion[w.labels[i]!]![predicted]!++;
  }
  const values = macroOfConfusionSums(sums.expected, sums.predicted, K);
  const realized = macroOfRealizedConfusion(confusion);
  const expectedAuc = macroBinnedRocAuc(sums.auc!, K, AUC_PLANE.expected, AUC_PLANE.predictions);
  const realizedAuc = macroBinnedRocAuc(sums.auc!, K, AUC_PLANE.realized, AUC_PLANE.labeled);
  if (expectedAuc !== undefined) values.roc_auc = expectedAuc;
  if (realizedAuc !== undefined) realized.roc_auc = realizedAuc;
  return { estimates: withBand(ref, values, n), realized };
}

/**
 * The largest |binned − exact| macro AUC, expected and realized, over `windows` windows of `n`,
 * and the smallest σ of the AUC band among them (the sampling error the binning adds to).
 */
function binnedAucError(
  ref: CbpeReference,
  rng: Rng,
  n: number,
  windows: number,
): { expected: number; realized: number; sigma: number } {
  if (ref.task !== 'multiclass') throw new Error('a multiclass reference is needed');
  let expected = 0;
  let realized = 0;
  let sigma = Number.POSITIVE_INFINITY;
  for (let k = 0; k < windows; k++) {
    const w = drawMulticlass(rng, n, -1.5 + 3 * rng.next());
    const binned = evaluateMulticlass(ref, w);
    const estimate = binned.estimates.find((e) => e.metric === 'roc_auc');
    const auc = estimate?.value;
    if (estimate?.sigma !== undefined) sigma = Math.min(sigma, estimate.sigma);
    const exactExpected = expectedMulticlass(w.probs, ref.calibrations).roc_auc;
    const exactRealized = realizedMulticlass(w.probs, w.labels).roc_auc;
    if (auc !== undefined && exactExpected !== undefined)
      expected = Math.max(expected, Math.abs(auc - exactExpected));
    if (binned.realized.roc_auc !== undefined && exactRealized !== undefined)
      realized = Math.max(realized, Math.abs(binned.realized.roc_auc - exactRealized));
  }
  return { expected, realized, sigma };
}

/** A simulated model: its windows and how a window is estimated. */
export interface EstimationModel<Rows> {
  /** `n` rows with the covariate location `mu` (0 = the reference), concept-shifted or not. */
  draw(rng: Rng, n: number, mu: number, conceptShift: boolean): Rows;
  evaluate(
    ref: CbpeReference,
    rows: Rows,
  ): { estimates: CbpeMetricEstimate[]; realized: CbpeValues };
}

/** The suite's three-class model. */
export const MULTICLASS_MODEL: EstimationModel<ReturnType<typeof drawMulticlass>> = {
  draw: (rng, n, mu, conceptShift) => drawMulticlass(rng, n, mu, conceptShift ? CONCEPT : NONE),
  evaluate: evaluateMulticlass,
};

/**
 * The rows of `model`, named `detection.cbpe.<prefix>…`, estimated against `ref`: band
 * coverage and mean absolute error of accuracy and F1 (macro if multiclass) under covariate
 * shift, the default rule's false alarms, the concept shift caught within two labeled windows.
 */
export function estimationRows<Rows>(
  options: SuiteOptions,
  prefix: string,
  ref: CbpeReference,
  model: EstimationModel<Rows>,
  seed: number,
  metrics: readonly string[] = ['accuracy', 'f1'],
): BenchRow[] {
  const rows: BenchRow[] = [];
  const rng = createRng(seed);
  const of = (e: CbpeMetricEstimate[], m: string) => e.find((x) => x.metric === m)!;
  for (const n of [100, 1000, 10_000]) {
    const windows = options.quick ? Math.max(50, 20_000 / n) : Math.max(200, 200_000 / n);
    options.log(`cbpe ${prefix}: n = ${n}, ${windows} windows per scenario`);
    for (const metric of metrics) {
      let inside = 0;
      let banded = 0;
      let err = 0;
      const r2 = createRng(seed + n);
      for (let k = 0; k < windows; k++) {
        const { estimates, realized } = model.evaluate(
          ref,
          model.draw(r2, n, -1.5 + 3 * r2.next(), false),
        );
        const e = of(estimates, metric);
        const actual = realized[metric as keyof CbpeValues];
        if (e.value === undefined || actual === undefined) continue;
        err += Math.abs(e.value - actual);
        if (e.lower === undefined) continue;
        banded++;
        if (actual >= e.lower && actual <= e.upper!) inside++;
      }
      const coverage = banded === windows ? inside / windows : null;
      rows.push(
        plainRow(
          `detection.cbpe.${prefix}.covariate_shift.band_coverage.${metric}.n_${n}`,
          `share of windows whose realized ${label(metric)} is inside the estimated ±3σ band`,
          round(coverage),
          'value >= 0.95',
          coverage === null ? null : coverage >= 0.95,
        ),
        plainRow(
          `detection.cbpe.${prefix}.covariate_shift.mean_abs_error.${metric}.n_${n}`,
          `mean |estimated − realized| ${label(metric)}`,
          round(err / windows),
        ),
      );
    }
    const state = createAlertState();
    let fired = 0;
    for (let k = 0; k < windows; k++) {
      const { estimates } = model.evaluate(ref, model.draw(rng, n, 0, false));
      const result = benchWindow(`cbpe-${prefix}`, k, WINDOW_MS, {
        estimation: {
          calibrated: true,
          referenceRows: ref.labels.length,
          predictions: n,
          metrics: [of(estimates, 'accuracy')],
        },
      });
      const transitions = evaluateAlerts(state, [ESTIMATE_BAND_ALERT_RULE], [result]);
      fired += transitions.filter((t) => t.state === 'firing').length;
    }
    rows.push(
      plainRow(
        `detection.cbpe.${prefix}.false_alarm.default_rule.n_${n}`,
        'share of stationary windows where quality_estimate_band starts firing',
        round(fired / windows),
        'value <= 0.01',
        fired / windows <= 0.01,
      ),
    );
    const streams = options.quick ? 40 : 200;
    let detected = 0;
    let unbanded = false;
    for (let st = 0; st < streams; st++) {
      let seen = false;
      for (let k = 0; k < 2 && !seen; k++) {
        const { estimates, realized } = model.evaluate(ref, model.draw(rng, n, 0, true));
        const e = of(estimates, 'accuracy');
        const error = e.value! - realized.accuracy!;
        if (e.sigma === undefined) unbanded = true;
        else if (Math.abs(error) > 3 * e.sigma) seen = true;
      }
      if (seen) detected++;
    }
    // Without a band (too few reference chunks of the window's size) nothing is decided.
    const power = unbanded ? null : detected / streams;
    rows.push(
      plainRow(
        `detection.cbpe.${prefix}.concept_shift.error_outside_band_within_2.n_${n}`,
        'share of streams whose accuracy estimation error exceeds 3σ within two labeled windows',
        round(power),
        n >= 1000 ? 'value >= 0.95' : null,
        n >= 1000 && power !== null ? power >= 0.95 : null,
      ),
    );
  }
  return rows;
}

/** How a row names `metric`. */
function label(metric: string): string {
  if (metric === 'f1') return 'F1 (macro if multiclass)';
  return metric === 'roc_auc' ? 'macro ROC AUC (binned)' : metric;
}

/** The multiclass rows against a labeled profile-sized reference. */
export function multiclassProfileRows(options: SuiteOptions): BenchRow[] {
  const ref = multiclassReference(createRng(28), REFERENCE_ROWS);
  const rows = estimationRows(options, 'multiclass', ref, MULTICLASS_MODEL, 29, [
    'accuracy',
    'f1',
    'roc_auc',
  ]);
  const rng = createRng(31);
  for (const n of [100, 1000, 10_000]) {
    const windows = options.quick ? 20 : 100;
    const worst = binnedAucError(ref, rng, n, windows);
    // The goal: the binning adds at most a tenth of the band's σ (1e−3 holds from n = 1000).
    const goal = 0.1 * worst.sigma;
    for (const side of ['expected', 'realized'] as const) {
      rows.push(
        plainRow(
          `detection.cbpe.multiclass.roc_auc_bins.max_abs_error.${side}.n_${n}`,
          `largest |binned − exact| ${side} macro ROC AUC over ${windows} covariate-shifted windows`,
          round(worst[side], 6),
          `value <= 0.1 σ = ${round(goal, 6)}`,
          worst[side] <= goal,
        ),
      );
    }
  }
  return rows;
}
