/**
 * Clocks that lie. A client's clock ahead of the processor's: records up to
 * `max-future-skew-seconds` ahead are taken, one millisecond beyond is rejected with a reason and
 * counted. The processor's own clock stepped back and forward (NTP): a window closes exactly once
 * (never twice, never not at all), records for a closed window are late, counted, and the counts
 * equal the input. Time zones and DST play no part: windows are cut on the UTC epoch, so with
 * `TZ=Europe/Berlin` across the end of summer time every window is exactly one hour long. (Leap
 * seconds cannot occur: OTLP timestamps are Unix time, which has none.)
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ServeConfig } from '../../processor/src/config/serve-config.js';
import { loopbackConfig } from '../support/loopback-config.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import { silentLogger } from '../../processor/src/service/logger.js';
import { MlmonService } from '../../processor/src/service/mlmon-service.js';
import { prediction } from '../durability/support/events.js';
import { postLogs, windowCounts } from '../durability/support/serve-process.js';
import { logsRequestJson } from './support/otlp-json.js';
import { parsePrometheus, select } from './support/prometheus-parse.js';

const T0 = 1_800_000_000_000; // a multiple of an hour
const services: MlmonService[] = [];
afterAll(async () => {
  for (const s of services) await s.stop();
});

async function start(clock: ManualClock, config: Partial<ServeConfig>) {
  const service = new MlmonService({
    config: loopbackConfig({
      windowSeconds: 60,
      allowedLatenessSeconds: 5,
      ...config,
    }),
    clock,
    logger: silentLogger,
    flushIntervalMillis: 0,
  });
  services.push(service);
  const addresses = await service.start();
  const send = async (model: string, times: number[]) =>
    postLogs(
      addresses.otlpHttpPort,
      logsRequestJson(times.map((t, i) => prediction(model, t, { x: i % 3 }, 0.5))),
    );
  const records = (outcome: string, reason?: string): number =>
    select(parsePrometheus(service.renderMetrics()), 'mlmon_processor_records_total', {
      mlmon_processor_outcome: outcome,
      ...(reason !== undefined ? { mlmon_processor_reason: reason } : {}),
    }).reduce((a, s) => a + s.value, 0);
  return { service, addresses, send, records };
}

describe('a client clock ahead of the processor', () => {
  it('takes records up to the allowed skew and rejects beyond it, with the reason, counted', async () => {
    const clock = new ManualClock(T0 + 10_000);
    const { send, records } = await start(clock, { maxFutureSkewSeconds: 30 });
    const now = clock.now();
    const reply = await send('skewed', [now + 30_000, now + 29_000, now + 30_001, now + 3_600_000]);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({
      partialSuccess: {
        rejectedLogRecords: '2',
        errorMessage: "rejected 2 of the request's records: timestamp_in_future (2)",
      },
    });
    expect(records('accepted')).toBe(2);
    expect(records('rejected', 'timestamp_in_future')).toBe(2);
  });
});

describe("the processor's clock stepped back and forward", () => {
  it('closes every window exactly once, counts late records as late, loses none', async () => {
    const clock = new ManualClock(T0 + 1000);
    const { service, addresses, send, records } = await start(clock, {});
    expect((await send('stepped', [T0 + 1000, T0 + 2000, T0 + 3000])).status).toBe(200);
    clock.set(T0 + 66_000);
    expect(await service.flush()).toHaveLength(1);

    // NTP steps the clock back before the window's close, then forward past it again.
    clock.set(T0 + 30_000);
    expect(await service.flush()).toHaveLength(0);
    // A record for the closed window: late (it cannot reopen), counted as such.
    expect((await send('stepped', [T0 + 40_000])).status).toBe(200);
    expect(records('late')).toBe(1);
    expect((await send('stepped', [T0 + 61_000, T0 + 62_000])).status).toBe(200);
    clock.set(T0 + 66_000);
    expect(await service.flush()).toHaveLength(0);

    // A step forward by an hour closes what is due, once.
    clock.set(T0 + 3_600_000);
    expect(await service.flush()).toHaveLength(1);
    expect(await service.flush()).toHaveLength(0);
    const counts = await windowCounts(addresses.prometheusPort, 'stepped', '1');
    expect(counts.ends).toEqual([T0 + 60_000, T0 + 120_000]);
    expect(counts.current).toEqual([3, 2]);
    expect(records('accepted') + records('late')).toBe(6);
  });
});

describe('time zones and DST', () => {
  const tz = process.env['TZ'];
  afterEach(() => {
    if (tz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = tz;
  });

  it('cut windows on the UTC epoch: across the end of summer time each hour is one window', async () => {
    process.env['TZ'] = 'Europe/Berlin';
    // Summer time ends 2026-10-25 01:00 UTC (03:00 → 02:00 local: the local hour 02:xx twice).
    const dstEnd = Date.UTC(2026, 9, 25, 1);
    expect(new Date(dstEnd - 1).getTimezoneOffset()).toBe(-120);
    expect(new Date(dstEnd).getTimezoneOffset()).toBe(-60);
    const clock = new ManualClock(dstEnd - 3_600_000 + 1000);
    const { service, addresses, send } = await start(clock, {
      windowSeconds: 3600,
      allowedLatenessSeconds: 60,
    });
    const hours = [-1, 0, 1];
    for (const [i, h] of hours.entries()) {
      const base = dstEnd + h * 3_600_000;
      clock.set(base + 31 * 60_000);
      const times = Array.from({ length: i + 2 }, (_, j) => base + 30 * 60_000 + j);
      expect((await send('dst', times)).status).toBe(200);
    }
    clock.set(dstEnd + 2 * 3_600_000 + 61_000);
    await service.flush();
    const counts = await windowCounts(addresses.prometheusPort, 'dst', '1');
    expect(counts.ends).toEqual([dstEnd, dstEnd + 3_600_000, dstEnd + 7_200_000]);
    expect(counts.current).toEqual([2, 3, 4]);
  });
});
