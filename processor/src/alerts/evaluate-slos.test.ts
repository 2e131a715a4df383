import { describe, expect, it } from 'vitest';
import { defaultBurnRateAlerts, type SloDefinition } from '../evaluate/slo/slo-definition.js';
import type { ServiceResult, WindowResult } from '../evaluate/window-result.js';
import { createAlertState, restoreAlertState, serializeAlertState } from './alert-state.js';
import { evaluateSlos } from './evaluate-slos.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % (3600 * 1000));
const PERIOD = 30 * 86400;

const SLO: SloDefinition = {
  name: 'scoring-availability',
  match: { model: 'fraud' },
  indicator: { kind: 'errors' },
  target: 0.999,
  periodSeconds: PERIOD,
  alerts: defaultBurnRateAlerts(PERIOD),
};

/** Window k of the all-slices stream with 1000 calls, `errors` of them failed. */
function windowAt(k: number, errors: number): WindowResult {
  const service: ServiceResult = {
    requests: 1000,
    errors,
    errorsByType: errors > 0 ? { timeout: errors } : {},
    errorRatio: errors / 1000,
    throughputPerSecond: 1000 / 60,
  };
  return {
    stream: {
      key: 'fraud|1|',
      modelName: 'fraud',
      modelVersion: '1',
      slice: {},
      resource: { attributes: {}, key: '' },
    },
    startUnixMillis: T0 + k * W,
    endUnixMillis: T0 + (k + 1) * W,
    samples: { reference: 0, current: 0, labeled: 0 },
    drift: [],
    dataQuality: [],
    quality: [],
    groundTruth: { labeled: 0, delays: {} },
    service,
    notes: [],
  };
}

describe('SLO burn-rate alerts (SRE workbook pairs, deterministic clock)', () => {
  it('derives the workbook burn rates for a 30-day period', () => {
    expect(SLO.alerts.map((a) => [a.longSeconds, a.shortSeconds, a.burnRate, a.severity])).toEqual([
      [3600, 300, 14.4, 'page'],
      [21600, 1800, 6, 'page'],
      [259200, 21600, 1, 'ticket'],
    ]);
  });

  it('pages within the short window of a fast burn, resolves once when the short windows clear', () => {
    const state = createAlertState();
    // One hour of clean traffic, then every call fails (1000× the budget rate) for 10 minutes.
    const clean = Array.from({ length: 60 }, (_, k) => windowAt(k, 0));
    expect(evaluateSlos(state, [SLO], clean).transitions).toEqual([]);
    const fired = evaluateSlos(state, [SLO], [windowAt(60, 1000)]).transitions;
    // First burning minute: 1 h burn = (1000 / 61 000) / 0.001 ≈ 16.4 ≥ 14.4 and 5 min burn
    // = 200 ≥ 14.4: one page (the 6 h pair holds too, same severity); the 3 d / 6 h pair opens
    // a ticket.
    expect(fired.map((t) => [t.state, t.severity, t.threshold])).toEqual([
      ['firing', 'page', 14.4],
      ['firing', 'ticket', 1],
    ]);
    expect(fired[0]).toMatchObject({ rule: SLO.name, statistic: 'slo.burn_rate' });
    // The 1 h window holds windows 1…60: 1000 failed of 60 000 calls.
    expect(fired[0]!.value).toBeCloseTo(1000 / 60, 9);
    // It keeps burning: no repeat.
    const during = evaluateSlos(
      state,
      [SLO],
      Array.from({ length: 9 }, (_, i) => windowAt(61 + i, 1000)),
    );
    expect(during.transitions.filter((t) => t.severity === 'page')).toEqual([]);
    // After recovery the long windows still burn; the page resolves once both page pairs' short
    // windows (5 min, 30 min) have cleared: within 30 windows, not before the 5 min one has.
    const after = evaluateSlos(
      state,
      [SLO],
      Array.from({ length: 40 }, (_, i) => windowAt(70 + i, 0)),
    );
    const pages = after.transitions.filter((t) => t.severity === 'page');
    expect(pages.map((t) => t.state)).toEqual(['resolved']);
    expect(pages[0]!.timeUnixMillis).toBeGreaterThan(T0 + (70 + 5) * W);
    expect(pages[0]!.timeUnixMillis).toBeLessThanOrEqual(T0 + (70 + 30) * W);
    // Budget: 10 000 failed calls of 110 000 against a 0.1 % budget: overspent.
    const last = after.statuses.at(-1)!;
    expect(last.sli).toBeCloseTo(100_000 / 110_000, 12);
    expect(last.budgetRemaining).toBeCloseTo(1 - 10_000 / 110_000 / 0.001, 6);
  });

  it('never alerts on a 0.5× burn, however long', () => {
    const state = createAlertState();
    // 0.05 % errors against a 0.1 % budget, for 3 days of 1-minute windows.
    const results = Array.from({ length: 3 * 24 * 60 }, (_, k) => windowAt(k, k % 2 === 0 ? 1 : 0));
    const { transitions, statuses } = evaluateSlos(state, [SLO], results);
    expect(transitions).toEqual([]);
    const last = statuses.at(-1)!;
    for (const b of last.burnRates) expect(b.longBurn).toBeCloseTo(0.5, 9);
  });

  it('survives a restart: a checkpointed memory neither repeats nor loses the firing page', () => {
    const state = createAlertState();
    evaluateSlos(
      state,
      [SLO],
      Array.from({ length: 30 }, (_, k) => windowAt(k, 0)),
    );
    expect(evaluateSlos(state, [SLO], [windowAt(30, 1000)]).transitions).toHaveLength(2);
    const restored = restoreAlertState(JSON.parse(JSON.stringify(serializeAlertState(state))));
    // A window replayed from the write-ahead log after the checkpoint is not counted twice.
    expect(evaluateSlos(restored, [SLO], [windowAt(30, 1000)]).transitions).toEqual([]);
    const next = Array.from({ length: 40 }, (_, i) => windowAt(31 + i, 0));
    const a = evaluateSlos(state, [SLO], next).transitions;
    const b = evaluateSlos(restored, [SLO], next).transitions;
    expect(b).toEqual(a);
    // The page resolves once within the short window; the ticket (3 d / 6 h) keeps firing.
    expect(a.map((t) => [t.state, t.severity])).toEqual([['resolved', 'page']]);
  });
});
