import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SERVE_CONFIG } from '../config/serve-config.js';
import type { ClosedWindow } from '../state/types.js';
import { ManualClock } from './clock.js';
import { silentLogger } from './logger.js';
import { MlmonService } from './mlmon-service.js';
import type { IngestOutcome, Pipeline } from './pipeline.js';

/** A stand-in core that records when windows are closed (unit test of the composition). */
function fakePipeline(outcome: IngestOutcome) {
  const closeCalls: number[] = [];
  const pipeline: Pipeline = {
    ingest: () => outcome,
    closeWindows: (nowMs): ClosedWindow[] => {
      closeCalls.push(nowMs);
      return [];
    },
    gauges: () => ({ streams: 7, pendingLabels: 3, overflowTotal: 2 }),
  };
  return { pipeline, closeCalls };
}

const config = {
  ...DEFAULT_SERVE_CONFIG,
  host: '127.0.0.1',
  otlpHttpPort: 0,
  otlpGrpcPort: null,
  prometheusPort: 0,
  processorId: 'unit',
};

describe('MlmonService', () => {
  it('runs the flush loop on its own, closing windows at the injected clock time', async () => {
    const clock = new ManualClock(1_000_000);
    const { pipeline, closeCalls } = fakePipeline({
      accepted: 0,
      rejected: {},
      rejectedTotal: 0,
      dropped: {},
      late: 0,
    });
    const service = new MlmonService({
      config,
      clock,
      pipeline,
      logger: silentLogger,
      flushIntervalMillis: 5,
    });
    await service.start();
    try {
      await vi.waitFor(() => expect(closeCalls.length).toBeGreaterThan(0), { timeout: 10_000 });
      expect(closeCalls[0]).toBe(1_000_000);
      clock.advance(60_000);
      await vi.waitFor(() => expect(closeCalls).toContain(1_060_000), { timeout: 10_000 });
    } finally {
      await service.stop();
    }
  });

  it('counts records by signal, outcome and reason and reports rejects as partial success', async () => {
    const { pipeline } = fakePipeline({
      accepted: 5,
      rejected: { missing_model_name: 2 },
      rejectedTotal: 2,
      dropped: { duplicate_prediction: 1 },
      late: 4,
    });
    const service = new MlmonService({
      config,
      pipeline,
      logger: silentLogger,
      flushIntervalMillis: 0,
    });
    const result = await service.sink.accept(
      { signal: 'logs', request: { resourceLogs: [] } },
      { body: new Uint8Array(), contentType: 'json' },
    );
    expect(result).toEqual({
      rejected: 2,
      message: "rejected 2 of the request's records: missing_model_name (2)",
    });
    const text = service.renderMetrics();
    expect(text).toContain(
      'mlmon_processor_records_total{mlmon_signal="logs",mlmon_processor_outcome="accepted",service_name="mlmon",mlmon_processor_id="unit",otel_scope_name="mlmon.processor"} 5',
    );
    expect(text).toMatch(
      /^mlmon_processor_records_total\{mlmon_signal="logs",mlmon_processor_outcome="rejected",mlmon_processor_reason="missing_model_name",.*\} 2$/m,
    );
    expect(text).toMatch(
      /^mlmon_processor_records_total\{mlmon_signal="logs",mlmon_processor_outcome="dropped",mlmon_processor_reason="duplicate_prediction",.*\} 1$/m,
    );
    expect(text).toMatch(
      /^mlmon_processor_records_total\{mlmon_signal="logs",mlmon_processor_outcome="late",.*\} 4$/m,
    );
    expect(text).toMatch(/^mlmon_processor_streams\{.*\} 7$/m);
    expect(text).toMatch(/^mlmon_processor_pending_labels\{.*\} 3$/m);
    expect(text).toMatch(/^mlmon_processor_overflow_total\{.*\} 2$/m);
    expect(text).toMatch(/^mlmon_processor_export_failures_total\{.*\} 0$/m);
  });

  it('reports a port already in use as a clear error', async () => {
    const first = new MlmonService({
      config,
      pipeline: fakePipeline({ accepted: 0, rejected: {}, rejectedTotal: 0, dropped: {}, late: 0 })
        .pipeline,
      logger: silentLogger,
      flushIntervalMillis: 0,
    });
    const { prometheusPort } = await first.start();
    try {
      const second = new MlmonService({
        config: { ...config, prometheusPort },
        pipeline: fakePipeline({
          accepted: 0,
          rejected: {},
          rejectedTotal: 0,
          dropped: {},
          late: 0,
        }).pipeline,
        logger: silentLogger,
        flushIntervalMillis: 0,
      });
      await expect(second.start()).rejects.toThrow(/cannot listen: .*EADDRINUSE/);
    } finally {
      await first.stop();
    }
  });
});
