/**
 * Parses the `versions` key of the serve config's `models` entries:
 * `versions: { baseline?: '7', alpha?: 0.01, min_samples?: 30 }`. The settings hold for every
 * version of the model, so the entry must not name a `version`. Every problem names its path
 * (`models[1].versions.alpha`).
 */
import { forEachConfigMap } from './config-list.js';
import type { ModelVersionSettings } from '../evaluate/version-settings.js';

const VERSIONS_KEYS = ['baseline', 'alpha', 'min_samples'];

/** Parses the version settings of `raw` (the value of `models`); entries without one are skipped. */
export function parseModelVersions(
  raw: unknown,
  path = 'models',
): { models: ModelVersionSettings[]; problems: string[] } {
  const problems: string[] = [];
  const models: ModelVersionSettings[] = [];
  const seen = new Set<string>();
  forEachConfigMap(
    raw,
    path,
    'models {model, version?, drift?, fairness?, versions?}',
    problems,
    (entry, at) => {
      const v = entry['versions'];
      if (v === undefined) return;
      const here = `${at}.versions`;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        problems.push(`${here}: must be a map with ${VERSIONS_KEYS.join(', ')}`);
        return;
      }
      const before = problems.length;
      const m = v as Record<string, unknown>;
      for (const key of Object.keys(m)) {
        if (!VERSIONS_KEYS.includes(key))
          problems.push(`${here}.${key}: unknown key; valid keys are ${VERSIONS_KEYS.join(', ')}`);
      }
      if (entry['version'] !== undefined) {
        problems.push(
          `${here}: compares all versions of the model, so its entry must not name a version (move it to an entry with model only)`,
        );
      }
      const baseline = m['baseline'];
      if (
        baseline !== undefined &&
        !(typeof baseline === 'string' && baseline !== '') &&
        typeof baseline !== 'number'
      ) {
        problems.push(`${here}.baseline: must be a model version, got ${JSON.stringify(baseline)}`);
      }
      const alpha = m['alpha'];
      if (alpha !== undefined && !(typeof alpha === 'number' && alpha > 0 && alpha < 1)) {
        problems.push(
          `${here}.alpha: must be a number between 0 and 1, got ${JSON.stringify(alpha)}`,
        );
      }
      const minSamples = m['min_samples'];
      if (
        minSamples !== undefined &&
        !(typeof minSamples === 'number' && Number.isInteger(minSamples) && minSamples >= 1)
      ) {
        problems.push(
          `${here}.min_samples: must be an integer >= 1, got ${JSON.stringify(minSamples)}`,
        );
      }
      const model = entry['model'];
      if (typeof model !== 'string' || model === '') return; // named by the drift parser
      if (seen.has(model)) problems.push(`${here}: a second versions entry for model '${model}'`);
      seen.add(model);
      if (problems.length > before) return;
      models.push({
        model,
        ...(baseline !== undefined ? { baseline: String(baseline) } : {}),
        ...(alpha !== undefined ? { alpha: alpha as number } : {}),
        ...(minSamples !== undefined ? { minSamples: minSamples as number } : {}),
      });
    },
  );
  return { models, problems };
}
