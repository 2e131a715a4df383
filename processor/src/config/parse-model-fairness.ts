/**
 * Parses the `fairness` key of the serve config's `models` entries:
 * `fairness: { attributes: [ml.slice.gender, age_band], reference_group?: female | {attr: group},
 * min_group_count?: 30, max_groups?: 20, alpha?: 0.01 }`. An attribute is a slice attribute
 * (`ml.slice.<key>`) or a feature name. Every problem names its path
 * (`models[1].fairness.min_group_count`).
 */
import { forEachConfigMap } from './config-list.js';
import {
  DEFAULT_FAIRNESS_ALPHA,
  DEFAULT_MAX_GROUPS,
  DEFAULT_MIN_GROUP_COUNT,
  MAX_MAX_GROUPS,
  type FairnessAttributeSetting,
  type ModelFairnessSettings,
} from '../state/fairness-settings.js';

const FAIRNESS_KEYS = ['attributes', 'reference_group', 'min_group_count', 'max_groups', 'alpha'];

/** Parses the fairness settings of `raw` (the value of `models`); entries without one are skipped. */
export function parseModelFairness(
  raw: unknown,
  path = 'models',
): { models: ModelFairnessSettings[]; problems: string[] } {
  const problems: string[] = [];
  const models: ModelFairnessSettings[] = [];
  forEachConfigMap(
    raw,
    path,
    'models {model, version?, drift?, fairness?}',
    problems,
    (entry, at) => {
      const f = entry['fairness'];
      if (f === undefined) return;
      const here = `${at}.fairness`;
      if (f === null || typeof f !== 'object' || Array.isArray(f)) {
        problems.push(`${here}: must be a map with ${FAIRNESS_KEYS.join(', ')}`);
        return;
      }
      const before = problems.length;
      const m = f as Record<string, unknown>;
      for (const key of Object.keys(m)) {
        if (!FAIRNESS_KEYS.includes(key))
          problems.push(`${here}.${key}: unknown key; valid keys are ${FAIRNESS_KEYS.join(', ')}`);
      }
      const names = m['attributes'];
      if (
        !Array.isArray(names) ||
        names.length === 0 ||
        !names.every((n) => typeof n === 'string' && n !== '')
      ) {
        problems.push(
          `${here}.attributes: must be a non-empty list of attribute names (ml.slice.<key> or a feature name)`,
        );
      } else if (new Set(names).size !== names.length) {
        problems.push(`${here}.attributes: lists an attribute twice`);
      }
      const reference = m['reference_group'];
      const list = Array.isArray(names) ? (names as string[]) : [];
      const referenceOf = (name: string): string | undefined => {
        if (typeof reference === 'string') return reference;
        if (reference !== null && typeof reference === 'object') {
          const v = (reference as Record<string, unknown>)[name];
          return typeof v === 'string' ? v : undefined;
        }
        return undefined;
      };
      if (reference !== undefined) {
        const isMap =
          reference !== null && typeof reference === 'object' && !Array.isArray(reference);
        if (typeof reference !== 'string' && !isMap) {
          problems.push(
            `${here}.reference_group: must be a group name or a map of attribute to group`,
          );
        } else if (isMap) {
          for (const [k, v] of Object.entries(reference)) {
            if (!list.includes(k))
              problems.push(`${here}.reference_group.${k}: not one of the attributes`);
            if (typeof v !== 'string')
              problems.push(`${here}.reference_group.${k}: must be a group name`);
          }
        }
      }
      const minGroupCount = m['min_group_count'] ?? DEFAULT_MIN_GROUP_COUNT;
      if (
        typeof minGroupCount !== 'number' ||
        !Number.isInteger(minGroupCount) ||
        minGroupCount < 1
      ) {
        problems.push(
          `${here}.min_group_count: must be an integer >= 1, got ${JSON.stringify(minGroupCount)}`,
        );
      }
      const maxGroups = m['max_groups'] ?? DEFAULT_MAX_GROUPS;
      if (
        typeof maxGroups !== 'number' ||
        !Number.isInteger(maxGroups) ||
        maxGroups < 2 ||
        maxGroups > MAX_MAX_GROUPS
      ) {
        problems.push(
          `${here}.max_groups: must be an integer from 2 to ${MAX_MAX_GROUPS}, got ${JSON.stringify(maxGroups)}`,
        );
      }
      const alpha = m['alpha'] ?? DEFAULT_FAIRNESS_ALPHA;
      if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
        problems.push(
          `${here}.alpha: must be a number between 0 and 1, got ${JSON.stringify(alpha)}`,
        );
      }
      const model = entry['model'];
      if (typeof model !== 'string' || model === '') return; // named by the drift parser
      if (problems.length > before) return;
      const attributes: FairnessAttributeSetting[] = list.map((name) => {
        const group = referenceOf(name);
        return group !== undefined ? { name, referenceGroup: group } : { name };
      });
      const version = entry['version'];
      models.push({
        model,
        ...(version !== undefined ? { version: String(version) } : {}),
        fairness: {
          attributes,
          minGroupCount: minGroupCount as number,
          maxGroups: maxGroups as number,
          alpha: alpha as number,
        },
      });
    },
  );
  return { models, problems };
}
