import { describe, expect, it } from 'vitest';
import type { AlertTransition } from './evaluate-alerts.js';
import { alertmanagerKey, alertmanagerLabels, toAlertmanagerAlert } from './alertmanager-alert.js';

const firing: AlertTransition = {
  state: 'firing',
  rule: 'feature_drift',
  severity: 'warning',
  statistic: 'drift.status',
  model: 'loan-default',
  version: '3',
  slice: { country: 'FR', 'device.type': 'mobile' },
  feature: 'income',
  threshold: 1,
  value: 1,
  timeUnixMillis: Date.UTC(2026, 0, 2, 3, 0, 0),
  resource: { 'service.name': 'scoring-api', 'host.name': 'h1' },
  runbookUrl: 'https://mlmon.example/runbooks#feature-drift',
  impact:
    '1200 predictions in country=FR, device.type=mobile; income: drift.status 1 (threshold == 1)',
};

describe('Alertmanager alert mapping', () => {
  it('labels the instance: rule, severity, model, version, slices, feature, service', () => {
    expect(alertmanagerLabels(firing)).toEqual({
      alertname: 'feature_drift',
      severity: 'warning',
      model: 'loan-default',
      version: '3',
      slice_country: 'FR',
      slice_device_type: 'mobile',
      feature: 'income',
      service_name: 'scoring-api',
    });
  });

  it('leaves out an empty version, an absent feature and an absent service name', () => {
    const { feature: _feature, ...noFeature } = firing;
    expect(
      alertmanagerLabels({ ...noFeature, version: '', slice: {}, resource: { 'host.name': 'h' } }),
    ).toEqual({ alertname: 'feature_drift', severity: 'warning', model: 'loan-default' });
  });

  it('sanitises slice keys to valid label names', () => {
    const labels = alertmanagerLabels({ ...firing, slice: { 'région-1': 'x', '9': 'y' } });
    expect(Object.keys(labels).filter((k) => k.startsWith('slice_'))).toEqual([
      'slice_9',
      'slice_r_gion_1',
    ]);
  });

  it('keeps the first of two slice keys that sanitise to the same label', () => {
    const labels = alertmanagerLabels({ ...firing, slice: { 'a.b': '1', a_b: '2' } });
    expect(labels['slice_a_b']).toBe('1');
  });

  it('annotates summary, value and threshold, and sets RFC 3339 times', () => {
    const alert = toAlertmanagerAlert(
      { ...firing, value: 0.123456789 },
      { startsAtMs: firing.timeUnixMillis, endsAtMs: firing.timeUnixMillis + 240_000 },
    );
    expect(alert).toEqual({
      labels: alertmanagerLabels(firing),
      annotations: {
        summary:
          'feature_drift firing (warning): drift.status = 0.1235 (threshold 1) on loan-default 3, country=FR, device.type=mobile, feature income',
        value: '0.123456789',
        threshold: '1',
        runbook_url: 'https://mlmon.example/runbooks#feature-drift',
        impact:
          '1200 predictions in country=FR, device.type=mobile; income: drift.status 1 (threshold == 1)',
      },
      startsAt: '2026-01-02T03:00:00.000Z',
      endsAt: '2026-01-02T03:04:00.000Z',
    });
  });

  it('adds samples, reference value and p-value where known; leaves out empty runbook and impact', () => {
    const alert = toAlertmanagerAlert(
      {
        ...firing,
        statistic: 'quality.accuracy.drop',
        value: 0.06,
        threshold: 0.05,
        samples: 1000,
        referenceValue: 0.85,
        pValue: 0.0003,
        runbookUrl: '',
        impact: '',
      },
      { startsAtMs: 0, endsAtMs: 1 },
    );
    expect(Object.keys(alert.annotations)).toEqual([
      'summary',
      'value',
      'threshold',
      'samples',
      'reference_value',
      'p_value',
    ]);
    expect(alert.annotations).toMatchObject({
      samples: '1000',
      reference_value: '0.85',
      p_value: '0.0003',
    });
  });

  it('never starts after it ends (Alertmanager rejects that)', () => {
    const alert = toAlertmanagerAlert(firing, { startsAtMs: 2000, endsAtMs: 1000 });
    expect([alert.startsAt, alert.endsAt]).toEqual([
      '1970-01-01T00:00:01.000Z',
      '1970-01-01T00:00:01.000Z',
    ]);
  });

  it('gives firing and resolved transitions of one instance the same key', () => {
    const resolved: AlertTransition = { ...firing, state: 'resolved', value: 0 };
    expect(alertmanagerKey(resolved)).toBe(alertmanagerKey(firing));
    expect(alertmanagerKey({ ...firing, feature: 'age' })).not.toBe(alertmanagerKey(firing));
  });
});
