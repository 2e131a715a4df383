/**
 * Quality of the set-valued tasks from their accumulator snapshots: multilabel classification
 * (micro/macro F1, micro precision and recall, subset accuracy, Hamming loss, and the per-label
 * table) and ranking (mean NDCG@k, precision@k, MRR, and the query counts). METRICS.md
 * §"Multilabel classification" and §"Ranking" define them.
 */
import {
  ML_QUALITY_METRIC_VALUE_HAMMING_LOSS,
  ML_QUALITY_METRIC_VALUE_MACRO_F1,
  ML_QUALITY_METRIC_VALUE_MICRO_F1,
  ML_QUALITY_METRIC_VALUE_MICRO_PRECISION,
  ML_QUALITY_METRIC_VALUE_MICRO_RECALL,
  ML_QUALITY_METRIC_VALUE_MRR,
  ML_QUALITY_METRIC_VALUE_NDCG,
  ML_QUALITY_METRIC_VALUE_PRECISION_AT_K,
  ML_QUALITY_METRIC_VALUE_SUBSET_ACCURACY,
} from '@mlmon/conventions';
import type { MultilabelSnapshot, RankingSnapshot } from '../state/accumulators/index.js';
import type { Maybe } from '../stats/index.js';
import type { MultilabelResult, QualityResult, RankingResult } from './window-result.js';

/** The quality entries and the task's own table. */
export interface SetQuality<T> {
  readonly quality: QualityResult[];
  readonly table: T;
}

function score(metric: string, m: Maybe): QualityResult {
  return m.ok
    ? { metric, instrument: 'score', value: m.value }
    : { metric, instrument: 'score', reason: m.reason };
}

/** Multilabel quality of a window; `undefined` without a labeled pair. */
export function multilabelQuality(s: MultilabelSnapshot): SetQuality<MultilabelResult> | undefined {
  if (s.count === 0) return undefined;
  return {
    quality: [
      score(ML_QUALITY_METRIC_VALUE_MICRO_F1, s.microF1),
      score(ML_QUALITY_METRIC_VALUE_MACRO_F1, s.macroF1),
      score(ML_QUALITY_METRIC_VALUE_MICRO_PRECISION, s.microPrecision),
      score(ML_QUALITY_METRIC_VALUE_MICRO_RECALL, s.microRecall),
      score(ML_QUALITY_METRIC_VALUE_SUBSET_ACCURACY, s.subsetAccuracy),
      score(ML_QUALITY_METRIC_VALUE_HAMMING_LOSS, s.hammingLoss),
    ],
    table: {
      pairs: s.count,
      labels: s.labels.map((r) => ({
        label: r.label,
        truePositives: r.tp,
        falsePositives: r.fp,
        falseNegatives: r.fn,
        support: r.support,
        f1: r.f1,
      })),
      ...(s.overflow !== undefined
        ? {
            overflow: {
              labels: s.overflow.labels,
              truePositives: s.overflow.tp,
              falsePositives: s.overflow.fp,
              falseNegatives: s.overflow.fn,
            },
          }
        : {}),
    },
  };
}

/** Ranking quality of a window; `undefined` without a query. */
export function rankingQuality(s: RankingSnapshot): SetQuality<RankingResult> | undefined {
  if (s.count === 0 && s.withoutRelevant === 0) return undefined;
  return {
    quality: [
      score(ML_QUALITY_METRIC_VALUE_NDCG, s.ndcg),
      score(ML_QUALITY_METRIC_VALUE_PRECISION_AT_K, s.precisionAtK),
      score(ML_QUALITY_METRIC_VALUE_MRR, s.mrr),
    ],
    table: {
      queries: s.count,
      queriesWithoutRelevant: s.withoutRelevant,
      ...(s.minK !== undefined ? { minK: s.minK } : {}),
      ...(s.maxK !== undefined ? { maxK: s.maxK } : {}),
    },
  };
}
