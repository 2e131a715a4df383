import { describe, expect, it } from 'vitest';
import type { RequestHandledEvent } from '../receiver/types.js';
import { AdmissionController, DEFAULT_ADMISSION_LIMITS } from './admission-controller.js';

const handled = (admitted: boolean): RequestHandledEvent => ({
  transport: 'http',
  signal: 'logs',
  outcome: 'accepted',
  reason: 'ok',
  status: 200,
  items: 1,
  rejectedItems: 0,
  bytes: 10,
  message: '',
  admitted,
});

describe('AdmissionController', () => {
  it('answers 429 with Retry-After once the request bound is reached, and admits again after a release', () => {
    const c = new AdmissionController(
      { ...DEFAULT_ADMISSION_LIMITS, maxInflightRequests: 2, retryAfterSeconds: 3 },
      () => 0,
    );
    expect(c.admit('logs', 10)).toEqual({ ok: true });
    expect(c.admit('logs', 10)).toEqual({ ok: true });
    const refused = c.admit('logs', 10);
    expect(refused).toMatchObject({ ok: false, status: 429, retryAfterSeconds: 3 });
    expect(refused.ok ? '' : refused.message).toMatch(/ingest queue is full \(2 requests/);
    c.onRequestHandled(handled(false)); // refused before admission: frees nothing
    expect(c.admit('logs', 10).ok).toBe(false);
    c.onRequestHandled(handled(true));
    expect(c.admit('logs', 10).ok).toBe(true);
    expect(c.stats()).toMatchObject({ inFlightRequests: 2, refusedQueueFull: 2 });
  });

  it('bounds the declared bytes, guessing for requests without a length, but never refuses a lone request', () => {
    const c = new AdmissionController(
      { ...DEFAULT_ADMISSION_LIMITS, maxInflightBytes: 100, unknownLengthBytes: 60 },
      () => 0,
    );
    expect(c.admit('metrics', 500).ok).toBe(true); // alone: admitted
    expect(c.admit('metrics', 1).ok).toBe(false);
    c.onRequestHandled(handled(true));
    expect(c.admit('metrics', undefined).ok).toBe(true);
    expect(c.admit('metrics', undefined).ok).toBe(false); // 120 > 100
    expect(c.admit('metrics', 40).ok).toBe(true);
    expect(c.stats().inFlightBytes).toBe(100);
  });

  it('answers 503 above the heap soft limit whatever the queue', () => {
    let heap = 10;
    const c = new AdmissionController(
      { ...DEFAULT_ADMISSION_LIMITS, memorySoftLimitBytes: 100 },
      () => heap,
    );
    expect(c.admit('traces', 1).ok).toBe(true);
    heap = 200;
    const refused = c.admit('traces', 1);
    expect(refused).toMatchObject({ ok: false, status: 503, retryAfterSeconds: 1 });
    expect(refused.ok ? '' : refused.message).toMatch(/over its memory limit/);
    expect(c.stats().refusedMemory).toBe(1);
  });
});
