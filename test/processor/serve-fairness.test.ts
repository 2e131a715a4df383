/**
 * Fairness through a real in-process `mlmon serve`, fed by the real OTel JS SDK over OTLP/HTTP:
 * a model configured with two sensitive attributes — the slice attribute `gender` (some
 * predictions lack it) and the feature `zip` (a distinct value per prediction, far beyond the
 * group cap) — sends the golden case `service_window` (test/golden/scripts/fairness.py) in two
 * windows, labels included (the case's unlabeled rows get a label that is not 0/1), then a
 * window of equal groups. /metrics and the status API carry the golden values; the four-fifths
 * rule fires once after the second window and resolves once in the third, as `ml.alert` events
 * at the OTLP export endpoint.
 */
import {
  ATTR_ML_ALERT_RULE,
  ATTR_ML_ALERT_STATE,
  ATTR_ML_FEATURE_NAME,
  ATTR_ML_FEATURES,
  ATTR_ML_GROUND_TRUTH_VALUE,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_SLICE,
  EVENT_ML_ALERT,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FairnessResult } from '../../processor/src/evaluate/fairness-result.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { FAIRNESS_CASES, fairnessMisses } from '../golden/fairness-golden-data.js';
import { parsePrometheus, select, type Sample } from './support/prometheus-parse.js';
import {
  logAttribute,
  startLogsCollector,
  type JsonLogRecord,
} from '../support/otlp-logs-collector.js';
import { closedAfter, T0, WINDOW_SECONDS, type ScenarioEvent } from './support/scenario.js';
import { sdkLogs, startTestService, type TestService } from './support/start-service.js';

const CASE = FAIRNESS_CASES.find((c) => c.name === 'service_window')!;
const GENDER = ATTR_ML_SLICE('gender');
const MODEL = 'credit';
const W = WINDOW_SECONDS * 1000;

/** The case's rows as prediction and label events of the window at `start`. */
function windowEvents(start: number, equalGroups: boolean): ScenarioEvent[] {
  const events: ScenarioEvent[] = [];
  const labels: ScenarioEvent[] = [];
  const seen = new Map<string, number>();
  CASE.groups.forEach((group, i) => {
    const id = `${start}-${i}`;
    // Equal groups: every group's k-th prediction alternates between selected and not.
    const k = seen.get(group ?? '') ?? 0;
    seen.set(group ?? '', k + 1);
    const score = equalGroups ? (k % 2 === 0 ? 0.7 : 0.3) : CASE.scores[i]!;
    events.push({
      eventName: EVENT_ML_PREDICTION,
      timeMs: start + 1000 + Math.floor((i * 40_000) / CASE.groups.length),
      attributes: {
        [ATTR_ML_MODEL_NAME]: MODEL,
        [ATTR_ML_MODEL_VERSION]: '1',
        [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
        [ATTR_ML_PREDICTION_ID]: id,
        [ATTR_ML_PREDICTION_SCORE]: score,
        ...(group !== null ? { [GENDER]: group } : {}),
        [ATTR_ML_FEATURES]: { zip: `z${i}` },
      },
    });
    labels.push({
      eventName: EVENT_ML_GROUND_TRUTH,
      timeMs: start + 50_000,
      attributes: {
        [ATTR_ML_MODEL_NAME]: MODEL,
        [ATTR_ML_PREDICTION_ID]: id,
        [ATTR_ML_GROUND_TRUTH_VALUE]: CASE.labels[i] ?? 7,
      },
    });
  });
  return [...events, ...labels];
}

const attr = logAttribute;

describe('fairness through mlmon serve with the OTel SDK', () => {
  let svc: TestService;
  let collector: Awaited<ReturnType<typeof startLogsCollector>>;
  let alertEvents: JsonLogRecord[] = [];
  const results: WindowResult[][] = [];
  let samples: Sample[];

  beforeAll(async () => {
    collector = await startLogsCollector();
    alertEvents = collector.records;
    const port = collector.port;
    svc = await startTestService(T0, {
      modelFairness: [
        {
          model: MODEL,
          fairness: {
            attributes: [{ name: GENDER, referenceGroup: 'm' }, { name: 'zip' }],
            minGroupCount: CASE.min_group_count,
            maxGroups: CASE.max_groups,
            alpha: CASE.alpha,
          },
        },
      ],
      export: {
        metricsUrl: `http://127.0.0.1:${port}/v1/metrics`,
        protocol: 'http/json',
        headers: {},
        temporality: 'cumulative',
        intervalSeconds: 3600,
        timeoutSeconds: 5,
      },
    });
    const sdk = sdkLogs(svc.addresses, 'http/protobuf');
    for (const [k, equal] of [false, false, true].entries()) {
      const start = T0 + k * W;
      svc.clock.set(start + 55_000);
      await sdk.send(windowEvents(start, equal));
      svc.clock.set(closedAfter(start));
      results.push(await svc.service.flush());
      if (k === 0) samples = parsePrometheus(await svc.metrics());
    }
    await sdk.shutdown();
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
    await collector?.close();
  });

  const fairnessOf = (window: WindowResult[]): readonly FairnessResult[] | undefined =>
    window.find((r) => Object.keys(r.stream.slice).length === 0)?.fairness;

  it('computes the golden values on the all-slices stream only', () => {
    const [gender, zip] = fairnessOf(results[0]!)!;
    expect(fairnessMisses(gender!, CASE)).toEqual([]);
    expect(gender!.rejectedLabels).toBe(CASE.labels.filter((l) => l === null).length);
    expect(zip!.attribute).toBe('zip');
    // Slice streams hold one gender each: no fairness result of their own.
    expect(results[0]!.filter((r) => r.fairness !== undefined)).toHaveLength(1);
  });

  it('caps the groups of an attribute with thousands of values and counts the rest', () => {
    const zip = fairnessOf(results[0]!)![1]!;
    const named = zip.groups.filter((g) => g.pooled === undefined);
    expect(named).toHaveLength(CASE.max_groups);
    const other = zip.groups.find((g) => g.pooled === 'other')!;
    expect(other.group).toBe('_OTHER');
    expect(other.predictions).toBe(CASE.groups.length - CASE.max_groups);
    // Groups of one prediction are too small to compare.
    expect(zip.disparities.every((d) => d.value === undefined && d.reason !== undefined)).toBe(
      true,
    );
  });

  it('counts predictions without the attribute in their own group', () => {
    const gender = fairnessOf(results[0]!)![0]!;
    const unknown = gender.groups.find((g) => g.group === '_UNKNOWN')!;
    expect(unknown.pooled).toBe('unknown');
    expect(unknown.predictions).toBe(CASE.groups.filter((g) => g === null).length);
  });

  it('exports the rates, samples, disparities and p-values to Prometheus', () => {
    const e = CASE.expected;
    const base = { ml_model_name: MODEL, ml_fairness_attribute: GENDER };
    for (const [group, g] of Object.entries(e.groups)) {
      const rate = select(samples, 'ml_fairness_group_rate', {
        ...base,
        ml_fairness_group: group,
        ml_fairness_rate: 'selection_rate',
      });
      expect(rate.map((s) => s.value)).toEqual([g.selection_rate!.value]);
      const n = select(samples, 'ml_fairness_group_samples', {
        ...base,
        ml_fairness_group: group,
        ml_monitor_population: 'labeled',
      });
      expect(n.map((s) => s.value)).toEqual([g.labeled]);
    }
    for (const metric of ['demographic_parity_ratio', 'equalized_odds_difference'] as const) {
      const value = select(samples, 'ml_fairness_disparity', {
        ...base,
        ml_fairness_metric: metric,
      });
      expect(value[0]!.value).toBeCloseTo(e[metric]!.value, 12);
      const p = select(samples, 'ml_fairness_disparity_p_value', {
        ...base,
        ml_fairness_metric: metric,
      });
      expect(p[0]!.value / e[metric]!.p_value!).toBeCloseTo(1, 6);
    }
    // Slice series never carry fairness points (no high-cardinality label beyond the groups).
    expect(
      samples.filter((s) => s.name.startsWith('ml_fairness') && s.labels['ml_slice_gender']),
    ).toEqual([]);
  });

  it('serves the latest fairness and the gap history on the status API', async () => {
    const url = `http://127.0.0.1:${svc.addresses.prometheusPort}/api/v1/models/${MODEL}/versions/1`;
    const detail = (await (await fetch(url)).json()) as {
      slices: {
        label: string;
        fairness?: {
          latest: FairnessResult[];
          history: ({ attribute: string; metric: string; value?: number }[] | null)[];
        };
      }[];
      alerts: { rule: string; state: string; feature?: string }[];
    };
    const all = detail.slices.find((s) => s.label === 'all')!;
    const ratio = all.fairness!.history.map(
      (w) =>
        w?.find((d) => d.attribute === GENDER && d.metric === 'demographic_parity_ratio')?.value,
    );
    expect(ratio.slice(0, 2)).toEqual([
      CASE.expected.demographic_parity_ratio!.value,
      CASE.expected.demographic_parity_ratio!.value,
    ]);
    expect(ratio[2]).toBe(1);
    const reference = all.fairness!.latest[0]!.groups.find((g) => g.group === 'm')!;
    expect(reference.selectionRateRatioToReference).toBe(1);
    expect(detail.slices.filter((s) => s.fairness !== undefined)).toHaveLength(1);
    expect(detail.alerts.map((a) => [a.rule, a.state, a.feature])).toContainEqual([
      'fairness_parity_ratio_low',
      'resolved',
      GENDER,
    ]);
  });

  it('fires the four-fifths rule once after two windows and resolves it once', async () => {
    for (let i = 0; i < 40 && alertEvents.length < 2; i++)
      await new Promise((r) => setTimeout(r, 50));
    const parity = alertEvents.filter(
      (r) =>
        r.eventName === EVENT_ML_ALERT &&
        attr(r, ATTR_ML_ALERT_RULE) === 'fairness_parity_ratio_low',
    );
    expect(
      parity.map((r) => [attr(r, ATTR_ML_ALERT_STATE), attr(r, ATTR_ML_FEATURE_NAME)]),
    ).toEqual([
      ['firing', GENDER],
      ['resolved', GENDER],
    ]);
  });
});
