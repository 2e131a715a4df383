/**
 * One drift decision for one feature: the same function for the batch CLI (exact values) and
 * the processor (window summaries), so both decide alike for the same reference and window.
 *
 * Rules (issue 4): below the method's minimum sample the state is `insufficient_data` with a
 * reason; a distance drifts when score >= max(nominal, (1 − α) null quantile at n); a p-value
 * test drifts when p <= min(nominal, α) and its effect (KS D, or L∞ of the proportions for
 * chi2) reaches the effect-size floor.
 */
import {
  ML_DRIFT_METHOD_VALUE_L_INFINITY,
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
  ML_DRIFT_STATE_VALUE_NO_DRIFT,
} from '@mlmon/conventions';
import { getDriftMethod } from './registry.js';
import { categoricalScore, methodScore, numericValueCounts } from './scores.js';
import { defaultDriftMethod } from './select-method.js';
import { DEFAULT_ALPHA, effectiveThreshold } from './threshold.js';
import type {
  CurrentSummary,
  DriftDecision,
  DriftMethodSpec,
  DriftOptions,
  FeatureKind,
  ReferenceFeature,
} from './types.js';

/** How a reference feature is tested: low-cardinality numerics (≤ 5 values) as categorical. */
export function testedKind(feature: ReferenceFeature): FeatureKind {
  return feature.kind === 'numeric' && feature.lowCardinality === undefined
    ? 'numeric'
    : 'categorical';
}

/**
 * Decides whether `current` drifted from `feature`.
 * @throws Error when `options.method` is unknown, does not apply to the feature, or needs a
 *   threshold that was not given (configuration errors, not data conditions).
 */
export function decideDrift(
  feature: ReferenceFeature,
  current: CurrentSummary,
  options: DriftOptions = {},
): DriftDecision {
  const testedAs = testedKind(feature);
  const spec: DriftMethodSpec =
    options.method !== undefined
      ? getDriftMethod(options.method)
      : defaultDriftMethod(testedAs, feature.count);
  if (!spec.kinds.includes(testedAs)) {
    throw new Error(
      `drift method '${spec.id}' does not apply to ${testedAs} feature '${feature.name}'` +
        ` (applies to: ${spec.kinds.join(', ')})`,
    );
  }
  const threshold = options.threshold ?? spec.defaultThreshold;
  if (threshold === null) {
    throw new Error(`drift method '${spec.id}' has no default threshold; configure one`);
  }
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const sizeAware = options.sizeAware ?? true;
  const nReference = feature.count;
  const nCurrent = current.count;
  const base: DecisionBase = {
    feature: feature.name,
    method: spec.id,
    scoreKind: spec.scoreKind,
    testedAs,
    threshold,
    alpha,
    nReference,
    nCurrent,
  };
  const scored = methodScore(spec.id, feature, current);
  const score = scored.ok ? scored.value.score : null;
  const exact = scored.ok ? scored.value.exact : current.kind === 'categorical' || current.exact;
  if (nReference < spec.minReference) {
    return insufficient(
      base,
      score,
      exact,
      `${nReference} reference values, fewer than the ${spec.minReference} that ${spec.id} needs`,
    );
  }
  if (nCurrent < spec.minCurrent) {
    return insufficient(
      base,
      score,
      exact,
      `${nCurrent} current values, fewer than the ${spec.minCurrent} that ${spec.id} needs`,
    );
  }
  if (!scored.ok) return insufficient(base, score, exact, scored.reason);
  const s = scored.value.score;
  if (!sizeAware) {
    const drifted = spec.scoreKind === 'p_value' ? s <= threshold : s >= threshold;
    return decided(base, drifted, s, threshold, exact, undefined);
  }
  const ladder = feature.nullLadders.find((l) => l.method === spec.id);
  const eff = effectiveThreshold(spec, threshold, ladder, nCurrent, nReference, alpha);
  if (spec.scoreKind === 'distance') return decided(base, s >= eff, s, eff, exact, undefined);
  const floor = options.effectSizeFloor ?? spec.defaultEffectSizeFloor ?? 0;
  const effectValue = effectOf(spec, feature, current, scored.value.statistic);
  const effect = { method: spec.effectMethod ?? spec.id, value: effectValue, floor };
  return decided(base, s <= eff && effectValue >= floor, s, eff, exact, effect);
}

/**
 * An `insufficient_data` decision (a function, not a closure made per decision: at tens of
 * thousands of decisions per window close each closure was garbage).
 */
function insufficient(
  base: DecisionBase,
  score: number | null,
  exact: boolean,
  reason: string,
): DriftDecision {
  return {
    ...base,
    state: ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
    drifted: null,
    score,
    effectiveThreshold: null,
    exact,
    reason,
  };
}

/** What every decision of a feature shares, whatever its outcome. */
type DecisionBase = Omit<
  DriftDecision,
  'state' | 'drifted' | 'score' | 'effectiveThreshold' | 'exact' | 'effect' | 'reason'
>;

/**
 * A made decision, as one object literal: a spread of `base` plus the outcome built a fresh
 * hidden class per decision, and at tens of thousands of decisions per window close that
 * copying and its garbage were the evaluation pass's largest single cost.
 */
function decided(
  base: DecisionBase,
  drifted: boolean,
  score: number,
  effectiveThreshold: number,
  exact: boolean,
  effect: DriftDecision['effect'],
): DriftDecision {
  const state = drifted ? ML_DRIFT_STATE_VALUE_DRIFT : ML_DRIFT_STATE_VALUE_NO_DRIFT;
  const decision = {
    feature: base.feature,
    method: base.method,
    scoreKind: base.scoreKind,
    testedAs: base.testedAs,
    threshold: base.threshold,
    alpha: base.alpha,
    nReference: base.nReference,
    nCurrent: base.nCurrent,
    state,
    drifted,
    score,
    effectiveThreshold,
    exact,
  };
  return effect === undefined ? decision : { ...decision, effect };
}

/** The effect statistic of a p-value test: KS D, or L∞ of the proportions for chi2. */
function effectOf(
  spec: DriftMethodSpec,
  feature: ReferenceFeature,
  current: CurrentSummary,
  statistic: number | undefined,
): number {
  if (spec.effectMethod !== ML_DRIFT_METHOD_VALUE_L_INFINITY) return statistic ?? 0;
  const reference = feature.kind === 'categorical' ? feature : feature.lowCardinality;
  const counts = current.kind === 'categorical' ? current.counts : numericValueCounts(current);
  if (reference === undefined || counts === undefined) return 0;
  const m = categoricalScore(ML_DRIFT_METHOD_VALUE_L_INFINITY, reference, counts);
  return m.ok ? m.value.score : 0;
}
