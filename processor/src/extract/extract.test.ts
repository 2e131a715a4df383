import {
  ATTR_DEPLOYMENT_ENVIRONMENT_NAME,
  ATTR_SERVICE_INSTANCE_ID,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_NAMESPACE,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import {
  aGenAiEvaluation,
  aGroundTruth,
  anInferenceSpan,
  aPrediction,
  aScorePoint,
  logsRequest,
  scoreHistogramRequest,
  tracesRequest,
} from '../../../test/fixtures/builders.js';
import type { LogRecord } from '../decode/otlp-types.js';
import { extract } from './extract.js';
import {
  DROP_REASON_BATCH_SPAN,
  REJECT_REASON_INVALID_HISTOGRAM,
  REJECT_REASON_INVALID_NUMBER,
  REJECT_REASON_INVALID_SAMPLING_PROBABILITY,
  REJECT_REASON_MISSING_GROUND_TRUTH,
  REJECT_REASON_INVALID_DURATION,
  REJECT_REASON_MISSING_MODEL_NAME,
  REJECT_REASON_MISSING_PREDICTION_ID,
  REJECT_REASON_MISSING_EVALUATION_NAME,
  REJECT_REASON_MISSING_RESPONSE_ID,
} from './reasons.js';
import type { GroundTruthRecord, PredictionRecord, ScoreHistogramRecord } from './types.js';

const NOW = 1_800_000_000_000;

describe('extract: ml.prediction events', () => {
  it('reads identity, outputs, features, slices, weight and the resource identity', () => {
    const features = { amount: 12.5, country: 'DE', n: 3n };
    const res = extract(
      logsRequest(
        [
          aPrediction({
            model: 'fraud',
            version: '7',
            task: 'binary_classification',
            id: 'p-1',
            timeMs: 1_000,
            score: 0.8,
            label: 'fraud',
            probabilities: [0.2, 0.8],
            classes: ['legit', 'fraud'],
            threshold: 0.6,
            features,
            slices: { region: 'eu', channel: 'web' },
            samplingProbability: 0.25,
            traceId: 'aa',
            spanId: 'bb',
          }),
        ],
        {
          [ATTR_SERVICE_NAME]: 'scorer',
          [ATTR_SERVICE_NAMESPACE]: 'risk',
          [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: 'prod',
          [ATTR_SERVICE_INSTANCE_ID]: 'pod-123',
        },
      ),
      NOW,
    );
    expect(res.rejectedTotal).toBe(0);
    expect(res.records).toHaveLength(1);
    const r = res.records[0] as PredictionRecord;
    expect(r).toMatchObject({
      type: 'prediction',
      source: 'event',
      timeMs: 1_000,
      model: 'fraud',
      version: '7',
      task: 'binary_classification',
      predictionId: 'p-1',
      spanKey: 'aa:bb',
      label: 'fraud',
      score: 0.8,
      probabilities: [0.2, 0.8],
      classes: ['legit', 'fraud'],
      threshold: 0.6,
      weight: 4,
    });
    // Slices sorted by key, prefix removed; the features map passed through uncopied.
    expect(r.slices).toEqual([
      ['channel', 'web'],
      ['region', 'eu'],
    ]);
    expect(r.features).toBe(features);
    // Only identifying resource attributes, never per-pod ones.
    expect(r.resource.attributes).toEqual({
      [ATTR_SERVICE_NAME]: 'scorer',
      [ATTR_SERVICE_NAMESPACE]: 'risk',
      [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: 'prod',
    });
  });

  it('accepts numbers as int, double or bigint', () => {
    const res = extract(
      logsRequest([aPrediction({ score: 1, value: 5n }), aPrediction({ score: 0.25, value: 2.5 })]),
      NOW,
    );
    const [a, b] = res.records as PredictionRecord[];
    expect([a!.score, a!.value, b!.score, b!.value]).toEqual([1, 5, 0.25, 2.5]);
  });

  it('rejects records by reason and counts the total', () => {
    const res = extract(
      logsRequest([
        aPrediction({ model: undefined }),
        aPrediction({ model: undefined }),
        aPrediction({ score: '0.7' }),
        aPrediction({ score: Number.NaN }),
        aPrediction({ samplingProbability: 0 }),
        aPrediction({ samplingProbability: 1.5 }),
        aPrediction({ id: 'ok' }),
      ]),
      NOW,
    );
    expect(res.rejected).toEqual({
      [REJECT_REASON_MISSING_MODEL_NAME]: 2,
      [REJECT_REASON_INVALID_NUMBER]: 2,
      [REJECT_REASON_INVALID_SAMPLING_PROBABILITY]: 2,
    });
    expect(res.rejectedTotal).toBe(6);
    expect(res.records).toHaveLength(1);
  });

  it('ignores log records that are not ML events, without counting them', () => {
    const plain: LogRecord = { ...aPrediction(), eventName: '' };
    const res = extract(logsRequest([plain, { ...aPrediction(), eventName: 'app.click' }]), NOW);
    expect(res.records).toEqual([]);
    expect(res.rejectedTotal).toBe(0);
  });

  it('falls back to the observed time, then to now, when the event time is absent', () => {
    const observed = { ...aPrediction(), timeUnixNano: 0n, observedTimeUnixNano: 5_000_000_000n };
    const none = { ...aPrediction(), timeUnixNano: 0n, observedTimeUnixNano: 0n };
    const res = extract(logsRequest([observed, none]), NOW);
    expect(res.records.map((r) => r.timeMs)).toEqual([5_000, NOW]);
  });
});

describe('extract: ground truth and GenAI feedback', () => {
  it('reads ml.ground_truth events', () => {
    const res = extract(
      logsRequest([
        aGroundTruth({
          predictionId: 'p-1',
          timeMs: 9_000,
          label: 'fraud',
          value: 1,
          source: 'human',
          id: 'g-1',
        }),
      ]),
      NOW,
    );
    expect(res.records[0]).toMatchObject({
      type: 'ground_truth',
      timeMs: 9_000,
      predictionId: 'p-1',
      groundTruthId: 'g-1',
      label: 'fraud',
      value: 1,
      source: 'human',
    } satisfies Partial<GroundTruthRecord>);
  });

  it('rejects labels without a prediction id or without label and value', () => {
    const res = extract(
      logsRequest([
        aGroundTruth({ label: 'x' }),
        aGroundTruth({ predictionId: 'p' }),
        aGroundTruth({ predictionId: 'p', value: 'high' }),
      ]),
      NOW,
    );
    expect(res.rejected).toEqual({
      [REJECT_REASON_MISSING_PREDICTION_ID]: 1,
      [REJECT_REASON_MISSING_GROUND_TRUTH]: 1,
      [REJECT_REASON_INVALID_NUMBER]: 1,
    });
  });

  it('maps gen_ai.evaluation.result to an evaluation that keeps its evaluator name', () => {
    const res = extract(
      logsRequest([
        aGenAiEvaluation({
          responseId: 'chatcmpl-1',
          name: 'relevance',
          scoreValue: 0.9,
          scoreLabel: 'relevant',
          timeMs: 3,
        }),
        aGenAiEvaluation({ name: 'toxicity', scoreLabel: 'safe', traceId: 't1', spanId: 's1' }),
      ]),
      NOW,
    );
    expect(res.records).toMatchObject([
      {
        type: 'evaluation',
        name: 'relevance',
        responseId: 'chatcmpl-1',
        spanKey: '',
        value: 0.9,
        label: 'relevant',
        timeMs: 3,
      },
      { type: 'evaluation', name: 'toxicity', responseId: undefined, spanKey: 't1:s1' },
    ]);
  });

  it('rejects evaluations without a name, without a response to attach to, or without a verdict', () => {
    const res = extract(
      logsRequest([
        aGenAiEvaluation({ responseId: 'r', scoreValue: 1 }),
        aGenAiEvaluation({ name: 'relevance', scoreValue: 1 }),
        aGenAiEvaluation({ name: 'relevance', responseId: 'r' }),
      ]),
      NOW,
    );
    expect(res.records).toEqual([]);
    expect(res.rejected).toEqual({
      [REJECT_REASON_MISSING_EVALUATION_NAME]: 1,
      [REJECT_REASON_MISSING_RESPONSE_ID]: 1,
      [REJECT_REASON_MISSING_GROUND_TRUTH]: 1,
    });
  });
});

describe('extract: ml.inference spans', () => {
  it('turns a one-row predict span into a span-sourced prediction', () => {
    const res = extract(
      tracesRequest([
        anInferenceSpan({
          id: 'p-9',
          score: 0.3,
          timeMs: 2_000,
          features: '{"amount": 3, "city": "Oslo", "bad": [1]}',
        }),
      ]),
      NOW,
    );
    const r = res.records.find((x) => x.type === 'prediction') as PredictionRecord;
    expect(r).toMatchObject({ source: 'span', predictionId: 'p-9', score: 0.3, timeMs: 2_000 });
    // The same span is one inference call for the service SLIs (the builder's spans last 1 ms).
    expect(res.records.find((x) => x.type === 'inference')).toMatchObject({
      model: 'fraud',
      timeMs: 2_000,
      durationSeconds: 0.001,
      errorType: undefined,
      weight: 1,
      countsAsRecord: false,
    });
    expect(r.spanKey).toBe('0af7651916cd43dd8448eb211c80319c:b7ad6b7169203331');
    expect(r.features).toEqual({ amount: 3, city: 'Oslo', bad: undefined });
  });

  it('counts failed and batch spans as calls only, ignores other operations, rejects spans without a model', () => {
    const res = extract(
      tracesRequest([
        anInferenceSpan({ statusCode: 2 }),
        anInferenceSpan({ count: 32 }),
        // Another tool's operation on the same model: not a prediction, not a call of the model.
        anInferenceSpan({ operation: 'explain' }),
        anInferenceSpan({ model: undefined }),
        anInferenceSpan({ count: 1 }),
      ]),
      NOW,
    );
    expect(res.dropped).toEqual({ [DROP_REASON_BATCH_SPAN]: 1 });
    expect(res.rejected).toEqual({ [REJECT_REASON_MISSING_MODEL_NAME]: 1 });
    // Three calls (failed, batch, single) and one prediction (the single-row span).
    expect(res.records.map((r) => r.type)).toEqual([
      'inference',
      'inference',
      'inference',
      'prediction',
    ]);
    expect(res.records.map((r) => (r.type === 'inference' ? r.errorType : null))).toEqual([
      '_OTHER',
      undefined,
      undefined,
      null,
    ]);
  });

  it('rejects a span that ends before it starts; a span without times is a call without latency', () => {
    const late = anInferenceSpan({ timeMs: 5_000 });
    const res = extract(
      tracesRequest([
        { ...late, endTimeUnixNano: late.startTimeUnixNano - 1n },
        { ...anInferenceSpan({ timeMs: 5_000 }), endTimeUnixNano: 0n },
      ]),
      NOW,
    );
    expect(res.rejected).toEqual({ [REJECT_REASON_INVALID_DURATION]: 1 });
    expect(res.records.find((r) => r.type === 'inference')).toMatchObject({
      durationSeconds: undefined,
    });
  });
});

describe('extract: ml.inference.score histograms', () => {
  it('reads points with their temporality, slices and a per-series key', () => {
    const res = extract(
      scoreHistogramRequest([
        aScorePoint({
          bucketCounts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 2],
          sum: 1.9,
          startMs: 10,
          timeMs: 20,
        }),
        aScorePoint({ bucketCounts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1], slices: { region: 'eu' } }),
      ]),
      NOW,
    );
    const [a, b] = res.records as ScoreHistogramRecord[];
    expect(a).toMatchObject({
      type: 'score_histogram',
      cumulative: true,
      count: 3,
      sum: 1.9,
      startTimeMs: 10,
      timeMs: 20,
      model: 'fraud',
    });
    expect(b!.slices).toEqual([['region', 'eu']]);
    expect(a!.seriesKey).not.toBe(b!.seriesKey);
  });

  it('rejects malformed points and points without a model, ignores other metrics', () => {
    const bad = aScorePoint({ bucketCounts: [1, 2] }); // 9 bounds need 10 buckets
    const wrongCount = {
      ...aScorePoint({ bucketCounts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0] }),
      count: 5,
    };
    const other = {
      name: 'http.server.request.duration',
      description: '',
      unit: 's',
      data: { type: 'gauge' as const, dataPoints: [] },
      metadata: {},
    };
    const res = extract(
      scoreHistogramRequest(
        [
          bad,
          wrongCount,
          aScorePoint({ model: undefined, bucketCounts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1] }),
        ],
        'delta',
        [other],
      ),
      NOW,
    );
    expect(res.rejected).toEqual({
      [REJECT_REASON_INVALID_HISTOGRAM]: 2,
      [REJECT_REASON_MISSING_MODEL_NAME]: 1,
    });
    expect(res.records).toEqual([]);
  });
});
