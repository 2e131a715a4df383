/**
 * The labeled errors of a window per attribute bin: for each (attribute, bin) the weighted count
 * of labeled pairs and the sums of their errors, squared errors and cubed errors — an error being 1 for a
 * misclassified pair (0 otherwise) or the absolute error of a regression pair. Cells are keyed by
 * attribute name and bin label, so a window's part reads without the model version's schema and
 * merges across slice streams.
 */
import {
  AccumulatorStateError,
  checkpointObject,
  type Accumulator,
} from './accumulators/accumulator.js';
import type { AccumulatorKind } from './accumulator-kinds.js';

/** One (attribute, bin) cell. */
export interface QualityBinCell {
  /** Σw of the labeled pairs. */
  n: number;
  /** Σw·error. */
  err: number;
  /** Σw·error². */
  err2: number;
  /** Σw·error³ (the skewness of absolute errors corrects their test). */
  err3: number;
  /** Σw² of the labeled pairs (= n when unweighted): the cell's Kish size is n²/w2. */
  w2: number;
  /** Σw²·error (= err when unweighted): the Kish size of the misclassified pairs is err²/errW2. */
  errW2: number;
}

/** Mutable part: cells by attribute, then by bin label. */
export interface QualityBinsAcc {
  /** `error` measure: `misclassified` (0/1) or `absolute_error`. */
  measure: QualityErrorMeasure;
  cells: Map<string, Map<string, QualityBinCell>>;
}

/** What an error is. */
export type QualityErrorMeasure = 'misclassified' | 'absolute_error';

/** One labeled pair's error in the bins of its attributes. */
export interface QualityBinsObservation {
  /** `[attribute, bin label]` of each binned attribute of the prediction. */
  readonly bins: readonly (readonly [string, string])[];
  readonly error: number;
  readonly weight: number;
}

/** Snapshot: the cells (copies). */
export interface QualityBinsSnapshot {
  readonly measure: QualityErrorMeasure;
  readonly cells: ReadonlyMap<string, ReadonlyMap<string, Readonly<QualityBinCell>>>;
}

interface QualityBinsJson {
  kind: 'quality_bins';
  version: 1;
  measure: QualityErrorMeasure;
  /** attribute, bin, n, err, err2, err3, then w2 and errW2 only when some pair weighed not 1. */
  cells: (
    | [string, string, number, number, number, number]
    | [string, string, number, number, number, number, number, number]
  )[];
}

function addCell(
  into: Map<string, Map<string, QualityBinCell>>,
  a: string,
  b: string,
  c: QualityBinCell,
): void {
  let bins = into.get(a);
  if (bins === undefined) into.set(a, (bins = new Map()));
  const cell = bins.get(b);
  if (cell === undefined) bins.set(b, { ...c });
  else {
    cell.n += c.n;
    cell.err += c.err;
    cell.err2 += c.err2;
    cell.err3 += c.err3;
    cell.w2 += c.w2;
    cell.errW2 += c.errW2;
  }
}

/** Accumulator of the part; `measure` of a new state: set by its first pair's model task. */
export function qualityBinsAccumulator(
  measure: QualityErrorMeasure,
): Accumulator<QualityBinsAcc, QualityBinsObservation, QualityBinsSnapshot, QualityBinsJson> {
  return {
    create: () => ({ measure, cells: new Map() }),
    record(s, o) {
      const e2 = o.error * o.error;
      const w = o.weight;
      const cell = {
        n: w,
        err: w * o.error,
        err2: w * e2,
        err3: w * e2 * o.error,
        w2: w * w,
        errW2: w * w * o.error,
      };
      for (const [a, b] of o.bins) addCell(s.cells, a, b, cell);
    },
    merge(a, b) {
      const out: QualityBinsAcc = { measure: a.measure, cells: new Map() };
      for (const s of [a, b])
        for (const [attr, bins] of s.cells)
          for (const [bin, c] of bins) addCell(out.cells, attr, bin, c);
      return out;
    },
    snapshot(s) {
      const cells = new Map<string, Map<string, QualityBinCell>>();
      for (const [attr, bins] of s.cells) for (const [bin, c] of bins) addCell(cells, attr, bin, c);
      return { measure: s.measure, cells };
    },
    toJSON(s) {
      const cells: QualityBinsJson['cells'] = [];
      for (const [attr, bins] of s.cells)
        for (const [bin, c] of bins)
          cells.push(
            c.w2 === c.n && c.errW2 === c.err
              ? [attr, bin, c.n, c.err, c.err2, c.err3]
              : [attr, bin, c.n, c.err, c.err2, c.err3, c.w2, c.errW2],
          );
      return { kind: 'quality_bins', version: 1, measure: s.measure, cells };
    },
    fromJSON(json) {
      const j = checkpointObject(json, 'quality_bins', 1) as unknown as QualityBinsJson;
      if (
        !Array.isArray(j.cells) ||
        (j.measure !== 'misclassified' && j.measure !== 'absolute_error')
      )
        throw new AccumulatorStateError('quality_bins: fields "measure", "cells" are required');
      const s: QualityBinsAcc = { measure: j.measure, cells: new Map() };
      // Cells without Σw² (unweighted, or written before it was kept) read as unit weights.
      for (const [attr, bin, n, err, err2, err3, w2 = n, errW2 = err] of j.cells)
        addCell(s.cells, attr, bin, { n, err, err2, err3, w2, errW2 });
      return s;
    },
  };
}

const BY_MEASURE = {
  misclassified: qualityBinsAccumulator('misclassified'),
  absolute_error: qualityBinsAccumulator('absolute_error'),
};

/** The window part's kind: configured by the error measure. */
export const QUALITY_BINS_KIND: AccumulatorKind<
  QualityBinsAcc,
  QualityBinsObservation,
  QualityBinsSnapshot,
  QualityErrorMeasure
> = {
  forSetting: (measure) => BY_MEASURE[measure],
  forState: (s) => BY_MEASURE[s.measure],
  forJSON: (json) =>
    BY_MEASURE[
      (json as { measure?: QualityErrorMeasure }).measure === 'absolute_error'
        ? 'absolute_error'
        : 'misclassified'
    ],
};
