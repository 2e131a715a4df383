/**
 * Shared steps of the CBPE end-to-end tests: one window's predictions, then their labels, sent
 * through the real OTel SDK and the window closed; and the estimation each slice of a model
 * version reports in the status API.
 */
import {
  ATTR_ML_GROUND_TRUTH_VALUE,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_SCORE,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
} from '@mlmon/conventions';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  buildBaseline,
  type BaselineOptions,
} from '../../../processor/src/cli/commands/baseline.js';
import type { ReferenceProfile } from '../../../processor/src/profile/reference-profile.js';
import { writeProfileFile } from '../../../processor/src/profile/profile-json.js';
import type { QualityEstimateResult } from '../../../processor/src/evaluate/window-result.js';
import { expectClose } from '../../golden/tolerance.js';
import { closedAfter, type ScenarioEvent } from './scenario.js';
import { sdkLogs, startTestService, type TestService } from './start-service.js';

/**
 * `mlmon baseline` on a training CSV (`header`, then `rows`) written to `dir`, the profile
 * written beside it, and `mlmon serve` started at `startMs` with that profile as the reference.
 */
export async function serveWithTrainingProfile(
  dir: string,
  header: string,
  rows: readonly string[],
  options: Omit<BaselineOptions, 'input' | 'version' | 'now'>,
  startMs: number,
): Promise<{ svc: TestService; profile: ReferenceProfile }> {
  const csv = join(dir, 'train.csv');
  writeFileSync(csv, [header, ...rows, ''].join('\n'));
  const profile = await buildBaseline({
    ...options,
    input: csv,
    version: '1',
    now: new Date(startMs),
  });
  const profilePath = join(dir, `${options.model}.json`);
  await writeProfileFile(profilePath, profile);
  const svc = await startTestService(startMs, {
    reference: 'profile',
    referenceProfile: profilePath,
  });
  return { svc, profile };
}

/** A slice of the version detail with its estimation, as the status API returns it. */
export interface EstimationSlice {
  slice: Record<string, string>;
  estimation?: {
    latest: { calibrated: boolean; referenceRows: number; predictions: number };
    history: (QualityEstimateResult[] | null)[];
  };
}

/**
 * Sends `predictions` 30 s into the window starting at `start`, `labels` at 51 s (inside the
 * window, so it reports realized values too), then closes the window.
 */
export async function sendLabeledWindow(
  svc: TestService,
  start: number,
  predictions: readonly ScenarioEvent[],
  labels: readonly ScenarioEvent[],
): Promise<void> {
  const sdk = sdkLogs(svc.addresses, 'http/protobuf');
  svc.clock.set(start + 30_000);
  await sdk.send(predictions);
  svc.clock.set(start + 51_000);
  await sdk.send(labels);
  svc.clock.set(closedAfter(start));
  await svc.service.flush();
  await sdk.shutdown();
}

/** The slices of `model` version 1 in the status API. */
export async function estimationSlices(
  svc: TestService,
  model: string,
): Promise<EstimationSlice[]> {
  const url = `http://127.0.0.1:${svc.addresses.prometheusPort}/api/v1/models/${model}/versions/1`;
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url}: status ${response.status}`);
  return ((await response.json()) as { slices: EstimationSlice[] }).slices;
}

/** The newest estimation of `slice` ({} = all slices); throws when there is none. */
export function latestEstimates(
  slices: readonly EstimationSlice[],
  slice: Record<string, string>,
): QualityEstimateResult[] {
  const detail = slices.find((s) => JSON.stringify(s.slice) === JSON.stringify(slice));
  const last = detail?.estimation?.history.at(-1);
  if (!last) throw new Error(`no estimation for slice ${JSON.stringify(slice)}`);
  return last;
}

/** A golden script's window: estimates, σ of the band and realized values by metric. */
export interface GoldenEstimationWindow {
  estimates: Record<string, number>;
  sigma: Record<string, number>;
  realized: Record<string, number>;
}

/**
 * Checks that `got` holds exactly the golden window's metrics with their values, σ and upper
 * bound, and for the metrics in `realized` the realized value and the estimation error.
 */
export function expectGoldenEstimates(
  got: readonly QualityEstimateResult[],
  want: GoldenEstimationWindow,
  realized: readonly string[],
): void {
  expect(got.map((e) => e.metric).sort()).toEqual(Object.keys(want.estimates).sort());
  for (const e of got) {
    expectClose(`${e.metric}`, e.value, want.estimates[e.metric]!);
    expectClose(`σ ${e.metric}`, e.sigma, want.sigma[e.metric]!);
    expectClose(`upper ${e.metric}`, e.upper, Math.min(1, e.value! + 3 * e.sigma!));
    if (!realized.includes(e.metric)) continue;
    expectClose(`realized ${e.metric}`, e.realized, want.realized[e.metric]!);
    expectClose(`error ${e.metric}`, e.error, e.value! - want.realized[e.metric]!);
  }
}

/**
 * A binary model's window (version 1): prediction `p${i}` with score `scores[i]` (plus
 * `extra(i)`, e.g. a slice or a sampling probability) from 1 s into the window starting at
 * `start`, and its 0/1 label at 50 s, still inside the window.
 */
export function binaryWindowEvents(
  model: string,
  start: number,
  scores: readonly number[],
  labels: readonly number[],
  extra: (i: number) => ScenarioEvent['attributes'],
): { predictions: ScenarioEvent[]; labels: ScenarioEvent[] } {
  const identity = { [ATTR_ML_MODEL_NAME]: model, [ATTR_ML_MODEL_VERSION]: '1' };
  return {
    predictions: scores.map((score, i) => ({
      eventName: EVENT_ML_PREDICTION,
      timeMs: start + 1000 + i * 100,
      attributes: {
        ...identity,
        [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
        [ATTR_ML_PREDICTION_ID]: `p${i}`,
        [ATTR_ML_PREDICTION_SCORE]: score,
        ...extra(i),
      },
    })),
    labels: labels.map((label, i) => ({
      eventName: EVENT_ML_GROUND_TRUTH,
      timeMs: start + 50_000,
      attributes: {
        ...identity,
        [ATTR_ML_PREDICTION_ID]: `p${i}`,
        [ATTR_ML_GROUND_TRUTH_VALUE]: label,
      },
    })),
  };
}

/** Scores and 0/1 labels of one side of a binary CBPE case. */
export interface BinaryRows {
  readonly scores: readonly number[];
  readonly labels: readonly number[];
}

/**
 * `mlmon serve` started at `start` from the training profile of `reference` (columns
 * score,label), then one window of `current` ({@link binaryWindowEvents}) sent and closed.
 */
export async function serveBinaryEstimationWindow(
  dir: string,
  model: string,
  start: number,
  reference: BinaryRows,
  current: BinaryRows,
  extra: (i: number) => ScenarioEvent['attributes'],
): Promise<TestService> {
  const rows = reference.scores.map((s, i) => `${s},${reference.labels[i]}`);
  const { svc } = await serveWithTrainingProfile(
    dir,
    'score,label',
    rows,
    { model, scoreColumn: 'score', labelColumn: 'label' },
    start,
  );
  const { predictions, labels } = binaryWindowEvents(
    model,
    start,
    current.scores,
    current.labels,
    extra,
  );
  await sendLabeledWindow(svc, start, predictions, labels);
  return svc;
}
