/**
 * The same sampled rows through a real in-process `mlmon serve` (the real OTel JS SDK over
 * OTLP/HTTP protobuf, each prediction carrying `ml.sampling.probability`, split over two slices)
 * and through `mlmon evaluate --sampling-probability-column` on a file: binary, multiclass,
 * regression, multilabel and ranking models give the same quality values, and the window's
 * effective size of the labelled pairs (`samples.effectiveLabeled`) is the report's
 * `effective_count`. The rows are the sklearn golden cases (`batch_evaluate_weighted.py`,
 * `multilabel_ranking.py`), so both sides are also checked against sklearn elsewhere.
 */
import {
  ATTR_ML_GROUND_TRUTH_LABEL,
  ATTR_ML_GROUND_TRUTH_VALUE,
  ATTR_ML_MODEL_CLASSES,
  ATTR_ML_PREDICTION_PROBABILITIES,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_PREDICTION_VALUE,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_REGRESSION,
} from '@mlmon/conventions';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvaluate, type EvaluateReport } from '../../processor/src/cli/commands/evaluate.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { tempDir, writeCsv } from '../cli/cli-files.js';
import { writeMultilabelCsv, writeRankingCsv } from '../cli/set-files.js';
import { GOLDEN } from '../golden/multilabel-ranking-golden-data.js';
import { toleranceMiss } from '../golden/tolerance.js';
import { multilabelPairs, rankingPairs, sampledPair } from './support/sampled-pairs.js';
import { T0, type ScenarioEvent } from './support/scenario.js';
import { startTestService, type TestService } from './support/start-service.js';
import { sendOneWindow } from './support/one-window.js';

const W = JSON.parse(
  readFileSync(new URL('../golden/batch_evaluate_weighted.json', import.meta.url), 'utf8'),
) as {
  binary: { scores: number[]; labels: number[]; p: number[] };
  multiclass: { probabilities: number[][]; labels: number[]; p: number[] };
  regression: { predicted: number[]; actual: number[]; p: number[] };
};
const MULTILABEL = GOLDEN.multilabel.find((c) => c.name === 'weighted')!;
const RANKING = GOLDEN.ranking.find((c) => c.name === 'mixed_k_weighted_short_lists')!;
const CLASSES = W.multiclass.probabilities[0]!.map((_, k) => `c${k}`);

const dir = tempDir('serve-cli-parity');

function events(): ScenarioEvent[] {
  const pairs = [
    ...W.binary.scores.map((score, i) =>
      sampledPair(
        'fraud',
        ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
        i,
        W.binary.p[i]!,
        { [ATTR_ML_PREDICTION_SCORE]: score },
        { [ATTR_ML_GROUND_TRUTH_VALUE]: W.binary.labels[i]! },
      ),
    ),
    ...W.multiclass.probabilities.map((probabilities, i) =>
      sampledPair(
        'intent',
        ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
        i,
        W.multiclass.p[i]!,
        { [ATTR_ML_PREDICTION_PROBABILITIES]: probabilities, [ATTR_ML_MODEL_CLASSES]: CLASSES },
        { [ATTR_ML_GROUND_TRUTH_LABEL]: `c${W.multiclass.labels[i]}` },
      ),
    ),
    ...W.regression.predicted.map((value, i) =>
      sampledPair(
        'eta',
        ML_MODEL_TASK_VALUE_REGRESSION,
        i,
        W.regression.p[i]!,
        { [ATTR_ML_PREDICTION_VALUE]: value },
        { [ATTR_ML_GROUND_TRUTH_VALUE]: W.regression.actual[i]! },
      ),
    ),
    ...multilabelPairs('topics', MULTILABEL.rows),
    ...rankingPairs('search', RANKING.queries),
  ];
  return [...pairs.map(([p]) => p), ...pairs.map(([, t]) => t)];
}

/** The same rows as files, through `mlmon evaluate`. */
async function fileReports(): Promise<Record<string, EvaluateReport>> {
  const weighted = { samplingProbabilityColumn: 'p' };
  const b = W.binary;
  const m = W.multiclass;
  const r = W.regression;
  return {
    fraud: await runEvaluate({
      predictions: writeCsv(
        dir.path('fraud.csv'),
        ['score', 'label', 'p'],
        b.scores.map((s, i) => [s, b.labels[i]!, b.p[i]!]),
      ),
      task: 'binary_classification',
      scoreColumn: 'score',
      labelColumn: 'label',
      ...weighted,
    }),
    intent: await runEvaluate({
      predictions: writeCsv(
        dir.path('intent.csv'),
        [...CLASSES, 'label', 'p'],
        m.probabilities.map((row, i) => [...row, `c${m.labels[i]}`, m.p[i]!]),
      ),
      task: 'multiclass_classification',
      probabilityColumns: CLASSES,
      labelColumn: 'label',
      ...weighted,
    }),
    eta: await runEvaluate({
      predictions: writeCsv(
        dir.path('eta.csv'),
        ['predicted', 'actual', 'p'],
        r.predicted.map((x, i) => [x, r.actual[i]!, r.p[i]!]),
      ),
      task: 'regression',
      predictionColumn: 'predicted',
      labelColumn: 'actual',
      ...weighted,
    }),
    topics: await runEvaluate({
      predictions: writeMultilabelCsv(dir.path('topics.csv'), MULTILABEL.rows),
      task: 'multilabel_classification',
      predictionColumn: 'predicted',
      labelColumn: 'actual',
      ...weighted,
    }),
    search: await runEvaluate({
      predictions: writeRankingCsv(dir.path('search.csv'), RANKING.queries),
      task: 'ranking',
      predictionColumn: 'ranked',
      labelColumn: 'relevant',
      relevanceColumn: 'grades',
      kColumn: 'k',
      ...weighted,
    }),
  };
}

describe('mlmon serve and mlmon evaluate agree on sampled rows', () => {
  let svc: TestService;
  let results: WindowResult[];
  let files: Record<string, EvaluateReport>;

  beforeAll(async () => {
    svc = await startTestService(T0);
    ({ results } = await sendOneWindow(svc, T0, events()));
    files = await fileReports();
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
    dir.remove();
  });

  it.each(['fraud', 'intent', 'eta', 'topics', 'search'])('%s', (model) => {
    const r = results.find(
      (x) => x.stream.modelName === model && Object.keys(x.stream.slice).length === 0,
    )!;
    const report = files[model]!;
    // Every metric the file reports that the window reports too, under the same name.
    const stream = new Map<string, number | undefined>(r.quality.map((q) => [q.metric, q.value]));
    if (r.calibration !== undefined) stream.set('ece', r.calibration.ece);
    const shared = Object.keys(report.metrics).filter((k) => stream.has(k));
    expect(shared.length).toBeGreaterThanOrEqual(3);
    const misses = shared.flatMap((k) => {
      const miss = toleranceMiss(stream.get(k), report.metrics[k]!);
      return miss === null ? [] : [`${k}: ${miss}`];
    });
    expect(misses).toEqual([]);
    expect(toleranceMiss(r.samples.effectiveLabeled, report.effective_count!)).toBeNull();
    // Σw: the window counts every labelled pair; the file's ranking report only the queries it
    // scored (a query without a relevant item enters no mean).
    if (model !== 'search') {
      expect(toleranceMiss(r.samples.weighted?.labeled, report.weight!)).toBeNull();
    }
  });
});
