/**
 * End to end: models without a labeled profile (`--reference first-window`) estimate quality
 * from their own first labeled pairs. The real OTel SDK sends a first window of 2 000 predictions
 * with their labels for a binary and a three-class model through `mlmon serve`; the close of
 * that window builds each calibration, and the second window (200 predictions, shifted inputs,
 * then labels) carries the estimates, bands and errors that the NumPy/sklearn script
 * (`test/golden/scripts/cbpe_reference_pairs.py`) computes from the same pairs. A reference reset
 * forgets the pairs, so the window after it has no estimate.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ATTR_ML_GROUND_TRUTH_LABEL,
  ATTR_ML_GROUND_TRUTH_VALUE,
  ATTR_ML_MODEL_CLASSES,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_PROBABILITIES,
  ATTR_ML_PREDICTION_SCORE,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QualityEstimateResult } from '../../processor/src/evaluate/window-result.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import { expectClose } from '../golden/tolerance.js';
import {
  estimationSlices,
  expectGoldenEstimates,
  sendLabeledWindow,
  type GoldenEstimationWindow,
} from './support/estimation-window.js';
import { parsePrometheus, select } from './support/prometheus-parse.js';
import { T1, WINDOW_SECONDS, type ScenarioEvent } from './support/scenario.js';
import { startTestService, type TestService } from './support/start-service.js';

type Attributes = ScenarioEvent['attributes'];
const golden = JSON.parse(
  readFileSync(new URL('../golden/cbpe-reference-pairs.json', import.meta.url), 'utf8'),
) as {
  binary: GoldenEstimationWindow & {
    window1: { scores: number[]; labels: number[] };
    window2: { scores: number[]; labels: number[] };
  };
  multiclass: GoldenEstimationWindow & {
    classes: string[];
    window1: { probs: number[][]; labels: number[] };
    window2: { probs: number[][]; labels: number[] };
  };
};

const T2 = T1 + WINDOW_SECONDS * 1000;
const T3 = T2 + WINDOW_SECONDS * 1000;
const BINARY = 'churn';
const MULTICLASS = 'species';
const CLASSES = golden.multiclass.classes;

/** The predictions (then labels) of one window of both models. */
function windowEvents(start: number, tag: string, w: 'window1' | 'window2') {
  const predictions: ScenarioEvent[] = [];
  const labels: ScenarioEvent[] = [];
  const send = (model: string, i: number, attrs: Attributes, label: string | number) => {
    const id = `${model}-${tag}-${i}`;
    const identity = { [ATTR_ML_MODEL_NAME]: model, [ATTR_ML_MODEL_VERSION]: '1' };
    predictions.push({
      eventName: EVENT_ML_PREDICTION,
      timeMs: start + 1000 + i * 10,
      attributes: { ...identity, [ATTR_ML_PREDICTION_ID]: id, ...attrs },
    });
    labels.push({
      eventName: EVENT_ML_GROUND_TRUTH,
      timeMs: start + 50_000,
      attributes: {
        ...identity,
        [ATTR_ML_PREDICTION_ID]: id,
        ...(model === BINARY
          ? { [ATTR_ML_GROUND_TRUTH_VALUE]: label }
          : { [ATTR_ML_GROUND_TRUTH_LABEL]: label }),
      },
    });
  };
  golden.binary[w].scores.forEach((score, i) =>
    send(
      BINARY,
      i,
      {
        [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
        [ATTR_ML_PREDICTION_SCORE]: score,
      },
      golden.binary[w].labels[i]!,
    ),
  );
  golden.multiclass[w].probs.forEach((probabilities, i) =>
    send(
      MULTICLASS,
      i,
      {
        [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
        [ATTR_ML_MODEL_CLASSES]: CLASSES,
        [ATTR_ML_PREDICTION_PROBABILITIES]: probabilities,
      },
      CLASSES[golden.multiclass[w].labels[i]!]!,
    ),
  );
  return { predictions, labels };
}

describe('mlmon serve: CBPE calibrated on the first labeled pairs (no labeled profile)', () => {
  let svc: TestService;
  const history: Record<string, (QualityEstimateResult[] | null)[]> = {};

  const runWindow = async (start: number, tag: string, w: 'window1' | 'window2') => {
    const { predictions, labels } = windowEvents(start, tag, w);
    await sendLabeledWindow(svc, start, predictions, labels);
  };

  const readHistory = async (model: string) => {
    const all = (await estimationSlices(svc, model)).find((s) => Object.keys(s.slice).length === 0);
    return all?.estimation?.history ?? [];
  };

  beforeAll(async () => {
    svc = await startTestService(T1, { reference: 'first-window' });
    await runWindow(T1, 'a', 'window1');
    await runWindow(T2, 'b', 'window2');
    for (const model of [BINARY, MULTICLASS]) history[model] = await readHistory(model);
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
  });

  it('the first window has no estimate: its pairs are what the calibration is built from', () => {
    for (const model of [BINARY, MULTICLASS]) expect(history[model]![0] ?? null).toBeNull();
  });

  it('binary: the second window is estimated from the first 2 000 pairs', () => {
    // mlmon's realized ROC AUC is binned; the confusion metrics are exact.
    const exact = ['accuracy', 'precision', 'recall', 'f1', 'specificity'];
    expectGoldenEstimates(history[BINARY]!.at(-1)!, golden.binary, exact);
  });

  it('multiclass: the second window is estimated from the first 2 000 pairs', () => {
    // The binned ROC AUC is held to the exact one in serve-estimation-multiclass.test.ts.
    expectGoldenEstimates(
      history[MULTICLASS]!.at(-1)!.filter((e) => e.metric !== 'roc_auc'),
      golden.multiclass,
      Object.keys(golden.multiclass.realized),
    );
  });

  it('a reference reset forgets the pairs: the next window has no estimate', async () => {
    // Self-telemetry counts the pairs held: both models' two windows, then after the reset the
    // binary model's pairs since it and the multiclass model's three windows.
    const held = async () =>
      select(parsePrometheus(await svc.metrics()), 'mlmon_processor_cbpe_reference_pairs', {}).map(
        (s) => s.value,
      );
    const n1 = golden.binary.window1.labels.length + golden.multiclass.window1.labels.length;
    const n2 = golden.binary.window2.labels.length + golden.multiclass.window2.labels.length;
    expect(await held()).toEqual([n1 + n2]);
    const url = `http://127.0.0.1:${svc.addresses.prometheusPort}/api/v1/models/${BINARY}/versions/1/reference/reset`;
    const reset = await fetch(url, { method: 'POST' });
    expect(reset.status).toBe(200);
    await runWindow(T3, 'c', 'window2');
    expect((await readHistory(BINARY)).at(-1) ?? null).toBeNull();
    expect(await held()).toEqual([
      golden.binary.window2.labels.length +
        golden.multiclass.window1.labels.length +
        2 * golden.multiclass.window2.labels.length,
    ]);
  });
});

describe('CBPE from the first labeled pairs across a restart', () => {
  it('keeps the pairs and the calibration in the checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-cbpe-pairs-'));
    const clock = new ManualClock(T1);
    const config = { reference: 'first-window' as const, dataDir: dir };
    try {
      const first = await startTestService(T1, config, { durable: true, clock });
      const w1 = windowEvents(T1, 'a', 'window1');
      await sendLabeledWindow(first, T1, w1.predictions, w1.labels);
      await first.stop();
      const again = await startTestService(T1, config, { durable: true, clock });
      try {
        const w2 = windowEvents(T2, 'b', 'window2');
        await sendLabeledWindow(again, T2, w2.predictions, w2.labels);
        const all = (await estimationSlices(again, MULTICLASS)).find(
          (s) => Object.keys(s.slice).length === 0,
        );
        const accuracy = all?.estimation?.history.at(-1)?.find((e) => e.metric === 'accuracy');
        expectClose(
          'accuracy after restart',
          accuracy?.value,
          golden.multiclass.estimates['accuracy']!,
        );
        expectClose('σ after restart', accuracy?.sigma, golden.multiclass.sigma['accuracy']!);
      } finally {
        await again.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
