/**
 * The golden rows of the evaluator statistics (`test/golden/scripts/genai_evaluations.py`):
 * two windows of verdicts and NumPy's statistics per evaluator.
 */
import { readFileSync } from 'node:fs';

/** One `gen_ai.evaluation.result` of the golden rows. */
export interface Verdict {
  readonly responseId: string;
  readonly name: string;
  readonly value?: number;
  readonly label?: string;
}

/** NumPy's statistics of one evaluator in one window. */
export interface ExpectedEvaluator {
  readonly count: number;
  readonly score?: { count: number; mean: number; p10: number; p50: number; p90: number };
  readonly labels: Record<string, number>;
  readonly pass?: { judged: number; passed: number; ratio: number };
}

/** The two golden windows. */
export const EVALUATIONS_GOLDEN = JSON.parse(
  readFileSync(new URL('../../golden/genai_evaluations.json', import.meta.url), 'utf8'),
) as {
  /** The evaluators' pass rules (serve config `evaluators`) of `expected_with_rules`. */
  rules: unknown;
  windows: {
    verdicts: Verdict[];
    expected: Record<string, ExpectedEvaluator>;
    /** Pass rates under `rules`. */
    expected_with_rules: Record<string, NonNullable<ExpectedEvaluator['pass']>>;
  }[];
};
