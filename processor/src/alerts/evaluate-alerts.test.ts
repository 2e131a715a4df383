import { describe, expect, it } from 'vitest';
import { decodeOtlpRequest } from '../decode/decode-otlp-request.js';
import type { DriftResult, WindowResult } from '../evaluate/window-result.js';
import { DEFAULT_ALERT_RULES, parseAlertRules } from './alert-rule.js';
import { alertStatusMetrics, statusAlerts } from './alert-metrics.js';
import { createAlertState, restoreAlertState, serializeAlertState } from './alert-state.js';
import type { AlertTransition } from './evaluate-alerts.js';
import { evaluateAlerts } from './evaluate-alerts.js';
import { encodeAlertLogsJson, encodeAlertLogsProtobuf } from './otlp-logs-encoder.js';

const WINDOW = 60_000;

function aDrift(feature: string, state: DriftResult['state'], score = 0.5): DriftResult {
  return {
    kind: 'feature',
    feature,
    method: 'ks',
    primary: true,
    state,
    score,
    nReference: 100,
    nCurrent: 100,
  };
}

function aWindow(
  i: number,
  o: {
    drift?: DriftResult[];
    accuracy?: number;
    ece?: number;
    slice?: Record<string, string>;
  } = {},
): WindowResult {
  const slice = o.slice ?? {};
  return {
    stream: {
      key: `churn\u0000v1\u0000${JSON.stringify(slice)}`,
      modelName: 'churn',
      modelVersion: 'v1',
      slice,
      resource: { attributes: { 'service.name': 'scorer' }, key: 'service.name=scorer' },
    },
    startUnixMillis: i * WINDOW,
    endUnixMillis: (i + 1) * WINDOW,
    samples: { reference: 100, current: 100, labeled: 0 },
    drift: o.drift ?? [],
    dataQuality: [],
    ...(o.ece !== undefined
      ? { calibration: { method: 'ece', mceMethod: 'mce', ece: o.ece, bins: [] } }
      : {}),
    quality:
      o.accuracy !== undefined
        ? [{ metric: 'accuracy', instrument: 'score' as const, value: o.accuracy }]
        : [],
    groundTruth: { labeled: 0, delays: {} },
    notes: [],
  };
}

const summary = (ts: AlertTransition[]) =>
  ts.map((t) => `${t.rule}:${t.feature ?? '-'}:${t.state}@${t.timeUnixMillis / WINDOW}`);

describe('evaluateAlerts (default rules)', () => {
  it('fires after two drifting windows, once, and resolves once when the feature recovers', () => {
    const state = createAlertState();
    const sequence = [
      ['no_drift', 'no_drift'],
      ['drift', 'no_drift'],
      ['drift', 'no_drift'],
      ['drift', 'no_drift'],
      ['insufficient_data', 'no_drift'],
      ['no_drift', 'no_drift'],
      ['no_drift', 'no_drift'],
    ] as const;
    const all: AlertTransition[] = [];
    sequence.forEach(([age, income], i) => {
      all.push(
        ...evaluateAlerts(state, DEFAULT_ALERT_RULES, [
          aWindow(i, { drift: [aDrift('age', age), aDrift('income', income)] }),
        ]),
      );
    });
    // Fires at the end of window 2 (the second drifting one); insufficient data keeps it firing.
    expect(summary(all)).toEqual(['feature_drift:age:firing@3', 'feature_drift:age:resolved@6']);
    expect(all[0]).toMatchObject({
      model: 'churn',
      version: 'v1',
      threshold: 1,
      value: 1,
      severity: 'warning',
    });
    expect(all[1]).toMatchObject({ value: 0 });
  });

  it('fires on ECE above 0.1 and on an accuracy drop vs the first window; not while unchanged', () => {
    const state = createAlertState();
    const ts = [
      aWindow(0, { accuracy: 0.9, ece: 0.05 }),
      aWindow(1, { accuracy: 0.88, ece: 0.2 }),
      aWindow(2, { accuracy: 0.7, ece: 0.3 }),
      aWindow(3, { accuracy: 0.7, ece: 0.3 }),
      aWindow(4, { accuracy: 0.89, ece: 0.02 }),
    ].flatMap((w) => evaluateAlerts(state, DEFAULT_ALERT_RULES, [w]));
    expect(summary(ts)).toEqual([
      'calibration_ece_high:-:firing@2',
      'accuracy_drop:-:firing@3',
      'calibration_ece_high:-:resolved@5',
      'accuracy_drop:-:resolved@5',
    ]);
    expect(ts[1]!.value).toBeCloseTo(0.2, 12);
  });

  it('keeps its memory across a serialize/restore round trip (no refire after a restart)', () => {
    const state = createAlertState();
    const drifting = (i: number) => aWindow(i, { drift: [aDrift('age', 'drift')] });
    evaluateAlerts(state, DEFAULT_ALERT_RULES, [drifting(0), drifting(1)]);
    const restored = restoreAlertState(JSON.parse(JSON.stringify(serializeAlertState(state))));
    expect(evaluateAlerts(restored, DEFAULT_ALERT_RULES, [drifting(2)])).toEqual([]);
    expect(statusAlerts(restored)).toMatchObject([
      { rule: 'feature_drift', state: 'firing', feature: 'age' },
    ]);
    const points = alertStatusMetrics(restored)[0]!.scopes[0]!.metrics[0]!.points;
    expect(
      points.map((p) => [p.attributes['ml.alert.state'], 'value' in p ? p.value : undefined]),
    ).toEqual([
      ['firing', 1],
      ['resolved', 0],
    ]);
  });
});

describe('configured rules', () => {
  it('match model, feature and slice and report every invalid key by path', () => {
    const { rules, problems } = parseAlertRules([
      {
        name: 'eu_age',
        statistic: 'drift.score',
        operator: '>=',
        threshold: 0.3,
        feature: 'age',
        slice: { region: 'eu' },
      },
      { name: 'bad', statistic: 'vibes', threshold: 'high', for: 0, colour: 'red' },
    ]);
    expect(problems).toEqual([
      'alerts[1].colour: unknown key (known: name, statistic, operator, threshold, for, severity, model, version, feature, slice)',
      expect.stringMatching(/^alerts\[1\]\.statistic: must be one of drift\.status/),
      'alerts[1].threshold: must be a finite number',
      'alerts[1].for: must be an integer >= 1 (consecutive windows)',
    ]);
    const state = createAlertState();
    const ts = evaluateAlerts(state, rules, [
      aWindow(0, { drift: [aDrift('age', 'drift', 0.4), aDrift('income', 'drift', 0.9)] }),
      aWindow(0, { drift: [aDrift('age', 'drift', 0.4)], slice: { region: 'eu' } }),
      aWindow(0, { drift: [aDrift('age', 'drift', 0.4)], slice: { region: 'us' } }),
    ]);
    expect(ts).toHaveLength(1);
    expect(ts[0]).toMatchObject({
      rule: 'eu_age',
      feature: 'age',
      slice: { region: 'eu' },
      value: 0.4,
    });
  });
});

describe('ml.alert events', () => {
  it('encode as OTLP logs (protobuf and JSON) that the OTLP decoder reads back with every attribute', () => {
    const state = createAlertState();
    const [t] = evaluateAlerts(
      state,
      [
        {
          name: 'r',
          statistic: 'calibration.ece',
          operator: '>',
          threshold: 0.1,
          forWindows: 1,
          severity: 'critical',
        },
      ],
      [aWindow(0, { ece: 0.25, slice: { region: 'eu' } })],
    );
    for (const [bytes, type] of [
      [encodeAlertLogsProtobuf([t!], 'proc-1', 123), 'protobuf'],
      [Buffer.from(encodeAlertLogsJson([t!], 'proc-1', 123)), 'json'],
    ] as const) {
      const decoded = decodeOtlpRequest('logs', bytes, type);
      if (decoded.signal !== 'logs') throw new Error('not logs');
      const rl = decoded.request.resourceLogs[0]!;
      expect(rl.resource.attributes).toEqual({
        'service.name': 'scorer',
        'mlmon.processor.id': 'proc-1',
      });
      const record = rl.scopeLogs[0]!.logRecords[0]!;
      expect(record.eventName).toBe('ml.alert');
      expect(record.severityNumber).toBe(13);
      expect(record.timeUnixNano).toBe(60_000_000_000n);
      expect(record.attributes).toEqual({
        'ml.alert.state': 'firing',
        'ml.alert.rule': 'r',
        'ml.alert.severity': 'critical',
        'ml.model.name': 'churn',
        'ml.model.version': 'v1',
        'ml.slice.region': 'eu',
        'ml.alert.threshold': 0.1,
        'ml.alert.value': 0.25,
      });
    }
  });
});
