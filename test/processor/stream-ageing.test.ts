/**
 * Ageing through the service: a model version that stops sending leaves `/metrics`, the status
 * API's results and the state once it has been idle for `idle-stream-ttl-seconds` after its last
 * window, while a model that keeps sending stays; the expired streams are counted in
 * self-telemetry. Clock-driven (the service's injected clock), no wall-clock timing.
 */
import { ATTR_ML_MODEL_NAME, ATTR_ML_PREDICTION_ID } from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVE_CONFIG, type ServeConfig } from '../../processor/src/config/serve-config.js';
import { decodeOtlpRequest } from '../../processor/src/decode/decode-otlp-request.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import { silentLogger, type Logger } from '../../processor/src/service/logger.js';
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

const W = WINDOW_SECONDS * 1000;
const scenario = driftScenario();

/** The scenario's reference events moved to window `k`, as model `name`. */
function windowOf(name: string, k: number): ScenarioEvent[] {
  return scenario.reference.map((e) => ({
    ...e,
    timeMs: e.timeMs + k * W,
    attributes: {
      ...e.attributes,
      [ATTR_ML_MODEL_NAME]: name,
      [ATTR_ML_PREDICTION_ID]: `${String(e.attributes[ATTR_ML_PREDICTION_ID])}-${name}-${k}`,
    },
  }));
}

async function send(service: MlmonService, events: readonly ScenarioEvent[]): Promise<void> {
  const body = logsRequestJson(events);
  const reply = await service.sink.accept(decodeOtlpRequest('logs', body, 'json'), {
    body,
    contentType: 'json',
  });
  expect(reply).toEqual({ rejected: 0 });
}

const modelsOnMetrics = (service: MlmonService): string[] =>
  [...new Set([...service.renderMetrics().matchAll(/ml_model_name="([^"]+)"/g)].map((m) => m[1]!))]
    .filter((name) => name !== '')
    .sort();

/** An in-memory service with the scenario's windows and an idle TTL of two windows. */
function ageingService(clock: ManualClock, logger: Logger, config: Partial<ServeConfig> = {}) {
  return new MlmonService({
    config: {
      ...DEFAULT_SERVE_CONFIG,
      windowSeconds: WINDOW_SECONDS,
      allowedLatenessSeconds: LATENESS_SECONDS,
      idleStreamTtlSeconds: 2 * WINDOW_SECONDS,
      processorId: 'ageing',
      ...config,
    },
    clock,
    logger,
    flushIntervalMillis: 0,
  });
}

describe('stream ageing in mlmon serve', () => {
  it('drops the series and results of a model that stopped sending, and counts them', async () => {
    const clock = new ManualClock(T0);
    const service = ageingService(clock, silentLogger);
    // Window 0: both models; then only `kept` sends, one window after another.
    clock.set(T0 + 55_000);
    await send(service, windowOf('kept', 0));
    await send(service, windowOf('stopped', 0));
    clock.set(closedAfter(T0));
    await service.flush();
    expect(modelsOnMetrics(service)).toEqual(['kept', 'stopped']);
    const streamsPerModel = service.latestResults().length / 2;

    /** `kept` sends window `k`, then the flush after window k closes (at (k + 1)·W + lateness). */
    const step = async (k: number): Promise<void> => {
      clock.set(T0 + k * W + 55_000);
      await send(service, windowOf('kept', k));
      clock.set(closedAfter(T0 + k * W));
      await service.flush();
    };
    // `stopped` ended with window 0 (end T0 + W): idle for W + lateness < 2 W at the next flush.
    await step(1);
    expect(modelsOnMetrics(service)).toEqual(['kept', 'stopped']);
    // Idle for 2 W + lateness at the flush after window 2: it goes.
    await step(2);

    expect(modelsOnMetrics(service)).toEqual(['kept']);
    expect(service.latestResults().map((r) => r.stream.modelName)).not.toContain('stopped');
    expect(service.latestResults()).toHaveLength(streamsPerModel);
    expect(
      /^mlmon_processor_streams_expired_total\{.*\} (\d+)$/m.exec(service.renderMetrics())?.[1],
    ).toBe(String(streamsPerModel));
    await service.stop();
  });

  it('resolves, once, an alert still firing on a stream that aged out', async () => {
    const lines: string[] = [];
    const logger: Logger = { ...silentLogger, info: (m) => lines.push(m) };
    const clock = new ManualClock(T0);
    const service = ageingService(clock, logger, {
      alerts: [
        {
          name: 'feature_drift_now',
          statistic: 'drift.status',
          operator: '==',
          threshold: 1,
          forWindows: 1,
          severity: 'warning',
          minSamples: 0,
          significance: 0.005,
        },
      ],
    });
    // Window 0 is the reference, window 1 drifts (the rule fires at once), then silence.
    clock.set(T0 + 55_000);
    await send(service, scenario.reference);
    clock.set(closedAfter(T0));
    await service.flush();
    clock.set(T1 + 55_000);
    await send(service, scenario.current);
    clock.set(closedAfter(T1));
    await service.flush();
    const firing = lines.filter((l) => / firing \(/.test(l));
    expect(firing.length).toBeGreaterThan(0);

    // Idle past the TTL after window 1 (end T1 + W): the streams go, their alerts resolve.
    clock.set(T1 + W + 2 * W + LATENESS_SECONDS * 1000 + 1_000);
    await service.flush();
    const resolved = lines.filter((l) => l.includes('aged out') && / resolved \(/.test(l));
    expect(resolved).toHaveLength(firing.length);
    expect(service.renderMetrics()).not.toMatch(/ml_alert_status\{/);
    // Nothing fires again or resolves twice.
    clock.set(T1 + 10 * W);
    await service.flush();
    expect(lines.filter((l) => l.includes('aged out') && / resolved \(/.test(l))).toHaveLength(
      firing.length,
    );
    await service.stop();
  });
});
