import { describe, expect, it } from 'vitest';
import { aGenAiEvaluation, aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import type { LogRecord } from '../decode/otlp-types.js';
import { ingest } from '../core.js';
import { closeWindows } from './close-windows.js';
import { registerResponse } from './evaluation-join.js';
import { MAX_EVALUATORS_PER_WINDOW } from './evaluations-acc.js';
import type { MonitorState } from './monitor-state.js';
import { restoreState, serializeState } from './serialize-state.js';
import { createState, modelKeyOf } from './streams.js';
import type { ClosedWindow } from './types.js';

const W = 60_000;
const L = 10_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS = { windowSeconds: W / 1000, allowedLatenessSeconds: L / 1000 };

function logs(state: MonitorState, records: LogRecord[], nowMs: number) {
  return ingest(state, logsRequest(records), nowMs);
}

function closeThrough(state: MonitorState, startMs: number): ClosedWindow[] {
  return closeWindows(state, startMs + W + L + 1);
}

/** The all-slices window of a close (the last one emitted for the model version). */
function allSlices(closed: ClosedWindow[]): ClosedWindow {
  return closed.find((c) => c.stream.allSlices)!;
}

describe('evaluation join', () => {
  it('keeps every evaluator of one response under its own name, without touching labels', () => {
    const s = createState(OPTIONS);
    const res = logs(
      s,
      [
        aPrediction({ id: 'resp-1', timeMs: T0, value: 3.5 }),
        aGenAiEvaluation({ responseId: 'resp-1', name: 'relevance', scoreValue: 4, timeMs: T0 }),
        aGenAiEvaluation({
          responseId: 'resp-1',
          name: 'toxicity',
          scoreValue: 0.1,
          scoreLabel: 'pass',
          timeMs: T0,
        }),
        aGenAiEvaluation({ responseId: 'resp-1', name: 'relevance', scoreValue: 2, timeMs: T0 }),
      ],
      T0,
    );
    expect(res).toMatchObject({ accepted: 4, late: 0, dropped: {} });
    const w = allSlices(closeThrough(s, T0));
    expect(w.counts.labeled).toBe(0);
    const evaluators = w.evaluations!.evaluators;
    expect(evaluators.map((e) => [e.name, e.count])).toEqual([
      ['relevance', 2],
      ['toxicity', 1],
    ]);
    expect(evaluators[0]!.scores).toMatchObject({ count: 2, mean: { ok: true, value: 3 } });
    expect(evaluators[0]!.labels).toBeUndefined();
    expect([...evaluators[1]!.labels!.counts]).toEqual([['pass', 1]]);
  });

  it('holds verdicts that arrive before their response and records them when it comes', () => {
    const s = createState(OPTIONS);
    logs(
      s,
      [
        aGenAiEvaluation({ responseId: 'r', name: 'faithfulness', scoreLabel: 'fail', timeMs: T0 }),
        aGenAiEvaluation({ responseId: 'r', name: 'relevance', scoreValue: 1, timeMs: T0 }),
      ],
      T0,
    );
    expect(s.evaluationJoin.waiting.get('r')).toHaveLength(2);
    logs(s, [aPrediction({ id: 'r', timeMs: T0 + W, score: 0.5 })], T0 + W);
    expect(s.evaluationJoin.waiting.size).toBe(0);
    // Joined in the window of the later time: the response's.
    const closed = closeThrough(s, T0 + W);
    const w = allSlices(closed.filter((c) => c.startMs === T0 + W));
    expect(w.evaluations!.evaluators.map((e) => e.name)).toEqual(['faithfulness', 'relevance']);
  });

  it('attaches a verdict without a response id to the GenAI call span it was emitted in', () => {
    const s = createState(OPTIONS);
    logs(s, [aPrediction({ timeMs: T0, score: 0.5 })], T0);
    const target = { arrivedMs: T0, timeMs: T0, modelKey: modelKeyOf('fraud', '1'), sliceKey: '' };
    // The verdict first: it waits under the span key until the call is registered.
    logs(
      s,
      [aGenAiEvaluation({ name: 'relevance', scoreValue: 0.7, traceId: 'ab', spanId: 'cd' })],
      T0,
    );
    registerResponse(s, ['chat-9', 'ab:cd'], target, T0);
    logs(s, [aGenAiEvaluation({ responseId: 'chat-9', name: 'relevance', scoreValue: 0.9 })], T0);
    const w = allSlices(closeThrough(s, T0));
    expect(w.evaluations!.evaluators[0]).toMatchObject({ name: 'relevance', count: 2 });
  });

  it('counts a verdict for a closed window as late', () => {
    const s = createState(OPTIONS);
    logs(s, [aPrediction({ id: 'r', timeMs: T0, score: 0.5 })], T0);
    closeThrough(s, T0);
    const res = logs(
      s,
      [aGenAiEvaluation({ responseId: 'r', name: 'relevance', scoreValue: 1, timeMs: T0 })],
      T0 + W + L + 2,
    );
    expect(res).toMatchObject({ accepted: 0, late: 1 });
  });

  it('sums slice streams into the all-slices stream and caps the evaluator names', () => {
    const s = createState(OPTIONS);
    const records: LogRecord[] = [
      aPrediction({ id: 'a', timeMs: T0, score: 0.5, slices: { country: 'DE' } }),
      aPrediction({ id: 'b', timeMs: T0, score: 0.5, slices: { country: 'FR' } }),
      aGenAiEvaluation({ responseId: 'a', name: 'relevance', scoreLabel: 'pass', timeMs: T0 }),
      aGenAiEvaluation({ responseId: 'b', name: 'relevance', scoreLabel: 'fail', timeMs: T0 }),
    ];
    for (let i = 0; i < MAX_EVALUATORS_PER_WINDOW + 3; i++) {
      records.push(aGenAiEvaluation({ responseId: 'a', name: `e${i}`, scoreValue: 1, timeMs: T0 }));
    }
    logs(s, records, T0);
    const closed = closeThrough(s, T0);
    const all = allSlices(closed);
    const relevance = all.evaluations!.evaluators.find((e) => e.name === 'relevance')!;
    expect(Object.fromEntries(relevance.labels!.counts)).toEqual({ pass: 1, fail: 1 });
    const de = closed.find((c) => c.stream.slices['country'] === 'DE')!;
    expect(de.evaluations!.evaluators).toHaveLength(MAX_EVALUATORS_PER_WINDOW);
    expect(de.evaluations!.overflow).toBe(4);
    expect(all.evaluations!.overflow).toBe(4);
  });

  it('keeps open evaluation windows and waiting verdicts across a checkpoint', () => {
    const s = createState(OPTIONS);
    logs(
      s,
      [
        aPrediction({ id: 'r', timeMs: T0, score: 0.5 }),
        aGenAiEvaluation({ responseId: 'r', name: 'relevance', scoreValue: 3, timeMs: T0 }),
        aGenAiEvaluation({ responseId: 'later', name: 'relevance', scoreValue: 5, timeMs: T0 }),
      ],
      T0,
    );
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(s))), OPTIONS);
    logs(restored, [aPrediction({ id: 'later', timeMs: T0, score: 0.5 })], T0);
    const w = allSlices(closeThrough(restored, T0));
    expect(w.evaluations!.evaluators[0]).toMatchObject({
      name: 'relevance',
      count: 2,
      scores: { mean: { ok: true, value: 4 } },
    });
  });

  it('forgets waiting verdicts after the label TTL', () => {
    const s = createState({ ...OPTIONS, pendingLabelTtlSeconds: 60 });
    logs(s, [aGenAiEvaluation({ responseId: 'x', name: 'relevance', scoreValue: 1 })], T0);
    closeWindows(s, T0 + 61_000);
    expect(s.evaluationJoin.waiting.size).toBe(0);
    expect(s.counters.expiredPendingLabels).toBe(1);
  });
});
