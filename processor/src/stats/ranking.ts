/**
 * Per-query ranking statistics (METRICS.md §"Ranking"): NDCG@k with linear gain and the
 * 1/log2(rank + 1) discount, precision@k and the reciprocal rank of the first relevant item.
 * Pure functions of one query; the window means are taken by the ranking accumulator.
 */

/** The statistics of one ranked query. */
export interface RankingQueryScores {
  /** DCG@k / IDCG@k; the ideal ordering takes every relevant item, ranked or not. */
  readonly ndcg: number;
  /** Relevant items among the first k positions, divided by k (not by the list length). */
  readonly precisionAtK: number;
  /** 1 / position of the first relevant item in the whole list; 0 when none is ranked. */
  readonly reciprocalRank: number;
}

/**
 * Scores one query: `ranking` lists item ids best first, `gains` maps each relevant item to its
 * relevance (> 0). A ranking shorter than k leaves its missing positions empty (gain 0) while
 * the ideal ordering still fills k positions, so a short list that misses relevant items is
 * penalised. An item listed twice gains only at its first position. Returns `undefined` when no
 * item is relevant (the query then has no ideal DCG and enters no mean).
 */
export function scoreRankedQuery(
  ranking: readonly string[],
  gains: ReadonlyMap<string, number>,
  k: number,
): RankingQueryScores | undefined {
  const ideal = [...gains.values()].filter((g) => g > 0).sort((a, b) => b - a);
  if (ideal.length === 0) return undefined;
  let idcg = 0;
  for (let i = 0; i < Math.min(k, ideal.length); i++) idcg += ideal[i]! / Math.log2(i + 2);
  let dcg = 0;
  let hits = 0;
  let reciprocalRank = 0;
  const seen = new Set<string>();
  for (let i = 0; i < ranking.length; i++) {
    const item = ranking[i]!;
    if (seen.has(item)) continue;
    seen.add(item);
    const gain = gains.get(item) ?? 0;
    if (gain <= 0) continue;
    if (reciprocalRank === 0) reciprocalRank = 1 / (i + 1);
    if (i < k) {
      dcg += gain / Math.log2(i + 2);
      hits++;
    }
  }
  return { ndcg: dcg / idcg, precisionAtK: hits / k, reciprocalRank };
}
