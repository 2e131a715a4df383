/**
 * Drift decisions on sampled traffic (issue 17 item 4): records carry `ml.sampling.probability`
 * and are weighed by 1/p; decisions read Kish's effective size n_eff = (Σw)²/Σw². Through the
 * processor's own path: OTLP log records → `ingest` (extraction reads the probability) →
 * `closeWindows` (the all-slices stream merges the weighted slice states) → `evaluateWindow`
 * with the service's reference cache and default ladders.
 *
 * Traffic: two segments. `bulk` (10/11 of the population, features N(0, 1)) is sampled at
 * p = 0.1 (w = 10); `rare` (1/11, features N(1.5, 1)) is kept whole (p = 1). So about half the
 * records received weigh 10 — "half the records at p = 0.1" — and the weighted distribution is
 * the population's, not the 50/50 mix received; n_eff ≈ 0.6·n. Each window draws the segment of
 * every record afresh. 5 numeric features and one categorical (`plan`, whose shares differ by
 * segment). Windows 0 … W−1 are stationary; window W moves every numeric feature of both
 * segments by +0.5σ and the bulk segment's `plan` shares. False alarms: share of the decisions
 * of windows 1 … W−1 that say `drift`; power: share of those of window W.
 */
import {
  ATTR_ML_FEATURES,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_SAMPLING_PROBABILITY,
  ATTR_ML_SLICE,
} from '@mlmon/conventions';
import { ingest } from '../../processor/src/core.js';
import type { Attributes, LogRecord } from '../../processor/src/decode/otlp-types.js';
import { evaluateWindow } from '../../processor/src/evaluate/evaluate-window.js';
import { ReferenceCache } from '../../processor/src/evaluate/reference-cache.js';
import type { MonitorState } from '../../processor/src/state/monitor-state.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';
import { logsRequest, predictionLogRecord } from '../lib/stream-fill.js';
import { normalSource, seededRandom } from '../lib/synthetic.js';
import { benchState, close, windowStart } from '../lib/window-cycle.js';

const FEATURES = ['x0', 'x1', 'x2', 'x3', 'x4'];
const PLANS = ['free', 'pro', 'team'];
/** `plan` shares of each segment; the shifted window moves the bulk segment's. */
const PLAN_SHARES = { bulk: [0.6, 0.3, 0.1], rare: [0.2, 0.3, 0.5], shifted: [0.5, 0.3, 0.2] };
const BULK_PROBABILITY = 0.1;
const RARE_MEAN = 1.5;
const SHIFT_SD = 0.5;

/** Counts of decisions. */
interface Tally {
  decided: number;
  drifted: number;
}

/** A `plan` value drawn from `shares`. */
function draw(shares: readonly number[], u: number): string {
  let acc = 0;
  for (let i = 0; i < shares.length; i++) {
    acc += shares[i]!;
    if (u < acc) return PLANS[i]!;
  }
  return PLANS[PLANS.length - 1]!;
}

/** The sampled records of window `k`: `n` per stream, each bulk (p = 0.1) or rare (p = 1). */
function sampledRecords(k: number, streams: number, n: number, shifted: boolean): LogRecord[] {
  const uniform = seededRandom(7000 + k);
  const normal = normalSource(uniform);
  const records: LogRecord[] = [];
  const t = BigInt(windowStart(k) + 500) * 1_000_000n;
  for (let e = 0; e < n; e++) {
    for (let s = 0; s < streams; s++) {
      // Received records are half bulk, half rare (bulk is 10× as common but kept at p = 0.1).
      const bulk = uniform() < 0.5;
      const features: Attributes = {};
      for (const name of FEATURES) {
        features[name] = (bulk ? 0 : RARE_MEAN) + (shifted ? SHIFT_SD : 0) + normal();
      }
      const shares = bulk ? (shifted ? PLAN_SHARES.shifted : PLAN_SHARES.bulk) : PLAN_SHARES.rare;
      features['plan'] = draw(shares, uniform());
      records.push(
        predictionLogRecord(t, {
          [ATTR_ML_MODEL_NAME]: 'bench-sampled',
          [ATTR_ML_MODEL_VERSION]: '1',
          [ATTR_ML_SAMPLING_PROBABILITY]: bulk ? BULK_PROBABILITY : 1,
          [ATTR_ML_SLICE('shard')]: `s${s}`,
          [ATTR_ML_FEATURES]: features,
        }),
      );
    }
  }
  return records;
}

/** Ingests window `k`, closes it and tallies its primary feature decisions. */
function runWindow(
  state: MonitorState,
  cache: ReferenceCache,
  k: number,
  streams: number,
  n: number,
  shifted: boolean,
  tallies: { numeric: Tally; categorical: Tally } | undefined,
): void {
  const records = sampledRecords(k, streams, n, shifted);
  const result = ingest(state, logsRequest(records), windowStart(k) + 1000);
  if (result.accepted !== records.length) {
    throw new Error(`weighted-drift: ${result.accepted}/${records.length} records accepted`);
  }
  for (const w of close(state, k)) {
    const evaluated = evaluateWindow(w, { cache });
    if (tallies === undefined) continue;
    for (const d of evaluated.drift) {
      if (!d.primary || d.kind !== 'feature' || d.state === 'insufficient_data') continue;
      const tally = d.feature === 'plan' ? tallies.categorical : tallies.numeric;
      tally.decided++;
      if (d.state === 'drift') tally.drifted++;
    }
  }
}

/** Runs the weighted-drift rows. */
export async function runWeightedDrift(options: SuiteOptions): Promise<SuiteResult> {
  await Promise.resolve();
  const sizes = options.quick ? [200, 1000] : [200, 1000, 5000];
  const windows = options.quick ? 8 : 30;
  const rows: BenchRow[] = [];
  for (const n of sizes) {
    const streams = Math.max(6, Math.round(20_000 / n));
    const state = benchState(streams, 'first-window', false);
    const cache = new ReferenceCache();
    const stationary = {
      numeric: { decided: 0, drifted: 0 },
      categorical: { decided: 0, drifted: 0 },
    };
    const shifted = {
      numeric: { decided: 0, drifted: 0 },
      categorical: { decided: 0, drifted: 0 },
    };
    const t0 = performance.now();
    runWindow(state, cache, 0, streams, n, false, undefined);
    for (let k = 1; k < windows; k++) runWindow(state, cache, k, streams, n, false, stationary);
    runWindow(state, cache, windows, streams, n, true, shifted);
    const ms = performance.now() - t0;
    for (const kind of ['numeric', 'categorical'] as const) {
      const fa = stationary[kind].drifted / Math.max(1, stationary[kind].decided);
      const power = shifted[kind].drifted / Math.max(1, shifted[kind].decided);
      options.log(
        `weighted-drift: n=${n} ${kind}: false alarms ${stationary[kind].drifted}/${stationary[kind].decided}, power ${shifted[kind].drifted}/${shifted[kind].decided} (${Math.round(ms)} ms)`,
      );
      const name = `weighted_drift.half_at_p0.1.${kind}.n${n}`;
      // The categorical shift (a tenth of the bulk's shares moved) needs n_eff in the thousands.
      const powerGoal = n >= (kind === 'numeric' ? 1000 : 5000);
      rows.push(
        plainRow(`${name}.false_alarm_rate`, '%', round(100 * fa, 2), 'value <= 1', fa <= 0.01),
        plainRow(
          `${name}.power`,
          '%',
          round(100 * power, 1),
          powerGoal ? 'value >= 99' : null,
          powerGoal ? power >= 0.99 : null,
        ),
      );
    }
  }
  return {
    rows,
    notes: [
      `weighted_drift: sampled traffic, half the records received at ml.sampling.probability = 0.1 (w = 10, features N(0,1)) and half at p = 1 (N(${RARE_MEAN},1)); n = records received per stream and window (n_eff ≈ 0.6·n); ${windows - 1} stationary windows against the first, then one with every numeric feature +${SHIFT_SD}σ and the bulk segment's plan shares moved (power); slice streams plus the all-slices stream; primary decisions of 5 numeric features and 1 categorical.`,
    ],
  };
}
