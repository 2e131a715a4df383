/**
 * The `gen_ai.evaluation.result` verdicts of one window, per evaluator (`gen_ai.evaluation.name`):
 * the score values in a numeric accumulator (moments, exact up to the sketch capacity, then a
 * quantile sketch) and the score labels in a categorical one. Every evaluation is kept: several
 * evaluators of one response each count under their own name. A verdict on a sampled response
 * weighs what its response weighs (1/`ml.sampling.probability`): its score and label are
 * frequency-weighted like the response's own features, and the evaluator drift reads Kish's
 * effective size; `count` stays the count of verdicts.
 */
import {
  AccumulatorStateError,
  checkpointObject,
  type Accumulator,
} from './accumulators/accumulator.js';
import {
  CATEGORICAL_KIND,
  NO_EDGES,
  NUMERIC_KIND,
  capsConfiguredKind,
  type AccumulatorCaps,
  type AccumulatorKind,
  type CategoricalAcc,
  type NumericAcc,
} from './accumulator-kinds.js';
import type { CategoricalSnapshot, NumericSnapshot } from './accumulator-types.js';

/**
 * Evaluator names kept apart per window; evaluations of further names are counted in
 * `overflow` (evaluator names come from code, so more than a few dozen means a name carries an
 * id: the cap keeps such a producer from growing the window without bound).
 */
export const MAX_EVALUATORS_PER_WINDOW = 32;

/** One evaluation as recorded. */
export interface EvaluationObservation {
  readonly name: string;
  readonly value: number | undefined;
  readonly label: string | undefined;
}

/** One evaluator's verdicts in a window. */
export interface EvaluatorAcc {
  /** Evaluations recorded (with a value, a label or both). */
  count: number;
  scores: NumericAcc | undefined;
  labels: CategoricalAcc | undefined;
}

/** The evaluations of a window. */
export interface EvaluationsAcc {
  byName: Map<string, EvaluatorAcc>;
  /** Evaluations of names beyond {@link MAX_EVALUATORS_PER_WINDOW}. */
  overflow: number;
}

/** One evaluator's verdicts at window close. */
export interface EvaluatorWindow {
  readonly name: string;
  readonly count: number;
  /** The score values, when any evaluation carried one. */
  readonly scores: NumericSnapshot | undefined;
  /** The score labels, when any evaluation carried one. */
  readonly labels: CategoricalSnapshot | undefined;
}

/** The evaluations of a window at close, evaluators sorted by name. */
export interface EvaluationsWindow {
  readonly evaluators: readonly EvaluatorWindow[];
  /** Evaluations not kept apart because the window had too many evaluator names. */
  readonly overflow: number;
}

interface EvaluationsJson {
  kind: 'evaluations';
  version: 1;
  byName: [string, { count: number; scores: unknown; labels: unknown }][];
  overflow: number;
}

/** The evaluations accumulator (its numeric and categorical parts configured by `caps`). */
export function evaluationsAccumulator(
  caps: AccumulatorCaps,
): Accumulator<EvaluationsAcc, EvaluationObservation, EvaluationsWindow, EvaluationsJson> {
  // No bin edges: evaluate bins the scores on the reference's edges from the sorted values.
  const numeric = NUMERIC_KIND.forSetting(NO_EDGES, caps);
  const categorical = CATEGORICAL_KIND.forSetting(undefined, caps);
  const copy = (e: EvaluatorAcc): EvaluatorAcc => ({
    count: e.count,
    scores: e.scores === undefined ? undefined : numeric.merge(numeric.create(), e.scores),
    labels: e.labels === undefined ? undefined : categorical.merge(categorical.create(), e.labels),
  });
  return {
    create: () => ({ byName: new Map(), overflow: 0 }),
    record(s, o, w = 1) {
      let e = s.byName.get(o.name);
      if (e === undefined) {
        if (s.byName.size >= MAX_EVALUATORS_PER_WINDOW) {
          s.overflow++;
          return;
        }
        e = { count: 0, scores: undefined, labels: undefined };
        s.byName.set(o.name, e);
      }
      e.count++;
      if (o.value !== undefined) numeric.record((e.scores ??= numeric.create()), o.value, w);
      if (o.label !== undefined)
        categorical.record((e.labels ??= categorical.create()), o.label, w);
    },
    merge(a, b) {
      const out: EvaluationsAcc = { byName: new Map(), overflow: a.overflow + b.overflow };
      for (const [name, e] of a.byName) out.byName.set(name, copy(e));
      for (const [name, e] of b.byName) {
        const t = out.byName.get(name);
        if (t === undefined) {
          if (out.byName.size >= MAX_EVALUATORS_PER_WINDOW) out.overflow += e.count;
          else out.byName.set(name, copy(e));
          continue;
        }
        t.count += e.count;
        if (e.scores !== undefined)
          t.scores = numeric.merge(t.scores ?? numeric.create(), e.scores);
        if (e.labels !== undefined)
          t.labels = categorical.merge(t.labels ?? categorical.create(), e.labels);
      }
      return out;
    },
    snapshot(s) {
      const names = [...s.byName.keys()].sort();
      return {
        evaluators: names.map((name) => {
          const e = s.byName.get(name)!;
          return {
            name,
            count: e.count,
            scores: e.scores === undefined ? undefined : numeric.snapshot(e.scores),
            labels: e.labels === undefined ? undefined : categorical.snapshot(e.labels),
          };
        }),
        overflow: s.overflow,
      };
    },
    toJSON: (s) => ({
      kind: 'evaluations',
      version: 1,
      byName: [...s.byName].map(([name, e]) => [
        name,
        {
          count: e.count,
          scores: e.scores === undefined ? null : numeric.toJSON(e.scores),
          labels: e.labels === undefined ? null : categorical.toJSON(e.labels),
        },
      ]),
      overflow: s.overflow,
    }),
    fromJSON(json) {
      const j = checkpointObject(json, 'evaluations', 1) as unknown as EvaluationsJson;
      if (!Array.isArray(j.byName) || typeof j.overflow !== 'number') {
        throw new AccumulatorStateError('evaluations: fields "byName" and "overflow" are required');
      }
      const byName = new Map<string, EvaluatorAcc>();
      for (const [name, e] of j.byName) {
        byName.set(name, {
          count: e.count,
          scores:
            e.scores === null ? undefined : NUMERIC_KIND.forJSON(e.scores, caps).fromJSON(e.scores),
          labels: e.labels === null ? undefined : categorical.fromJSON(e.labels),
        });
      }
      return { byName, overflow: j.overflow };
    },
  };
}

/** The window part: configured by the state's caps alone. */
export const EVALUATIONS_KIND: AccumulatorKind<
  EvaluationsAcc,
  EvaluationObservation,
  EvaluationsWindow,
  void
> = capsConfiguredKind(evaluationsAccumulator);
