/**
 * Golden test of the pure core: OTLP fixture requests → decode → ingest → closeWindows →
 * evaluateWindow → normalized metrics output (Prometheus text of the model metrics), pinned
 * with toMatchFileSnapshot. Statistics are checked elsewhere against SciPy; this pins the shape:
 * which series exist, their names, labels and values.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../processor/src/core.js';
import { decodeOtlpRequest } from '../../processor/src/decode/decode-otlp-request.js';
import { evaluateWindow } from '../../processor/src/evaluate/evaluate-window.js';
import { ReferenceCache } from '../../processor/src/evaluate/reference-cache.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { renderPrometheusText } from '../../processor/src/export/prometheus-text.js';
import { windowMetrics } from '../../processor/src/export/window-metrics.js';
import { closeWindows } from '../../processor/src/state/close-windows.js';
import { createState } from '../../processor/src/state/streams.js';
import { expectedBinary } from './support/expected.js';
import { logsRequestJson } from './support/otlp-json.js';
import { parsePrometheus, select } from './support/prometheus-parse.js';
import {
  closedAfter,
  driftScenario,
  LATENESS_SECONDS,
  T0,
  T1,
  WINDOW_SECONDS,
} from './support/scenario.js';

function runCore(): { results: WindowResult[]; rejected: number } {
  const scenario = driftScenario();
  const state = createState({
    windowSeconds: WINDOW_SECONDS,
    allowedLatenessSeconds: LATENESS_SECONDS,
  });
  const cache = new ReferenceCache();
  const results: WindowResult[] = [];
  let rejected = 0;
  const send = (events: typeof scenario.reference, nowMs: number) => {
    const outcome = ingest(
      state,
      decodeOtlpRequest('logs', logsRequestJson(events), 'json'),
      nowMs,
    );
    rejected += outcome.rejectedTotal;
  };
  send(scenario.reference, T0 + 55_000);
  results.push(...closeWindows(state, closedAfter(T0)).map((w) => evaluateWindow(w, { cache })));
  send(scenario.current, T1 + 55_000);
  send(scenario.labels, T1 + 56_000);
  results.push(...closeWindows(state, closedAfter(T1)).map((w) => evaluateWindow(w, { cache })));
  return { results, rejected };
}

describe('pure core: OTLP requests → ingest → closeWindows → evaluate → metrics', () => {
  const { results, rejected } = runCore();
  const latest = new Map(results.map((r) => [r.stream.key, r]));
  const text = renderPrometheusText({
    timeUnixMillis: closedAfter(T1),
    startUnixMillis: T0,
    temporality: 'cumulative',
    resources: windowMetrics([...latest.values()].map((result) => ({ result }))),
  });

  it('accepts every record and closes both windows for all three streams', () => {
    expect(rejected).toBe(0);
    expect(results.map((r) => [r.startUnixMillis, Object.values(r.stream.slice).join()])).toEqual(
      expect.arrayContaining([
        [T0, ''],
        [T0, 'eu'],
        [T0, 'us'],
        [T1, ''],
        [T1, 'eu'],
        [T1, 'us'],
      ]),
    );
  });

  it('flags only the shifted feature, overall and per slice', () => {
    const samples = parsePrometheus(text);
    for (const region of [undefined, 'eu', 'us']) {
      const drifted = select(samples, 'ml_drift_status', {
        ml_drift_state: 'drift',
        ml_drift_kind: 'feature',
        ml_slice_region: region,
      });
      expect(drifted.filter((s) => s.value === 1).map((s) => s.labels['ml_feature_name'])).toEqual([
        'amount',
        'amount',
      ]);
      expect(drifted.length).toBe(6); // 3 features × (default method + PSI)
    }
  });

  it('reports accuracy equal to the direct computation', () => {
    const scenario = driftScenario();
    const samples = parsePrometheus(text);
    const overall = select(samples, 'ml_quality_score', {
      ml_quality_metric: 'accuracy',
      ml_slice_region: undefined,
    });
    expect(overall).toHaveLength(1);
    expect(overall[0]!.value).toBeCloseTo(expectedBinary(scenario.pairs).accuracy, 12);
  });

  it('matches the pinned rendering', async () => {
    await expect(text).toMatchFileSnapshot('./__snapshots__/pure-core.prom');
  });
});
