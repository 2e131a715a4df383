/**
 * Version-comparison golden cases as SDK log events: each row's prediction from version 1 and
 * from version 2, in one window, then their labels.
 */
import {
  ATTR_ML_GROUND_TRUTH_VALUE,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_SLICE,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
} from '@mlmon/conventions';
import { VERSIONS_CASE } from '../../golden/versions-golden-data.js';
import type { VersionComparisonResult } from '../../../processor/src/evaluate/version-comparison-result.js';
import type { WindowResult } from '../../../processor/src/evaluate/window-result.js';
import type { Sample } from './prometheus-parse.js';
import { sendOneWindow } from './one-window.js';
import { T0, type ScenarioEvent } from './scenario.js';
import { startTestService, type TestService } from './start-service.js';

/** Two versions' rows: per request its slice, its label and each version's prediction. */
export interface TwoVersionRows {
  readonly region: readonly string[];
  /** `ml.ground_truth.value` of each request. */
  readonly label: readonly number[];
  /** The task and prediction attributes of version `version` for request `i`. */
  readonly prediction: (version: '1' | '2', i: number) => ScenarioEvent['attributes'];
}

/**
 * Each request's prediction from version 1 and from version 2 (ids `v1-i`, `v2-i`, or the
 * shared id `i` when `shared`: a shadow deployment scoring each request twice) in the window at
 * `startMs`, then their labels; `idPrefix` tells the ids of a repeat of the case in a later
 * window from the first one's.
 */
export function twoVersionEvents(
  model: string,
  startMs: number,
  rows: TwoVersionRows,
  shared = false,
  idPrefix = '',
): ScenarioEvent[] {
  const predictions: ScenarioEvent[] = [];
  const labels: ScenarioEvent[] = [];
  rows.label.forEach((label, i) => {
    for (const version of ['1', '2'] as const) {
      const id = `${idPrefix}${shared ? `${i}` : `v${version}-${i}`}`;
      predictions.push({
        eventName: EVENT_ML_PREDICTION,
        timeMs: startMs + 1000 + i * 50,
        attributes: {
          [ATTR_ML_MODEL_NAME]: model,
          [ATTR_ML_MODEL_VERSION]: version,
          [ATTR_ML_PREDICTION_ID]: id,
          [ATTR_ML_SLICE('region')]: rows.region[i]!,
          ...rows.prediction(version, i),
        },
      });
      if (shared && version === '2') continue;
      labels.push({
        eventName: EVENT_ML_GROUND_TRUTH,
        timeMs: startMs + 55_000,
        attributes: {
          [ATTR_ML_MODEL_NAME]: model,
          [ATTR_ML_PREDICTION_ID]: id,
          [ATTR_ML_GROUND_TRUTH_VALUE]: label,
        },
      });
    }
  });
  return [...predictions, ...labels];
}

/** The binary golden case's predictions of both versions, then their labels. */
export function versionEvents(
  model: string,
  startMs: number,
  shared = false,
  idPrefix = '',
): ScenarioEvent[] {
  const { rows } = VERSIONS_CASE;
  return twoVersionEvents(
    model,
    startMs,
    {
      region: rows.region,
      label: rows.label,
      prediction: (version, i) => ({
        [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
        [ATTR_ML_PREDICTION_SCORE]: version === '1' ? rows.score_1[i]! : rows.score_2[i]!,
      }),
    },
    shared,
    idPrefix,
  );
}

/**
 * Version 2's comparison in `results` for slice `region=<region>` (`''`: the all-slices stream).
 */
export function version2ComparisonOf(
  results: readonly WindowResult[],
  region: string,
): VersionComparisonResult | undefined {
  return results.find(
    (r) =>
      r.stream.modelVersion === '2' &&
      (region === ''
        ? Object.keys(r.stream.slice).length === 0
        : r.stream.slice['region'] === region),
  )?.versionComparison;
}

/** A service that was sent the case: its window's results and its /metrics samples. */
export interface ServedVersionCase {
  readonly svc: TestService;
  readonly results: WindowResult[];
  readonly samples: Sample[];
}

/**
 * Starts `mlmon serve` with version 1 as `model`'s configured baseline, sends the case through
 * the OTel SDK (`shared`: as a shadow deployment) in the window at T0, and closes that window.
 */
export async function serveVersionCase(model: string, shared = false): Promise<ServedVersionCase> {
  const svc = await startTestService(T0, { modelVersions: [{ model, baseline: '1' }] });
  return { svc, ...(await sendOneWindow(svc, T0, versionEvents(model, T0, shared))) };
}
