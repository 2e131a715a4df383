/**
 * Shared steps of the CBPE end-to-end tests: one window's predictions, then their labels, sent
 * through the real OTel SDK and the window closed; and the estimation each slice of a model
 * version reports in the status API.
 */
import type { QualityEstimateResult } from '../../../processor/src/evaluate/window-result.js';
import { closedAfter, type ScenarioEvent } from './scenario.js';
import { sdkLogs, type TestService } from './start-service.js';

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
