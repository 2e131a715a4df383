/**
 * Child process of the streams suite (run with `--expose-gc`): a churn run through the real
 * service (`MlmonService`, its own defaults, in memory, driven by a manual clock — 30 minutes of
 * 30-second windows in a few seconds). Every cycle of 5 windows, a new population of S slice
 * streams sends and the previous one falls silent, so streams keep appearing and ageing out
 * (idle TTL 2 windows). Heap (`heapUsed + arrayBuffers` after forced GCs) is measured at the end
 * of every cycle. Prints one JSON line: `{"cycles","streams","heapBytes":[…],"expired"}`.
 * Usage: node --expose-gc --import tsx bench/children/churn.ts STREAMS
 */
import { DEFAULT_SERVE_CONFIG } from '../../processor/src/config/serve-config.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import { silentLogger } from '../../processor/src/service/logger.js';
import { MlmonService } from '../../processor/src/service/mlmon-service.js';
import { streamsRequest } from '../lib/stream-fill.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('churn: run with node --expose-gc\n');
  process.exit(2);
}
const streams = Number(process.argv[2] ?? 200);
const WINDOW_SECONDS = 30;
const W = WINDOW_SECONDS * 1000;
const WINDOWS_PER_CYCLE = 5;
const CYCLES = 12; // 60 windows of 30 s: 30 minutes
const EVENTS = 20;
const T0 = 1_800_000_000_000;

function heapBytes(): number {
  for (let i = 0; i < 4; i++) gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const clock = new ManualClock(T0);
const service = new MlmonService({
  config: {
    ...DEFAULT_SERVE_CONFIG,
    windowSeconds: WINDOW_SECONDS,
    allowedLatenessSeconds: 0,
    idleStreamTtlSeconds: 2 * WINDOW_SECONDS,
    processorId: 'churn',
  },
  clock,
  logger: silentLogger,
  flushIntervalMillis: 0,
});
const heap: number[] = [];
let window = 0;
for (let cycle = 0; cycle < CYCLES; cycle++) {
  for (let k = 0; k < WINDOWS_PER_CYCLE; k++, window++) {
    const start = T0 + window * W;
    clock.set(start + 1000);
    const request = streamsRequest(streams, EVENTS, start, window, `c${cycle}-`);
    const reply = await service.sink.accept(request, {
      body: new Uint8Array(0),
      contentType: 'json',
    });
    if (reply.rejected !== 0) throw new Error(`churn: ${reply.rejected} records rejected`);
    clock.set(start + W + 1);
    await service.flush();
  }
  heap.push(heapBytes());
  process.stderr.write(
    `  churn cycle ${cycle + 1}/${CYCLES}: heap ${(heap[cycle]! / 1e6).toFixed(1)} MB\n`,
  );
}
const expired = /^mlmon_processor_streams_expired_total\{.*\} (\d+)$/m.exec(
  service.renderMetrics(),
)?.[1];
await service.stop();
process.stdout.write(
  `${JSON.stringify({ cycles: CYCLES, streams, heapBytes: heap, expired: Number(expired ?? 0) })}\n`,
);
