import type { WeightedSorted } from '../../stats/index.js';
import { AccumulatorStateError, numberField } from './accumulator.js';
import {
  createQuantileSketch,
  mergeSortedRuns,
  sketchFromJSON,
  sketchMerge,
  sketchRecord,
  sketchToJSON,
  sketchTrim,
  sketchWeightedSorted,
  type QuantileSketch,
  type QuantileSketchJson,
} from './quantile-sketch.js';

/**
 * The values of one frequency weight w ≠ 1 (1/`ml.sampling.probability`, METRICS.md
 * "Weighted records"), in a quantile sketch of their own. The quantile sketch's levels weigh
 * 2^h, so a value of weight 10 cannot join them exactly; a sketch per distinct weight keeps
 * the weighted ECDF exact while each sketch is exact, and its error bound scaled by w when not.
 * Sampling rates are few in practice (one or two per model), so the classes are few.
 */
export interface WeightClass {
  /** The frequency weight of every value in `sketch`. */
  readonly weight: number;
  sketch: QuantileSketch;
}

/**
 * Most distinct weights kept apart per accumulator. A further weight joins the class nearest to
 * it in log scale; the weight it lost or gained (|w − w_class| per value) is added to the ECDF
 * error bound (`roundedWeight`), so the reported bound stays a true bound.
 */
export const MAX_WEIGHT_CLASSES = 16;

/** Index of the class of weight `w` in `classes`, or of the class nearest in log scale. */
function nearestClass(classes: readonly WeightClass[], w: number): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < classes.length; i++) {
    const d = Math.abs(Math.log(classes[i]!.weight / w));
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

/**
 * Records `value` of weight `w` (≠ 1) into its class, creating the class while fewer than
 * {@link MAX_WEIGHT_CLASSES} exist; returns the weight misattributed (0 when it had its class).
 */
export function recordWeighted(
  classes: WeightClass[],
  capacity: number,
  value: number,
  w: number,
): number {
  for (let i = 0; i < classes.length; i++) {
    if (classes[i]!.weight === w) {
      sketchRecord(classes[i]!.sketch, value);
      return 0;
    }
  }
  if (classes.length < MAX_WEIGHT_CLASSES) {
    const sketch = createQuantileSketch(capacity);
    sketchRecord(sketch, value);
    classes.push({ weight: w, sketch });
    return 0;
  }
  const c = classes[nearestClass(classes, w)]!;
  sketchRecord(c.sketch, value);
  return Math.abs(c.weight - w);
}

/**
 * New classes holding both inputs (untouched); returns them with the weight misattributed when
 * more than {@link MAX_WEIGHT_CLASSES} distinct weights meet.
 */
export function mergeWeightClasses(
  a: readonly WeightClass[],
  b: readonly WeightClass[],
): { classes: WeightClass[]; misattributed: number } {
  const classes: WeightClass[] = a.map((c) => ({ weight: c.weight, sketch: copyOf(c.sketch) }));
  let misattributed = 0;
  for (const c of b) {
    const same = classes.find((x) => x.weight === c.weight);
    if (same !== undefined) same.sketch = sketchMerge(same.sketch, c.sketch);
    else if (classes.length < MAX_WEIGHT_CLASSES) {
      classes.push({ weight: c.weight, sketch: copyOf(c.sketch) });
    } else {
      const near = classes[nearestClass(classes, c.weight)]!;
      near.sketch = sketchMerge(near.sketch, c.sketch);
      misattributed += Math.abs(near.weight - c.weight) * c.sketch.count;
    }
  }
  return { classes, misattributed };
}

/** A sketch of its own equal to `s` (merged into an empty one). */
function copyOf(s: QuantileSketch): QuantileSketch {
  return sketchMerge(createQuantileSketch(s.capacity), s);
}

/** Σ w·count over the classes (their total weight). */
export function classesWeight(classes: readonly WeightClass[]): number {
  let t = 0;
  for (const c of classes) t += c.weight * c.sketch.count;
  return t;
}

/** Σ w·rankErrorBound and Σ w·l1ErrorBound over the classes. */
export function classesErrorBounds(classes: readonly WeightClass[]): { rank: number; l1: number } {
  let rank = 0;
  let l1 = 0;
  for (const c of classes) {
    rank += c.weight * c.sketch.rankErrorBound;
    l1 += c.weight * c.sketch.l1ErrorBound;
  }
  return { rank, l1 };
}

/**
 * The weighted ECDF of the unit-weight sketch and the classes together: their items merged by
 * value, each item's weight times its class's weight (ties keep the order unit, then classes).
 */
export function weightedSortedWithClasses(
  unit: QuantileSketch,
  classes: readonly WeightClass[],
): WeightedSorted {
  const parts = [sketchWeightedSorted(unit)];
  const scales = [1];
  for (const c of classes) {
    parts.push(sketchWeightedSorted(c.sketch));
    scales.push(c.weight);
  }
  let n = 0;
  let total = 0;
  for (let k = 0; k < parts.length; k++) {
    n += parts[k]!.values.length;
    total += parts[k]!.total * scales[k]!;
  }
  const runs = parts.map((p) => p.values);
  const merged = mergeSortedRuns(runs, n, (k, j) => parts[k]!.weights[j]! * scales[k]!);
  return { ...merged, total };
}

/** Trims every class's sketch (see `sketchTrim`). */
export function trimWeightClasses(classes: readonly WeightClass[]): void {
  for (const c of classes) sketchTrim(c.sketch);
}

/** JSON form of one weight class. */
export interface WeightClassJson {
  weight: number;
  sketch: QuantileSketchJson;
}

/** Plain-object form of the classes. */
export function weightClassesToJSON(classes: readonly WeightClass[]): WeightClassJson[] {
  return classes.map((c) => ({ weight: c.weight, sketch: sketchToJSON(c.sketch) }));
}

/** Restores classes from {@link weightClassesToJSON}; `undefined` (old checkpoints) is none. */
export function weightClassesFromJSON(json: unknown, where: string): WeightClass[] {
  if (json === undefined) return [];
  if (!Array.isArray(json)) {
    throw new AccumulatorStateError(`${where}: field "weightClasses" must be an array`);
  }
  return json.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) {
      throw new AccumulatorStateError(`${where}: a weight class must be an object`);
    }
    const obj = item as Record<string, unknown>;
    const weight = numberField(obj, 'weight', `${where}.weightClasses`);
    if (!(weight > 0)) {
      throw new AccumulatorStateError(`${where}: a weight class needs a weight > 0`);
    }
    return { weight, sketch: sketchFromJSON(obj['sketch']) };
  });
}

/** Capacity check for restored classes (all sketches share the accumulator's capacity). */
export function checkClassCapacity(classes: readonly WeightClass[], capacity: number): void {
  for (const c of classes) {
    if (c.sketch.capacity !== capacity) {
      throw new AccumulatorStateError(
        `numeric_feature: weight class sketch capacity ${c.sketch.capacity} differs from ${capacity}`,
      );
    }
  }
}
