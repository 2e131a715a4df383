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
  DriftMethodId,
  FeatureKind,
  NullLadder,
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
  const base: DecisionBase = { spec, feature: feature.name, testedAs, threshold, alpha };
  const scored = methodScore(spec.id, feature, current);
  const score = scored.ok ? scored.value.score : null;
  const exact = scored.ok ? scored.value.exact : current.kind === 'categorical' || current.exact;
  // Why no decision can be made, if so.
  let noDecision: string | undefined;
  if (nReference < spec.minReference) {
    noDecision = `${nReference} reference values, fewer than the ${spec.minReference} that ${spec.id} needs`;
  } else if (nCurrent < spec.minCurrent) {
    noDecision = `${nCurrent} current values, fewer than the ${spec.minCurrent} that ${spec.id} needs`;
  } else if (!scored.ok) {
    noDecision = scored.reason;
  }
  if (noDecision !== undefined || !scored.ok) {
    return decision(base, nReference, nCurrent, null, score, null, exact, undefined, noDecision);
  }
  const s = scored.value.score;
  if (!sizeAware) {
    const drifted = spec.scoreKind === 'p_value' ? s <= threshold : s >= threshold;
    return decision(base, nReference, nCurrent, drifted, s, threshold, exact);
  }
  const ladder = ladderOf(feature.nullLadders, spec.id);
  const eff = effectiveThreshold(spec, threshold, ladder, nCurrent, nReference, alpha);
  if (spec.scoreKind === 'distance') {
    return decision(base, nReference, nCurrent, s >= eff, s, eff, exact);
  }
  const floor = options.effectSizeFloor ?? spec.defaultEffectSizeFloor ?? 0;
  const effectValue = effectOf(spec, feature, current, scored.value.statistic);
  const effect = { method: spec.effectMethod ?? spec.id, value: effectValue, floor };
  return decision(
    base,
    nReference,
    nCurrent,
    s <= eff && effectValue >= floor,
    s,
    eff,
    exact,
    effect,
  );
}

/** The ladder of `method` among a feature's ladders (a loop: `find` made a closure per call). */
function ladderOf(ladders: readonly NullLadder[], method: DriftMethodId): NullLadder | undefined {
  for (let i = 0; i < ladders.length; i++) if (ladders[i]!.method === method) return ladders[i];
  return undefined;
}

/** What every decision of a feature shares, whatever its outcome. */
interface DecisionBase {
  readonly spec: DriftMethodSpec;
  readonly feature: string;
  readonly testedAs: FeatureKind;
  readonly threshold: number;
  readonly alpha: number;
}

/**
 * A decision, every outcome in one object shape (absent parts `undefined`, which JSON leaves out,
 * so the printed order is the exported one). A spread of shared fields plus the outcome made a
 * fresh hidden class per decision: at tens of thousands of decisions per window close that
 * copying was the pass's largest single cost. `drifted` null: `insufficient_data`.
 */
function decision(
  base: DecisionBase,
  nReference: number,
  nCurrent: number,
  drifted: boolean | null,
  score: number | null,
  effectiveThreshold: number | null,
  exact: boolean,
  effect?: DriftDecision['effect'],
  reason?: string,
): DriftDecision {
  return {
    feature: base.feature,
    method: base.spec.id,
    scoreKind: base.spec.scoreKind,
    testedAs: base.testedAs,
    threshold: base.threshold,
    alpha: base.alpha,
    nReference,
    nCurrent,
    state:
      drifted === null
        ? ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA
        : drifted
          ? ML_DRIFT_STATE_VALUE_DRIFT
          : ML_DRIFT_STATE_VALUE_NO_DRIFT,
    drifted,
    score,
    effectiveThreshold,
    exact,
    effect,
    reason,
  };
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
