/**
 * The drift method registry: every method mlmon can use, declared as data. The score direction
 * is explicit (`p_value`: drift when score <= threshold; `distance`: drift when >=), every
 * method bins from the reference alone so the processor can stream it, and each method states
 * the fewest samples it decides on (below: `insufficient_data`).
 */
import {
  ML_DRIFT_METHOD_VALUE_CHI2,
  ML_DRIFT_METHOD_VALUE_HELLINGER,
  ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON,
  ML_DRIFT_METHOD_VALUE_KS,
  ML_DRIFT_METHOD_VALUE_L_INFINITY,
  ML_DRIFT_METHOD_VALUE_NEW_CATEGORY_RATIO,
  ML_DRIFT_METHOD_VALUE_PSI,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN,
  ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED,
} from '@mlmon/conventions';
import type { DriftMethodId, DriftMethodSpec } from './types.js';

/**
 * Default KS effect-size floor: D >= 0.1 still catches a mean shift of 0.25σ of a normal
 * (D = 2Φ(δ/2) − 1 ≈ 0.0995) and a 0.5σ shift has D ≈ 0.197, while a 0.02σ shift (D ≈ 0.008,
 * significant at n = 10⁵) no longer alarms.
 */
export const DEFAULT_KS_EFFECT_FLOOR = 0.1;

/**
 * Default chi-square effect-size floor, on the L-infinity distance of the category
 * proportions: a category's share must move by at least 5 points.
 */
export const DEFAULT_CHI2_EFFECT_FLOOR = 0.05;

/** All drift methods, in the order of the `ml.drift.method` enum. */
export const DRIFT_METHODS: readonly DriftMethodSpec[] = [
  {
    id: ML_DRIFT_METHOD_VALUE_KS,
    kinds: ['numeric'],
    scoreKind: 'p_value',
    defaultThreshold: 0.05,
    streamable: true,
    minCurrent: 20,
    minReference: 20,
    effectMethod: ML_DRIFT_METHOD_VALUE_KS,
    defaultEffectSizeFloor: DEFAULT_KS_EFFECT_FLOOR,
    tailPower: 2,
    description: 'Two-sample Kolmogorov-Smirnov test p-value (exact up to 10000 values)',
  },
  {
    id: ML_DRIFT_METHOD_VALUE_WASSERSTEIN,
    kinds: ['numeric'],
    scoreKind: 'distance',
    defaultThreshold: null,
    streamable: true,
    minCurrent: 30,
    minReference: 30,
    tailPower: 2,
    description: "First Wasserstein distance in the feature's units (needs an explicit threshold)",
  },
  {
    id: ML_DRIFT_METHOD_VALUE_WASSERSTEIN_NORMED,
    kinds: ['numeric'],
    scoreKind: 'distance',
    defaultThreshold: 0.1,
    streamable: true,
    minCurrent: 30,
    minReference: 30,
    tailPower: 2,
    description: 'Wasserstein distance / reference standard deviation',
  },
  {
    id: ML_DRIFT_METHOD_VALUE_PSI,
    kinds: ['numeric', 'categorical'],
    scoreKind: 'distance',
    defaultThreshold: 0.1,
    streamable: true,
    minCurrent: 50,
    minReference: 30,
    tailPower: 1,
    description: 'Population stability index over reference deciles or categories',
  },
  {
    id: ML_DRIFT_METHOD_VALUE_JENSEN_SHANNON,
    kinds: ['numeric', 'categorical'],
    scoreKind: 'distance',
    defaultThreshold: 0.1,
    streamable: true,
    minCurrent: 50,
    minReference: 30,
    tailPower: 2,
    description: 'Jensen-Shannon distance (base 2) over reference deciles or categories',
  },
  {
    id: ML_DRIFT_METHOD_VALUE_HELLINGER,
    kinds: ['numeric', 'categorical'],
    scoreKind: 'distance',
    defaultThreshold: 0.1,
    streamable: true,
    minCurrent: 50,
    minReference: 30,
    tailPower: 2,
    description: 'Hellinger distance over reference deciles or categories',
  },
  {
    id: ML_DRIFT_METHOD_VALUE_CHI2,
    kinds: ['categorical'],
    scoreKind: 'p_value',
    defaultThreshold: 0.05,
    streamable: true,
    minCurrent: 30,
    minReference: 30,
    effectMethod: ML_DRIFT_METHOD_VALUE_L_INFINITY,
    defaultEffectSizeFloor: DEFAULT_CHI2_EFFECT_FLOOR,
    tailPower: 2,
    description: 'Chi-square test of homogeneity p-value',
  },
  {
    id: ML_DRIFT_METHOD_VALUE_L_INFINITY,
    kinds: ['categorical'],
    scoreKind: 'distance',
    defaultThreshold: 0.1,
    streamable: true,
    minCurrent: 30,
    minReference: 30,
    tailPower: 2,
    description: 'Largest absolute difference of category proportions',
  },
  {
    id: ML_DRIFT_METHOD_VALUE_NEW_CATEGORY_RATIO,
    kinds: ['categorical'],
    scoreKind: 'distance',
    defaultThreshold: 0.05,
    streamable: true,
    minCurrent: 30,
    minReference: 1,
    tailPower: 1,
    description: 'Share of current values in categories never seen in the reference',
  },
];

const BY_ID = new Map<string, DriftMethodSpec>(DRIFT_METHODS.map((m) => [m.id, m]));

/** The ids of all registered methods. */
export function driftMethodIds(): DriftMethodId[] {
  return DRIFT_METHODS.map((m) => m.id);
}

/** True when `name` is a registered method id. */
export function isDriftMethodId(name: string): name is DriftMethodId {
  return BY_ID.has(name);
}

/**
 * The method with this id.
 * @throws Error naming the valid ids when `name` is unknown.
 */
export function getDriftMethod(name: string): DriftMethodSpec {
  const spec = BY_ID.get(name);
  if (spec === undefined) {
    throw new Error(
      `unknown drift method '${name}'; valid methods: ${driftMethodIds().join(', ')}`,
    );
  }
  return spec;
}
