/**
 * Evaluator statistics from extract to result: responses and their `gen_ai.evaluation.result`
 * verdicts (three evaluators per response, as OTLP logs) through the pure core, closed and
 * evaluated; per evaluator and window the count, score mean and quantiles, label shares and
 * pass rate equal NumPy's on the same rows, and the second window's shifted relevance scores
 * drift against the first window (the reference). Golden values:
 * `test/golden/scripts/genai_evaluations.py`.
 */
import { describe, expect, it } from 'vitest';
import {
  EVALUATIONS_GOLDEN,
  type ExpectedEvaluator,
  type Verdict,
} from './support/genai-evaluations-golden.js';
import { aGenAiEvaluation, aPrediction, logsRequest } from '../fixtures/builders.js';
import { ingest } from '../../processor/src/core.js';
import { evaluateWindow } from '../../processor/src/evaluate/evaluate-window.js';
import type { EvaluationResult } from '../../processor/src/evaluate/window-result.js';
import { closeWindows } from '../../processor/src/state/close-windows.js';
import { createState } from '../../processor/src/state/streams.js';
import { expectClose } from '../golden/tolerance.js';

const golden = EVALUATIONS_GOLDEN;
type Expected = ExpectedEvaluator;

const W = 300_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);

function checkEvaluator(window: number, actual: EvaluationResult, expected: Expected): void {
  const at = `window ${window} ${actual.name}`;
  expect(actual.count, at).toBe(expected.count);
  if (expected.score === undefined) expect(actual.score, at).toBeUndefined();
  else {
    expect(actual.score?.count, at).toBe(expected.score.count);
    expect(actual.score?.exact, at).toBe(true);
    for (const k of ['mean', 'p10', 'p50', 'p90'] as const)
      expectClose(`${at} ${k}`, actual.score?.[k], expected.score[k]);
  }
  expect(
    actual.labels.map((l) => l.label),
    at,
  ).toEqual(Object.keys(expected.labels).sort());
  for (const l of actual.labels)
    expectClose(`${at} ${l.label}`, l.ratio, expected.labels[l.label]!);
  if (expected.pass === undefined) expect(actual.pass, at).toBeUndefined();
  else {
    expect(actual.pass, at).toMatchObject({
      judged: expected.pass.judged,
      passed: expected.pass.passed,
    });
    expectClose(`${at} pass`, actual.pass?.ratio, expected.pass.ratio);
  }
}

describe('evaluator statistics against NumPy', () => {
  it('gives every evaluator its count, score quantiles, label shares, pass rate and drift', () => {
    const state = createState({ windowSeconds: W / 1000, allowedLatenessSeconds: 0 });
    golden.windows.forEach((window, i) => {
      const start = T0 + i * W;
      const ids = [...new Set(window.verdicts.map((v) => v.responseId))];
      // Verdicts first for half of the responses: they wait for their response.
      const early = window.verdicts.filter((v) => Number(v.responseId.slice(5)) % 2 === 0);
      const late = window.verdicts.filter((v) => Number(v.responseId.slice(5)) % 2 === 1);
      const verdict = (v: Verdict) =>
        aGenAiEvaluation({
          responseId: `w${i}-${v.responseId}`,
          name: v.name,
          ...(v.value !== undefined ? { scoreValue: v.value } : {}),
          ...(v.label !== undefined ? { scoreLabel: v.label } : {}),
          timeMs: start + 10,
        });
      ingest(state, logsRequest(early.map(verdict)), start + 10);
      const predictions = ids.map((id) =>
        aPrediction({ model: 'chat', id: `w${i}-${id}`, timeMs: start + 5, score: 0.5 }),
      );
      ingest(state, logsRequest([...predictions, ...late.map(verdict)]), start + 10);
    });
    const closed = closeWindows(state, T0 + 2 * W + 1);
    const results = closed.map((c) => evaluateWindow(c));
    expect(results).toHaveLength(2);
    results.forEach((result, i) => {
      const expected = golden.windows[i]!.expected;
      expect(result.evaluations!.map((e) => e.name)).toEqual(Object.keys(expected).sort());
      for (const e of result.evaluations!) checkEvaluator(i, e, expected[e.name]!);
    });
    expect(results[0]!.evaluations!.every((e) => e.drift.length === 0)).toBe(true);
    const drift = (name: string, feature: string) =>
      results[1]!
        .evaluations!.find((e) => e.name === name)!
        .drift.find((d) => d.primary && d.feature === feature);
    expect(drift('relevance', 'gen_ai.evaluation.score.value')).toMatchObject({
      kind: 'ground_truth',
      state: 'drift',
      nReference: 400,
      nCurrent: 400,
    });
    expect(drift('toxicity', 'gen_ai.evaluation.score.label')).toMatchObject({ state: 'drift' });
  });
});
