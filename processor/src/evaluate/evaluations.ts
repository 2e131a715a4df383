/**
 * Evaluator verdicts (`gen_ai.evaluation.result`) of a closed window, per evaluator: the score
 * distribution (mean and lower empirical quantiles), the label shares, the pass rate and the
 * drift of scores and labels against the same evaluator's verdicts in the reference window —
 * decided like any output distribution (`decideFeatureDrift`, the same size-aware thresholds).
 */
import {
  ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
  ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
  ML_DRIFT_KIND_VALUE_GROUND_TRUTH,
} from '@mlmon/conventions';
import type { EvaluatorWindow } from '../state/evaluations-acc.js';
import type { ClosedWindow } from '../state/types.js';
import { seriesKey } from '../keys/series-key.js';
import type { BuildReferenceOptions } from './drift/build-reference.js';
import {
  categoricalCurrent,
  categoricalReferenceFromCounts,
  decideFeatureDrift,
  numericCurrent,
  numericReferenceFromValues,
  type FeatureDriftOptions,
} from './feature-drift.js';
import type { ReferenceFeature } from './drift/types.js';
import type { NumericValues } from './labeled-summaries.js';
import { lowerQuantile } from './lower-quantile.js';
import type { ReferenceCache } from './reference-cache.js';
import { readCategorical, readNumeric } from './snapshot-readers.js';
import { passCounts, ruleFor, type EvaluatorRule } from './evaluator-rules.js';
import type { DriftResult, EvaluationResult, EvaluationScoreSummary } from './window-result.js';

/**
 * The evaluators' results of `closed` (empty when no verdict joined in the window); `rules`
 * (serve config `evaluators`) say when a verdict passes.
 */
export function evaluationResults(
  closed: ClosedWindow,
  cache: ReferenceCache,
  build: BuildReferenceOptions,
  driftOptions: FeatureDriftOptions,
  rules?: readonly EvaluatorRule[],
): EvaluationResult[] {
  const current = closed.evaluations;
  if (current === undefined) return [];
  const reference = closed.reference;
  const stored = reference !== undefined && reference.kind !== 'training' ? reference : undefined;
  const refByName = new Map((stored?.evaluations?.evaluators ?? []).map((e) => [e.name, e]));
  const referenceKey = stored === undefined ? '' : seriesKey(stored.kind, stored.id);
  return current.evaluators.map((e) => {
    const ref = refByName.get(e.name);
    const cached: BuildCached = (part, make) =>
      cache.getOrBuildForStream(
        closed.stream.key,
        referenceKey,
        'evaluation',
        seriesKey(e.name, part),
        make,
      );
    const drift = ref === undefined ? [] : evaluatorDrift(e, ref, cached, build, driftOptions);
    return evaluatorResult(e, drift, ruleFor(rules, closed.stream.model, e.name));
  });
}

/** A reference built once per stream, reference and evaluator part (see `ReferenceCache`). */
type BuildCached = (
  part: string,
  make: () => ReferenceFeature | undefined,
) => ReferenceFeature | undefined;

/** Drift of one evaluator's scores and labels against its verdicts in the reference window. */
function evaluatorDrift(
  e: EvaluatorWindow,
  ref: EvaluatorWindow,
  cached: BuildCached,
  build: BuildReferenceOptions,
  options: FeatureDriftOptions,
): DriftResult[] {
  const out: DriftResult[] = [];
  const kind = ML_DRIFT_KIND_VALUE_GROUND_TRUTH;
  const scores = e.scores !== undefined ? readNumeric(e.scores) : undefined;
  const refScores = ref.scores !== undefined ? readNumeric(ref.scores, true) : undefined;
  if (scores !== undefined && refScores !== undefined) {
    const name = ATTR_GEN_AI_EVALUATION_SCORE_VALUE;
    const built = cached(name, () => numericReferenceFromValues(name, refScores, 0, build));
    if (built !== undefined)
      out.push(...decideFeatureDrift(kind, built, numericCurrent(scores, 0, built), options));
  }
  const labels = e.labels !== undefined ? readCategorical(e.labels) : undefined;
  const refLabels = ref.labels !== undefined ? readCategorical(ref.labels) : undefined;
  if (labels !== undefined && refLabels !== undefined) {
    const name = ATTR_GEN_AI_EVALUATION_SCORE_LABEL;
    const built = cached(name, () => categoricalReferenceFromCounts(name, refLabels, 0, build));
    if (built !== undefined)
      out.push(...decideFeatureDrift(kind, built, categoricalCurrent(labels, 0), options));
  }
  return out;
}

function evaluatorResult(
  e: EvaluatorWindow,
  drift: DriftResult[],
  rule: EvaluatorRule | undefined,
): EvaluationResult {
  const scores = e.scores !== undefined ? readNumeric(e.scores) : undefined;
  const score = scores !== undefined && scores.count > 0 ? scoreSummary(e, scores) : undefined;
  const labels = e.labels !== undefined ? readCategorical(e.labels) : undefined;
  let labeled = labels?.overflow ?? 0;
  for (const n of labels?.counts.values() ?? []) labeled += n;
  const labelShares = [...(labels?.counts ?? [])]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, count]) => ({ label, count, ratio: count / labeled }));
  const pass = passCounts(rule, labels?.counts ?? [], scores);
  return {
    name: e.name,
    count: e.count,
    ...(score !== undefined ? { score } : {}),
    labels: labelShares,
    ...(pass !== undefined ? { pass: { ...pass, ratio: pass.passed / pass.judged } } : {}),
    drift,
  };
}

/** Mean (exact, from the moments) and lower empirical quantiles of an evaluator's scores. */
function scoreSummary(e: EvaluatorWindow, values: NumericValues): EvaluationScoreSummary {
  const mean = e.scores!.mean;
  return {
    count: values.count,
    mean: mean.ok ? mean.value : lowerQuantile(values, 0.5),
    p10: lowerQuantile(values, 0.1),
    p50: lowerQuantile(values, 0.5),
    p90: lowerQuantile(values, 0.9),
    exact: values.exact,
  };
}

/** The `evaluations` member of a result: present only when some evaluator had verdicts. */
export function withEvaluations(results: EvaluationResult[]): {
  evaluations?: readonly EvaluationResult[];
} {
  return results.length > 0 ? { evaluations: results } : {};
}
