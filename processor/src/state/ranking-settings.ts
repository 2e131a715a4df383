/**
 * What a model's `ranking` configuration says: the cut-off k of NDCG@k and precision@k for
 * predictions that do not state their own (`ml.ranking.k`).
 */

/** The cut-off when neither the prediction nor the configuration states one. */
export const DEFAULT_RANKING_K = 10;

/** The ranking settings of a model (and optionally one version of it). */
export interface ModelRankingSettings {
  readonly model: string;
  /** Only this version; every version when absent. */
  readonly version?: string;
  /** A positive integer. */
  readonly k: number;
}

/** The k for (`model`, `version`): a version's own entry wins over the model's, else 10. */
export function rankingKFor(
  all: readonly ModelRankingSettings[] | undefined,
  model: string,
  version: string,
): number {
  let any: number | undefined;
  for (const entry of all ?? []) {
    if (entry.model !== model) continue;
    if (entry.version === version) return entry.k;
    if (entry.version === undefined) any = entry.k;
  }
  return any ?? DEFAULT_RANKING_K;
}
