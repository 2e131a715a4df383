import { describe, expect, it } from 'vitest';
import { driftTransition } from './__fixtures__/drift-transition.js';
import { AlertmanagerOutbox } from './alertmanager-outbox.js';

const T = Date.UTC(2026, 0, 1);
const RESEND = 60_000;

const transition = driftTransition;

const outbox = (maxQueuedResolved = 100) =>
  new AlertmanagerOutbox({ resendMillis: RESEND, maxQueuedResolved, initialBackoffMillis: 1000 });

/** [feature, startsAt, endsAt] of each alert of a batch. */
const summary = (box: AlertmanagerOutbox, nowMs: number) =>
  box
    .batch(nowMs)
    .alerts.map((a) => [a.labels['feature'], Date.parse(a.startsAt) - T, Date.parse(a.endsAt) - T]);

describe('AlertmanagerOutbox', () => {
  it('is idle until something fires', () => {
    expect(outbox().nextDueMs()).toBeUndefined();
  });

  it('posts a firing alert at once, ending four resend intervals after each post', () => {
    const box = outbox();
    box.record([transition('firing', 'x', T)], T + 500);
    expect(box.nextDueMs()).toBe(T + 500);
    expect(summary(box, T + 500)).toEqual([['x', 0, 500 + 4 * RESEND]]);
    box.settle(true, T + 600);
    // Re-sent one interval later, with endsAt pushed on.
    expect(box.nextDueMs()).toBe(T + 600 + RESEND);
    expect(summary(box, T + 600 + RESEND)).toEqual([['x', 0, 600 + 5 * RESEND]]);
  });

  it('resolves with the start of the firing, once, and then goes idle', () => {
    const box = outbox();
    box.record([transition('firing', 'x', T)], T);
    box.batch(T);
    box.settle(true, T);
    box.record([transition('resolved', 'x', T + 120_000)], T + 121_000);
    expect(box.nextDueMs()).toBe(T + 121_000);
    const batch = box.batch(T + 121_000);
    expect(batch.alerts.map((a) => [a.startsAt, a.endsAt])).toEqual([
      [new Date(T).toISOString(), new Date(T + 120_000).toISOString()],
    ]);
    box.delivered(batch.resolved);
    box.settle(true, T + 121_000);
    expect(box.queuedResolved()).toBe(0);
    expect(box.nextDueMs()).toBeUndefined();
  });

  it('keeps an undelivered resolution and retries with doubling backoff capped at the interval', () => {
    const box = outbox();
    box.record([transition('resolved', 'x', T)], T);
    const delays: number[] = [];
    let now = T;
    for (let i = 0; i < 9; i++) {
      box.batch(now);
      box.settle(false, now);
      delays.push(box.nextDueMs()! - now);
      now = box.nextDueMs()!;
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(box.queuedResolved()).toBe(1);
    const batch = box.batch(now);
    box.delivered(batch.resolved);
    box.settle(true, now);
    expect(box.queuedResolved()).toBe(0);
    expect(box.nextDueMs()).toBeUndefined();
  });

  it('drops the oldest undelivered resolutions beyond the bound and says how many', () => {
    const box = outbox(2);
    const dropped = box.record(
      ['a', 'b', 'c', 'd'].map((f, i) => transition('resolved', f, T + i)),
      T + 10,
    );
    expect(dropped).toBe(2);
    expect(summary(box, T + 10).map(([f]) => f)).toEqual(['c', 'd']);
  });

  it('lets a new firing supersede an undelivered resolution of the same instance', () => {
    const box = outbox();
    box.record([transition('firing', 'x', T), transition('resolved', 'x', T + 1000)], T + 1000);
    box.record([transition('firing', 'x', T + 2000)], T + 2000);
    expect(box.queuedResolved()).toBe(0);
    expect(box.firingCount()).toBe(1);
    expect(summary(box, T + 2000)).toEqual([['x', 2000, 2000 + 4 * RESEND]]);
  });

  it('does not mark a resolution delivered when a newer one arrived during the post', () => {
    const box = outbox();
    box.record([transition('resolved', 'x', T)], T);
    const batch = box.batch(T);
    box.record([transition('firing', 'x', T + 1), transition('resolved', 'x', T + 2)], T + 2);
    box.delivered(batch.resolved);
    box.settle(true, T + 3);
    expect(box.queuedResolved()).toBe(1);
    // Recorded during the post: due again at once, not one interval later.
    expect(box.nextDueMs()).toBe(T + 3);
  });
});
