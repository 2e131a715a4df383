import { describe, expect, it } from 'vitest';
import {
  aGroundTruth,
  anInferenceSpan,
  aPrediction,
  aScorePoint,
  logsRequest,
  scoreHistogramRequest,
  tracesRequest,
} from '../../../test/fixtures/builders.js';
import type { LogRecord, Span } from '../decode/otlp-types.js';
import type { ReferenceProfile } from '../profile/reference-profile.js';
import { ingest } from '../core.js';
import { closeWindows } from './close-windows.js';
import { recordExample } from './exemplar-reservoir.js';
import type { MonitorState } from './monitor-state.js';
import {
  DROP_REASON_DUPLICATE_GROUND_TRUTH,
  DROP_REASON_DUPLICATE_PREDICTION,
  DROP_REASON_SUPERSEDED_BY_EVENT,
  REJECT_REASON_TIMESTAMP_IN_FUTURE,
} from './reasons.js';
import type { StateConfig } from './state-config.js';
import { stateStats } from './state-stats.js';
import { createState } from './streams.js';
import type { ClosedWindow } from './types.js';

const W = 60_000; // window length in the tests
const L = 10_000; // allowed lateness
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W); // a window start

function newState(options: Partial<StateConfig> = {}): MonitorState {
  return createState({ windowSeconds: W / 1000, allowedLatenessSeconds: L / 1000, ...options });
}

function logs(state: MonitorState, records: LogRecord[], nowMs: number) {
  return ingest(state, logsRequest(records), nowMs);
}

function spans(state: MonitorState, list: Span[], nowMs: number) {
  return ingest(state, tracesRequest(list), nowMs);
}

/** Closes everything up to (and including) the window starting at `startMs`. */
function closeThrough(state: MonitorState, startMs: number): ClosedWindow[] {
  return closeWindows(state, startMs + W + L + 1);
}

describe('windows', () => {
  it('aligns windows to multiples of the window length since the epoch', () => {
    const s = newState();
    logs(
      s,
      [
        aPrediction({ timeMs: T0 + W - 1 }),
        aPrediction({ timeMs: T0 + W }),
        aPrediction({ timeMs: T0 + W + 1 }),
      ],
      T0 + W,
    );
    const closed = closeThrough(s, T0 + W);
    expect(closed.map((c) => [c.startMs, c.endMs, c.counts.predictions])).toEqual([
      [T0, T0 + W, 1],
      [T0 + W, T0 + 2 * W, 2],
    ]);
    expect(T0 % W).toBe(0);
  });

  it('closes a window only once now passes its end plus the allowed lateness, and only once', () => {
    const s = newState();
    logs(s, [aPrediction({ timeMs: T0 + 5 })], T0 + 5);
    expect(closeWindows(s, T0 + W + L)).toEqual([]);
    const closed = closeWindows(s, T0 + W + L + 1);
    expect(closed).toHaveLength(1);
    expect(closeWindows(s, T0 + W + L + 1)).toEqual([]);
  });

  it('counts records for closed windows as late, not merged, and reports them at the next close', () => {
    const s = newState();
    logs(s, [aPrediction({ timeMs: T0 + 1 })], T0 + 1);
    expect(closeThrough(s, T0)).toHaveLength(1);
    const res = logs(
      s,
      [aPrediction({ timeMs: T0 + 2 }), aPrediction({ timeMs: T0 + W + 2 })],
      T0 + W + L + 5,
    );
    expect(res).toMatchObject({ accepted: 1, late: 1 });
    const next = closeThrough(s, T0 + W);
    expect(next[0]!.counts).toMatchObject({ predictions: 1, late: 1 });
  });

  it('treats a record as late once its window is past end + lateness even before closeWindows ran', () => {
    const s = newState();
    const res = logs(s, [aPrediction({ timeMs: T0 })], T0 + W + L + 1);
    expect(res).toMatchObject({ accepted: 0, late: 1 });
  });

  it('rejects records stamped too far in the future', () => {
    const s = newState({ maxFutureSkewSeconds: 60 });
    const res = logs(
      s,
      [aPrediction({ timeMs: T0 + 61_000 }), aPrediction({ timeMs: T0 + 59_000 })],
      T0,
    );
    expect(res.rejected).toEqual({ [REJECT_REASON_TIMESTAMP_IN_FUTURE]: 1 });
    expect(res.rejectedTotal).toBe(1);
    expect(res.accepted).toBe(1);
  });
});

describe('streams and slices', () => {
  it('keeps one stream per slice combination plus the all-slices stream per model version', () => {
    const s = newState();
    logs(
      s,
      [
        aPrediction({ timeMs: T0, slices: { country: 'DE' }, features: { amount: 1 } }),
        aPrediction({ timeMs: T0, slices: { country: 'DE' }, features: { amount: 2 } }),
        aPrediction({ timeMs: T0, slices: { country: 'FR' }, features: { amount: 3 } }),
        aPrediction({ timeMs: T0, features: { amount: 4 } }),
        aPrediction({ timeMs: T0, version: '2' }),
      ],
      T0,
    );
    const closed = closeThrough(s, T0);
    const summary = closed.map((c) => [
      c.stream.version,
      c.stream.slices,
      c.stream.allSlices,
      c.counts.predictions,
    ]);
    expect(summary).toEqual([
      ['1', { country: 'DE' }, false, 2],
      ['1', { country: 'FR' }, false, 1],
      ['1', {}, true, 4],
      ['2', {}, true, 1],
    ]);
    const all = closed[2]!;
    expect(all.features.map((f) => [f.name, f.kind, f.count, f.missing])).toEqual([
      ['amount', 'numeric', 4, 0],
    ]);
    expect(all.stream.resource.attributes).toEqual({ 'service.name': 'scorer' });
    // Keys are distinct and stable.
    expect(new Set(closed.map((c) => c.stream.key)).size).toBe(4);
  });

  it('fixes a feature kind by the first value seen and counts type mismatches and missing values', () => {
    const s = newState();
    logs(
      s,
      [
        aPrediction({ timeMs: T0, features: { amount: 1, city: 'Oslo' } }),
        aPrediction({ timeMs: T0, features: { amount: 'n/a', city: 7 } }),
        aPrediction({ timeMs: T0, features: { city: true } }),
        aPrediction({ timeMs: T0 }),
      ],
      T0,
    );
    const [w] = closeThrough(s, T0);
    expect(w!.features.map((f) => [f.name, f.kind, f.count, f.typeMismatch, f.missing])).toEqual([
      ['amount', 'numeric', 1, 1, 2],
      ['city', 'categorical', 2, 1, 1],
    ]);
  });

  it('weights predictions by 1 / ml.sampling.probability', () => {
    const s = newState();
    logs(
      s,
      [aPrediction({ timeMs: T0, samplingProbability: 0.25 }), aPrediction({ timeMs: T0 })],
      T0,
    );
    const [w] = closeThrough(s, T0);
    expect(w!.counts).toMatchObject({ predictions: 2, weightedPredictions: 5 });
  });
});

describe('caps and overflow', () => {
  it('routes new slice combinations beyond the stream cap to an overflow stream', () => {
    const s = newState({ maxSliceStreams: 1 });
    logs(
      s,
      [
        aPrediction({ timeMs: T0, slices: { c: 'a' } }),
        aPrediction({ timeMs: T0, slices: { c: 'b' } }),
        aPrediction({ timeMs: T0, slices: { c: 'c' } }),
      ],
      T0,
    );
    const closed = closeThrough(s, T0);
    expect(closed.map((c) => [c.stream.slices, c.stream.overflow, c.counts.predictions])).toEqual([
      [{ c: 'a' }, false, 1],
      [{}, true, 2],
      [{}, false, 3],
    ]);
    expect(stateStats(s).counters.overflowRecords).toBe(2);
  });

  it('routes model versions beyond the cap to one global overflow stream', () => {
    const s = newState({ maxModelVersions: 1 });
    logs(
      s,
      [
        aPrediction({ timeMs: T0, model: 'a' }),
        aPrediction({ timeMs: T0, model: 'b' }),
        aPrediction({ timeMs: T0, model: 'c', slices: { x: 'y' } }),
      ],
      T0,
    );
    const closed = closeThrough(s, T0);
    expect(closed.map((c) => [c.stream.model, c.stream.overflow, c.counts.predictions])).toEqual([
      ['a', false, 1],
      ['', true, 2],
    ]);
  });

  it('counts values of features beyond the per-model feature cap', () => {
    const s = newState({ maxFeaturesPerStream: 2 });
    logs(s, [aPrediction({ timeMs: T0, features: { a: 1, b: 2, c: 3, d: 'x' } })], T0);
    const [w] = closeThrough(s, T0);
    expect(w!.features.map((f) => f.name)).toEqual(['a', 'b']);
    expect(w!.counts.featureOverflow).toBe(2);
  });

  it('evicts the oldest waiting label beyond the pending-label cap', () => {
    const s = newState({ maxPendingLabels: 2 });
    logs(
      s,
      [1, 2, 3].map((i) => aGroundTruth({ predictionId: `p${i}`, value: 1, timeMs: T0 })),
      T0,
    );
    expect(stateStats(s)).toMatchObject({
      pendingLabels: 2,
      counters: { evictedPendingLabels: 1 },
    });
    logs(
      s,
      [1, 2, 3].map((i) => aPrediction({ id: `p${i}`, score: 0.9, timeMs: T0 })),
      T0,
    );
    const [w] = closeThrough(s, T0);
    expect(w!.counts.labeled).toBe(2);
  });
});

describe('ground-truth join', () => {
  it('joins a label that arrives after its prediction, in the window of the join, with the delay', () => {
    const s = newState();
    logs(s, [aPrediction({ id: 'p1', timeMs: T0 + 1_000, score: 0.9 })], T0 + 1_000);
    const first = closeThrough(s, T0);
    expect(first[0]!.counts).toMatchObject({ predictions: 1, labeled: 0 });
    const res = logs(
      s,
      [
        aGroundTruth({
          predictionId: 'p1',
          value: 1,
          timeMs: T0 + W + 301_000 - W,
          source: 'human',
        }),
      ],
      T0 + W + 20_000,
    );
    // (label at T0 + 301 s lands in the window starting at T0 + 300 s)
    expect(res.accepted).toBe(1);
    const later = closeWindows(s, T0 + 10 * W);
    expect(later).toHaveLength(1);
    expect(later[0]!.startMs).toBe(T0 + 5 * W);
    expect(later[0]!.counts).toMatchObject({ predictions: 0, labeled: 1, labeledUnusable: 0 });
    const d = later[0]!.labeled.delays['human']!;
    expect(d).toMatchObject({ count: 1, sum: 300, min: 300, max: 300 });
    // 300 s falls in the bucket with upper bound 300 (index 1 of 60, 300, …).
    expect(d.bucketCounts).toEqual([0, 1, 0, 0, 0, 0, 0, 0]);
    expect(later[0]!.labeled.binary).toMatchObject({ count: 1, recall: { ok: true, value: 1 } });
  });

  it('joins a label that arrived first once the prediction comes, and counts coverage', () => {
    const s = newState();
    const gt = logs(
      s,
      [aGroundTruth({ predictionId: 'p1', label: 'fraud', timeMs: T0 + 5 })],
      T0 + 5,
    );
    expect(gt.accepted).toBe(1);
    expect(stateStats(s).pendingLabels).toBe(1);
    logs(
      s,
      [
        aPrediction({ id: 'p1', timeMs: T0 + 2, score: 0.7, classes: ['legit', 'fraud'] }),
        aPrediction({ id: 'p2', timeMs: T0 + 3, score: 0.1 }),
      ],
      T0 + 6,
    );
    expect(stateStats(s).pendingLabels).toBe(0);
    const [w] = closeThrough(s, T0);
    expect(w!.counts).toMatchObject({
      predictions: 2,
      labeled: 1,
      predictionsLabeled: 1,
      labeledUnusable: 0,
    });
    // Label time − prediction time = 3 ms (precision limited by ns → ms conversion).
    expect(w!.labeled.delays['']!.count).toBe(1);
    expect(w!.labeled.delays['']!.sum).toBeCloseTo(0.003, 5);
  });

  it('counts a label whose join window has closed as late, not merged', () => {
    const s = newState();
    logs(s, [aPrediction({ id: 'p1', timeMs: T0, score: 0.9 })], T0);
    closeThrough(s, T0);
    const res = logs(
      s,
      [aGroundTruth({ predictionId: 'p1', value: 1, timeMs: T0 + 1 })],
      T0 + W + L + 2,
    );
    expect(res).toMatchObject({ accepted: 0, late: 1 });
    logs(s, [aPrediction({ timeMs: T0 + W, score: 0.1 })], T0 + W + L + 2);
    const [next] = closeThrough(s, T0 + W);
    expect(next!.counts).toMatchObject({ late: 1, labeled: 0, predictions: 1 });
    // Still counted once: a second copy is a duplicate.
    const again = logs(
      s,
      [aGroundTruth({ predictionId: 'p1', value: 1, timeMs: T0 + 2 * W })],
      T0 + 2 * W,
    );
    expect(again.dropped).toEqual({ [DROP_REASON_DUPLICATE_GROUND_TRUTH]: 1 });
  });

  it('counts duplicate predictions and duplicate labels once', () => {
    const s = newState();
    const a = logs(
      s,
      [
        aPrediction({ id: 'p1', timeMs: T0, score: 0.9 }),
        aPrediction({ id: 'p1', timeMs: T0, score: 0.9 }),
      ],
      T0,
    );
    expect(a.dropped).toEqual({ [DROP_REASON_DUPLICATE_PREDICTION]: 1 });
    const b = logs(
      s,
      [
        aGroundTruth({ predictionId: 'p1', value: 1, timeMs: T0, id: 'g1' }),
        aGroundTruth({ predictionId: 'p1', value: 1, timeMs: T0, id: 'g1' }),
        aGroundTruth({ predictionId: 'p1', value: 0, timeMs: T0, id: 'g2' }),
        aGroundTruth({ predictionId: 'zz', value: 0, timeMs: T0, id: 'g3' }),
        aGroundTruth({ predictionId: 'zz', value: 0, timeMs: T0 }),
      ],
      T0,
    );
    expect(b.accepted).toBe(2);
    expect(b.dropped).toEqual({ [DROP_REASON_DUPLICATE_GROUND_TRUTH]: 3 });
    const [w] = closeThrough(s, T0);
    expect(w!.counts).toMatchObject({ predictions: 1, labeled: 1 });
  });

  it('expires pending predictions after their TTL and waiting labels after theirs', () => {
    const s = newState({ pendingPredictionTtlSeconds: 3600, pendingLabelTtlSeconds: 600 });
    logs(
      s,
      [
        aPrediction({ id: 'old', timeMs: T0, score: 0.5 }),
        aGroundTruth({ predictionId: 'early', value: 1, timeMs: T0 }),
      ],
      T0,
    );
    closeWindows(s, T0 + 601_000);
    expect(stateStats(s)).toMatchObject({
      pendingPredictions: 1,
      pendingLabels: 0,
      counters: { expiredPendingLabels: 1 },
    });
    closeWindows(s, T0 + 3_601_000);
    expect(stateStats(s)).toMatchObject({
      pendingPredictions: 0,
      counters: { expiredPendingPredictions: 1 },
    });
    // The label now has nothing to join: it waits instead of feeding a window.
    logs(
      s,
      [aGroundTruth({ predictionId: 'old', value: 1, timeMs: T0 + 3_601_000 })],
      T0 + 3_601_000,
    );
    expect(stateStats(s).pendingLabels).toBe(1);
    expect(closeWindows(s, T0 + 100 * W)).toEqual([]);
  });

  it('feeds the labeled accumulator of the task: binary labels read through the model classes', () => {
    const s = newState();
    logs(
      s,
      [
        aPrediction({ id: 'a', timeMs: T0, score: 0.9, classes: ['legit', 'fraud'] }),
        aPrediction({ id: 'b', timeMs: T0, score: 0.2 }),
        aPrediction({ id: 'c', timeMs: T0, score: 0.2 }),
        aPrediction({ id: 'd', timeMs: T0, score: 0.7 }),
        aGroundTruth({ predictionId: 'a', label: 'fraud', timeMs: T0 }),
        aGroundTruth({ predictionId: 'b', label: 'legit', timeMs: T0 }),
        aGroundTruth({ predictionId: 'c', label: 'maybe', timeMs: T0 }),
        aGroundTruth({ predictionId: 'd', value: 0, timeMs: T0 }),
      ],
      T0,
    );
    const [w] = closeThrough(s, T0);
    expect(w!.stream.task).toBe('binary_classification');
    expect(w!.counts).toMatchObject({ labeled: 4, labeledUnusable: 1 });
    // a: TP, b: TN, d: FP at the default threshold 0.5.
    expect(w!.labeled.binary).toMatchObject({
      count: 3,
      accuracy: { ok: true, value: 2 / 3 },
      precision: { ok: true, value: 0.5 },
      recall: { ok: true, value: 1 },
    });
  });
});

describe('span and event precedence', () => {
  it('lets an event supersede a span with the same prediction id, in either order', () => {
    const s = newState();
    const a = spans(s, [anInferenceSpan({ id: 'p1', timeMs: T0, score: 0.1 })], T0);
    expect(a.accepted).toBe(1);
    const b = logs(s, [aPrediction({ id: 'p1', timeMs: T0, score: 0.9, features: { x: 1 } })], T0);
    expect(b.dropped).toEqual({ [DROP_REASON_SUPERSEDED_BY_EVENT]: 1 });
    logs(s, [aPrediction({ id: 'p2', timeMs: T0, score: 0.9 })], T0);
    const c = spans(
      s,
      [anInferenceSpan({ id: 'p2', timeMs: T0, score: 0.1, spanId: 'ffffffffffffffff' })],
      T0,
    );
    expect(c.dropped).toEqual({ [DROP_REASON_SUPERSEDED_BY_EVENT]: 1 });
    const [w] = closeThrough(s, T0);
    expect(w!.counts.predictions).toBe(2);
    expect(w!.features.map((f) => f.name)).toEqual(['x']);
    expect(w!.outputs.score).toMatchObject({
      count: 2,
      min: { ok: true, value: 0.9 },
      max: { ok: true, value: 0.9 },
    });
  });

  it('lets an event emitted inside a span supersede the span even without ids', () => {
    const s = newState();
    spans(s, [anInferenceSpan({ timeMs: T0, score: 0.1, traceId: 't1', spanId: 's1' })], T0);
    const res = logs(s, [aPrediction({ timeMs: T0, score: 0.9, traceId: 't1', spanId: 's1' })], T0);
    expect(res.dropped).toEqual({ [DROP_REASON_SUPERSEDED_BY_EVENT]: 1 });
    const late = spans(
      s,
      [anInferenceSpan({ timeMs: T0, score: 0.2, traceId: 't2', spanId: 's2' })],
      T0,
    );
    expect(late.accepted).toBe(1);
    const again = logs(
      s,
      [aPrediction({ timeMs: T0, score: 0.9, traceId: 't3', spanId: 's3' })],
      T0,
    );
    expect(again.accepted).toBe(1);
    const dup = spans(
      s,
      [anInferenceSpan({ timeMs: T0, score: 0.3, traceId: 't3', spanId: 's3' })],
      T0,
    );
    expect(dup.dropped).toEqual({ [DROP_REASON_SUPERSEDED_BY_EVENT]: 1 });
    const [w] = closeThrough(s, T0);
    expect(w!.counts.predictions).toBe(3);
  });

  it('uses a span alone as the prediction at window close, and joins its label', () => {
    const s = newState();
    spans(s, [anInferenceSpan({ id: 'p1', timeMs: T0, score: 0.8 })], T0);
    logs(s, [aGroundTruth({ predictionId: 'p1', value: 1, timeMs: T0 + 1 })], T0 + 1);
    const [w] = closeThrough(s, T0);
    expect(w!.counts).toMatchObject({ predictions: 1, labeled: 1 });
  });
});

describe('score histograms', () => {
  const b = (hi: number, lo = 0) => [lo, 0, 0, 0, 0, 0, 0, 0, 0, hi];

  it('takes deltas of cumulative series between exports, and restarts on a new start time', () => {
    const s = newState();
    const send = (counts: number[], startMs: number, timeMs: number) =>
      ingest(
        s,
        scoreHistogramRequest([
          aScorePoint({ bucketCounts: counts, startMs, timeMs, sum: counts[9]! }),
        ]),
        timeMs,
      );
    send(b(2), T0 - 5 * W, T0 + 1);
    send(b(5), T0 - 5 * W, T0 + W + 1);
    send(b(5), T0 - 5 * W, T0 + 2 * W + 1); // no change: nothing to add
    send(b(1), T0 + 2 * W + 2, T0 + 3 * W + 1); // restarted series: taken whole
    const closed = closeThrough(s, T0 + 3 * W);
    expect(
      closed.map((c) => [
        c.startMs - T0,
        c.outputs.scoreHistogram?.count,
        c.outputs.scoreHistogram?.sum,
      ]),
    ).toEqual([
      [0, 2, 2],
      [W, 3, 3],
      [3 * W, 1, 1],
    ]);
    expect(closed[1]!.outputs.scoreHistogram!.bucketCounts).toEqual(b(3));
  });

  it('lets a metrics-only stream get a first-window reference for prediction drift', () => {
    const s = newState({ reference: 'first-window' });
    ingest(
      s,
      scoreHistogramRequest([aScorePoint({ bucketCounts: b(2), timeMs: T0 })], 'delta'),
      T0,
    );
    ingest(
      s,
      scoreHistogramRequest([aScorePoint({ bucketCounts: b(1, 1), timeMs: T0 + W })], 'delta'),
      T0 + W,
    );
    const [first, second] = closeThrough(s, T0 + W);
    expect(first!.isReference).toBe(true);
    expect(second!.reference).toMatchObject({
      kind: 'fixed_window',
      startMs: T0,
      outputs: { scoreHistogram: { count: 2, bucketCounts: b(2) } },
    });
  });

  it('takes delta points as they are', () => {
    const s = newState();
    ingest(
      s,
      scoreHistogramRequest([aScorePoint({ bucketCounts: b(2, 1), timeMs: T0 })], 'delta'),
      T0,
    );
    ingest(
      s,
      scoreHistogramRequest([aScorePoint({ bucketCounts: b(2, 1), timeMs: T0 + 1 })], 'delta'),
      T0,
    );
    const [w] = closeThrough(s, T0);
    expect(w!.outputs.scoreHistogram).toMatchObject({ count: 6, bucketCounts: b(4, 2) });
    expect(w!.counts.predictions).toBe(0);
  });
});

describe('references', () => {
  it('first-window: the first closed window with data becomes the fixed reference', () => {
    const s = newState({ reference: 'first-window' });
    logs(s, [aPrediction({ timeMs: T0, features: { a: 1 } })], T0);
    const [first] = closeThrough(s, T0);
    expect(first!.isReference).toBe(true);
    expect(first!.reference).toBeUndefined();
    for (const k of [1, 2])
      logs(s, [aPrediction({ timeMs: T0 + k * W, features: { a: k } })], T0 + k * W);
    const closed = closeThrough(s, T0 + 2 * W);
    for (const c of closed) {
      expect(c.isReference).toBe(false);
      expect(c.reference).toMatchObject({
        kind: 'fixed_window',
        startMs: T0,
        id: new Date(T0).toISOString(),
      });
    }
  });

  it('previous-window: each window is compared with the previous closed window', () => {
    const s = newState({ reference: 'previous-window' });
    for (const k of [0, 1, 2]) logs(s, [aPrediction({ timeMs: T0 + k * W })], T0 + k * W);
    const closed = closeThrough(s, T0 + 2 * W);
    expect(
      closed.map((c) =>
        c.reference?.kind === 'previous_window' ? c.reference.startMs - T0 : null,
      ),
    ).toEqual([null, 0, W]);
  });

  it('profile: the resolved profile is the reference and fixes feature kinds', () => {
    // State passes the profile through without looking inside.
    const profile = { any: 'opaque' } as unknown as ReferenceProfile;
    const s = newState({
      reference: 'profile',
      resolveProfile: (model) =>
        model === 'fraud'
          ? { id: 'train-2026', profile, featureKinds: new Map([['zip', 'categorical' as const]]) }
          : undefined,
    });
    logs(
      s,
      [
        aPrediction({ timeMs: T0, features: { zip: 'x' } }),
        aPrediction({ timeMs: T0, features: { zip: 1234 } }),
        aPrediction({ timeMs: T0, model: 'other' }),
      ],
      T0,
    );
    const [fraud, other] = closeThrough(s, T0);
    expect(fraud!.reference).toEqual({ kind: 'training', id: 'train-2026', profile });
    expect(fraud!.features[0]).toMatchObject({
      name: 'zip',
      kind: 'categorical',
      count: 1,
      typeMismatch: 1,
    });
    // No profile for this model: falls back to first-window.
    expect(other!.isReference).toBe(true);
  });
});

describe('numeric bin edges', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  // np.quantile(1..100, q) with linear interpolation = 1 + 99 q.
  const deciles = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => 1 + 99 * (k / 10));

  it('bins windows after the first-window reference by its decile edges, and aligns both sides', () => {
    const s = newState({ reference: 'first-window' });
    logs(
      s,
      values.map((x) => aPrediction({ timeMs: T0, features: { x } })),
      T0,
    );
    // Window 1 opens before window 0 closes: recorded without edges, re-binned at close.
    logs(
      s,
      values.map((x) => aPrediction({ timeMs: T0 + W, features: { x } })),
      T0 + W,
    );
    closeThrough(s, T0);
    logs(
      s,
      values.map((x) => aPrediction({ timeMs: T0 + 2 * W, features: { x } })),
      T0 + 2 * W,
    );
    const closed = closeThrough(s, T0 + 2 * W);
    expect(closed).toHaveLength(2);
    for (const c of closed) {
      const f = c.features[0]!;
      const r = c.reference!.kind === 'fixed_window' ? c.reference!.features[0]! : undefined;
      if (f.kind !== 'numeric' || r?.kind !== 'numeric')
        throw new Error('expected numeric feature');
      for (const snap of [f.snapshot, r.snapshot]) {
        expect(Array.from(snap.binEdges)).toEqual(deciles.map((d) => expect.closeTo(d, 9)));
        expect(Array.from(snap.binCounts)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
      }
    }
  });

  it('bins by the profile edges from the first window under a profile', () => {
    const s = newState({
      reference: 'profile',
      resolveProfile: () => ({
        id: 'p',
        profile: {} as ReferenceProfile,
        featureKinds: new Map(),
        numericBinEdges: new Map([['x', [50]]]),
      }),
    });
    logs(
      s,
      values.map((x) => aPrediction({ timeMs: T0, features: { x } })),
      T0,
    );
    const [w] = closeThrough(s, T0);
    const f = w!.features[0]!;
    if (f.kind !== 'numeric') throw new Error('expected numeric feature');
    expect(Array.from(f.snapshot.binCounts)).toEqual([50, 50]);
  });
});

describe('state options', () => {
  it.each([
    [{ windowSeconds: 0 }, /windowSeconds must be a positive number, got 0/],
    [{ allowedLatenessSeconds: -1 }, /allowedLatenessSeconds must be a number >= 0, got -1/],
    [{ maxSliceStreams: Number.NaN }, /maxSliceStreams must be a positive number, got NaN/],
    [{ sketchCapacity: 7 }, /sketchCapacity must be an even integer >= 8, got 7/],
    [
      { reference: 'latest' as never },
      /reference must be one of first-window, previous-window, seasonal, rolling, profile, got latest/,
    ],
  ])('rejects %o with a message naming the option', (options, message) => {
    expect(() => createState(options)).toThrow(message);
  });

  it('reports every invalid option at once', () => {
    expect(() => createState({ windowSeconds: -1, maxCategories: 0 })).toThrow(
      /windowSeconds.*; maxCategories/,
    );
  });

  it('passes the sketch capacity to the numeric accumulators', () => {
    const s = newState({ sketchCapacity: 8 });
    logs(
      s,
      Array.from({ length: 100 }, (_, i) => aPrediction({ timeMs: T0, features: { x: i } })),
      T0,
    );
    const [w] = closeThrough(s, T0);
    const f = w!.features[0]!;
    if (f.kind !== 'numeric') throw new Error('expected numeric feature');
    // 100 values in a sketch of 8 items per level: no longer exact.
    expect(f.snapshot.ecdfError).toBeGreaterThan(0);
    expect(f.snapshot.count).toBe(100);
  });
});

describe('exemplars', () => {
  const traced = (i: number, amount: number) =>
    aPrediction({
      timeMs: T0 + i,
      features: { amount },
      traceId: i.toString(16).padStart(32, '0'),
      spanId: i.toString(16).padStart(16, '0'),
    });

  it('keeps example requests of predictions made in a span, with the feature value', () => {
    const s = newState();
    logs(
      s,
      [traced(1, 10), traced(2, 20), aPrediction({ timeMs: T0 + 3, features: { amount: 30 } })],
      T0 + 3,
    );
    const [closed] = closeThrough(s, T0);
    const kept = closed!.exemplars!;
    // Two kept (the third prediction had no span), with their amounts and ids.
    expect(kept.kept).toBe(2);
    expect(kept.names).toEqual(['amount']);
    const picks = [0, 1].map((slot) => recordExample(kept, slot, 0)!);
    expect(picks.map((p) => [p.value, p.spanKey])).toEqual([
      [10, `${'0'.repeat(31)}1:${'0'.repeat(15)}1`],
      [20, `${'0'.repeat(31)}2:${'0'.repeat(15)}2`],
    ]);
    // Event times go through nanoseconds: equal to well under a microsecond.
    expect(picks[1]!.timeMs).toBeCloseTo(T0 + 2, 2);
  });

  it('keeps none when exemplars are off', () => {
    const s = newState({ exemplars: false });
    logs(s, [traced(1, 10), traced(2, 20)], T0 + 3);
    const [closed] = closeThrough(s, T0);
    expect(closed!.exemplars).toBeUndefined();
  });

  it('keeps the slowest and the failed calls of the inference spans', () => {
    const s = newState();
    spans(
      s,
      [
        {
          ...anInferenceSpan({ timeMs: T0, spanId: 'a'.repeat(16) }),
          endTimeUnixNano: BigInt(T0 + 900) * 1_000_000n,
        },
        anInferenceSpan({ timeMs: T0 + 1, spanId: 'b'.repeat(16), statusCode: 2 }),
      ],
      T0 + 2,
    );
    const [closed] = closeThrough(s, T0);
    expect(closed!.exemplars!.slowest.map((p) => [p.spanKey.split(':')[1], p.value])).toEqual([
      ['a'.repeat(16), 0.9],
      ['b'.repeat(16), 0.001],
    ]);
    expect(closed!.exemplars!.failed.map((p) => p.spanKey.split(':')[1])).toEqual(['b'.repeat(16)]);
  });

  it('gives each reliability bin a labeled example when the prediction was kept', () => {
    const s = newState();
    const traced = (id: string, score: number, n: number) =>
      aPrediction({
        id,
        timeMs: T0,
        score,
        classes: ['legit', 'fraud'],
        traceId: n.toString(16).padStart(32, '0'),
        spanId: n.toString(16).padStart(16, '0'),
      });
    logs(
      s,
      [
        traced('a', 0.93, 1),
        traced('b', 0.12, 2),
        aPrediction({ id: 'c', timeMs: T0, score: 0.95 }), // no span: not an example
        aGroundTruth({ predictionId: 'a', label: 'fraud', timeMs: T0 }),
        aGroundTruth({ predictionId: 'b', label: 'legit', timeMs: T0 }),
        aGroundTruth({ predictionId: 'c', label: 'fraud', timeMs: T0 }),
      ],
      T0,
    );
    const [w] = closeThrough(s, T0);
    const calibration = w!.exemplars!.calibration;
    expect(calibration.map((p) => p?.value ?? null)).toEqual([
      null,
      0.12,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      0.93,
    ]);
    expect(calibration[9]!.spanKey).toBe(`${'0'.repeat(31)}1:${'0'.repeat(15)}1`);
    expect(w!.exemplars!.calibrationSeen[9]).toBe(1); // c (0.95) had no span
    // Log losses of the kept ones: b (legit at 0.12) −ln 0.88, then a (fraud at 0.93) −ln 0.93.
    expect(w!.exemplars!.worst.map((p) => p.value)).toEqual([-Math.log(0.88), -Math.log(0.93)]);
  });
});
