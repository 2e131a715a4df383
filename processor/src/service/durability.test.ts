import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SERVE_CONFIG } from '../config/serve-config.js';
import { ManualClock } from './clock.js';
import { silentLogger } from './logger.js';
import { MlmonService } from './mlmon-service.js';
import type { Pipeline } from './pipeline.js';

/** A stand-in core whose whole state is the receive times it ingested. */
function recordingPipeline(withHooks: boolean) {
  let ingested: number[] = [];
  const restored: unknown[] = [];
  const pipeline: Pipeline = {
    ingest: (_request, nowMs) => {
      ingested.push(nowMs);
      return { accepted: 1, rejected: {}, rejectedTotal: 0, dropped: {}, late: 0 };
    },
    closeWindows: () => [],
    gauges: () => ({ streams: 0, pendingLabels: 0, overflowTotal: 0 }),
    ...(withHooks
      ? {
          snapshot: () => ({ ingested: [...ingested] }),
          restore: (data: unknown) => {
            restored.push(data);
            ingested = [...(data as { ingested: number[] }).ingested];
          },
        }
      : {}),
  };
  return { pipeline, restored, ingested: () => ingested };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Loopback, ephemeral ports, no gRPC. */
const LOCAL = { host: '127.0.0.1', otlpHttpPort: 0, otlpGrpcPort: null, prometheusPort: 0 };

function durableService(dataDir: string, pipeline: Pipeline, clock: ManualClock): MlmonService {
  return new MlmonService({
    config: { ...DEFAULT_SERVE_CONFIG, ...LOCAL, processorId: 'durability-unit', dataDir },
    clock,
    pipeline,
    logger: silentLogger,
    flushIntervalMillis: 0,
    checkpointIntervalMillis: 0,
    durable: true,
  });
}

async function sendEmptyLogs(service: MlmonService): Promise<void> {
  await service.sink.accept(
    { signal: 'logs', request: { resourceLogs: [] } },
    { body: new TextEncoder().encode('{"resourceLogs":[]}'), contentType: 'json' },
  );
}

describe('durability with an injected pipeline', () => {
  it('checkpoints through the pipeline hooks and restores into the new pipeline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-durability-'));
    dirs.push(dir);
    const clock = new ManualClock(5_000);
    const first = recordingPipeline(true);
    const a = durableService(dir, first.pipeline, clock);
    await a.start();
    await sendEmptyLogs(a);
    clock.advance(1_000);
    await sendEmptyLogs(a);
    await a.stop();

    const second = recordingPipeline(true);
    const b = durableService(dir, second.pipeline, clock);
    await b.start();
    await b.stop();
    // Restored from the checkpoint taken at stop; nothing left in the log to replay.
    expect(second.restored).toEqual([{ ingested: [5_000, 6_000] }]);
    expect(second.ingested()).toEqual([5_000, 6_000]);
  });

  it('replays the whole log into a pipeline without hooks (it is never checkpointed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-durability-'));
    dirs.push(dir);
    const clock = new ManualClock(7_000);
    const a = durableService(dir, recordingPipeline(false).pipeline, clock);
    await a.start();
    await sendEmptyLogs(a);
    clock.advance(500);
    await sendEmptyLogs(a);
    await a.stop();

    clock.advance(60_000);
    const second = recordingPipeline(false);
    const b = durableService(dir, second.pipeline, clock);
    await b.start();
    await b.stop();
    // Re-ingested at their original receive times.
    expect(second.ingested()).toEqual([7_000, 7_500]);
  });
});
