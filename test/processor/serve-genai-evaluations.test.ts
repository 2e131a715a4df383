/**
 * Evaluator verdicts through `mlmon serve` with the real OTel JS SDK as the client: responses
 * (`ml.prediction` events with `ml.prediction.id` = the response id) and three evaluators'
 * `gen_ai.evaluation.result` events per response, over OTLP/HTTP protobuf; `/metrics` and the
 * status API show per evaluator the count, score statistics, label shares and pass rate equal
 * to NumPy's on the same rows (`test/golden/scripts/genai_evaluations.py`), and the second
 * window's relevance drift; with evaluator rules in the config (pass by score, or by the rule's
 * own labels), the pass rates under those rules.
 */
import {
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
  ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_SCORE,
  EVENT_GEN_AI_EVALUATION_RESULT,
  EVENT_ML_PREDICTION,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVALUATIONS_GOLDEN, type Verdict } from './support/genai-evaluations-golden.js';
import type { EvaluatorHistory } from '../../processor/src/status-api/types.js';
import { parseEvaluators } from '../../processor/src/config/parse-evaluators.js';
import { expectClose } from '../golden/tolerance.js';
import { parsePrometheus, select, type Sample } from './support/prometheus-parse.js';
import { closedAfter, T0, T1 } from './support/scenario.js';
import type { ScenarioEvent } from './support/scenario.js';
import { sdkLogs, startTestService, type TestService } from './support/start-service.js';

const golden = EVALUATIONS_GOLDEN;

const MODEL = 'support-bot';

function events(window: number, startMs: number): ScenarioEvent[] {
  const { verdicts } = golden.windows[window]!;
  const id = (v: Verdict) => `w${window}-${v.responseId}`;
  const out: ScenarioEvent[] = [...new Set(verdicts.map(id))].map((responseId) => ({
    eventName: EVENT_ML_PREDICTION,
    timeMs: startMs + 1_000,
    attributes: {
      [ATTR_ML_MODEL_NAME]: MODEL,
      [ATTR_ML_MODEL_VERSION]: '1',
      [ATTR_ML_PREDICTION_ID]: responseId,
      [ATTR_ML_PREDICTION_SCORE]: 0.5,
    },
  }));
  for (const v of verdicts) {
    out.push({
      eventName: EVENT_GEN_AI_EVALUATION_RESULT,
      timeMs: startMs + 2_000,
      attributes: {
        [ATTR_GEN_AI_RESPONSE_ID]: id(v),
        [ATTR_GEN_AI_EVALUATION_NAME]: v.name,
        ...(v.value !== undefined ? { [ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: v.value } : {}),
        ...(v.label !== undefined ? { [ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: v.label } : {}),
      },
    });
  }
  return out;
}

describe('mlmon serve: evaluator verdicts from the OTel SDK', () => {
  let svc: TestService;
  let samples: Sample[];

  beforeAll(async () => {
    svc = await startTestService(T0);
    const sdk = sdkLogs(svc.addresses, 'http/protobuf');
    svc.clock.set(T0 + 5_000);
    await sdk.send(events(0, T0));
    svc.clock.set(closedAfter(T0));
    await svc.service.flush();
    svc.clock.set(T1 + 5_000);
    await sdk.send(events(1, T1));
    svc.clock.set(closedAfter(T1));
    await svc.service.flush();
    await sdk.shutdown();
    samples = parsePrometheus(await svc.metrics());
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const last = golden.windows[1]!.expected;

  it('exports each evaluator of the latest window equal to NumPy', () => {
    for (const [name, e] of Object.entries(last)) {
      const match = { ml_model_name: MODEL, gen_ai_evaluation_name: name };
      expect(select(samples, 'ml_evaluation_count', match).map((s) => s.value)).toEqual([e.count]);
      for (const statistic of ['mean', 'p10', 'p50', 'p90'] as const) {
        if (e.score === undefined) break;
        const value = e.score[statistic];
        const [point] = select(samples, 'ml_evaluation_score', {
          ...match,
          ml_evaluation_statistic: statistic,
        });
        expectClose(`${name} ${statistic}`, point?.value, value);
      }
      for (const [label, ratio] of Object.entries(e.labels)) {
        const [point] = select(samples, 'ml_evaluation_label_ratio', {
          ...match,
          gen_ai_evaluation_score_label: label,
        });
        expectClose(`${name} ${label}`, point?.value, ratio);
      }
      const pass = select(samples, 'ml_evaluation_pass_ratio', match);
      if (e.pass === undefined) expect(pass).toEqual([]);
      else expectClose(`${name} pass`, pass[0]?.value, e.pass.ratio);
    }
    const drifted = select(samples, 'ml_drift_status', {
      ml_model_name: MODEL,
      ml_drift_kind: 'ground_truth',
      ml_drift_state: 'drift',
      gen_ai_evaluation_name: 'relevance',
      ml_feature_name: 'gen_ai.evaluation.score.value',
    });
    expect(drifted.some((s) => s.value === 1)).toBe(true);
  });

  it('serves each evaluator with its history on the status API', async () => {
    const base = `http://127.0.0.1:${svc.addresses.prometheusPort}`;
    const detail = (await (await fetch(`${base}/api/v1/models/${MODEL}/versions/1`)).json()) as {
      slices: { label: string; evaluations?: EvaluatorHistory[] }[];
    };
    const all = detail.slices.find((s) => s.label === 'all')!;
    expect(all.evaluations!.map((e) => e.name)).toEqual(Object.keys(last).sort());
    for (const e of all.evaluations!) {
      expect(e.history.map((p) => p?.count)).toEqual(
        golden.windows.map((w) => w.expected[e.name]!.count),
      );
      expect(e.latest!.count).toBe(last[e.name]!.count);
      if (last[e.name]!.pass !== undefined)
        expectClose(`${e.name} pass`, e.latest!.pass?.ratio, last[e.name]!.pass!.ratio);
    }
  });
});

describe('mlmon serve: evaluator pass rules from the config', () => {
  let svc: TestService;
  let samples: Sample[];

  beforeAll(async () => {
    const { evaluators, problems } = parseEvaluators(golden.rules);
    expect(problems).toEqual([]);
    svc = await startTestService(T0, { evaluators });
    const sdk = sdkLogs(svc.addresses, 'http/protobuf');
    svc.clock.set(T0 + 5_000);
    await sdk.send(events(0, T0));
    await sdk.shutdown();
    svc.clock.set(closedAfter(T0));
    await svc.service.flush();
    samples = parsePrometheus(await svc.metrics());
  });

  afterAll(async () => {
    await svc?.stop();
  });

  it('judges each evaluator by its rule, equal to NumPy', async () => {
    const expected = golden.windows[0]!.expected_with_rules;
    for (const [name, e] of Object.entries(expected)) {
      const match = { ml_model_name: MODEL, gen_ai_evaluation_name: name };
      const pass = select(samples, 'ml_evaluation_pass_ratio', match);
      expectClose(`${name} pass`, pass[0]?.value, e.ratio);
    }
    const base = `http://127.0.0.1:${svc.addresses.prometheusPort}`;
    const detail = (await (await fetch(`${base}/api/v1/models/${MODEL}/versions/1`)).json()) as {
      slices: { label: string; evaluations?: EvaluatorHistory[] }[];
    };
    const all = detail.slices.find((s) => s.label === 'all')!;
    const latest = Object.fromEntries(all.evaluations!.map((e) => [e.name, e.latest!.pass]));
    expect(latest['relevance']).toMatchObject({ ...expected['relevance'], basis: 'score' });
    expect(latest['faithfulness']).toMatchObject({ ...expected['faithfulness'], basis: 'labels' });
  });
});
