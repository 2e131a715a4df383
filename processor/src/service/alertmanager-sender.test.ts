import {
  ATTR_ERROR_TYPE,
  ATTR_MLMON_SIGNAL,
  METRIC_MLMON_PROCESSOR_ALERTS_DROPPED,
  METRIC_MLMON_PROCESSOR_EXPORT_FAILURES,
  MLMON_SIGNAL_VALUE_ALERTMANAGER,
} from '@mlmon/conventions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertmanagerAlert } from '../alerts/alertmanager-alert.js';
import type { AlertmanagerClient, AlertmanagerPostOutcome } from '../alerts/alertmanager-client.js';
import { driftTransition } from '../alerts/__fixtures__/drift-transition.js';
import { ALERTMANAGER_BATCH_SIZE, AlertmanagerSender } from './alertmanager-sender.js';
import type { Logger } from './logger.js';
import { SelfTelemetry } from './self-telemetry.js';

const T = Date.UTC(2026, 0, 1);
const RESEND = 60_000;

const transition = (state: 'firing' | 'resolved', feature: string) =>
  driftTransition(state, feature, Date.now());

/** A client that records each post and answers with the next scripted outcome (ok when none). */
class FakeClient implements AlertmanagerClient {
  readonly posts: AlertmanagerAlert[][] = [];
  readonly outcomes: AlertmanagerPostOutcome[] = [];
  constructor(readonly url: string) {}
  post(alerts: readonly AlertmanagerAlert[]): Promise<AlertmanagerPostOutcome> {
    this.posts.push([...alerts]);
    return Promise.resolve(this.outcomes.shift() ?? { ok: true });
  }
  /** [feature, resolved?] of each alert of each post. */
  seen(): [string, boolean][][] {
    return this.posts.map((p) =>
      p.map((a) => [a.labels['feature']!, Date.parse(a.endsAt) <= Date.now()]),
    );
  }
}

function setup(clients: FakeClient[], maxQueuedResolved = 100) {
  const telemetry = new SelfTelemetry();
  const warnings: string[] = [];
  const logger: Logger = { info: () => {}, warn: (m) => warnings.push(m), error: () => {} };
  const sender = new AlertmanagerSender({
    clients,
    resendMillis: RESEND,
    telemetry,
    logger,
    now: () => Date.now(),
    maxQueuedResolved,
  });
  const points = (name: string) =>
    telemetry
      .collect({ streams: 0, pendingLabels: 0 }, T)
      .flatMap((m) =>
        m.kind === 'number' && m.descriptor.name === name
          ? m.points.map((p) => [p.attributes, p.value] as const)
          : [],
      );
  const failures = () => points(METRIC_MLMON_PROCESSOR_EXPORT_FAILURES);
  const dropped = () => points(METRIC_MLMON_PROCESSOR_ALERTS_DROPPED)[0]![1];
  return { sender, warnings, failures, dropped };
}

describe('AlertmanagerSender', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('posts transitions at once and re-sends the firing set every resend interval', async () => {
    const am = new FakeClient('http://am/api/v2/alerts');
    const { sender } = setup([am]);
    await sender.send([transition('firing', 'x')]);
    expect(am.seen()).toEqual([[['x', false]]]);
    await vi.advanceTimersByTimeAsync(RESEND - 1);
    expect(am.posts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(am.seen()).toEqual([[['x', false]], [['x', false]]]);
    // endsAt moves on with every re-send: four intervals after the post.
    expect(Date.parse(am.posts[1]![0]!.endsAt)).toBe(T + RESEND + 4 * RESEND);
    await vi.advanceTimersByTimeAsync(3 * RESEND);
    expect(am.posts).toHaveLength(5);
    await sender.stop();
  });

  it('sends a resolution once and then stops re-sending', async () => {
    const am = new FakeClient('http://am/api/v2/alerts');
    const { sender } = setup([am]);
    await sender.send([transition('firing', 'x')]);
    await vi.advanceTimersByTimeAsync(1000);
    await sender.send([transition('resolved', 'x')]);
    expect(am.seen()).toEqual([[['x', false]], [['x', true]]]);
    await vi.advanceTimersByTimeAsync(10 * RESEND);
    expect(am.posts).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('retries an undelivered resolution with backoff, counts and logs each failure', async () => {
    const am = new FakeClient('http://am:9093/api/v2/alerts');
    am.outcomes.push(
      { ok: false, error: 'HTTP 503 from http://am:9093/api/v2/alerts: unavailable' },
      { ok: false, error: 'http://am:9093/api/v2/alerts: fetch failed (connect ECONNREFUSED)' },
    );
    const { sender, warnings, failures } = setup([am]);
    await sender.send([transition('resolved', 'x')]);
    expect(sender.queuedResolved()).toEqual({ 'http://am:9093/api/v2/alerts': 1 });
    await vi.advanceTimersByTimeAsync(1000); // first retry after 1 s: fails again
    expect(am.posts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(am.posts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1); // second retry after 2 s more: delivered
    expect(am.seen()).toEqual([[['x', true]], [['x', true]], [['x', true]]]);
    expect(sender.queuedResolved()).toEqual({ 'http://am:9093/api/v2/alerts': 0 });
    expect(warnings).toEqual([
      'Alertmanager post failed: HTTP 503 from http://am:9093/api/v2/alerts: unavailable',
      'Alertmanager post failed: http://am:9093/api/v2/alerts: fetch failed (connect ECONNREFUSED)',
    ]);
    expect(failures()).toEqual([
      [{ [ATTR_MLMON_SIGNAL]: MLMON_SIGNAL_VALUE_ALERTMANAGER, [ATTR_ERROR_TYPE]: '503' }, 1],
      [
        {
          [ATTR_MLMON_SIGNAL]: MLMON_SIGNAL_VALUE_ALERTMANAGER,
          [ATTR_ERROR_TYPE]: 'network_error',
        },
        1,
      ],
    ]);
    await vi.advanceTimersByTimeAsync(10 * RESEND);
    expect(am.posts).toHaveLength(3);
  });

  it('delivers to each Alertmanager of an HA pair on its own', async () => {
    const up = new FakeClient('http://am1/api/v2/alerts');
    const down = new FakeClient('http://am2/api/v2/alerts');
    down.outcomes.push({ ok: false, error: 'HTTP 500 from http://am2/api/v2/alerts' });
    const { sender } = setup([up, down]);
    await sender.send([transition('firing', 'x'), transition('resolved', 'y')]);
    expect(sender.queuedResolved()).toEqual({
      'http://am1/api/v2/alerts': 0,
      'http://am2/api/v2/alerts': 1,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sender.queuedResolved()['http://am2/api/v2/alerts']).toBe(0);
    expect(up.posts).toHaveLength(1);
    expect(down.seen()).toEqual([
      [
        ['x', false],
        ['y', true],
      ],
      [
        ['x', false],
        ['y', true],
      ],
    ]);
    await sender.stop();
  });

  it('drops the oldest undelivered resolutions beyond the bound, counted and logged', async () => {
    const am = new FakeClient('http://am/api/v2/alerts');
    for (let i = 0; i < 3; i++) am.outcomes.push({ ok: false, error: 'HTTP 500 from x' });
    const { sender, warnings, dropped } = setup([am], 2);
    await sender.send([transition('resolved', 'a'), transition('resolved', 'b')]);
    await sender.send([transition('resolved', 'c')]);
    expect(dropped()).toBe(1);
    expect(warnings.filter((w) => w.includes('dropped'))).toEqual([
      "Alertmanager http://am/api/v2/alerts: 1 undelivered resolved alert(s) dropped, the oldest beyond the retry queue's bound",
    ]);
    await sender.stop();
    expect(
      am
        .seen()
        .at(-1)!
        .map(([f]) => f),
    ).toEqual(['b', 'c']);
  });

  it('posts large sets in batches', async () => {
    const am = new FakeClient('http://am/api/v2/alerts');
    const { sender } = setup([am]);
    const n = 2 * ALERTMANAGER_BATCH_SIZE + 1;
    await sender.send(Array.from({ length: n }, (_, i) => transition('firing', `f${i}`)));
    expect(am.posts.map((p) => p.length)).toEqual([
      ALERTMANAGER_BATCH_SIZE,
      ALERTMANAGER_BATCH_SIZE,
      1,
    ]);
    await sender.stop();
  });

  it('leaves no timer after stop and ignores later sends', async () => {
    const am = new FakeClient('http://am/api/v2/alerts');
    const { sender } = setup([am]);
    await sender.send([transition('firing', 'x')]);
    expect(vi.getTimerCount()).toBe(1);
    await sender.stop();
    expect(vi.getTimerCount()).toBe(0);
    await sender.send([transition('firing', 'y')]);
    await vi.advanceTimersByTimeAsync(5 * RESEND);
    expect(am.posts).toHaveLength(1);
  });
});
