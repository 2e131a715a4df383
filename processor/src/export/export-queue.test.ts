import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportQueueEvents } from './export-queue.js';
import { ExportQueue } from './export-queue.js';
import type { OtlpTransport, SendOutcome } from './otlp-transport.js';

/** A scripted backend: answers each send with the next scripted outcome (then ok). */
function scriptedTransport(script: SendOutcome[]) {
  const sent: string[] = [];
  const transport: OtlpTransport = {
    url: 'http://backend/v1/metrics',
    json: true,
    send: async (body) => {
      sent.push(Buffer.from(body).toString());
      return script.shift() ?? { ok: true };
    },
    close: async () => {},
  };
  return { transport, sent };
}

function recordingEvents() {
  const log: string[] = [];
  const events: ExportQueueEvents = {
    failed: (o, queued) => log.push(`failed ${o.error} retryable=${o.retryable} queued=${queued}`),
    dropped: (n, reason) =>
      log.push(`dropped ${n} ${typeof reason === 'string' ? reason : reason.error}`),
    recovered: (failures, queued) => log.push(`recovered after ${failures}, ${queued} queued`),
  };
  return { events, log };
}

const unavailable: SendOutcome = { ok: false, error: 'HTTP 503', retryable: true };
const body = (s: string): Uint8Array => Buffer.from(s);

afterEach(() => {
  vi.useRealTimers();
});

describe('ExportQueue', () => {
  it('keeps a request through retryable failures, backs off with jitter, drains in order', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { transport, sent } = scriptedTransport([unavailable, unavailable]);
    const { events, log } = recordingEvents();
    const queue = new ExportQueue({
      transport,
      bounds: { maxRequests: 10, maxBytes: 1 << 20 },
      backoff: { initialMillis: 1000, maxMillis: 8000, jitter: 0.5 },
      events,
      now: () => Date.now(),
      random: () => 0, // the shortest wait: half of it
    });
    const first = await queue.enqueue(body('a'));
    expect(first).toEqual(unavailable);
    // Enqueued behind a failing head: answered at once, sent later.
    expect(await queue.enqueue(body('b'))).toMatchObject({ ok: false, retryable: true });
    expect(sent).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(499);
    expect(sent).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1); // 1000 × 0.5
    expect(sent).toEqual(['a', 'a']);
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toEqual(['a', 'a']);
    await vi.advanceTimersByTimeAsync(1); // 2000 × 0.5
    expect(sent).toEqual(['a', 'a', 'a', 'b']);
    expect(queue.size).toBe(0);
    expect(log).toEqual([
      'failed HTTP 503 retryable=true queued=1',
      'failed HTTP 503 retryable=true queued=2',
      'recovered after 2, 1 queued',
    ]);
  });

  it("waits as long as the server's Retry-After when that is longer than the backoff", async () => {
    vi.useFakeTimers({ now: 0 });
    const { transport, sent } = scriptedTransport([
      { ok: false, error: 'HTTP 429', retryable: true, retryAfterMillis: 7000 },
    ]);
    const queue = new ExportQueue({
      transport,
      bounds: { maxRequests: 10, maxBytes: 1 << 20 },
      backoff: { initialMillis: 100, maxMillis: 1000 },
      events: recordingEvents().events,
      now: () => Date.now(),
    });
    await queue.enqueue(body('a'));
    await vi.advanceTimersByTimeAsync(6999);
    expect(sent).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['a', 'a']);
  });

  it('drops a request the backend refuses for good and goes on with the next', async () => {
    const { transport, sent } = scriptedTransport([
      { ok: false, error: 'HTTP 400 bad', retryable: false },
    ]);
    const { events, log } = recordingEvents();
    const queue = new ExportQueue({
      transport,
      bounds: { maxRequests: 10, maxBytes: 1 << 20 },
      events,
      now: () => Date.now(),
    });
    const [a, b] = await Promise.all([queue.enqueue(body('a')), queue.enqueue(body('b'))]);
    expect(a).toMatchObject({ ok: false, retryable: false });
    expect(b).toEqual({ ok: true });
    expect(sent).toEqual(['a', 'b']);
    expect(log).toEqual(['failed HTTP 400 bad retryable=false queued=2', 'dropped 1 HTTP 400 bad']);
  });

  it('at its bound drops the oldest requests first, counted', async () => {
    vi.useFakeTimers({ now: 0 });
    const { transport, sent } = scriptedTransport([unavailable]);
    const { events, log } = recordingEvents();
    const queue = new ExportQueue({
      transport,
      bounds: { maxRequests: 3, maxBytes: 1 << 20 },
      backoff: { initialMillis: 1000, maxMillis: 1000 },
      events,
      now: () => Date.now(),
    });
    await queue.enqueue(body('r1'));
    for (const s of ['r2', 'r3', 'r4', 'r5']) await queue.enqueue(body(s));
    expect(queue.size).toBe(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['r1', 'r3', 'r4', 'r5']);
    expect(log.filter((l) => l.startsWith('dropped'))).toEqual([
      'dropped 1 full',
      'dropped 1 full',
    ]);
  });

  it('bounds bytes too', async () => {
    vi.useFakeTimers({ now: 0 });
    const { transport } = scriptedTransport([unavailable]);
    const { events, log } = recordingEvents();
    const queue = new ExportQueue({
      transport,
      bounds: { maxRequests: 100, maxBytes: 10 },
      events,
      now: () => Date.now(),
    });
    await queue.enqueue(body('aaaa'));
    await queue.enqueue(body('bbbb'));
    await queue.enqueue(body('cccc'));
    expect(queue.size).toBe(2);
    expect(log.filter((l) => l.startsWith('dropped'))).toEqual(['dropped 1 full']);
  });

  it('at shutdown delivers what the backend takes, then drops the rest, counted', async () => {
    vi.useFakeTimers({ now: 0 });
    const { transport, sent } = scriptedTransport([unavailable, { ok: true }, unavailable]);
    const { events, log } = recordingEvents();
    const queue = new ExportQueue({
      transport,
      bounds: { maxRequests: 100, maxBytes: 1 << 20 },
      backoff: { initialMillis: 60_000, maxMillis: 60_000 },
      events,
      now: () => Date.now(),
    });
    await queue.enqueue(body('a'));
    await queue.enqueue(body('b'));
    await queue.enqueue(body('c'));
    expect(await queue.close(10_000)).toBe(2);
    expect(sent).toEqual(['a', 'a', 'b']);
    expect(log.at(-1)).toBe('dropped 2 shutdown');
    expect(await queue.enqueue(body('d'))).toMatchObject({ ok: false, retryable: false });
  });
});
