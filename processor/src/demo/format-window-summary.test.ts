import { ML_ALERT_STATE_VALUE_FIRING, ML_DRIFT_STATE_VALUE_DRIFT } from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import type { ModelsResponse, WindowSummary } from '../status-api/types.js';
import { WindowSummaryPrinter } from './format-window-summary.js';

const window = (end: number, extra: Partial<WindowSummary> = {}): WindowSummary => ({
  startUnixMillis: end - 10_000,
  endUnixMillis: end,
  status: ML_DRIFT_STATE_VALUE_DRIFT,
  samples: { reference: 200, current: 200, labeled: 180 },
  decisions: { total: 3, drift: 1, noDrift: 2, insufficientData: 0 },
  driftedFeatures: ['income'],
  ece: 0.1234,
  accuracy: 0.8,
  service: {
    requests: 40,
    errors: 6,
    errorsByType: { ModelTimeoutError: 6 },
    errorRatio: 0.15,
    throughputPerSecond: 4,
    latency: { source: 'sketch', count: 40, p50Seconds: 0.041, p99Seconds: 0.0687 },
  },
  ...extra,
});

const response = (end: number): ModelsResponse => ({
  generatedAtUnixMillis: end,
  models: [
    {
      name: 'loan-default',
      versions: [
        {
          version: '1',
          href: '/api/v1/models/loan-default/versions/1',
          status: ML_DRIFT_STATE_VALUE_DRIFT,
          alerts: { firing: 1, resolved: 0 },
          slices: [
            { slice: {}, label: 'all', latest: null },
            { slice: { country: 'DE' }, label: 'country=DE', latest: window(end) },
          ],
        },
      ],
    },
  ],
  alerts: [
    {
      rule: 'feature_drift',
      state: ML_ALERT_STATE_VALUE_FIRING,
      modelName: 'loan-default',
      modelVersion: '1',
      slice: { country: 'DE' },
      feature: 'income',
      sinceUnixMillis: end,
    },
  ],
});

describe('WindowSummaryPrinter', () => {
  it('prints each closed window once, with drift, ECE, accuracy and the slice alerts', () => {
    const printer = new WindowSummaryPrinter();
    const end = Date.UTC(2026, 0, 1, 12, 0, 10);
    const lines = printer.linesFor(response(end));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('12:00:00–12:00:10');
    expect(lines[0]).toContain('country=DE');
    expect(lines[0]).toContain('predictions 200');
    expect(lines[0]).toContain('drift: income');
    expect(lines[0]).toContain('ECE 0.123');
    expect(lines[0]).toContain('accuracy 0.800');
    expect(lines[0]).toContain('p99  69 ms');
    expect(lines[0]).toContain('errors 15.0%');
    expect(lines[0]).toContain('alerts feature_drift (income)');
    expect(printer.linesFor(response(end))).toEqual([]);
    expect(printer.linesFor(response(end + 10_000))).toHaveLength(1);
  });
});
