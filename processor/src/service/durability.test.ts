import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SERVE_CONFIG } from '../config/serve-config.js';
import { ManualClock } from './clock.js';
import { silentLogger } from './logger.js';
import { MlmonService } from './mlmon-service.js';
import type { Pipeline } from './pipeline.js';
import { openDurableStore } from '../storage/durable-store.js';
import { readWal } from '../storage/read-wal.js';

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

  it('a closing left open by a crash is finished at the end of the log, and marked there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-durability-'));
    dirs.push(dir);
    // The log of a process that died mid-pass: a request, the seal, a request, no close-end.
    const store = await openDurableStore({ dir, logger: silentLogger, now: () => 1_000 });
    const body = new TextEncoder().encode('{"resourceLogs":[]}');
    const request = { kind: 'request', signal: 'logs', contentType: 'json', body } as const;
    store.append({ ...request, receiveUnixMillis: 1_000 });
    store.append({ kind: 'close-begin', receiveUnixMillis: 2_000 });
    await store.append({ ...request, receiveUnixMillis: 3_000 }).durable;
    await store.close();

    const calls: string[] = [];
    const sealing = (): Pipeline => ({
      ...recordingPipeline(false).pipeline,
      ingest: (_request, nowMs) => {
        calls.push(`ingest ${nowMs}`);
        return { accepted: 1, rejected: {}, rejectedTotal: 0, dropped: {}, late: 0 };
      },
      sealWindows: (nowMs) => {
        calls.push(`seal ${nowMs}`);
        return { empty: false, next: () => undefined, finish: () => calls.push('finish') };
      },
    });
    const clock = new ManualClock(10_000);
    const a = durableService(dir, sealing(), clock);
    await a.start();
    expect(calls).toEqual(['ingest 1000', 'seal 2000', 'ingest 3000', 'finish']);
    // The recovery marked the finish before any new record (a request made it durable).
    await sendEmptyLogs(a);
    const kinds = [...readWal(dir, 0).records].map((r) => r.kind);
    expect(kinds).toEqual(['request', 'close-begin', 'request', 'close-end', 'request']);
    await a.stop();

    calls.length = 0;
    const b = durableService(dir, sealing(), clock);
    await b.start();
    await b.stop();
    // A later replay (this pipeline is never checkpointed: the whole log) finishes the old
    // closing where the first recovery did: before the record the next process took.
    expect(calls.slice(0, 5)).toEqual([
      'ingest 1000',
      'seal 2000',
      'ingest 3000',
      'finish',
      'ingest 10000',
    ]);
  });
});
