/**
 * The golden cases of test/golden/scripts/multilabel_ranking.py (sklearn and NumPy) and the
 * comparison of quality entries against them, shared by the accumulator tests and the
 * end-to-end test through `mlmon serve`.
 */
import { readFileSync } from 'node:fs';
import type { QualityResult } from '../../processor/src/evaluate/window-result.js';
import { toleranceMiss } from './tolerance.js';

export interface MultilabelCase {
  name: string;
  rows: { predicted: string[]; actual: string[]; p: number }[];
  labels: { label: string; tp: number; fp: number; fn: number; f1: number }[];
  micro_f1: number;
  macro_f1: number;
  micro_precision: number;
  micro_recall: number;
  subset_accuracy: number;
  hamming_loss: number;
  /** Kish's (Σw)²/Σw² of the pairs. */
  effective_count: number;
}
export interface RankingQuery {
  ranking: string[];
  relevant: string[];
  relevance?: number[];
  k: number;
  p: number;
}
export interface RankingCase {
  name: string;
  queries: RankingQuery[];
  scored: number;
  without_relevant: number;
  ndcg: number;
  precision_at_k: number;
  mrr: number;
  /** Kish's (Σw)²/Σw² of the queries with a relevant item. */
  effective_count: number;
}

/** The golden cases. */
export const GOLDEN = JSON.parse(
  readFileSync(new URL('./multilabel_ranking.json', import.meta.url), 'utf8'),
) as {
  multilabel: MultilabelCase[];
  ranking: RankingCase[];
};

/** The multilabel metrics the golden cases carry (`ml.quality.metric` values). */
export const MULTILABEL_METRICS = [
  'micro_f1',
  'macro_f1',
  'micro_precision',
  'micro_recall',
  'subset_accuracy',
  'hamming_loss',
] as const;

/** Every quality value that misses its golden value, with its name. */
export function qualityMisses(quality: readonly QualityResult[], expected: Record<string, number>) {
  return Object.entries(expected).flatMap(([metric, value]) => {
    const miss = toleranceMiss(quality.find((q) => q.metric === metric)?.value, value);
    return miss === null ? [] : [`${metric}: ${miss}`];
  });
}

/** The golden values of `keys`. */
export const pick = <K extends string>(c: Record<K, number>, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, c[k]])) as Record<string, number>;


/** The golden window means of a ranking case, by `ml.quality.metric`. */
export const rankingMeans = (c: RankingCase): Record<string, number> => ({
  ndcg: c.ndcg,
  precision_at_k: c.precision_at_k,
  mrr: c.mrr,
});

/** The query counts and k range a ranking case's window reports. */
export function rankingCounts(c: RankingCase) {
  const ks = c.queries.filter((q) => q.relevant.length > 0).map((q) => q.k);
  return {
    queries: c.scored,
    queriesWithoutRelevant: c.without_relevant,
    minK: Math.min(...ks),
    maxK: Math.max(...ks),
  };
}
