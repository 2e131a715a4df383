/**
 * When an evaluator's verdict passes. By default a verdict is judged by its label — `pass`,
 * `passed`, `true`, `yes` pass; `fail`, `failed`, `false`, `no` fail (any case) — and a verdict
 * without such a label is not judged. A rule of the serve config (`evaluators`) replaces that for
 * one evaluator (optionally of one model): by score (`passAtLeast` / `passAtMost`: every verdict
 * with a score is judged) or by its own pass and fail labels.
 */
import type { NumericValues } from './labeled-summaries.js';

/** Labels that read as a passed verdict by default (compared lower-cased). */
export const PASS_LABELS: ReadonlySet<string> = new Set(['pass', 'passed', 'true', 'yes']);
/** Labels that read as a failed verdict by default (compared lower-cased). */
export const FAIL_LABELS: ReadonlySet<string> = new Set(['fail', 'failed', 'false', 'no']);

/** One evaluator's pass rule (serve config `evaluators[]`). */
export interface EvaluatorRule {
  /** `gen_ai.evaluation.name`. */
  readonly name: string;
  /** Only this model's verdicts (`ml.model.name`); every model's when absent. */
  readonly model?: string;
  /** A verdict passes when its score is at least this. */
  readonly passAtLeast?: number;
  /** A verdict passes when its score is at most this. */
  readonly passAtMost?: number;
  /** Labels that pass (compared lower-cased); with `failLabels`, replace the default words. */
  readonly passLabels?: readonly string[];
  readonly failLabels?: readonly string[];
}

/** How a window's verdicts were judged. */
export type PassBasis = 'default_labels' | 'labels' | 'score';

/** Verdicts judged and passed. */
export interface PassCounts {
  readonly judged: number;
  readonly passed: number;
  readonly basis: PassBasis;
  /** False when the scores were read from a sketch (beyond its capacity): counts approximate. */
  readonly exact: boolean;
}

/** The rule for `name` of `model`: a model's own rule first, then one for every model. */
export function ruleFor(
  rules: readonly EvaluatorRule[] | undefined,
  model: string,
  name: string,
): EvaluatorRule | undefined {
  if (rules === undefined) return undefined;
  return (
    rules.find((r) => r.name === name && r.model === model) ??
    rules.find((r) => r.name === name && r.model === undefined)
  );
}

/** Whether the rule judges by score. */
export function judgesByScore(rule: EvaluatorRule | undefined): boolean {
  return rule !== undefined && (rule.passAtLeast !== undefined || rule.passAtMost !== undefined);
}

/** Verdicts judged and passed under `rule`; `undefined` when none could be judged. */
export function passCounts(
  rule: EvaluatorRule | undefined,
  labels: Iterable<readonly [string, number]>,
  scores: NumericValues | undefined,
): PassCounts | undefined {
  if (judgesByScore(rule)) {
    if (scores === undefined || scores.count === 0) return undefined;
    const lo = rule!.passAtLeast ?? -Infinity;
    const hi = rule!.passAtMost ?? Infinity;
    let passed = 0;
    let judged = 0;
    for (let i = 0; i < scores.sorted.length; i++) {
      const w = scores.weights?.[i] ?? 1;
      const x = scores.sorted[i]!;
      judged += w;
      if (x >= lo && x <= hi) passed += w;
    }
    return { judged, passed, basis: 'score', exact: scores.exact };
  }
  const own = rule?.passLabels !== undefined || rule?.failLabels !== undefined;
  const pass = own ? lowerSet(rule!.passLabels) : PASS_LABELS;
  const fail = own ? lowerSet(rule!.failLabels) : FAIL_LABELS;
  let passed = 0;
  let failed = 0;
  for (const [label, n] of labels) {
    const l = label.toLowerCase();
    if (pass.has(l)) passed += n;
    else if (fail.has(l)) failed += n;
  }
  const judged = passed + failed;
  if (judged === 0) return undefined;
  return { judged, passed, basis: own ? 'labels' : 'default_labels', exact: true };
}

function lowerSet(values: readonly string[] | undefined): ReadonlySet<string> {
  return new Set((values ?? []).map((v) => v.toLowerCase()));
}
