import { METRIC_ML_INFERENCE_DURATION } from '@mlmon/conventions';
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
import { ingest } from '../core.js';
import type { OtlpRequest } from '../decode/otlp-types.js';
import { closeWindows } from './close-windows.js';
import type { MonitorState } from './monitor-state.js';
import { restoreState, serializeState } from './serialize-state.js';
import type { StateConfig } from './state-config.js';
import { stateStats } from './state-stats.js';
import { createState } from './streams.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS: Partial<StateConfig> = { windowSeconds: 60, allowedLatenessSeconds: 10 };

/** Requests touching every part of the state: windows, references, pending maps, series. */
function firstHalf(): [OtlpRequest, number][] {
  const rows = (t: number, n: number, shift: number) =>
    Array.from({ length: n }, (_, i) =>
      aPrediction({
        id: `p-${t}-${i}`,
        timeMs: t + i,
        score: ((i * 37) % 100) / 100,
        label: i % 3 === 0 ? 'fraud' : 'legit',
        classes: ['legit', 'fraud'],
        features: { amount: i * 1.5 + shift, country: i % 2 ? 'DE' : 'FR', flag: i % 5 === 0 },
        slices: i % 4 === 0 ? { channel: 'web' } : {},
        samplingProbability: i % 10 === 0 ? 0.5 : 1,
      }),
    );
  return [
    [logsRequest(rows(T0, 40, 0)), T0 + 100],
    [
      logsRequest([
        aGroundTruth({
          predictionId: `p-${T0}-1`,
          value: 1,
          timeMs: T0 + 500,
          id: 'g1',
          source: 'human',
        }),
      ]),
      T0 + 600,
    ],
    [
      logsRequest([
        aGroundTruth({ predictionId: 'future-pred', label: 'fraud', timeMs: T0 + 700 }),
      ]),
      T0 + 700,
    ],
    [
      tracesRequest([
        anInferenceSpan({
          id: 'span-only',
          timeMs: T0 + W + 5,
          score: 0.4,
          features: '{"amount": 3}',
        }),
      ]),
      T0 + W + 5,
    ],
    [
      scoreHistogramRequest([
        aScorePoint({
          bucketCounts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 2],
          startMs: T0 - W,
          timeMs: T0 + 10,
        }),
      ]),
      T0 + 10,
    ],
    [logsRequest(rows(T0 + W, 30, 50)), T0 + W + 200],
  ];
}

function secondHalf(): [OtlpRequest, number][] {
  return [
    [
      logsRequest([
        aGroundTruth({ predictionId: `p-${T0}-1`, value: 1, timeMs: T0 + W + 900, id: 'g1' }),
      ]),
      T0 + W + 900,
    ],
    [
      logsRequest([
        aGroundTruth({ predictionId: `p-${T0 + W}-2`, label: 'legit', timeMs: T0 + W + 900 }),
      ]),
      T0 + W + 900,
    ],
    [
      logsRequest([aPrediction({ id: 'future-pred', timeMs: T0 + W + 950, score: 0.9 })]),
      T0 + W + 950,
    ],
    [logsRequest([aPrediction({ id: 'span-only', timeMs: T0 + W + 5, score: 0.8 })]), T0 + W + 960],
    [
      scoreHistogramRequest([
        aScorePoint({
          bucketCounts: [1, 0, 0, 0, 0, 0, 0, 0, 1, 5],
          startMs: T0 - W,
          timeMs: T0 + W + 10,
        }),
      ]),
      T0 + W + 970,
    ],
  ];
}

function run(state: MonitorState, requests: [OtlpRequest, number][]) {
  return requests.map(([r, now]) => ingest(state, r, now));
}

describe('serializeState / restoreState', () => {
  it('returns a snapshot: nothing ingested afterwards changes it', () => {
    // A checkpoint stringifies the snapshot in slices while ingest goes on.
    const state = createState(OPTIONS);
    run(state, firstHalf());
    closeWindows(state, T0 + W + 10_001);
    const snapshot = serializeState(state);
    const before = JSON.stringify(snapshot);
    run(state, secondHalf());
    run(state, [
      [
        tracesRequest(
          [1, 2, 3].map((i) =>
            anInferenceSpan({ id: `span-${i}`, timeMs: T0 + W + 6 + i, score: i / 4 }),
          ),
        ),
        T0 + W + 980,
      ],
      [
        logsRequest([aPrediction({ id: 'late-add', timeMs: T0 + W + 990, score: 0.2 })]),
        T0 + W + 990,
      ],
    ]);
    expect(JSON.stringify(snapshot)).toBe(before);
    expect(JSON.stringify(serializeState(state))).not.toBe(before);
  });

  it('restores a state that then behaves exactly like the original', () => {
    const original = createState(OPTIONS);
    run(original, firstHalf());
    const firstClose = closeWindows(original, T0 + W + 10_001); // closes window 0: the reference
    expect(firstClose.length).toBeGreaterThan(0);

    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(original))), OPTIONS);
    expect(stateStats(restored)).toEqual(stateStats(original));

    const a = run(original, secondHalf());
    const b = run(restored, secondHalf());
    expect(b).toEqual(a);
    expect(a.map((r) => r.accepted)).toEqual([0, 1, 1, 1, 1]); // g1 is a duplicate
    const closedA = closeWindows(original, T0 + 3 * W);
    const closedB = closeWindows(restored, T0 + 3 * W);
    expect(closedB).toEqual(closedA);
    expect(closedA.find((c) => c.stream.allSlices)!.counts).toMatchObject({ labeled: 2 });
  });

  it('checkpoints the service SLIs of an open window (span sketch and duration histogram)', () => {
    const span = (i: number, failed: boolean, model = 'svc') => {
      const s = anInferenceSpan({
        model,
        timeMs: T0 + 100 * i,
        spanId: `s${i}`,
        statusCode: failed ? 2 : 0,
      });
      // Durations 1 ms … 200 ms, so the sketch holds many buckets.
      return {
        ...s,
        endTimeUnixNano: s.startTimeUnixNano + BigInt(1 + ((i * 37) % 200)) * 1_000_000n,
      };
    };
    const durationPoint = (counts: number[], timeMs: number) =>
      scoreHistogramRequest([], 'cumulative', [
        {
          name: METRIC_ML_INFERENCE_DURATION,
          description: '',
          unit: 's',
          metadata: {},
          data: {
            type: 'histogram',
            aggregationTemporality: 2,
            dataPoints: [
              aScorePoint({
                model: 'metrics-only',
                bucketCounts: counts,
                explicitBounds: [0.01, 0.1],
                startMs: T0 - W,
                timeMs,
              }),
            ],
          },
        },
      ]);
    const original = createState(OPTIONS);
    run(original, [
      [tracesRequest(Array.from({ length: 50 }, (_, i) => span(i, i % 10 === 0))), T0 + 6000],
      [durationPoint([3, 4, 1], T0 + 1000), T0 + 1000],
    ]);
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(original))), OPTIONS);
    const later: [OtlpRequest, number][] = [
      [tracesRequest(Array.from({ length: 30 }, (_, i) => span(50 + i, i % 3 === 0))), T0 + 9000],
      [durationPoint([5, 9, 2], T0 + 20_000), T0 + 20_000],
    ];
    run(original, later);
    run(restored, later);
    const closedA = closeWindows(original, T0 + 2 * W);
    expect(closeWindows(restored, T0 + 2 * W)).toEqual(closedA);
    const svc = closedA.find((c) => c.stream.model === 'svc' && c.stream.allSlices)!.service!;
    // 80 calls; failed: i % 10 === 0 among the first 50 (5), i % 3 === 0 among the next 30 (10).
    expect(svc).toMatchObject({ source: 'sketch', requests: 80, errors: { _OTHER: 15 } });
    expect(svc.latency.count).toBe(80);
    const metricsOnly = closedA.find((c) => c.stream.model === 'metrics-only')!.service!;
    // The cumulative points' delta: 5 + 9 + 2 calls, of which 3 + 4 + 1 came first.
    expect(metricsOnly).toMatchObject({ source: 'histogram', requests: 16 });
    expect(metricsOnly.latency.counts).toEqual([5, 9, 2]);
  });

  it('refuses data of another format or window length, naming the problem', () => {
    const s = createState(OPTIONS);
    expect(() => restoreState({ formatVersion: 99 }, OPTIONS)).toThrow(/formatVersion 1, got 99/);
    expect(() => restoreState(serializeState(s), { windowSeconds: 300 })).toThrow(
      /windowSeconds 60, now 300/,
    );
  });
});
