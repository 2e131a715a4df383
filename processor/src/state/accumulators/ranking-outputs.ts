import { absent, present, type Maybe } from '../../stats/index.js';
import { scoreRankedQuery } from '../../stats/ranking.js';
import { checkpointObject, numberField, type Accumulator } from './accumulator.js';
import { kishCount, weight2FromJSON } from './effective-count.js';

/** One ranking query with its ground truth. */
export interface RankingObservation {
  /** Item ids, best first. */
  readonly ranking: readonly string[];
  /** Relevant item ids. */
  readonly relevant: readonly string[];
  /** Graded relevance per item of `relevant` (≥ 0); absent: every listed item has relevance 1. */
  readonly relevance?: readonly number[] | undefined;
  /** The cut-off of NDCG@k and precision@k (a positive integer). */
  readonly k: number;
}

/** Streaming state of ranking queries with their ground truth. */
export interface RankingOutputsState {
  /** Queries with at least one relevant item (raw). */
  count: number;
  /** Σw of those queries. */
  weight: number;
  /** Σw² of those queries, for Kish's effective size. */
  weight2: number;
  ndcgSum: number;
  precisionSum: number;
  reciprocalRankSum: number;
  /** Queries whose ground truth has no relevant item (raw), kept out of the means. */
  withoutRelevant: number;
  /** Smallest and largest k used (0 before the first query). */
  minK: number;
  maxK: number;
}

/** Mean ranking statistics of a window. */
export interface RankingSnapshot {
  readonly count: number;
  readonly weight: number;
  /** Kish's effective size (Σw)²/Σw² of the queries with a relevant item (= count unweighted). */
  readonly effectiveCount: number;
  readonly withoutRelevant: number;
  readonly minK?: number;
  readonly maxK?: number;
  readonly ndcg: Maybe;
  readonly precisionAtK: Maybe;
  readonly mrr: Maybe;
}

/**
 * JSON checkpoint of a ranking outputs state. Version 2 added `weight2`; a version 1 checkpoint
 * is read as if its queries weighed alike (n_eff = count, the size every check counted before).
 */
export interface RankingOutputsJson extends RankingOutputsState {
  kind: 'ranking_outputs';
  version: 2;
}

/** The summed fields, `weight2` apart (version 1 checkpoints lack it). */
const FIELDS = [
  'count',
  'weight',
  'ndcgSum',
  'precisionSum',
  'reciprocalRankSum',
  'withoutRelevant',
  'minK',
  'maxK',
] as const;

/**
 * Accumulator of ranking queries, each weighed by its frequency weight (1/p of the prediction,
 * default 1): weighted means of the per-query NDCG@k, precision@k and reciprocal rank
 * (`stats/ranking.ts`), exact sums. A query whose ground truth names no relevant item has no
 * ideal DCG: it is counted in `withoutRelevant` and enters no mean (sklearn's `ndcg_score` would
 * score it 0, which would read as a bad ranking). Memory: 9 numbers.
 */
export function rankingOutputsAccumulator(): Accumulator<
  RankingOutputsState,
  RankingObservation,
  RankingSnapshot,
  RankingOutputsJson
> {
  const create = (): RankingOutputsState => ({
    count: 0,
    weight: 0,
    weight2: 0,
    ndcgSum: 0,
    precisionSum: 0,
    reciprocalRankSum: 0,
    withoutRelevant: 0,
    minK: 0,
    maxK: 0,
  });
  return {
    create,
    record(state, obs, w = 1) {
      if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`weight must be > 0, got ${w}`);
      if (!Number.isInteger(obs.k) || obs.k < 1) {
        throw new RangeError(`k must be a positive integer, got ${obs.k}`);
      }
      if (obs.relevance !== undefined && obs.relevance.length !== obs.relevant.length) {
        throw new RangeError(
          `relevance has ${obs.relevance.length} grades for ${obs.relevant.length} relevant items`,
        );
      }
      const gains = new Map<string, number>();
      obs.relevant.forEach((item, i) => {
        const g = obs.relevance === undefined ? 1 : obs.relevance[i]!;
        if (!(g >= 0) || !Number.isFinite(g)) {
          throw new RangeError(`relevance must be finite and ≥ 0, got ${g}`);
        }
        gains.set(item, Math.max(g, gains.get(item) ?? 0));
      });
      const s = scoreRankedQuery(obs.ranking, gains, obs.k);
      if (s === undefined) {
        state.withoutRelevant++;
        return;
      }
      state.count++;
      state.weight += w;
      state.weight2 += w * w;
      state.ndcgSum += w * s.ndcg;
      state.precisionSum += w * s.precisionAtK;
      state.reciprocalRankSum += w * s.reciprocalRank;
      state.minK = state.minK === 0 ? obs.k : Math.min(state.minK, obs.k);
      state.maxK = Math.max(state.maxK, obs.k);
    },
    merge(a, b) {
      const out = create();
      for (const f of FIELDS) out[f] = a[f] + b[f];
      out.weight2 = a.weight2 + b.weight2;
      const ks = [a.minK, b.minK].filter((k) => k > 0);
      out.minK = ks.length === 0 ? 0 : Math.min(...ks);
      out.maxK = Math.max(a.maxK, b.maxK);
      return out;
    },
    snapshot(state) {
      const none = absent('no ranking query with a relevant item recorded');
      const mean = (sum: number): Maybe => (state.count === 0 ? none : present(sum / state.weight));
      return {
        count: state.count,
        weight: state.weight,
        effectiveCount: kishCount(state.count, state.weight, state.weight2),
        withoutRelevant: state.withoutRelevant,
        ...(state.count > 0 ? { minK: state.minK, maxK: state.maxK } : {}),
        ndcg: mean(state.ndcgSum),
        precisionAtK: mean(state.precisionSum),
        mrr: mean(state.reciprocalRankSum),
      };
    },
    toJSON: (state) => ({ kind: 'ranking_outputs', version: 2, ...state }),
    fromJSON(json) {
      const where = 'ranking_outputs';
      const obj = checkpointObject(json, where, [1, 2]);
      const out = create();
      for (const f of FIELDS) out[f] = numberField(obj, f, where);
      out.weight2 = weight2FromJSON(obj, out.count, out.weight, where);
      return out;
    },
  };
}
