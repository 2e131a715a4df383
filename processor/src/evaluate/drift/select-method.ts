/**
 * Which method judges a feature: ordered per-feature rules (first match wins), else the default
 * rule that stays meaningful at large n: numeric — KS p-value 0.05 when the reference has
 * <= 1000 values, else `wasserstein_normed` 0.1 (Evidently's `_get_default_stattest`,
 * MONITORING-ANCHORS §1.3 / §b.4); categorical (and low-cardinality numeric) — chi-square at
 * every reference size: p <= min(0.05, α) **and** the L∞ effect-size floor (a share moving by
 * 0.05). Issue 4 supersedes issue 3's Jensen–Shannon ≥ 0.1 above 1000 reference values: a
 * 10-point move of a large category (40% → 50%) has JS ≈ 0.087 and would go unseen.
 * Jensen–Shannon stays available by rule (`{ kind: 'categorical', method: 'jensen_shannon' }`).
 */
import {
  ML_DRIFT_METHOD_VALUE_CHI2,
  ML_DRIFT_METHOD_VALUE_KS,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED,
} from '@mlmon/conventions';
import { getDriftMethod } from './registry.js';
import type { DriftMethodSpec, FeatureKind } from './types.js';

/** Reference size up to which the numeric default uses a p-value test (KS). */
export const SMALL_REFERENCE_MAX = 1000;

/** A per-feature override. */
export interface DriftMethodRule {
  /**
   * Feature name to match: an exact name, a glob with `*`, or a RegExp. Absent: any feature.
   */
  readonly feature?: string | RegExp;
  /** Only features tested as this kind. */
  readonly kind?: FeatureKind;
  /** Method id (`ml.drift.method` value). */
  readonly method: string;
  /** Nominal threshold; default the method's. */
  readonly threshold?: number;
}

/** The method and nominal threshold chosen for a feature. */
export interface MethodChoice {
  readonly spec: DriftMethodSpec;
  readonly threshold: number;
  /** Index of the rule that matched, or -1 for the default. */
  readonly ruleIndex: number;
}

/**
 * Checks rules up front and returns every problem at once (unknown method, method not
 * applicable to the rule's kind, missing threshold where the method has no default).
 */
export function validateDriftRules(rules: readonly DriftMethodRule[]): string[] {
  const errors: string[] = [];
  rules.forEach((rule, i) => {
    let spec: DriftMethodSpec;
    try {
      spec = getDriftMethod(rule.method);
    } catch (error) {
      errors.push(`rule ${i + 1}: ${(error as Error).message}`);
      return;
    }
    if (rule.kind !== undefined && !spec.kinds.includes(rule.kind)) {
      errors.push(`rule ${i + 1}: method '${spec.id}' does not apply to ${rule.kind} features`);
    }
    if (rule.threshold === undefined && spec.defaultThreshold === null) {
      errors.push(`rule ${i + 1}: method '${spec.id}' has no default threshold; give one`);
    }
    if (rule.threshold !== undefined && !Number.isFinite(rule.threshold)) {
      errors.push(`rule ${i + 1}: threshold must be a finite number`);
    }
  });
  return errors;
}

/** The default method for a feature tested as `kind` against `nReference` reference values. */
export function defaultDriftMethod(kind: FeatureKind, nReference: number): DriftMethodSpec {
  if (kind === 'numeric') {
    return getDriftMethod(
      nReference <= SMALL_REFERENCE_MAX
        ? ML_DRIFT_METHOD_VALUE_KS
        : ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED,
    );
  }
  // Chi-square with its L∞ floor at every size: the size-aware α keeps huge windows from
  // alarming on negligible moves, and the floor catches a 10-point share shift that JS misses.
  return getDriftMethod(ML_DRIFT_METHOD_VALUE_CHI2);
}

/**
 * Chooses the method for one feature: the first rule matching its name and kind whose method
 * applies to that kind, else the default.
 */
export function selectDriftMethod(
  feature: { readonly name: string; readonly testedAs: FeatureKind; readonly nReference: number },
  rules: readonly DriftMethodRule[] = [],
): MethodChoice {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.kind !== undefined && rule.kind !== feature.testedAs) continue;
    if (rule.feature !== undefined && !matchesName(rule.feature, feature.name)) continue;
    const spec = getDriftMethod(rule.method);
    if (!spec.kinds.includes(feature.testedAs)) continue;
    const threshold = rule.threshold ?? spec.defaultThreshold;
    if (threshold === null) {
      throw new Error(`rule ${i + 1}: method '${spec.id}' has no default threshold; give one`);
    }
    return { spec, threshold, ruleIndex: i };
  }
  const spec = defaultDriftMethod(feature.testedAs, feature.nReference);
  return { spec, threshold: spec.defaultThreshold ?? 0, ruleIndex: -1 };
}

function matchesName(pattern: string | RegExp, name: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(name);
  if (!pattern.includes('*')) return pattern === name;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}

/**
 * Reads the text form of a rule, `PATTERN=METHOD[:THRESHOLD]` (e.g. `age=psi:0.2`), as
 * `mlmon drift --rule` and the serve config's `rules` take it; a message when malformed.
 */
export function parseDriftRuleText(text: string): DriftMethodRule | { readonly error: string } {
  const m = /^([^=]+)=([a-z_0-9]+)(?::(.+))?$/.exec(text.trim());
  if (m === null) return { error: `expected PATTERN=METHOD[:THRESHOLD], e.g. 'age=psi:0.2'` };
  const rule: DriftMethodRule = { feature: m[1]!, method: m[2]! };
  if (m[3] === undefined) return rule;
  const threshold = Number(m[3]);
  if (!Number.isFinite(threshold)) return { error: `threshold '${m[3]}' is not a number` };
  return { ...rule, threshold };
}
