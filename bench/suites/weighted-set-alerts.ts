/**
 * Label alerts of multilabel and ranking models on sampled traffic (part of `weighted-labeled`):
 * their pairs weigh w = 1/`ml.sampling.probability`, and the minimum-samples rule (100) counts
 * Kish's n_eff = (Σw)²/Σw² of the pairs, as `evaluateWindow` sets `samples.effectiveLabeled`
 * from the accumulators' Σw². Traffic: 5 % of the pairs from a `bulk` segment sampled at
 * p = 0.01 (w = 100), the rest kept whole, so n_eff ≈ 0.07 n.
 *
 * These rules have no significance check (micro F1 and NDCG have no exact count model in
 * `alert-evidence.ts`): the minimum-samples rule is what keeps them off noise. The rules sit
 * 0.1 below the stationary value (micro F1 < F1₀ − 0.1, NDCG@5 < NDCG₀ − 0.1, F1₀ and NDCG₀
 * measured on 200 000 pairs first). False alarms: share of stationary windows firing; the same
 * windows judged counting the raw pairs (the behaviour before these pairs kept Σw²); power: the
 * bulk segment's model worse (true labels kept 0.85 → 0.35; relevant item first 0.6 → 0.1).
 */
import { DEFAULT_SIGNIFICANCE, type AlertRule } from '../../processor/src/alerts/alert-rule.js';
import { createAlertState } from '../../processor/src/alerts/alert-state.js';
import { evaluateAlerts } from '../../processor/src/alerts/evaluate-alerts.js';
import { createRng, type Rng } from '../../processor/src/evaluate/drift/rng.js';
import { multilabelQuality, rankingQuality } from '../../processor/src/evaluate/set-quality.js';
import type { QualityResult } from '../../processor/src/evaluate/window-result.js';
import {
  multilabelOutputsAccumulator,
  rankingOutputsAccumulator,
} from '../../processor/src/state/accumulators/index.js';
import { benchWindow } from '../lib/bench-window.js';
import { plainRow, round, type BenchRow, type SuiteOptions } from '../lib/row.js';

const WINDOW_MS = 60_000;
const BULK_SHARE = 0.05;
const BULK_WEIGHT = 100;
const LABELS = ['a', 'b', 'c', 'd', 'e'];
const PREVALENCE = [0.5, 0.4, 0.3, 0.2, 0.1];
const ITEMS = Array.from({ length: 10 }, (_, i) => `doc-${i}`);
const K = 5;

/** One segment's model quality: multilabel true-label recall, ranking top-1 share. */
interface Model {
  readonly keep: number;
  readonly first: number;
}
const STATIONARY: Model = { keep: 0.85, first: 0.6 };
const WORSE: Model = { keep: 0.35, first: 0.1 };

function multilabelPair(rng: Rng, m: Model) {
  const actual = LABELS.filter((_, i) => rng.next() < PREVALENCE[i]!);
  const predicted = LABELS.filter((l) =>
    actual.includes(l) ? rng.next() < m.keep : rng.next() < 0.05,
  );
  return { predicted, actual };
}

function rankingQuery(rng: Rng, m: Model) {
  const relevant = ITEMS[rng.nextInt(ITEMS.length)]!;
  const rest = ITEMS.filter((x) => x !== relevant);
  const at = rng.next() < m.first ? 0 : 1 + rng.nextInt(rest.length);
  const ranking = [...rest.slice(0, at), relevant, ...rest.slice(at)];
  return { ranking, relevant: [relevant], k: K };
}

type Task = 'multilabel' | 'ranking';

/** One window of `n` sampled pairs: its quality and n_eff; bulk pairs follow `bulk`. */
function windowQuality(rng: Rng, task: Task, n: number, bulk: Model) {
  if (task === 'multilabel') {
    const acc = multilabelOutputsAccumulator({ maxLabels: 100 });
    const s = acc.create();
    for (let i = 0; i < n; i++) {
      const isBulk = rng.next() < BULK_SHARE;
      acc.record(s, multilabelPair(rng, isBulk ? bulk : STATIONARY), isBulk ? BULK_WEIGHT : 1);
    }
    const snapshot = acc.snapshot(s);
    return { quality: multilabelQuality(snapshot)!.quality, effective: snapshot.effectiveCount };
  }
  const acc = rankingOutputsAccumulator();
  const s = acc.create();
  for (let i = 0; i < n; i++) {
    const isBulk = rng.next() < BULK_SHARE;
    acc.record(s, rankingQuery(rng, isBulk ? bulk : STATIONARY), isBulk ? BULK_WEIGHT : 1);
  }
  const snapshot = acc.snapshot(s);
  return { quality: rankingQuality(snapshot)!.quality, effective: snapshot.effectiveCount };
}

const METRIC: Record<Task, string> = { multilabel: 'micro_f1', ranking: 'ndcg' };

/** The stationary value of the task's metric, on 200 000 unweighted pairs. */
function stationaryValue(task: Task): number {
  const { quality } = windowQuality(createRng(7), task, 200_000, STATIONARY);
  return quality.find((q) => q.metric === METRIC[task])!.value!;
}

/** Whether the rule fires on one window, counting n_eff (or the raw pairs). */
function fires(rule: AlertRule, quality: QualityResult[], n: number, effective?: number): boolean {
  const result = benchWindow('set-task', 0, WINDOW_MS, {
    samples: {
      reference: 0,
      current: n,
      labeled: n,
      ...(effective !== undefined ? { effectiveLabeled: effective } : {}),
    },
    quality,
  });
  return evaluateAlerts(createAlertState(), [rule], [result]).some((t) => t.state === 'firing');
}

/** Share of windows firing, counting n_eff and counting the raw pairs. */
function run(rule: AlertRule, task: Task, seed: number, n: number, windows: number, bulk: Model) {
  const rng = createRng(seed);
  let fired = 0;
  let raw = 0;
  for (let w = 0; w < windows; w++) {
    const { quality, effective } = windowQuality(rng, task, n, bulk);
    if (fires(rule, quality, n, effective)) fired++;
    if (fires(rule, quality, n)) raw++;
  }
  return { fired: fired / windows, raw: raw / windows };
}

/** The rows of the multilabel and ranking label alerts on sampled traffic. */
export function weightedSetAlertRows(options: SuiteOptions): { rows: BenchRow[]; note: string } {
  const rows: BenchRow[] = [];
  const windows = options.quick ? 200 : 1000;
  const powerWindows = options.quick ? 100 : 300;
  const notes: string[] = [];
  for (const task of ['multilabel', 'ranking'] as const) {
    const reference = stationaryValue(task);
    const rule: AlertRule = {
      name: `${task}_low`,
      statistic: `quality.${METRIC[task]}`,
      operator: '<',
      threshold: reference - 0.1,
      forWindows: 1,
      severity: 'warning',
      minSamples: 100,
      significance: DEFAULT_SIGNIFICANCE,
    };
    notes.push(`${METRIC[task]}₀ = ${round(reference, 4)}`);
    for (const n of [300, 1000, 3000, 10_000]) {
      const stationary = run(rule, task, 110_000 + n, n, windows, STATIONARY);
      const power = run(rule, task, 120_000 + n, n, powerWindows, WORSE);
      const neff = Math.round(n * 0.0707);
      options.log(
        `weighted-labeled: ${task} ${METRIC[task]} n=${n} (n_eff≈${neff}): false alarms ${stationary.fired} (raw count ${stationary.raw}), power ${power.fired}`,
      );
      const name = `weighted_labeled.5pct_at_p0.01.${task}_${METRIC[task]}_below_stationary_minus_0.1.n${n}`;
      rows.push(
        plainRow(
          `${name}.false_alarm_rate`,
          '%',
          round(100 * stationary.fired, 2),
          'value <= 1',
          stationary.fired <= 0.01,
        ),
        plainRow(
          `${name}.false_alarm_rate_counting_raw_pairs`,
          '%',
          round(100 * stationary.raw, 2),
        ),
        plainRow(
          `${name}.power_bulk_model_worse`,
          'share of windows',
          round(power.fired),
          n >= 10_000 ? 'value >= 0.8' : null,
          n >= 10_000 ? power.fired >= 0.8 : null,
        ),
      );
    }
  }
  return {
    rows,
    note: `weighted-labeled: multilabel/ranking rules, 5 % of pairs at p = 0.01 (w = 100), n_eff ≈ 0.07 n; ${windows} windows per n (${notes.join(', ')}).`,
  };
}
