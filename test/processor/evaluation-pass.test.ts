/**
 * The evaluation pass never blocks ingest: it runs in slices that yield to the event loop, so a
 * request arriving while a pass over many streams runs is answered before the pass ends (into the
 * next window), the results are the same as an unsliced pass, and a pass that runs past the next
 * window close is counted. Ordering and clock-driven, not wall-clock timing.
 */
import { ATTR_ML_MODEL_NAME, ATTR_ML_PREDICTION_ID } from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVE_CONFIG } from '../../processor/src/config/serve-config.js';
import { decodeOtlpRequest } from '../../processor/src/decode/decode-otlp-request.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import type { SinkResult } from '../../processor/src/receiver/types.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import { silentLogger } from '../../processor/src/service/logger.js';
import { MlmonService } from '../../processor/src/service/mlmon-service.js';
import { logsRequestJson } from './support/otlp-json.js';
import type { ScenarioEvent } from './support/scenario.js';
import {
  closedAfter,
  driftScenario,
  LATENESS_SECONDS,
  T0,
  T1,
  WINDOW_SECONDS,
} from './support/scenario.js';

/** Models fed the scenario: each has an all-slices stream and two slice streams. */
const MODELS = 12;
const STREAMS = MODELS * 3;
const scenario = driftScenario();

function startService(clock: ManualClock, evaluationSliceMillis: number): MlmonService {
  return new MlmonService({
    config: {
      ...DEFAULT_SERVE_CONFIG,
      windowSeconds: WINDOW_SECONDS,
      allowedLatenessSeconds: LATENESS_SECONDS,
      processorId: 'evaluation-pass',
    },
    clock,
    logger: silentLogger,
    flushIntervalMillis: 0,
    evaluationSliceMillis,
  });
}

/** The scenario's events for model `fraud-k` (prediction ids are unique across models). */
function asModel(events: readonly ScenarioEvent[], k: number): ScenarioEvent[] {
  return events.map((e) => ({
    ...e,
    attributes: {
      ...e.attributes,
      [ATTR_ML_MODEL_NAME]: `fraud-${k}`,
      [ATTR_ML_PREDICTION_ID]: `${String(e.attributes[ATTR_ML_PREDICTION_ID])}-${k}`,
    },
  }));
}

/** Delivers events as the receivers would: decoded request plus its raw body. */
function send(service: MlmonService, events: readonly ScenarioEvent[]): Promise<SinkResult> {
  const body = logsRequestJson(events);
  return service.sink.accept(decodeOtlpRequest('logs', body, 'json'), {
    body,
    contentType: 'json',
  });
}

async function sendReferenceWindow(service: MlmonService, clock: ManualClock): Promise<void> {
  clock.set(T0 + 55_000);
  for (let k = 0; k < MODELS; k++) await send(service, asModel(scenario.reference, k));
  clock.set(closedAfter(T0));
}

/** The next macrotask: a sliced pass has evaluated a window and yielded by then. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the evaluation pass', () => {
  it('answers a request that arrives mid-pass before the pass ends, into the next window', async () => {
    const clock = new ManualClock(T0);
    const service = startService(clock, 0);
    await sendReferenceWindow(service, clock);
    const order: string[] = [];
    const pass = service.flush().then((results) => {
      order.push('pass');
      return results;
    });
    await nextTurn();
    clock.set(T1 + 55_000);
    const reply = await send(service, asModel(scenario.current, 0));
    order.push('ingest');
    const keptMidPass = service.latestResults().length;
    const results = await pass;

    expect(order).toEqual(['ingest', 'pass']);
    expect(reply).toEqual({ rejected: 0 });
    expect(keptMidPass).toBe(0);
    expect(results).toHaveLength(STREAMS);
    expect(service.latestResults()).toHaveLength(STREAMS);
    expect(service.telemetry.recordTotal('logs', 'late')).toBe(0);
    clock.set(closedAfter(T1));
    const next = await service.flush();
    expect(next.map((r) => r.stream.modelName)).toEqual(['fraud-0', 'fraud-0', 'fraud-0']);
    await service.stop();
  });

  it('gives the same results sliced as in one go', async () => {
    const run = async (sliceMillis: number): Promise<WindowResult[][]> => {
      const clock = new ManualClock(T0);
      const service = startService(clock, sliceMillis);
      await sendReferenceWindow(service, clock);
      const first = await service.flush();
      clock.set(T1 + 55_000);
      for (let k = 0; k < MODELS; k++) await send(service, asModel(scenario.current, k));
      clock.set(T1 + 56_000);
      for (let k = 0; k < MODELS; k++) await send(service, asModel(scenario.labels, k));
      clock.set(closedAfter(T1));
      const second = await service.flush();
      await service.stop();
      return [first, second];
    };
    const sliced = await run(0);
    const whole = await run(1e9);
    expect(sliced[1]).toHaveLength(STREAMS);
    expect(sliced).toEqual(whole);
  });

  it('counts a pass that runs past the next window close', async () => {
    const clock = new ManualClock(T0);
    const service = startService(clock, 0);
    const overruns = (): string | undefined =>
      /^mlmon_processor_evaluation_overruns_total\{.*\} (\d+)$/m.exec(service.renderMetrics())?.[1];
    await sendReferenceWindow(service, clock);
    const pass = service.flush();
    await nextTurn();
    clock.set(closedAfter(T1));
    await pass;
    expect(overruns()).toBe('1');

    // The close it ran past happens at the next flush, in its own pass.
    clock.set(T1 + 1_000 + (WINDOW_SECONDS + LATENESS_SECONDS) * 1000);
    await service.flush();
    expect(overruns()).toBe('1');
    await service.stop();
  });
});
