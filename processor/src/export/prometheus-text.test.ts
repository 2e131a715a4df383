import { describe, expect, it } from 'vitest';
import { aDriftResult, aWindowResult } from './__fixtures__/window-results.js';
import type { MetricsSnapshot } from './metric-data.js';
import {
  acceptsOpenMetrics,
  escapeLabelValue,
  renderOpenMetricsText,
  renderPrometheusText,
  sanitizeLabelName,
} from './prometheus-text.js';
import { windowMetrics } from './window-metrics.js';

const snapshot = (resources: MetricsSnapshot['resources']): MetricsSnapshot => ({
  timeUnixMillis: 1_700_000_460_000,
  startUnixMillis: 1_700_000_000_000,
  temporality: 'cumulative',
  resources,
});

describe('renderPrometheusText', () => {
  it('renders the drift state set with one 1 and two 0s, with identity and scope labels', () => {
    const text = renderPrometheusText(
      snapshot(
        windowMetrics([
          { result: aWindowResult({ drift: [aDriftResult({ state: 'drift', score: 0.31 })] }) },
        ]),
      ),
    );
    const status = text.split('\n').filter((line) => line.startsWith('ml_drift_status{'));
    expect(status).toEqual([
      'ml_drift_status{ml_model_name="fraud",ml_model_version="3",ml_drift_kind="feature",ml_drift_method="psi",ml_feature_name="amount",ml_reference_kind="fixed_window",ml_reference_id="1699999800000",ml_drift_state="no_drift",service_name="checkout",otel_scope_name="mlmon.processor.evaluation"} 0',
      'ml_drift_status{ml_model_name="fraud",ml_model_version="3",ml_drift_kind="feature",ml_drift_method="psi",ml_feature_name="amount",ml_reference_kind="fixed_window",ml_reference_id="1699999800000",ml_drift_state="drift",service_name="checkout",otel_scope_name="mlmon.processor.evaluation"} 1',
      'ml_drift_status{ml_model_name="fraud",ml_model_version="3",ml_drift_kind="feature",ml_drift_method="psi",ml_feature_name="amount",ml_reference_kind="fixed_window",ml_reference_id="1699999800000",ml_drift_state="insufficient_data",service_name="checkout",otel_scope_name="mlmon.processor.evaluation"} 0',
    ]);
    expect(text).toContain('# TYPE ml_drift_status gauge\n');
    expect(text).toContain('# TYPE ml_drift_score gauge\n');
    expect(text).toContain('target_info{service_name="checkout"} 1\n');
    expect(text).toMatch(/^ml_drift_score\{.*\} 0\.31$/m);
    expect(text).toMatch(/^ml_drift_threshold\{.*ml_drift_threshold_kind="effective".*\} 0\.05$/m);
  });

  it('emits each family once across resources, a target_info per resource', () => {
    const other = aWindowResult({
      stream: {
        ...aWindowResult().stream,
        key: 'churn',
        modelName: 'churn',
        resource: {
          attributes: { 'service.name': 'crm', 'service.namespace': 'sales' },
          key: 'crm',
        },
      },
    });
    const text = renderPrometheusText(
      snapshot(windowMetrics([{ result: aWindowResult() }, { result: other }])),
    );
    expect(text.match(/^# TYPE ml_drift_score gauge$/gm)).toHaveLength(1);
    expect(text).toContain('target_info{service_name="crm",service_namespace="sales"} 1');
    expect(text).toMatch(
      /^ml_drift_score\{ml_model_name="churn",.*service_name="crm",service_namespace="sales",.*\} 0\.01$/m,
    );
  });

  it('labels the global overflow stream with otel_metric_overflow="true" and no model', () => {
    const overflow = aWindowResult({
      stream: { ...aWindowResult().stream, modelName: '', modelVersion: '', overflow: true },
    });
    const text = renderPrometheusText(snapshot(windowMetrics([{ result: overflow }])));
    expect(text).toMatch(
      /^ml_monitor_samples\{otel_metric_overflow="true",ml_monitor_population="current",service_name="checkout",otel_scope_name="[^"]+"\} 500$/m,
    );
    expect(text).not.toContain('ml_model_name');
  });

  it("keeps model and version on a model version's slice overflow, so two versions never collide", () => {
    const base = aWindowResult().stream;
    const overflowOf = (version: string) =>
      aWindowResult({
        stream: { ...base, key: `k-${version}`, modelVersion: version, slice: {}, overflow: true },
      });
    const text = renderPrometheusText(
      snapshot(windowMetrics([{ result: overflowOf('1') }, { result: overflowOf('2') }])),
    );
    const samples = text
      .split('\n')
      .filter((l) => l.startsWith('ml_monitor_samples{') && l.includes('"current"'));
    expect(samples).toHaveLength(2);
    for (const version of ['1', '2']) {
      expect(
        samples.some(
          (l) =>
            l.includes(`ml_model_version="${version}"`) &&
            l.includes('otel_metric_overflow="true"'),
        ),
      ).toBe(true);
    }
  });

  it('renders slices, calibration bins, quality and delay histograms', () => {
    const result = aWindowResult({
      stream: { ...aWindowResult().stream, slice: {} },
      calibration: {
        method: 'ece',
        mceMethod: 'mce',
        ece: 0.05,
        mce: 0.2,
        bins: [{ upperEdge: 1, count: 3, meanScore: 0.95, positiveRatio: 2 / 3 }],
      },
      quality: [
        { metric: 'accuracy', instrument: 'score', value: 0.75 },
        { metric: 'roc_auc', instrument: 'score', reason: 'one class only' },
      ],
      groundTruth: {
        labeled: 3,
        coverage: 0.006,
        delays: { human: { bounds: [60, 300], counts: [1, 0, 2], count: 3, sum: 1000 } },
      },
    });
    const sliced = aWindowResult({
      stream: { ...aWindowResult().stream, slice: { country: 'DE' } },
    });
    const text = renderPrometheusText(snapshot(windowMetrics([{ result }, { result: sliced }])));
    expect(text).toMatch(/^ml_calibration_error\{.*ml_calibration_method="ece".*\} 0\.05$/m);
    expect(text).toMatch(/^ml_calibration_bin_predictions\{.*ml_calibration_bin="1\.0".*\} 3$/m);
    expect(text).toMatch(/^ml_quality_score\{.*ml_quality_metric="accuracy".*\} 0\.75$/m);
    expect(text).not.toContain('roc_auc');
    expect(text).toMatch(/^ml_ground_truth_coverage\{.*\} 0\.006$/m);
    expect(text).toContain('# TYPE ml_ground_truth_delay_seconds histogram');
    expect(text).toMatch(
      /^ml_ground_truth_delay_seconds_bucket\{ml_model_name="fraud",ml_model_version="3",ml_ground_truth_source="human",.*le="60"\} 1$/m,
    );
    expect(text).toMatch(/^ml_ground_truth_delay_seconds_bucket\{.*le="300"\} 1$/m);
    expect(text).toMatch(/^ml_ground_truth_delay_seconds_bucket\{.*le="\+Inf"\} 3$/m);
    expect(text).toMatch(/^ml_ground_truth_delay_seconds_sum\{.*\} 1000$/m);
    expect(text).toMatch(
      /^ml_drift_score\{ml_model_name="fraud",ml_model_version="3",ml_slice_country="DE",/m,
    );
  });

  it('escapes label values and sanitizes label names', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(sanitizeLabelName('ml.slice.país-1')).toBe('ml_slice_pa_s_1');
    expect(sanitizeLabelName('1x')).toBe('_1x');
  });

  it('renders nothing for an empty snapshot', () => {
    expect(renderPrometheusText(snapshot([]))).toBe('');
  });

  it('leaves the reference id off previous-window references (it would churn series every window)', () => {
    const result = aWindowResult({
      referenceKind: 'previous_window',
      referenceId: '2027-01-01T00:00:00.000Z',
    });
    const text = renderPrometheusText(snapshot(windowMetrics([{ result }])));
    expect(text).toContain('ml_reference_kind="previous_window"');
    expect(text).not.toContain('ml_reference_id');
  });
});

describe('renderOpenMetricsText', () => {
  const exemplar = {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    value: 187.25,
    timeUnixMillis: 1_700_000_400_250,
  };
  const drifted = aWindowResult({
    drift: [aDriftResult({ state: 'drift', score: 0.31, exemplars: [exemplar] })],
  });
  const text = renderOpenMetricsText(
    snapshot(
      windowMetrics([
        {
          result: drifted,
          driftDetections: [
            { kind: 'feature', feature: 'amount', method: 'psi', count: 2, exemplars: [exemplar] },
          ],
          countsSinceUnixMillis: 1_700_000_000_000,
        },
      ]),
    ),
  );

  it('puts the exemplar on the counter sample, names the family without _total, ends with # EOF', () => {
    expect(text).toContain('# TYPE ml_drift_detections counter\n');
    expect(text).toMatch(
      /^ml_drift_detections_total\{ml_model_name="fraud",.*ml_feature_name="amount",.*\} 2 # \{trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7"\} 187\.25 1700000400\.25$/m,
    );
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(text).toContain('# TYPE target info\ntarget_info{service_name="checkout"} 1\n');
  });

  it('never puts an exemplar on a gauge (Prometheus would reject the whole scrape)', () => {
    const gaugeLines = text.split('\n').filter((l) => l.startsWith('ml_drift_score{'));
    expect(gaugeLines.length).toBeGreaterThan(0);
    for (const line of gaugeLines) expect(line).not.toContain(' # {');
  });

  it('keeps Prometheus text 0.0.4 free of exemplars and # EOF', () => {
    const plain = renderPrometheusText(
      snapshot(
        windowMetrics([
          {
            result: drifted,
            driftDetections: [
              {
                kind: 'feature',
                feature: 'amount',
                method: 'psi',
                count: 2,
                exemplars: [exemplar],
              },
            ],
          },
        ]),
      ),
    );
    expect(plain).toContain('# TYPE ml_drift_detections_total counter\n');
    expect(plain).not.toContain(' # {');
    expect(plain).not.toContain('# EOF');
  });

  it('is chosen for the Accept header Prometheus sends, not for a plain text one', () => {
    expect(
      acceptsOpenMetrics(
        'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
      ),
    ).toBe(true);
    expect(acceptsOpenMetrics('text/plain;version=0.0.4')).toBe(false);
    expect(acceptsOpenMetrics('application/openmetrics-text;q=0')).toBe(false);
    expect(acceptsOpenMetrics(undefined)).toBe(false);
  });
});
