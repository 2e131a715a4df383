/**
 * A deterministic in-memory {@link StatusSource} for tests and dashboard screenshots: a binary
 * fraud model whose feature `amount` drifts in slice `country=DE` from window 7 on while its
 * calibration degrades, a regression model without calibration, and a version that has not
 * closed a window yet. Values are made up for display; they are not statistics to test against.
 */
import { withFixtureFairness } from './fixture-fairness.js';
import {
  ML_ALERT_STATE_VALUE_FIRING,
  ML_ALERT_STATE_VALUE_RESOLVED,
  ML_CALIBRATION_METHOD_VALUE_ECE,
  ML_CALIBRATION_METHOD_VALUE_MCE,
  ML_DATA_QUALITY_CHECK_VALUE_MISSING,
  ML_DATA_QUALITY_CHECK_VALUE_NEW_CATEGORY,
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_KIND_VALUE_PREDICTION,
  ML_DRIFT_METHOD_VALUE_CHI2,
  ML_DRIFT_METHOD_VALUE_KS,
  ML_DRIFT_METHOD_VALUE_PSI,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED,
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
  ML_DRIFT_STATE_VALUE_NO_DRIFT,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_REGRESSION,
  ML_QUALITY_METRIC_VALUE_ACCURACY,
  ML_QUALITY_METRIC_VALUE_F1,
  ML_QUALITY_METRIC_VALUE_MAE,
  ML_QUALITY_METRIC_VALUE_R2,
  ML_QUALITY_METRIC_VALUE_RMSE,
  ML_QUALITY_METRIC_VALUE_ROC_AUC,
  ML_REFERENCE_KIND_VALUE_TRAINING,
} from '@mlmon/conventions';
import type { DriftMethodId } from '../../evaluate/drift/types.js';
import type {
  CalibrationResult,
  DriftKind,
  DriftResult,
  GroundTruthResult,
  ServiceResult,
  ReliabilityBinResult,
  WindowResult,
  WindowStream,
} from '../../evaluate/window-result.js';
import type { StatusAlert, StatusSource } from '../types.js';
import { SLO_ALERT_STATISTIC, type SloStatus } from '../../alerts/evaluate-slos.js';
import { defaultBurnRateAlerts, type SloDefinition } from '../../evaluate/slo/slo-definition.js';

/** Model name of the drifting fraud model. */
export const FIXTURE_MODEL = 'fraud-detector';
/** Its version. */
export const FIXTURE_VERSION = '3';
/** The feature that drifts. */
export const FIXTURE_DRIFTED_FEATURE = 'amount';
/** The slice in which it drifts. */
export const FIXTURE_DRIFTED_SLICE = { country: 'DE' } as const;
/** Window length of the fixture. */
export const FIXTURE_WINDOW_MILLIS = 10_000;
/** Number of closed windows per stream. */
export const FIXTURE_WINDOWS = 12;
/** First window with drift in the drifted slice (0-based). */
export const FIXTURE_DRIFT_FROM = 7;

/** A reproducible wobble in [−1, 1], so the numbers look alive but never change between runs. */
function wobble(seed: number): number {
  return Math.sin(seed * 12.9898) * 0.5 + Math.sin(seed * 4.1414) * 0.5;
}

interface FeatureSpec {
  readonly feature: string;
  readonly kind: DriftKind;
  readonly method: DriftMethodId;
  readonly threshold: number;
  /** p-value test: drift when p ≤ threshold. */
  readonly pValue: boolean;
}

const FRAUD_FEATURES: readonly FeatureSpec[] = [
  {
    feature: 'amount',
    kind: ML_DRIFT_KIND_VALUE_FEATURE,
    method: ML_DRIFT_METHOD_VALUE_PSI,
    threshold: 0.2,
    pValue: false,
  },
  {
    feature: 'merchant_category',
    kind: ML_DRIFT_KIND_VALUE_FEATURE,
    method: ML_DRIFT_METHOD_VALUE_CHI2,
    threshold: 0.0005,
    pValue: true,
  },
  {
    feature: 'hour_of_day',
    kind: ML_DRIFT_KIND_VALUE_FEATURE,
    method: ML_DRIFT_METHOD_VALUE_KS,
    threshold: 0.0005,
    pValue: true,
  },
  {
    feature: 'account_age_days',
    kind: ML_DRIFT_KIND_VALUE_FEATURE,
    method: ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED,
    threshold: 0.1,
    pValue: false,
  },
  {
    feature: 'score',
    kind: ML_DRIFT_KIND_VALUE_PREDICTION,
    method: ML_DRIFT_METHOD_VALUE_PSI,
    threshold: 0.2,
    pValue: false,
  },
];

function reliabilityBins(skew: number, n: number, seed: number): ReliabilityBinResult[] {
  // A miscalibrated model is overconfident: the observed positive share lags the score.
  const shares = [0.34, 0.2, 0.12, 0.08, 0.06, 0.05, 0.05, 0.04, 0.03, 0.03];
  return shares.map((share, index) => {
    const mean = index / 10 + 0.05 + wobble(seed + index) * 0.01;
    const accuracy = Math.min(
      1,
      Math.max(0, mean - skew * mean * (1 - mean) * 2 + wobble(seed * 3 + index) * 0.015),
    );
    return {
      upperEdge: (index + 1) / 10,
      count: Math.round(share * n),
      meanScore: mean,
      positiveRatio: accuracy,
    };
  });
}

function calibration(bins: readonly ReliabilityBinResult[]): CalibrationResult {
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  let ece = 0;
  let mce = 0;
  for (const bin of bins) {
    const gap = Math.abs((bin.positiveRatio ?? 0) - (bin.meanScore ?? 0));
    ece += (bin.count / total) * gap;
    mce = Math.max(mce, gap);
  }
  return {
    method: ML_CALIBRATION_METHOD_VALUE_ECE,
    mceMethod: ML_CALIBRATION_METHOD_VALUE_MCE,
    ece,
    mce,
    brier: 0.08 + ece * 0.6,
    logLoss: 0.27 + ece * 1.5,
    bins,
  };
}

function fraudWindow(
  stream: WindowStream,
  index: number,
  start: number,
  sliceSeed: number,
  drifting: boolean,
): WindowResult {
  const seed = index * 7 + sliceSeed;
  const current = 900 + Math.round(wobble(seed) * 120) - (sliceSeed > 0 ? 420 : 0);
  const drifted = drifting && index >= FIXTURE_DRIFT_FROM;
  const labeled = Math.round(current * Math.min(0.82, 0.35 + index * 0.05));
  const drift: DriftResult[] = FRAUD_FEATURES.map((spec, featureIndex) => {
    const early = index === 0 && spec.feature === 'account_age_days';
    const base = {
      feature: spec.feature,
      kind: spec.kind,
      method: spec.method,
      nReference: 50_000,
      nCurrent: early ? 18 : current,
      primary: true,
      threshold: spec.threshold,
    };
    if (early) {
      return {
        ...base,
        state: ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
        reason: 'current window has 18 values, at least 30 are needed',
      };
    }
    const noise = Math.abs(wobble(seed + featureIndex * 31));
    const effective = spec.pValue
      ? spec.threshold
      : spec.threshold * (1 + 40 / Math.sqrt(current)) * 0.5;
    const isDrift =
      (drifted && spec.feature === FIXTURE_DRIFTED_FEATURE) ||
      (drifted && spec.feature === 'score' && index >= FIXTURE_DRIFT_FROM + 1);
    if (spec.pValue) {
      const pValue = isDrift ? 1e-9 : 0.05 + noise * 0.9;
      const score = isDrift ? 0.31 : 0.01 + noise * 0.03;
      return {
        ...base,
        state: isDrift ? ML_DRIFT_STATE_VALUE_DRIFT : ML_DRIFT_STATE_VALUE_NO_DRIFT,
        score,
        pValue,
        effectiveThreshold: effective,
      };
    }
    const score = isDrift
      ? 0.35 + (index - FIXTURE_DRIFT_FROM) * 0.06 + noise * 0.05
      : effective * (0.15 + noise * 0.5);
    return {
      ...base,
      state: isDrift ? ML_DRIFT_STATE_VALUE_DRIFT : ML_DRIFT_STATE_VALUE_NO_DRIFT,
      score,
      effectiveThreshold: effective,
    };
  });
  const skew =
    drifting && index >= FIXTURE_DRIFT_FROM + 2
      ? 0.45 + (index - FIXTURE_DRIFT_FROM) * 0.05
      : 0.04 + Math.abs(wobble(seed)) * 0.03;
  const cal = calibration(reliabilityBins(skew, labeled, seed));
  const accuracy = 0.93 - (cal.ece ?? 0) * 0.5 + wobble(seed + 5) * 0.004;
  return {
    stream,
    startUnixMillis: start,
    endUnixMillis: start + FIXTURE_WINDOW_MILLIS,
    referenceKind: ML_REFERENCE_KIND_VALUE_TRAINING,
    samples: { reference: 50_000, current, labeled },
    drift,
    dataQuality: [
      {
        feature: 'amount',
        check: ML_DATA_QUALITY_CHECK_VALUE_MISSING,
        ratio: 0.002 + Math.abs(wobble(seed + 9)) * 0.003,
      },
      {
        feature: 'merchant_category',
        check: ML_DATA_QUALITY_CHECK_VALUE_NEW_CATEGORY,
        ratio: drifted ? 0.04 : 0.001,
      },
    ],
    calibration: cal,
    quality: [
      { metric: ML_QUALITY_METRIC_VALUE_ACCURACY, instrument: 'score', value: accuracy },
      { metric: ML_QUALITY_METRIC_VALUE_F1, instrument: 'score', value: accuracy - 0.21 },
      {
        metric: ML_QUALITY_METRIC_VALUE_ROC_AUC,
        instrument: 'score',
        value: 0.95 - (cal.ece ?? 0) * 0.2,
      },
    ],
    groundTruth: {
      coverage: labeled / current,
      labeled,
      delays: { '': delays(labeled, 14 + wobble(seed + 2) * 3, 31 + wobble(seed + 4) * 5) },
    },
    service: serviceOf(current, seed, drifted),
    notes: [],
  };
}

/**
 * Service SLIs of a fraud window: ~30 ms median calls; where the feature drifts, the same
 * windows also slow down threefold and fail 6 % of calls (timeouts), so both rows move together.
 */
function serviceOf(calls: number, seed: number, degraded: boolean): ServiceResult {
  const requests = calls + Math.round(wobble(seed + 9) * 20) + 20;
  const errors = degraded ? Math.round(requests * 0.06) : Math.round(wobble(seed + 11) * 2) + 1;
  const slow = degraded ? 3 : 1;
  const p50 = (0.03 + wobble(seed + 13) * 0.004) * slow;
  return {
    requests,
    errors,
    errorsByType: degraded ? { timeout: errors } : { model_error: errors },
    errorRatio: errors / requests,
    throughputPerSecond: requests / 10,
    latency: {
      source: 'sketch',
      count: requests,
      p50,
      p95: p50 * 2.6,
      p99: p50 * 4.1,
      distribution: { bounds: [0.1], counts: [requests, 0], count: requests, sum: requests * p50 },
    },
  };
}

function regressionWindow(stream: WindowStream, index: number, start: number): WindowResult {
  const seed = index * 5 + 101;
  const current = 300 + Math.round(wobble(seed) * 40);
  const labeled = Math.round(current * 0.6);
  return {
    stream,
    startUnixMillis: start,
    endUnixMillis: start + FIXTURE_WINDOW_MILLIS,
    samples: { reference: 8_000, current, labeled },
    drift: [
      {
        feature: 'distance_km',
        kind: ML_DRIFT_KIND_VALUE_FEATURE,
        method: ML_DRIFT_METHOD_VALUE_PSI,
        primary: true,
        state: ML_DRIFT_STATE_VALUE_NO_DRIFT,
        score: 0.02 + Math.abs(wobble(seed)) * 0.03,
        threshold: 0.2,
        effectiveThreshold: 0.16,
        nReference: 8_000,
        nCurrent: current,
      },
    ],
    dataQuality: [],
    quality: [
      { metric: ML_QUALITY_METRIC_VALUE_MAE, instrument: 'error', value: 3.1 + wobble(seed) * 0.3 },
      {
        metric: ML_QUALITY_METRIC_VALUE_RMSE,
        instrument: 'error',
        value: 4.4 + wobble(seed + 1) * 0.4,
      },
      {
        metric: ML_QUALITY_METRIC_VALUE_R2,
        instrument: 'score',
        value: 0.81 + wobble(seed + 2) * 0.02,
      },
    ],
    groundTruth: { coverage: 0.6, labeled, delays: { '': delays(labeled, 600) } },
    notes: [],
  };
}

function stream(
  key: string,
  modelName: string,
  modelVersion: string,
  task: string,
  slice: Readonly<Record<string, string>>,
): WindowStream {
  return { key, modelName, modelVersion, task, slice, resource: { attributes: {}, key: '' } };
}

/** A one-bucket delay histogram with the given mean (and max, when known). */
function delays(count: number, mean: number, max?: number): GroundTruthResult['delays'][string] {
  return {
    bounds: [],
    counts: [count],
    count,
    sum: mean * count,
    ...(max !== undefined ? { max } : {}),
  };
}

/** The SLO that pages in the drifted slice (its serving degrades with the drift). */
export const FIXTURE_SLO = 'availability-DE';

/** The DE slice burning its availability budget (the 6 h / 30 min page fires), FR within. */
function fixtureSlos(streams: readonly WindowStream[], endMs: number): SloStatus[] {
  const availability = (name: string, slice: Record<string, string>): SloDefinition => ({
    name,
    description: `99 % of ${slice['country']}'s scoring calls succeed`,
    match: { model: FIXTURE_MODEL, version: FIXTURE_VERSION, slice },
    indicator: { kind: 'errors' },
    target: 0.99,
    periodSeconds: 30 * 86400,
    alerts: defaultBurnRateAlerts(30 * 86400),
  });
  const burns = (pairs: [number, number][], slo: SloDefinition) =>
    slo.alerts.map((a, i) => {
      const [longBurn, shortBurn] = pairs[i]!;
      return {
        ...a,
        longBurn,
        shortBurn,
        firing: longBurn >= a.burnRate && shortBurn >= a.burnRate,
      };
    });
  const de = availability(FIXTURE_SLO, { ...FIXTURE_DRIFTED_SLICE });
  const fr = availability('availability-FR', { country: 'FR' });
  return [
    {
      slo: de,
      stream: streams[1]!,
      sli: 0.9962,
      budgetRemaining: 0.62,
      burnRates: burns(
        [
          [8.2, 6],
          [6.8, 7.5],
          [1.3, 6.8],
        ],
        de,
      ),
      endUnixMillis: endMs,
    },
    {
      slo: fr,
      stream: streams[2]!,
      sli: 0.9996,
      budgetRemaining: 0.96,
      burnRates: burns(
        [
          [0.3, 0.2],
          [0.4, 0.3],
          [0.4, 0.4],
        ],
        fr,
      ),
      endUnixMillis: endMs,
    },
  ];
}

/** Options of {@link createFixtureStatusSource}. */
export interface FixtureOptions {
  /** End of the last closed window, Unix epoch milliseconds. @default 2026-01-01T12:00:00Z */
  readonly endUnixMillis?: number;
}

/** Builds the fixture source. */
export function createFixtureStatusSource(options: FixtureOptions = {}): StatusSource {
  const end = options.endUnixMillis ?? Date.UTC(2026, 0, 1, 12, 0, 0);
  const first = end - FIXTURE_WINDOWS * FIXTURE_WINDOW_MILLIS;
  const startOf = (index: number): number => first + index * FIXTURE_WINDOW_MILLIS;
  const fraud = (key: string, version: string, slice: Record<string, string>): WindowStream =>
    stream(key, FIXTURE_MODEL, version, ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION, slice);
  const streams: WindowStream[] = [
    fraud('fraud|3|', FIXTURE_VERSION, {}),
    fraud('fraud|3|DE', FIXTURE_VERSION, FIXTURE_DRIFTED_SLICE),
    fraud('fraud|3|FR', FIXTURE_VERSION, { country: 'FR' }),
    fraud('fraud|4|', '4', {}),
    stream('eta|2024-06|', 'eta-minutes', '2024-06', ML_MODEL_TASK_VALUE_REGRESSION, {}),
  ];
  const windows = new Map<string, WindowResult[]>();
  const range = Array.from({ length: FIXTURE_WINDOWS }, (_, index) => index);
  windows.set(
    'fraud|3|',
    range.map((i) => withFixtureFairness(fraudWindow(streams[0]!, i, startOf(i), 0, true), i)),
  );
  windows.set(
    'fraud|3|DE',
    range.map((i) => fraudWindow(streams[1]!, i, startOf(i), 1, true)),
  );
  windows.set(
    'fraud|3|FR',
    range.map((i) => fraudWindow(streams[2]!, i, startOf(i), 2, false)),
  );
  windows.set(
    'eta|2024-06|',
    range.map((i) => regressionWindow(streams[4]!, i, startOf(i))),
  );
  const alerts: StatusAlert[] = [
    {
      rule: 'feature_drift',
      state: ML_ALERT_STATE_VALUE_FIRING,
      severity: 'warning',
      modelName: FIXTURE_MODEL,
      modelVersion: FIXTURE_VERSION,
      slice: FIXTURE_DRIFTED_SLICE,
      feature: FIXTURE_DRIFTED_FEATURE,
      statistic: ML_DRIFT_METHOD_VALUE_PSI,
      threshold: 0.2,
      value: 0.47,
      impact: '812 predictions in country=DE; amount: drift.status 1 (threshold == 1)',
      // Not an http(s) or same-origin link: the dashboard must not render it.
      runbookUrl: 'javascript:alert(1)',
      sinceUnixMillis: startOf(FIXTURE_DRIFT_FROM + 2),
    },
    {
      rule: 'calibration_ece',
      state: ML_ALERT_STATE_VALUE_FIRING,
      severity: 'critical',
      modelName: FIXTURE_MODEL,
      modelVersion: FIXTURE_VERSION,
      slice: FIXTURE_DRIFTED_SLICE,
      statistic: ML_CALIBRATION_METHOD_VALUE_ECE,
      threshold: 0.1,
      value: 0.12,
      impact:
        '412 labeled predictions in country=DE; calibration.ece 0.12 (threshold > 0.1, p = 0.0004)',
      runbookUrl: '/runbooks#calibration',
      sinceUnixMillis: startOf(FIXTURE_WINDOWS - 1),
    },
    {
      rule: 'feature_drift',
      state: ML_ALERT_STATE_VALUE_RESOLVED,
      severity: 'warning',
      modelName: 'eta-minutes',
      modelVersion: '2024-06',
      slice: {},
      feature: 'distance_km',
      statistic: ML_DRIFT_METHOD_VALUE_PSI,
      threshold: 0.2,
      value: 0.05,
      sinceUnixMillis: startOf(3),
    },
    {
      rule: FIXTURE_SLO,
      state: ML_ALERT_STATE_VALUE_FIRING,
      severity: 'page',
      modelName: FIXTURE_MODEL,
      modelVersion: FIXTURE_VERSION,
      slice: FIXTURE_DRIFTED_SLICE,
      statistic: SLO_ALERT_STATISTIC,
      threshold: 6,
      value: 6.8,
      sinceUnixMillis: startOf(FIXTURE_DRIFT_FROM + 1),
    },
  ];
  const slos = fixtureSlos(streams, startOf(FIXTURE_WINDOWS));
  return {
    listStreams: () => streams,
    history: (key, n) => (windows.get(key) ?? []).slice(-n),
    alerts: () => alerts,
    slos: () => slos,
    readiness: () => ({ ready: true }),
  };
}
