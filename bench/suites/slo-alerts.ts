/**
 * Decision quality of the SLO burn-rate alerts (`alerts/evaluate-slos.ts`) with the workbook's
 * default pairs, on simulated traffic of an availability SLO (target 99.9 %, 30-day period,
 * 5-minute windows) at 100, 1000 and 10 000 calls per window; failures per window are drawn
 * exactly from Binomial(calls, p), seeded:
 *
 * - false alarms: 3 days of healthy traffic burning at 0.5× (p = half the budget rate) — share of
 *   runs in which any alert (page or ticket) fires;
 * - page false alarms at exactly the objective (1×, where the 1× ticket is meant to open): share
 *   of runs in which a page fires;
 * - power: one day at 0.5×, then 28.8× (twice the page rate) for an hour — share of runs paged
 *   within it and the median minutes to the page (≈ 30: the 1 h pair fires once 2 % of the budget
 *   is spent); 14.4× (exactly the rate) for two hours — share paged (the threshold itself, about
 *   one in two); an outage (every call fails) — median minutes to the page (≈ 5).
 */
import { evaluateSlos } from '../../processor/src/alerts/evaluate-slos.js';
import { createAlertState } from '../../processor/src/alerts/alert-state.js';
import { createRng, type Rng } from '../../processor/src/evaluate/drift/rng.js';
import {
  defaultBurnRateAlerts,
  type SloDefinition,
} from '../../processor/src/evaluate/slo/slo-definition.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';
import { benchWindow } from '../lib/bench-window.js';

const WINDOW_MS = 5 * 60 * 1000;
const PERIOD = 30 * 86400;
const SLO: SloDefinition = {
  name: 'bench-availability',
  match: { model: 'bench' },
  indicator: { kind: 'errors' },
  target: 0.999,
  periodSeconds: PERIOD,
  alerts: defaultBurnRateAlerts(PERIOD),
};
const BUDGET = 1 - SLO.target;

/** Exact Binomial(n, p) draw by inversion (n·p is small here, so the walk is short). */
function binomial(rng: Rng, n: number, p: number): number {
  if (p >= 1) return n;
  const u = rng.next();
  let k = 0;
  let prob = Math.pow(1 - p, n);
  let cdf = prob;
  while (u > cdf && k < n) {
    prob *= ((n - k) / (k + 1)) * (p / (1 - p));
    k++;
    cdf += prob;
  }
  return k;
}

function windowResult(k: number, calls: number, errors: number): WindowResult {
  return benchWindow('bench', k, WINDOW_MS, {
    service: {
      requests: calls,
      errors,
      errorsByType: errors > 0 ? { timeout: errors } : {},
      errorRatio: errors / calls,
      throughputPerSecond: calls / 300,
    },
  });
}

/** Runs `windows` windows of `calls` calls at burn rate `burnAt(k)`; the alerts that fired. */
function simulate(
  seed: number,
  calls: number,
  windows: number,
  burnAt: (k: number) => number,
): { severity: string; window: number }[] {
  const rng = createRng(seed);
  const state = createAlertState();
  const fired: { severity: string; window: number }[] = [];
  // Start well after the epoch so every ring bucket id is positive.
  const offset = 10_000;
  for (let k = 0; k < windows; k++) {
    const errors = binomial(rng, calls, Math.min(1, burnAt(k) * BUDGET));
    const { transitions } = evaluateSlos(state, [SLO], [windowResult(offset + k, calls, errors)]);
    for (const t of transitions) {
      if (t.state === 'firing') fired.push({ severity: t.severity, window: k });
    }
  }
  return fired;
}

/** Runs the SLO alert suite. */
export async function runSloAlerts(options: SuiteOptions): Promise<SuiteResult> {
  const runs = options.quick ? 40 : 200;
  const rows: BenchRow[] = [];
  const perDay = 86400_000 / WINDOW_MS;
  for (const calls of [100, 1000, 10_000]) {
    options.log(`slo-alerts: ${runs} runs at ${calls} calls per 5-minute window`);
    let anyAt05 = 0;
    let pageAt1 = 0;
    let caught = 0;
    const delays: number[] = [];
    const outageDelays: number[] = [];
    const thresholdDelays: number[] = [];
    for (let r = 0; r < runs; r++) {
      const seed = 1000 * calls + r;
      if (simulate(seed, calls, 3 * perDay, () => 0.5).length > 0) anyAt05++;
      if (simulate(seed + 7, calls, 3 * perDay, () => 1).some((f) => f.severity === 'page'))
        pageAt1++;
      const start = perDay;
      const page = (burn: number, windows: number) =>
        simulate(seed + 13, calls, start + windows, (k) => (k >= start ? burn : 0.5)).find(
          (f) => f.severity === 'page' && f.window >= start,
        );
      // At its threshold the 1 h pair fires once the hour is spent, about half the time; at
      // twice the threshold it must fire, in about half an hour.
      const atThreshold = page(14.4, 24);
      if (atThreshold !== undefined) thresholdDelays.push((atThreshold.window - start + 1) * 5);
      const twice = page(28.8, 12);
      if (twice !== undefined) {
        caught++;
        delays.push((twice.window - start + 1) * 5);
      }
      const outage = page(1000, 12);
      if (outage !== undefined) outageDelays.push((outage.window - start + 1) * 5);
    }
    const median = (xs: number[]): number | null =>
      xs.length > 0 ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : null;
    const fa = anyAt05 / runs;
    const fp = pageAt1 / runs;
    rows.push(
      plainRow(
        `detection.slo.false_alarm.burn_0.5x.calls_${calls}`,
        'share of 3-day runs',
        round(fa),
        'value <= 0.01',
        fa <= 0.01,
      ),
      plainRow(
        `detection.slo.page_false_alarm.burn_1x.calls_${calls}`,
        'share of 3-day runs',
        round(fp),
        'value <= 0.01',
        fp <= 0.01,
      ),
      plainRow(
        `detection.slo.power.burn_28.8x_1h.calls_${calls}`,
        'share paged within the hour',
        round(caught / runs),
        'value >= 0.99',
        caught / runs >= 0.99,
      ),
      plainRow(
        `detection.slo.page_delay.burn_28.8x.calls_${calls}`,
        'minutes (median)',
        median(delays),
      ),
      plainRow(
        `detection.slo.paged_within_2h.burn_14.4x.calls_${calls}`,
        'share of runs',
        round(thresholdDelays.length / runs),
      ),
      plainRow(
        `detection.slo.page_delay.outage.calls_${calls}`,
        'minutes (median)',
        median(outageDelays),
      ),
    );
  }
  return {
    rows,
    notes: [
      `slo-alerts: availability SLO 99.9 % over 30 days, workbook pairs (14.4× 1h/5m and 6× 6h/30m page, 1× 3d/6h ticket), 5-minute windows, ${runs} seeded runs per row; failures per window drawn exactly from Binomial(calls, burn × 0.1 %).`,
    ],
  };
}
