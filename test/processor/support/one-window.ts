/**
 * The common shape of the single-window serve tests: events sent through the real OTel SDK
 * inside the window at `start`, the window closed, and what the service then reports.
 */
import type { WindowResult } from '../../../processor/src/evaluate/window-result.js';
import { parsePrometheus, type Sample } from './prometheus-parse.js';
import { closedAfter, type ScenarioEvent } from './scenario.js';
import { sdkLogs, type TestService } from './start-service.js';

/** Sends `events` 55 s into the window at `start`, closes it; its results and /metrics samples. */
export async function sendOneWindow(
  svc: TestService,
  start: number,
  events: readonly ScenarioEvent[],
): Promise<{ results: WindowResult[]; samples: Sample[] }> {
  const sdk = sdkLogs(svc.addresses, 'http/protobuf');
  svc.clock.set(start + 55_000);
  await sdk.send(events);
  await sdk.shutdown();
  svc.clock.set(closedAfter(start));
  const results = await svc.service.flush();
  return { results, samples: parsePrometheus(await svc.metrics()) };
}
