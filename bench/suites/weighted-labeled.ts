/**
 * Label decisions on sampled traffic: labelled pairs weigh w = 1/`ml.sampling.probability` (the
 * prediction's), metrics are weighted, and the decisions count Kish's effective size
 * n_eff = (Σw)²/Σw² of the pairs. Traffic as in `weighted-drift`: half the pairs received come
 * from a `bulk` segment sampled at p = 0.1 (w = 10), half from a `rare` segment kept whole.
 *
 * - `accuracy_drop` (the default rule: Fisher's exact test against the pooled reference) on
 *   multiclass pairs: each window's pairs go through the real multiclass accumulator and
 *   `multiclassQuality`, `samples.effectiveLabeled` as `evaluateWindow` sets it, then
 *   `evaluateAlerts`. Bulk pairs are right with probability 0.85, rare ones with 0.6. False
 *   alarms: share of stationary windows firing; the same rule counting the raw pairs (the
 *   behaviour before multiclass pairs kept Σw²); power: the bulk segment's accuracy 5 points lower.
 * - quality attribution: pairs in 4 bins of `plan`, bulk error rate 0.1, rare 0.3, through the
 *   real quality-bins accumulator and `attributeQuality` against a baseline of ≥ 1000 pairs
 *   pooled from sampled windows. False alarms: share of stationary windows flagging any bin;
 *   the same counting Σw (cells read as if unweighted); power: one plan's bulk error 0.1 → 0.2.
 * - ground-truth coverage `< 0.9` (significance 0.005, the exact binomial check at the
 *   predictions' n_eff): bulk predictions get a label with probability 0.92, rare ones 0.7, so
 *   the weighted coverage is exactly 0.9 — the boundary, where firing is a false alarm; the same
 *   counting the raw predictions; power: bulk labelled with 0.865 (coverage 0.85).
 * - multilabel and ranking label alerts at the effective size: `weighted-set-alerts.ts`.
 */
import {
  DEFAULT_ALERT_RULES,
  DEFAULT_SIGNIFICANCE,
  type AlertRule,
} from '../../processor/src/alerts/alert-rule.js';
import { createAlertState } from '../../processor/src/alerts/alert-state.js';
import { ACCURACY_REFERENCE_LABELS } from '../../processor/src/alerts/alert-evidence.js';
import { evaluateAlerts } from '../../processor/src/alerts/evaluate-alerts.js';
import { createRng, type Rng } from '../../processor/src/evaluate/drift/rng.js';
import { multiclassQuality } from '../../processor/src/evaluate/output-quality.js';
import { attributeQuality } from '../../processor/src/evaluate/quality-attribution.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { multiclassOutputsAccumulator } from '../../processor/src/state/accumulators/multiclass-outputs.js';
import {
  QUALITY_BINS_KIND,
  type QualityBinsSnapshot,
} from '../../processor/src/state/quality-bins-acc.js';
import { benchWindow } from '../lib/bench-window.js';
import { weightedSetAlertRows } from './weighted-set-alerts.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';

const WINDOW_MS = 60_000;
const BULK_WEIGHT = 10;
const ACCURACY_RULES = DEFAULT_ALERT_RULES.filter((r) => r.name === 'accuracy_drop');
const CLASSES = 3;
const ACCURACY = { bulk: 0.85, rare: 0.6 };
const PLANS = ['free', 'pro', 'team', 'enterprise'];
const ERROR = { bulk: 0.1, rare: 0.3 };
const CAPS = { maxCategories: 1000 };

/** One multiclass pair: probability 0.7 on the predicted class, right with probability `a`. */
function multiclassPair(rng: Rng, a: number): { probabilities: number[]; label: number } {
  const predicted = rng.nextInt(CLASSES);
  const probabilities = Array.from({ length: CLASSES }, (_, i) => (i === predicted ? 0.7 : 0.15));
  const label = rng.next() < a ? predicted : (predicted + 1 + rng.nextInt(CLASSES - 1)) % CLASSES;
  return { probabilities, label };
}

/** A window of `n` sampled multiclass pairs as `evaluateWindow` reports it. */
function accuracyWindow(rng: Rng, key: string, k: number, n: number, drop: number, raw: boolean) {
  const acc = multiclassOutputsAccumulator(CLASSES);
  const state = acc.create();
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    const bulk = rng.next() < 0.5;
    const w = bulk ? BULK_WEIGHT : 1;
    weighted += w;
    acc.record(state, multiclassPair(rng, bulk ? ACCURACY.bulk - drop : ACCURACY.rare), w);
  }
  const snapshot = acc.snapshot(state);
  const outputs = multiclassQuality(snapshot);
  const effective = snapshot.ok ? snapshot.value.effectiveCount : n;
  const result: WindowResult = benchWindow(key, k, WINDOW_MS, {
    samples: {
      reference: 0,
      current: n,
      labeled: n,
      weighted: { reference: 0, current: weighted, labeled: weighted },
      ...(raw ? {} : { effectiveLabeled: effective }),
    },
    quality: outputs.quality,
    groundTruth: { coverage: 1, labeled: n, delays: {} },
  });
  return result;
}

/** One stream: reference windows, then `windows` windows; the windows where the rule started. */
function accuracyStream(
  seed: number,
  n: number,
  windows: number,
  drop: number,
  raw: boolean,
): boolean[] {
  const rng = createRng(seed);
  const state = createAlertState();
  const key = `stream-${seed}`;
  // The reference pools effective pairs: about 0.6 n of each window.
  const referenceWindows = Math.ceil(ACCURACY_REFERENCE_LABELS / (0.6 * n)) + 1;
  let k = 0;
  for (; k < referenceWindows; k++) {
    evaluateAlerts(state, ACCURACY_RULES, [accuracyWindow(rng, key, k, n, 0, raw)]);
  }
  const fired: boolean[] = [];
  for (let w = 0; w < windows; w++, k++) {
    const started = evaluateAlerts(state, ACCURACY_RULES, [
      accuracyWindow(rng, key, k, n, drop, raw),
    ]).some((t) => t.state === 'firing');
    fired.push(started);
  }
  return fired;
}

/** `n` sampled pairs in plan bins; `enterprise`'s bulk error rate is `shifted`. */
function attributionBins(rng: Rng, n: number, shifted: number, raw: boolean): QualityBinsSnapshot {
  const kind = QUALITY_BINS_KIND.forSetting('misclassified', CAPS);
  const s = kind.create();
  for (let i = 0; i < n; i++) {
    const bulk = rng.next() < 0.5;
    const plan = PLANS[rng.nextInt(PLANS.length)]!;
    const rate = bulk ? (plan === 'enterprise' ? shifted : ERROR.bulk) : ERROR.rare;
    const error = rng.next() < rate ? 1 : 0;
    kind.record(s, { bins: [['plan', plan]], error, weight: bulk ? BULK_WEIGHT : 1 });
  }
  const snapshot = kind.snapshot(s);
  if (!raw) return snapshot;
  // Σw read as if every pair weighed 1 (Σw² = Σw): the count the test used before n_eff.
  for (const bins of snapshot.cells.values())
    for (const c of bins.values()) Object.assign(c, { w2: c.n, errW2: c.err });
  return snapshot;
}

/** Share of windows flagging any bin, and flagging `enterprise`. */
function attributionRun(seed: number, n: number, windows: number, shifted: number, raw: boolean) {
  const rng = createRng(seed);
  // The processor pools the first windows up to ≥ 1000 pairs per attribute.
  const baseline = attributionBins(rng, Math.max(n, 1000), ERROR.bulk, raw);
  let any = 0;
  let target = 0;
  for (let w = 0; w < windows; w++) {
    const rows = attributeQuality(attributionBins(rng, n, shifted, raw), baseline)?.rows ?? [];
    if (rows.some((r) => r.significant)) any++;
    if (rows.some((r) => r.significant && r.bin === 'enterprise')) target++;
  }
  return { any: any / windows, target: target / windows };
}

const COVERAGE_RULE: AlertRule = {
  name: 'coverage_low',
  statistic: 'ground_truth.coverage',
  operator: '<',
  threshold: 0.9,
  forWindows: 1,
  severity: 'warning',
  minSamples: 100,
  significance: DEFAULT_SIGNIFICANCE,
};

/** Share of windows of `n` sampled predictions firing the coverage rule. */
function coverageRun(seed: number, n: number, windows: number, bulkLabelled: number, raw: boolean) {
  const rng = createRng(seed);
  let fired = 0;
  for (let k = 0; k < windows; k++) {
    let weight = 0;
    let squares = 0;
    let labelled = 0;
    for (let i = 0; i < n; i++) {
      const bulk = rng.next() < 0.5;
      const w = bulk ? BULK_WEIGHT : 1;
      weight += w;
      squares += w * w;
      if (rng.next() < (bulk ? bulkLabelled : 0.7)) labelled += w;
    }
    // As `evaluateWindow` reports it: the labelled share of Σw, n_eff when weighted.
    const result = benchWindow(`coverage-${seed}`, k, WINDOW_MS, {
      samples: {
        reference: 0,
        current: n,
        labeled: 0,
        ...(raw ? {} : { effectiveCurrent: (weight * weight) / squares }),
      },
      groundTruth: { coverage: labelled / weight, labeled: 0, delays: {} },
    });
    // A fresh alert state per window: each window's own decision.
    if (
      evaluateAlerts(createAlertState(), [COVERAGE_RULE], [result]).some(
        (t) => t.state === 'firing',
      )
    )
      fired++;
  }
  return fired / windows;
}

/** Runs the weighted label-decision rows. */
export async function runWeightedLabeled(options: SuiteOptions): Promise<SuiteResult> {
  await Promise.resolve();
  const rows: BenchRow[] = [];
  const streams = options.quick ? 60 : 300;
  const windows = options.quick ? 10 : 20;
  for (const n of [300, 1000, 3000]) {
    let fired = 0;
    let rawFired = 0;
    let evaluated = 0;
    for (let s = 0; s < streams; s++) {
      const a = accuracyStream(40_000 * n + s, n, windows, 0, false);
      const b = accuracyStream(40_000 * n + s, n, windows, 0, true);
      evaluated += a.length;
      fired += a.filter(Boolean).length;
      rawFired += b.filter(Boolean).length;
    }
    let powered = 0;
    const powerStreams = options.quick ? 40 : 200;
    for (let s = 0; s < powerStreams; s++) {
      if (accuracyStream(50_000 * n + s, n, 3, 0.05, false).some(Boolean)) powered++;
    }
    const fa = fired / evaluated;
    const power = powered / powerStreams;
    options.log(
      `weighted-labeled: accuracy_drop n=${n}: false alarms ${fired}/${evaluated} (raw count ${rawFired}), power within 3 windows ${powered}/${powerStreams}`,
    );
    const name = `weighted_labeled.half_at_p0.1.multiclass_accuracy_drop.n${n}`;
    rows.push(
      plainRow(`${name}.false_alarm_rate`, '%', round(100 * fa, 2), 'value <= 1', fa <= 0.01),
      plainRow(
        `${name}.false_alarm_rate_counting_raw_pairs`,
        '%',
        round((100 * rawFired) / evaluated, 2),
      ),
      plainRow(
        `${name}.power_5pt_within_3_windows`,
        'share of streams',
        round(power),
        n >= 3000 ? 'value >= 0.8' : null,
        n >= 3000 ? power >= 0.8 : null,
      ),
    );
  }
  const attributionWindows = options.quick ? 200 : 1000;
  for (const n of [300, 1000, 5000]) {
    const stationary = attributionRun(60_000 + n, n, attributionWindows, ERROR.bulk, false);
    const raw = attributionRun(60_000 + n, n, attributionWindows, ERROR.bulk, true);
    const power = attributionRun(70_000 + n, n, options.quick ? 100 : 300, 0.2, false);
    options.log(
      `weighted-labeled: attribution n=${n}: false alarms ${stationary.any} (counting Σw ${raw.any}), power ${power.target}`,
    );
    const name = `weighted_labeled.half_at_p0.1.quality_attribution.n${n}`;
    rows.push(
      plainRow(
        `${name}.false_alarm_rate`,
        '%',
        round(100 * stationary.any, 2),
        'value <= 1',
        stationary.any <= 0.01,
      ),
      plainRow(`${name}.false_alarm_rate_counting_weight_sum`, '%', round(100 * raw.any, 2)),
      plainRow(
        `${name}.power_bulk_error_0.1_to_0.2`,
        'share of windows',
        round(power.target),
        n >= 5000 ? 'value >= 0.8' : null,
        n >= 5000 ? power.target >= 0.8 : null,
      ),
    );
  }
  const coverageWindows = options.quick ? 500 : 3000;
  for (const n of [300, 1000, 5000]) {
    const fa = coverageRun(80_000 + n, n, coverageWindows, 0.92, false);
    const raw = coverageRun(80_000 + n, n, coverageWindows, 0.92, true);
    const power = coverageRun(90_000 + n, n, options.quick ? 200 : 1000, 0.865, false);
    options.log(
      `weighted-labeled: coverage n=${n}: false alarms ${fa} (counting raw predictions ${raw}), power ${power}`,
    );
    const name = `weighted_labeled.half_at_p0.1.coverage_below_0.9.n${n}`;
    rows.push(
      plainRow(`${name}.false_alarm_rate`, '%', round(100 * fa, 2), 'value <= 1', fa <= 0.01),
      plainRow(`${name}.false_alarm_rate_counting_raw_predictions`, '%', round(100 * raw, 2)),
      plainRow(
        `${name}.power_coverage_0.85`,
        'share of windows',
        round(power),
        n >= 5000 ? 'value >= 0.8' : null,
        n >= 5000 ? power >= 0.8 : null,
      ),
    );
  }
  const setTasks = weightedSetAlertRows(options);
  rows.push(...setTasks.rows);
  return {
    rows,
    notes: [
      setTasks.note,
      `weighted-labeled: half the pairs at p = 0.1 (w = 10); accuracy_drop on multiclass pairs (bulk accuracy 0.85, rare 0.6), ${streams} streams × ${windows} windows; quality attribution over 4 plan bins (bulk error 0.1, rare 0.3), ${attributionWindows} windows.`,
    ],
  };
}
