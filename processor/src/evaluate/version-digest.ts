/**
 * What a version comparison needs of a closed window beyond its {@link WindowResult}: the score
 * and predicted values and the predicted-label counts (the baseline's become the drift reference
 * of the other versions), the labeled pairs' correct-decision counts (the exact accuracy test)
 * and, for regression, the moments of their absolute errors (the test of a rise in MAE). Taken
 * while the pass holds the window, kept until the pass's last window is evaluated.
 */
import { labeledFamilyOf } from '../state/model-task.js';
import type { MeanMoments } from '../stats/mean-rise-test.js';
import type { ShadowSnapshot } from '../state/shadow-acc.js';
import type { ClosedWindow } from '../state/types.js';
import type { CategoryCounts, NumericValues } from './labeled-summaries.js';
import {
  readBinary,
  readCategorical,
  readMulticlass,
  readNumeric,
  readRegression,
} from './snapshot-readers.js';

/** Labeled predictions and the correct decisions among them. */
export interface CorrectCounts {
  readonly trials: number;
  readonly correct: number;
}

/** The comparison inputs of one closed window of one stream. */
export interface VersionWindowDigest {
  /** Stream key (as `WindowResult.stream.key`). */
  readonly streamKey: string;
  readonly score?: NumericValues;
  /** The predicted values of a regression model. */
  readonly value?: NumericValues;
  readonly label?: CategoryCounts;
  readonly labeled?: CorrectCounts;
  /**
   * Moments of the labeled regression pairs' absolute errors, at Kish's effective size of the
   * pairs (regression models).
   */
  readonly absoluteErrors?: MeanMoments;
  /** Shadow pairs with other versions (same prediction id), by the other version. */
  readonly shadow?: ShadowSnapshot;
}

/**
 * The digest of `closed`, or `undefined` for streams that take no part in comparisons
 * (overflow streams, and predictions without `ml.model.version`).
 */
export function versionDigestOf(closed: ClosedWindow): VersionWindowDigest | undefined {
  if (closed.stream.overflow || closed.stream.version === '') return undefined;
  const score =
    closed.outputs.score !== undefined ? readNumeric(closed.outputs.score, true) : undefined;
  const value =
    closed.outputs.value !== undefined ? readNumeric(closed.outputs.value, true) : undefined;
  const label =
    closed.outputs.label !== undefined ? readCategorical(closed.outputs.label) : undefined;
  const labeled = correctCounts(closed);
  const absoluteErrors = absoluteErrorsOf(closed);
  return {
    streamKey: closed.stream.key,
    ...(score !== undefined ? { score } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(label !== undefined ? { label } : {}),
    ...(labeled !== undefined ? { labeled } : {}),
    ...(absoluteErrors !== undefined ? { absoluteErrors } : {}),
    ...(closed.outputs.shadow !== undefined ? { shadow: closed.outputs.shadow } : {}),
  };
}

/**
 * Correct decisions of the window's labeled pairs: binary at the prediction threshold, multiclass
 * by the top label, as the window's accuracy counts them. Pairs weighted by
 * 1/`ml.sampling.probability` count as Kish's effective size (Σw)²/Σw², rounded to whole pairs,
 * with the weighted accuracy's share of them correct: the exact test then judges as many pairs
 * as the weighted accuracy is worth, not Σw (which would make a sampled stream's test bolder the
 * lower its sampling probability). Unweighted, the trials are the pairs and the rounding is exact.
 */
function correctCounts(closed: ClosedWindow): CorrectCounts | undefined {
  const { binary, multiclass } = closed.labeled;
  const task = closed.stream.task;
  const family = task === undefined ? undefined : labeledFamilyOf(task);
  if (binary !== undefined && (family === undefined || family === 'binary')) {
    const read = readBinary(binary);
    if (read !== undefined && read.count > 0 && read.accuracy.ok) {
      return trialsOf(read.effectiveCount, read.accuracy.value);
    }
  }
  if (multiclass !== undefined && (family === undefined || family === 'multiclass')) {
    const read = readMulticlass(multiclass);
    if (read !== undefined && read.ok)
      return trialsOf(read.value.effectiveCount, read.value.accuracy);
  }
  return undefined;
}

function trialsOf(effectiveCount: number, accuracy: number): CorrectCounts | undefined {
  const trials = Math.round(effectiveCount);
  return trials > 0 ? { trials, correct: Math.round(accuracy * trials) } : undefined;
}

/** The absolute errors' moments of a regression model's labeled pairs, when it has any. */
function absoluteErrorsOf(closed: ClosedWindow): MeanMoments | undefined {
  const task = closed.stream.task;
  if (task !== undefined && labeledFamilyOf(task) !== 'regression') return undefined;
  const read =
    closed.labeled.regression !== undefined ? readRegression(closed.labeled.regression) : undefined;
  return read !== undefined && read.effectiveCount > 0 ? read.absoluteErrors : undefined;
}
