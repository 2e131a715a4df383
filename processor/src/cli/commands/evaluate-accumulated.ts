/**
 * The `mlmon evaluate` metrics that come from the processor's own accumulators: every task when
 * the rows are weighted (`--sampling-probability-column`: w = 1/p, as `ml.sampling.probability`
 * weighs a record), and multilabel and ranking always. Feeding the rows through the same
 * accumulators `mlmon serve` feeds makes the file and the stream give the same values by
 * construction: weighted sums, Kish's effective size (Σw)²/Σw² of the pairs, and — for binary
 * models — ROC AUC and equal-mass ECE from the processor's 1000 fine score bins (exact when no
 * two distinct scores share a bin of width 0.001).
 */
import { valueOrNull, type Maybe } from '../../stats/maybe.js';
import type { ReliabilityBin } from '../../stats/calibration.js';
import {
  binaryOutputsAccumulator,
  multiclassOutputsAccumulator,
  multilabelOutputsAccumulator,
  rankingOutputsAccumulator,
  regressionOutputsAccumulator,
  type Accumulator,
  type BoundedEstimate,
  type MultilabelObservation,
  type RankingObservation,
} from '../../state/accumulators/index.js';
import { CliError } from '../cli-error.js';

/** Metrics of one task, with what stands behind them. */
export interface AccumulatedMetrics {
  readonly metrics: Record<string, number | null>;
  readonly reliabilityBins?: readonly ReliabilityBin[];
  /** Σw of the scored rows. */
  readonly weight: number;
  /** Kish's (Σw)²/Σw² of the scored rows (their count when unweighted). */
  readonly effectiveCount: number;
}

/** The per-label table of a multilabel file (weighted counts). */
export interface MultilabelLabelRow {
  readonly label: string;
  readonly true_positives: number;
  readonly false_positives: number;
  readonly false_negatives: number;
  readonly support: number;
  readonly f1: number;
}

/** Records `inputs` (weight `weights[i]`, 1 without weights) and returns the snapshot. */
function accumulate<S, I, R>(
  acc: Accumulator<S, I, R, unknown>,
  inputs: readonly I[],
  weights: Float64Array | undefined,
): R {
  const state = acc.create();
  inputs.forEach((input, i) => acc.record(state, input, weights?.[i] ?? 1));
  return acc.snapshot(state);
}

const v = (m: Maybe): number | null => valueOrNull(m);
/** A bounded estimate's value (its bound says how far the fine bins may be from exact). */
const estimate = (m: Maybe<BoundedEstimate>): number | null => (m.ok ? m.value.value : null);

/** Binary metrics of weighted rows, as the processor's binary outputs accumulator gives them. */
export function accumulatedBinary(
  scores: Float64Array,
  labels: Float64Array,
  weights: Float64Array | undefined,
  threshold: number,
): AccumulatedMetrics {
  const inputs = Array.from(scores, (score, i) => ({ score, label: labels[i]! }));
  const s = accumulate(binaryOutputsAccumulator({ threshold }), inputs, weights);
  return {
    metrics: {
      brier_score: v(s.brierScore),
      log_loss: v(s.logLoss),
      ece: v(s.ece),
      mce: v(s.mce),
      ece_quantile: estimate(s.eceQuantile),
      roc_auc: estimate(s.rocAuc),
      accuracy: v(s.accuracy),
      precision: v(s.precision),
      recall: v(s.recall),
      f1: v(s.f1),
    },
    reliabilityBins: s.reliabilityBins,
    weight: s.count,
    effectiveCount: s.effectiveCount,
  };
}

/** Multiclass metrics of weighted rows (the accumulator's sums are exact). */
export function accumulatedMulticlass(
  probabilities: readonly Float64Array[],
  labels: Int32Array,
  weights: Float64Array | undefined,
  file: string,
): AccumulatedMetrics {
  const classes = probabilities[0]?.length ?? 0;
  const inputs = probabilities.map((p, i) => ({ probabilities: p, label: labels[i]! }));
  const s = accumulate(multiclassOutputsAccumulator(classes), inputs, weights);
  if (!s.ok) throw new CliError(`${file}: ${s.reason}`);
  const m = s.value;
  let weight = 0;
  for (const c of m.classCounts) weight += c;
  return {
    metrics: {
      accuracy: m.accuracy,
      macro_f1: m.macroF1,
      brier_score: m.brierScore,
      log_loss: m.logLoss,
      ece_top_label: m.eceTopLabel,
      mce_top_label: m.mceTopLabel,
    },
    reliabilityBins: m.reliabilityBins,
    weight,
    effectiveCount: m.effectiveCount,
  };
}

/** Regression metrics of weighted rows (exact weighted sums). */
export function accumulatedRegression(
  actual: Float64Array,
  predicted: Float64Array,
  weights: Float64Array | undefined,
): AccumulatedMetrics {
  const inputs = Array.from(actual, (a, i) => ({ actual: a, predicted: predicted[i]! }));
  const s = accumulate(regressionOutputsAccumulator(), inputs, weights);
  let weight = 0;
  for (let i = 0; i < actual.length; i++) weight += weights?.[i] ?? 1;
  return {
    metrics: { mae: v(s.mae), rmse: v(s.rmse), mape: v(s.mape), r2: v(s.r2) },
    weight,
    effectiveCount: s.effectiveCount,
  };
}

/**
 * Multilabel metrics (sklearn's `average='micro'|'macro'`, `zero_division=0`, over the labels
 * seen in the truth or the predictions) and the per-label table. No label cap: a file is read
 * whole, so macro F1 and Hamming loss are never pooled away.
 */
export function accumulatedMultilabel(
  rows: readonly MultilabelObservation[],
  weights: Float64Array | undefined,
): AccumulatedMetrics & { readonly labels: MultilabelLabelRow[] } {
  const acc = multilabelOutputsAccumulator({ maxLabels: Number.MAX_SAFE_INTEGER });
  const s = accumulate(acc, rows, weights);
  return {
    metrics: {
      micro_f1: v(s.microF1),
      macro_f1: v(s.macroF1),
      micro_precision: v(s.microPrecision),
      micro_recall: v(s.microRecall),
      subset_accuracy: v(s.subsetAccuracy),
      hamming_loss: v(s.hammingLoss),
    },
    weight: s.weight,
    effectiveCount: s.effectiveCount,
    labels: s.labels.map((r) => ({
      label: r.label,
      true_positives: r.tp,
      false_positives: r.fp,
      false_negatives: r.fn,
      support: r.support,
      f1: r.f1,
    })),
  };
}

/** The queries behind a ranking file's means. */
export interface RankingQueries {
  /** Queries with at least one relevant item (scored). */
  readonly queries: number;
  /** Queries whose ground truth names no relevant item: no ideal ranking, in no mean. */
  readonly queries_without_relevant: number;
  readonly min_k?: number;
  readonly max_k?: number;
}

/** Ranking means (NDCG@k, precision@k, MRR) weighted by 1/p, as the processor's accumulator. */
export function accumulatedRanking(
  rows: readonly RankingObservation[],
  weights: Float64Array | undefined,
): AccumulatedMetrics & { readonly ranking: RankingQueries } {
  const s = accumulate(rankingOutputsAccumulator(), rows, weights);
  return {
    metrics: { ndcg: v(s.ndcg), precision_at_k: v(s.precisionAtK), mrr: v(s.mrr) },
    weight: s.weight,
    effectiveCount: s.effectiveCount,
    ranking: {
      queries: s.count,
      queries_without_relevant: s.withoutRelevant,
      ...(s.minK !== undefined ? { min_k: s.minK, max_k: s.maxK } : {}),
    },
  };
}
