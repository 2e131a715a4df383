import {
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_METHOD_VALUE_KS,
  ML_DRIFT_METHOD_VALUE_PSI,
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_STATE_VALUE_NO_DRIFT,
  ML_CALIBRATION_METHOD_VALUE_ECE,
  ML_CALIBRATION_METHOD_VALUE_MCE,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_QUALITY_METRIC_VALUE_ACCURACY,
  ML_REFERENCE_KIND_VALUE_TRAINING,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import type { WindowStream, WindowResult } from '../evaluate/window-result.js';
import { buildVersionDetail } from './build-version-detail.js';
import {
  renderCalibration,
  renderGroundTruth,
  renderService,
  renderWindowDrift,
} from './render-window.js';
import { statusSourceFromResults } from './status-source-from-results.js';

const stream = (key: string, slice: Record<string, string>, overflow = false): WindowStream => ({
  key,
  modelName: 'fraud',
  modelVersion: '7',
  task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  slice,
  resource: { attributes: {}, key: '' },
  ...(overflow ? { overflow } : {}),
});

/** A window result with the given start; `drifted` decides the KS verdict on `amount`. */
function aResult(s: WindowStream, start: number, drifted: boolean): WindowResult {
  return {
    stream: s,
    startUnixMillis: start,
    endUnixMillis: start + 10_000,
    referenceKind: ML_REFERENCE_KIND_VALUE_TRAINING,
    samples: { reference: 1000, current: 200, labeled: 50 },
    drift: [
      {
        kind: ML_DRIFT_KIND_VALUE_FEATURE,
        feature: 'amount',
        method: ML_DRIFT_METHOD_VALUE_PSI,
        primary: false,
        state: ML_DRIFT_STATE_VALUE_NO_DRIFT,
        score: 0.05,
        threshold: 0.2,
        effectiveThreshold: 0.25,
        nReference: 1000,
        nCurrent: 200,
      },
      {
        kind: ML_DRIFT_KIND_VALUE_FEATURE,
        feature: 'amount',
        method: ML_DRIFT_METHOD_VALUE_KS,
        primary: true,
        state: drifted ? ML_DRIFT_STATE_VALUE_DRIFT : ML_DRIFT_STATE_VALUE_NO_DRIFT,
        score: drifted ? 1e-6 : 0.4,
        pValue: drifted ? 1e-6 : 0.4,
        threshold: 0.0005,
        effectiveThreshold: 0.0005,
        nReference: 1000,
        nCurrent: 200,
      },
    ],
    dataQuality: [],
    calibration: {
      method: ML_CALIBRATION_METHOD_VALUE_ECE,
      mceMethod: ML_CALIBRATION_METHOD_VALUE_MCE,
      ece: 0.12,
      mce: 0.3,
      bins: [
        { upperEdge: 0.1, count: 30, meanScore: 0.05, positiveRatio: 0.1 },
        { upperEdge: 0.2, count: 0 },
      ],
    },
    quality: [{ metric: ML_QUALITY_METRIC_VALUE_ACCURACY, instrument: 'score', value: 0.9 }],
    groundTruth: {
      coverage: 0.25,
      labeled: 50,
      delays: {
        human: { bounds: [60], counts: [10, 0], count: 10, sum: 100, max: 30 },
        system: { bounds: [60], counts: [30, 10], count: 40, sum: 900, max: 120 },
      },
    },
    ...(start === 20_000
      ? {
          service: {
            requests: 40,
            errors: 4,
            errorsByType: { timeout: 3, _OTHER: 1 },
            errorRatio: 0.1,
            throughputPerSecond: 4,
            latency: {
              source: 'sketch' as const,
              count: 40,
              p50: 0.02,
              p95: 0.09,
              p99: 0.2,
              distribution: { bounds: [0.1], counts: [38, 2], count: 40, sum: 1.5 },
            },
          },
        }
      : {}),
    notes: [],
  };
}

describe('statusSourceFromResults', () => {
  const all = stream('k-all', {});
  const de = stream('k-de', { country: 'DE' });
  const overflow = stream('k-overflow', {}, true);
  const histories = new Map<string, WindowResult[]>([
    ['k-all', [aResult(all, 0, false), aResult(all, 10_000, false)]],
    ['k-de', [aResult(de, 0, false), aResult(de, 10_000, false), aResult(de, 20_000, true)]],
    ['k-overflow', [aResult(overflow, 0, false)]],
  ]);
  const source = statusSourceFromResults({
    latestResults: () => [...histories.values()].map((h) => h.at(-1)!),
    history: (key) => histories.get(key) ?? [],
  });

  it('lists the streams without the overflow stream', () => {
    expect(source.listStreams().map((s) => s.key)).toEqual(['k-all', 'k-de']);
    expect(source.listStreams()[1]).toEqual({
      key: 'k-de',
      modelName: 'fraud',
      modelVersion: '7',
      task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      slice: { country: 'DE' },
    });
    expect(source.alerts()).toEqual([]);
    expect(source.readiness).toBeUndefined();
  });

  it('renders the result fields under the status API names', () => {
    const result = aResult(de, 20_000, true);
    expect(renderWindowDrift(result)[1]).toEqual({
      feature: 'amount',
      kind: ML_DRIFT_KIND_VALUE_FEATURE,
      method: ML_DRIFT_METHOD_VALUE_KS,
      status: ML_DRIFT_STATE_VALUE_DRIFT,
      score: 1e-6,
      pValue: 1e-6,
      thresholdNominal: 0.0005,
      thresholdEffective: 0.0005,
      nReference: 1000,
      nCurrent: 200,
      referenceKind: ML_REFERENCE_KIND_VALUE_TRAINING,
      primary: true,
    });
    expect(renderCalibration(result.calibration!).bins).toEqual([
      { upperEdge: 0.1, count: 30, meanConfidence: 0.05, accuracy: 0.1 },
      { upperEdge: 0.2, count: 0 },
    ]);
    expect(renderService(result.service!)).toEqual({
      requests: 40,
      errors: 4,
      errorsByType: { timeout: 3, _OTHER: 1 },
      errorRatio: 0.1,
      throughputPerSecond: 4,
      latency: { source: 'sketch', count: 40, p50Seconds: 0.02, p95Seconds: 0.09, p99Seconds: 0.2 },
    });
    // Mean delay over both sources: (100 + 900) / (10 + 40) = 20 s; max over both = 120 s.
    expect(renderGroundTruth(result.groundTruth)).toEqual({
      coverage: 0.25,
      labeled: 50,
      meanDelaySeconds: 20,
      maxDelaySeconds: 120,
    });
  });

  it('feeds the version detail: last N windows, primary method before its companion', () => {
    const result = buildVersionDetail(source, 'fraud', '7', 2, 99);
    if (!result.ok) throw new Error(result.body.error.message);
    const slice = result.body.slices.find((s) => s.label === 'country=DE')!;
    expect(slice.windows.map((w) => w.startUnixMillis)).toEqual([10_000, 20_000]);
    expect(slice.service.map((s) => s?.errorRatio ?? null)).toEqual([null, 0.1]);
    expect(slice.latest?.service?.latency?.p99Seconds).toBe(0.2);
    expect(slice.features.map((f) => [f.method, f.latest.status])).toEqual([
      [ML_DRIFT_METHOD_VALUE_KS, ML_DRIFT_STATE_VALUE_DRIFT],
      [ML_DRIFT_METHOD_VALUE_PSI, ML_DRIFT_STATE_VALUE_NO_DRIFT],
    ]);
    const allSlices = result.body.slices.find((s) => s.label === 'all')!;
    // Same status: the primary KS row still sorts before the PSI companion.
    expect(allSlices.features.map((f) => f.method)).toEqual([
      ML_DRIFT_METHOD_VALUE_KS,
      ML_DRIFT_METHOD_VALUE_PSI,
    ]);
    expect(slice.quality).toEqual([
      {
        metric: ML_QUALITY_METRIC_VALUE_ACCURACY,
        instrument: 'score',
        latest: 0.9,
        history: [0.9, 0.9],
      },
    ]);
  });
});
