/**
 * The status API's parts of a slice detail for the set-valued tasks: a multilabel model's
 * per-label table (its latest window with labeled pairs) and a ranking model's query counts per
 * window. Their quality values (micro/macro F1, NDCG@k, …) are in the detail's `quality`.
 */
import type { MultilabelResult, RankingResult, WindowResult } from '../evaluate/window-result.js';

/** `SliceDetail.multilabel` and `SliceDetail.ranking`, each absent when no window had one. */
export interface StatusSetTasks {
  /** The per-label table of the latest window with multilabel pairs. */
  readonly multilabel?: MultilabelResult;
  /** Aligned with the detail's windows; null for a window without ranking queries. */
  readonly ranking?: readonly (RankingResult | null)[];
}

/** The set-task parts of `windows` (oldest first). */
export function renderSetTasks(windows: readonly WindowResult[]): StatusSetTasks {
  const multilabel = windows.findLast((w) => w.multilabel !== undefined)?.multilabel;
  const anyRanking = windows.some((w) => w.ranking !== undefined);
  return {
    ...(multilabel !== undefined ? { multilabel } : {}),
    ...(anyRanking ? { ranking: windows.map((w) => w.ranking ?? null) } : {}),
  };
}
