import { absent, present, type Maybe } from '../../stats/index.js';
import { checkpointObject, numberField } from './accumulator.js';

/**
 * Streaming moments: count, mean, M2 (Welford 1962), min, max. Merged with the parallel formula
 * of Chan, Golub & LeVeque (1979): δ = mean_b − mean_a, M2 = M2_a + M2_b + δ²·n_a·n_b/n.
 * Values may carry frequency weights (1/`ml.sampling.probability`, METRICS.md "Weighted
 * records"): the same formulas with n replaced by Σw (West 1979), so a value of weight w counts
 * as w repeats of it. `weight` (Σw) and `weight2` (Σw², for the Kish effective size) equal
 * `count` under unit weights, and the updates then compute exactly what the unweighted ones did.
 * Error vs the two-pass mean/std: relative ~n·1e-16 in the worst case, ~1e-14 in practice.
 * Memory: 5 numbers (40 bytes).
 */
export interface Moments {
  /** Values recorded (raw, unweighted). */
  count: number;
  /** Σw of the values recorded (= count under unit weights). */
  weight: number;
  /** Σw² of the values recorded (= count under unit weights). */
  weight2: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
}

/** Empty moments. */
export function createMoments(): Moments {
  return { count: 0, weight: 0, weight2: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity };
}

/** Records one finite value with frequency weight `w` > 0 (1 when unweighted). */
export function momentsRecord(m: Moments, x: number, w = 1): void {
  m.count += 1;
  m.weight += w;
  m.weight2 += w * w;
  const delta = x - m.mean;
  // w = 1: delta / weight, bit for bit what the unweighted update computed.
  m.mean += w === 1 ? delta / m.weight : (delta * w) / m.weight;
  m.m2 += w === 1 ? delta * (x - m.mean) : w * delta * (x - m.mean);
  if (x < m.min) m.min = x;
  if (x > m.max) m.max = x;
}

/** Kish's effective sample size (Σw)²/Σw²: `count` under unit weights, 0 when empty. */
export function momentsEffectiveCount(m: Moments): number {
  if (m.weight === m.count && m.weight2 === m.count) return m.count;
  return m.weight2 > 0 ? (m.weight * m.weight) / m.weight2 : 0;
}

/** A new moments state for the union of `a` and `b`. */
export function momentsMerge(a: Moments, b: Moments): Moments {
  if (a.count === 0) return { ...b };
  if (b.count === 0) return { ...a };
  const weight = a.weight + b.weight;
  const delta = b.mean - a.mean;
  return {
    count: a.count + b.count,
    weight,
    weight2: a.weight2 + b.weight2,
    mean: a.mean + (delta * b.weight) / weight,
    m2: a.m2 + b.m2 + (delta * delta * a.weight * b.weight) / weight,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
  };
}

/** Population standard deviation (ddof = 0); absent when empty. */
export function momentsStd(m: Moments): Maybe {
  if (m.count === 0) return absent('standard deviation needs at least one value');
  return present(Math.sqrt(Math.max(m.m2, 0) / m.weight));
}

/** JSON checkpoint of moments (min/max null when empty). */
export interface MomentsJson {
  kind: 'moments';
  version: 1;
  count: number;
  /** Σw, written only when a weight was not 1 (checkpoints without it hold unit weights). */
  weight?: number;
  /** Σw², likewise. */
  weight2?: number;
  mean: number;
  m2: number;
  min: number | null;
  max: number | null;
}

/** Plain-object form. */
export function momentsToJSON(m: Moments): MomentsJson {
  const empty = m.count === 0;
  return {
    kind: 'moments',
    version: 1,
    count: m.count,
    ...(m.weight !== m.count || m.weight2 !== m.count
      ? { weight: m.weight, weight2: m.weight2 }
      : {}),
    mean: m.mean,
    m2: m.m2,
    min: empty ? null : m.min,
    max: empty ? null : m.max,
  };
}

/** Restores moments from {@link momentsToJSON}. */
export function momentsFromJSON(json: unknown): Moments {
  const obj = checkpointObject(json, 'moments', 1);
  const count = numberField(obj, 'count', 'moments');
  const weighted = obj['weight'] !== undefined || obj['weight2'] !== undefined;
  return {
    count,
    weight: weighted ? numberField(obj, 'weight', 'moments') : count,
    weight2: weighted ? numberField(obj, 'weight2', 'moments') : count,
    mean: numberField(obj, 'mean', 'moments'),
    m2: numberField(obj, 'm2', 'moments'),
    min: count === 0 ? Infinity : numberField(obj, 'min', 'moments'),
    max: count === 0 ? -Infinity : numberField(obj, 'max', 'moments'),
  };
}
