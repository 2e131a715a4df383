import { afterEach, describe, expect, it } from 'vitest';
import { startRuntimeMetrics, type RuntimeMetrics } from './runtime-metrics.js';
import { createInMemoryTelemetry, type InMemoryTelemetry } from './testing/in-memory-telemetry.js';

let otel: InMemoryTelemetry | undefined;
let runtime: RuntimeMetrics | undefined;
afterEach(async () => {
  runtime?.stop();
  await otel?.shutdown();
});

describe('startRuntimeMetrics (real metrics SDK)', () => {
  it('reports the event-loop delay and the host package’s process and system metrics', async () => {
    otel = createInMemoryTelemetry();
    runtime = await startRuntimeMetrics({ meterProvider: otel.meterProvider });
    // Block the loop for ~60 ms so the delay histogram has something to show.
    await new Promise((r) => setTimeout(r, 50));
    const until = Date.now() + 60;
    while (Date.now() < until) {
      /* busy */
    }
    await new Promise((r) => setTimeout(r, 50));
    const collected = await otel.collectMetrics();
    const names = [...collected.keys()];
    expect(names).toEqual(
      expect.arrayContaining([
        'nodejs.eventloop.delay.p99',
        'nodejs.eventloop.delay.max',
        'process.cpu.time',
        'process.memory.usage',
        'system.cpu.utilization',
        'system.memory.usage',
      ]),
    );
    const max = collected.get('nodejs.eventloop.delay.max')!.dataPoints[0]!.value as number;
    expect(max).toBeGreaterThan(0.04); // seconds: the busy loop held it ~60 ms
    expect(max).toBeLessThan(5);
  });

  it('can leave the host metrics out', async () => {
    otel = createInMemoryTelemetry();
    runtime = await startRuntimeMetrics({
      meterProvider: otel.meterProvider,
      hostMetricGroups: false,
    });
    await new Promise((r) => setTimeout(r, 30));
    const names = [...(await otel.collectMetrics()).keys()];
    expect(names.some((n) => n.startsWith('process.') || n.startsWith('system.'))).toBe(false);
  });
});
