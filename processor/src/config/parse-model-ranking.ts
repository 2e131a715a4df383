/**
 * Parses the `ranking` key of the serve config's `models` entries: `ranking: { k: 5 }`, the
 * cut-off of NDCG@k and precision@k for the model's predictions that state no `ml.ranking.k`.
 * Every problem names its path (`models[0].ranking.k`).
 */
import { forEachConfigMap } from './config-list.js';
import type { ModelRankingSettings } from '../state/ranking-settings.js';

const RANKING_KEYS = ['k'];

/** Parses the ranking settings of `raw` (the value of `models`); entries without one are skipped. */
export function parseModelRanking(
  raw: unknown,
  path = 'models',
): { models: ModelRankingSettings[]; problems: string[] } {
  const problems: string[] = [];
  const models: ModelRankingSettings[] = [];
  forEachConfigMap(
    raw,
    path,
    'models {model, version?, drift?, fairness?, ranking?}',
    problems,
    (entry, at) => {
      const r = entry['ranking'];
      if (r === undefined) return;
      const here = `${at}.ranking`;
      if (r === null || typeof r !== 'object' || Array.isArray(r)) {
        problems.push(`${here}: must be a map with ${RANKING_KEYS.join(', ')}`);
        return;
      }
      const m = r as Record<string, unknown>;
      for (const key of Object.keys(m)) {
        if (!RANKING_KEYS.includes(key))
          problems.push(`${here}.${key}: unknown key; valid keys are ${RANKING_KEYS.join(', ')}`);
      }
      const k = m['k'];
      if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
        problems.push(`${here}.k: must be a positive integer, got ${JSON.stringify(k)}`);
        return;
      }
      const model = entry['model'];
      const version = entry['version'];
      // parse-model-drift.ts reports a missing model name or a malformed version.
      if (typeof model !== 'string' || model === '') return;
      models.push({
        model,
        ...(typeof version === 'string' || typeof version === 'number'
          ? { version: String(version) }
          : {}),
        k,
      });
    },
  );
  return { models, problems };
}
