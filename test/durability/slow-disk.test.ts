/**
 * A slow disk: every `fdatasync` of the write-ahead log takes 300 ms (fault-injecting file
 * system). Acknowledgements wait for the sync (group commit keeps it to one sync per batch), the
 * requests waiting for it fill the admission bound, and past it clients get 429 with Retry-After
 * instead of the processor queueing without bound; what is acknowledged is counted exactly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loopbackConfig } from '../support/loopback-config.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import { silentLogger } from '../../processor/src/service/logger.js';
import { MlmonService } from '../../processor/src/service/mlmon-service.js';
import { logsRequestJson } from '../processor/support/otlp-json.js';
import { parsePrometheus, select } from '../processor/support/prometheus-parse.js';
import { FaultyWalFileSystem } from '../support/faulty-wal-file-system.js';
import { prediction } from './support/events.js';
import { postLogs, windowCounts } from './support/serve-process.js';

const T0 = 1_800_000_000_000;
const MAX_INFLIGHT = 8;
const PER_REQUEST = 5;

describe('a slow disk under mlmon serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-slowdisk-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('acknowledges after the slow sync, refuses past the in-flight bound with 429, counts exactly', async () => {
    const clock = new ManualClock(T0 + 1000);
    const fs = new FaultyWalFileSystem();
    const service = new MlmonService({
      config: loopbackConfig({
        windowSeconds: 60,
        allowedLatenessSeconds: 5,
        dataDir: dir,
        limits: {
          maxInflightRequests: MAX_INFLIGHT,
          maxInflightBytes: 64 * 1024 * 1024,
          memorySoftLimitBytes: 0,
        },
      }),
      clock,
      logger: silentLogger,
      flushIntervalMillis: 0,
      durable: true,
      checkpointIntervalMillis: 0,
      walFileSystem: fs,
    });
    const { otlpHttpPort, prometheusPort } = await service.start();
    try {
      fs.syncDelayMillis = 300;
      const body = (n: number) =>
        logsRequestJson(
          Array.from({ length: PER_REQUEST }, (_, j) =>
            prediction('slow', T0 + 2000 + n, { x: j }, 0.5),
          ),
        );
      const replies = await Promise.all(
        Array.from({ length: 40 }, (_, n) => postLogs(otlpHttpPort, body(n))),
      );
      const statuses = replies.map((r) => r.status);
      const acked = statuses.filter((s) => s === 200).length;
      const refused = replies.filter((r) => r.status === 429);
      expect(acked + refused.length).toBe(40);
      expect(acked).toBeGreaterThanOrEqual(MAX_INFLIGHT);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) expect(r.retryAfter).toBe('1');
      const samples = parsePrometheus(service.renderMetrics());
      expect(
        select(samples, 'mlmon_processor_records_total', {
          mlmon_processor_outcome: 'accepted',
        }).reduce((a, s) => a + s.value, 0),
      ).toBe(acked * PER_REQUEST);

      fs.syncDelayMillis = 0;
      clock.set(T0 + 66_000);
      await service.flush();
      const counts = await windowCounts(prometheusPort, 'slow', '1');
      expect(counts.current).toEqual([acked * PER_REQUEST]);
    } finally {
      await service.stop();
    }
  });
});
