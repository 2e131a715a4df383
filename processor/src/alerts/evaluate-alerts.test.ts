import { describe, expect, it } from 'vitest';
import { decodeOtlpRequest } from '../decode/decode-otlp-request.js';
import type { DriftResult, WindowResult } from '../evaluate/window-result.js';
import { DEFAULT_ALERT_RULES, parseAlertRules } from './alert-rule.js';
import { alertStatusMetrics, statusAlerts } from './alert-metrics.js';
import { createAlertState, restoreAlertState, serializeAlertState } from './alert-state.js';
import type { AlertTransition } from './evaluate-alerts.js';
import { evaluateAlerts } from './evaluate-alerts.js';
import { encodeAlertLogsJson, encodeAlertLogsProtobuf } from './otlp-logs-encoder.js';
import { alertEventAttributes } from './alert-event-attributes.js';

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
    /** Reliability bins as [count, mean score, positives]. */
    bins?: [number, number, number][];
    labeled?: number;
    slice?: Record<string, string>;
  } = {},
): WindowResult {
  const slice = o.slice ?? {};
  const labeled = o.labeled ?? 0;
  const bins = (o.bins ?? []).map(([count, meanScore, positives]) => ({
    upperEdge: Math.ceil(meanScore * 10) / 10,
    count,
    meanScore,
    positiveRatio: positives / count,
  }));
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
    samples: { reference: 100, current: Math.max(100, labeled), labeled },
    drift: o.drift ?? [],
    dataQuality: [],
    ...(o.ece !== undefined
      ? { calibration: { method: 'ece', mceMethod: 'mce', ece: o.ece, bins } }
      : {}),
    quality:
      o.accuracy !== undefined
        ? [{ metric: 'accuracy', instrument: 'score' as const, value: o.accuracy }]
        : [],
    groundTruth: { labeled, delays: {} },
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
    // The event names the decision that fired: method and kind, on firing and on resolving.
    for (const t of all) expect(t.subject).toEqual({ driftMethod: 'ks', driftKind: 'feature' });
    expect(alertEventAttributes(all[0]!)).toMatchObject({
      'ml.drift.method': 'ks',
      'ml.drift.kind': 'feature',
      'ml.feature.name': 'age',
    });
    // After a restart the re-announced firing instance still carries them.
    const restored = restoreAlertState(JSON.parse(JSON.stringify(serializeAlertState(state))));
    expect(restored.instances.get([...restored.instances.keys()][0]!)?.subject).toEqual({
      driftMethod: 'ks',
      driftKind: 'feature',
    });
  });

  it('fires on ECE above 0.1 only with 100 labels and a significantly miscalibrated bin', () => {
    const state = createAlertState();
    // Ten bins of ten labels, each within chance of its mean score: ECE 0.15, bin test p = 1.
    const calibrated: [number, number, number][] = [
      [10, 0.05, 2],
      [10, 0.15, 0],
      [10, 0.25, 4],
      [10, 0.35, 2],
      [10, 0.45, 6],
      [10, 0.55, 4],
      [10, 0.65, 8],
      [10, 0.75, 6],
      [10, 0.85, 10],
      [10, 0.95, 8],
    ];
    const ts = [
      aWindow(0, { ece: 0.848, labeled: 1, bins: [[1, 0.152, 1]] }), // one label: no evidence
      aWindow(1, { ece: 0.15, labeled: 100, bins: calibrated }),
      // 0.3 scores come true 55 % of the time, 0.8 scores 70 %: ECE 0.16, p ≈ 1e-13.
      aWindow(2, {
        ece: 0.16,
        labeled: 500,
        bins: [
          [200, 0.3, 110],
          [300, 0.8, 210],
        ],
      }),
      aWindow(3, { ece: 0.15, labeled: 100, bins: calibrated }), // still above 0.1: keeps firing
      aWindow(4, { ece: 0.03, labeled: 20, bins: [[20, 0.5, 10]] }), // too few labels: no evidence
      aWindow(5, { ece: 0.04, labeled: 300, bins: [[300, 0.5, 162]] }),
    ].flatMap((w) => evaluateAlerts(state, DEFAULT_ALERT_RULES, [w]));
    expect(summary(ts)).toEqual([
      'calibration_ece_high:-:firing@3',
      'calibration_ece_high:-:resolved@6',
    ]);
    // The status view keeps the last change's impact line and runbook.
    expect(statusAlerts(state)).toMatchObject([
      {
        rule: 'calibration_ece_high',
        state: 'resolved',
        impact: ts[1]!.impact,
        runbookUrl: '/runbooks#calibration',
      },
    ]);
    expect(ts[1]!.impact).toBe(
      '300 labeled predictions in all slices; calibration.ece 0.04 (threshold > 0.1, p = 0.1841)', // p: SciPy binomtest-style 2·min tail of 162 of 300 at 0.5,
    );
    // SciPy: 2 × min over the bins of 2·min(binom.cdf, binom.sf) of (110 of 200 at 0.3),
    // (210 of 300 at 0.8).
    expect(ts[0]!.pValue! / 7.100933431217962e-13).toBeCloseTo(1, 6);
    expect(ts[0]).toMatchObject({
      samples: 500,
      runbookUrl: '/runbooks#calibration',
      impact:
        '500 labeled predictions in all slices; calibration.ece 0.16 (threshold > 0.1, p = 7.101e-13)',
    });
  });

  it('fires on a significant accuracy drop against the pooled first 3000 labels, without flapping', () => {
    const state = createAlertState();
    const at = (i: number, accuracy: number, labeled: number) =>
      aWindow(i, { accuracy, labeled, slice: { country: 'FR' } });
    const ts = [
      at(0, 0.85, 1000), // windows 0–2 pool the reference: 2550 of 3000 correct (0.85)
      at(1, 0.85, 1000),
      at(2, 0.85, 1000),
      at(3, 0.83, 400), // drop 0.02: not above the 0.02 floor
      at(4, 0.8, 400), // drop 0.05 but Fisher p = 0.0070 > 0.005: not yet evidence
      at(5, 0.75, 1000), // drop 0.10, p = 1.8e-12: fires
      at(6, 0.82, 400), // drop 0.03, p = 0.070: still above the floor, keeps firing
      at(7, 0.9, 50), // 50 labels: no evidence either way
      at(8, 0.85, 400), // recovered: resolves
    ].flatMap((w) => evaluateAlerts(state, DEFAULT_ALERT_RULES, [w]));
    expect(summary(ts)).toEqual(['accuracy_drop:-:firing@6', 'accuracy_drop:-:resolved@9']);
    expect(ts[0]!.pValue! / 1.8165254880351295e-12).toBeCloseTo(1, 6);
    expect(ts[0]).toMatchObject({
      referenceValue: 0.85,
      samples: 1000,
      runbookUrl: '/runbooks#quality-drop',
      impact:
        '1000 labeled predictions in country=FR; accuracy 0.75 vs reference 0.85 (drop 0.1, p = 1.817e-12)',
    });
    expect(ts[0]!.value).toBeCloseTo(0.1, 12);
  });

  it('judges windows against the pool while it fills, and keeps a dropped window out of it', () => {
    const state = createAlertState();
    const at = (i: number, accuracy: number, labeled: number) => aWindow(i, { accuracy, labeled });
    const ts = [at(0, 0.85, 1000), at(1, 0.7, 1000), at(2, 0.84, 1000)].flatMap((w) =>
      evaluateAlerts(state, DEFAULT_ALERT_RULES, [w]),
    );
    expect(summary(ts)).toEqual(['accuracy_drop:-:firing@2', 'accuracy_drop:-:resolved@3']);
    // Window 1 was a change, not reference: the pool holds windows 0 and 2 only.
    expect([...state.accuracyReference.values()]).toEqual([{ correct: 1690, labeled: 2000 }]);
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
      {
        name: 'c',
        statistic: 'quality.accuracy',
        threshold: 0.8,
        minSamples: -1,
        significance: 2,
        runbookUrl: 'ftp://runbooks',
      },
    ]);
    expect(problems).toEqual([
      'alerts[1].colour: unknown key (known: name, statistic, operator, threshold, for, severity, minSamples, significance, runbookUrl, model, version, feature, slice)',
      expect.stringMatching(/^alerts\[1\]\.statistic: must be one of drift\.status/),
      'alerts[1].threshold: must be a finite number',
      'alerts[1].for: must be an integer >= 1 (consecutive windows)',
      "alerts[2].minSamples: must be an integer >= 0 (samples behind a window's value)",
      'alerts[2].significance: must be a number in (0, 1] (1 turns the check off)',
      'alerts[2].runbookUrl: must be an http(s) URL, got "ftp://runbooks"',
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

describe('absolute bounds', () => {
  it('fire on accuracy below a bound only when the true rate is significantly below it', () => {
    const [rule] = parseAlertRules([
      {
        name: 'accuracy_floor',
        statistic: 'quality.accuracy',
        operator: '<',
        threshold: 0.8,
        runbookUrl: 'https://runbooks.example/accuracy',
      },
    ]).rules;
    const state = createAlertState();
    const ts = [
      aWindow(0, { accuracy: 0.78, labeled: 100 }), // binom.cdf(78, 100, 0.8) = 0.35
      aWindow(1, { accuracy: 0.7, labeled: 400 }), // binom.cdf(280, 400, 0.8) = 1.29e-6
    ].flatMap((w) => evaluateAlerts(state, [rule!], [w]));
    expect(summary(ts)).toEqual(['accuracy_floor:-:firing@2']);
    expect(ts[0]!.pValue).toBeCloseTo(1.2933601963073518e-6, 12);
    expect(ts[0]!.runbookUrl).toBe('https://runbooks.example/accuracy');
  });
});

describe('quality rules of the set-valued tasks', () => {
  it('take NDCG and Hamming loss by name, as plain values against their thresholds', () => {
    const { rules } = parseAlertRules([
      { name: 'ndcg_low', statistic: 'quality.ndcg', operator: '<', threshold: 0.3, for: 2 },
      { name: 'hamming_high', statistic: 'quality.hamming_loss', operator: '>', threshold: 0.1 },
    ]);
    const window = (i: number, ndcg: number, hammingLoss: number): WindowResult => ({
      ...aWindow(i, { labeled: 200 }),
      quality: [
        { metric: 'ndcg', instrument: 'score', value: ndcg },
        { metric: 'hamming_loss', instrument: 'score', value: hammingLoss },
      ],
    });
    const state = createAlertState();
    const ts = [window(0, 0.25, 0.05), window(1, 0.2, 0.15), window(2, 0.5, 0.05)].flatMap((w) =>
      evaluateAlerts(state, rules, [w]),
    );
    expect(summary(ts).sort()).toEqual([
      'hamming_high:-:firing@2',
      'hamming_high:-:resolved@3',
      'ndcg_low:-:firing@2',
      'ndcg_low:-:resolved@3',
    ]);
    expect(ts.map((t) => `${t.rule}=${t.subject?.qualityMetric}`).sort()).toEqual([
      'hamming_high=hamming_loss',
      'hamming_high=hamming_loss',
      'ndcg_low=ndcg',
      'ndcg_low=ndcg',
    ]);
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
          minSamples: 0,
          significance: 1,
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
        'ml.calibration.method': 'ece',
        'ml.alert.threshold': 0.1,
        'ml.alert.value': 0.25,
        'ml.alert.runbook.url': '/runbooks#calibration',
        'ml.alert.impact':
          '0 labeled predictions in region=eu; calibration.ece 0.25 (threshold > 0.1, p = 1)',
        'ml.alert.samples': 0,
        'ml.alert.p_value': 1,
      });
    }
  });
});
