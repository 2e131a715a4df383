/**
 * What a model's `fairness` configuration says: which sensitive attributes to read, the
 * optional reference group of each, how small a group may be before it is left out, how many
 * distinct groups are kept apart, and the level of the significance decisions.
 */
import { ATTR_ML_SLICE_PREFIX } from '@mlmon/conventions';

/** One sensitive attribute. */
export interface FairnessAttributeSetting {
  /** `ml.slice.<key>` (read from the slice attributes) or a feature name (from `ml.features`). */
  readonly name: string;
  /** Group whose selection rate the others are divided by (`selectionRateRatioToReference`). */
  readonly referenceGroup?: string;
}

/** The fairness settings of one model. */
export interface FairnessSettings {
  readonly attributes: readonly FairnessAttributeSetting[];
  /** Fewest predictions of a group for its selection rate to count (METRICS.md). @default 30 */
  readonly minGroupCount: number;
  /** Distinct values kept per attribute and window; later ones pool into `_OTHER`. @default 20 */
  readonly maxGroups: number;
  /** Level of the `significant` decisions on the largest gaps. @default 0.01 */
  readonly alpha: number;
}

/** The settings of a model (and optionally one version of it). */
export interface ModelFairnessSettings {
  readonly model: string;
  /** Only this version; every version when absent. */
  readonly version?: string;
  readonly fairness: FairnessSettings;
}

/** METRICS.md's minimum group size. */
export const DEFAULT_MIN_GROUP_COUNT = 30;
/** Fewest actual positives (negatives) of a group for its TPR (FPR) to count (METRICS.md). */
export const MIN_CLASS_COUNT = 10;
/** Distinct groups kept apart per attribute by default. */
export const DEFAULT_MAX_GROUPS = 20;
/** Most groups a configuration may keep apart (each is a series per rate). */
export const MAX_MAX_GROUPS = 1000;
/** Default level of the gap decisions: ≤ 1 % of windows of equal groups flagged. */
export const DEFAULT_FAIRNESS_ALPHA = 0.01;
/** The group of the values beyond the cap. */
export const FAIRNESS_GROUP_OTHER = '_OTHER';
/** The group of predictions without the attribute. */
export const FAIRNESS_GROUP_UNKNOWN = '_UNKNOWN';

/** The settings for (`model`, `version`): a version's own entry wins over the model's. */
export function fairnessSettingsFor(
  all: readonly ModelFairnessSettings[] | undefined,
  model: string,
  version: string,
): FairnessSettings | undefined {
  if (all === undefined) return undefined;
  let any: FairnessSettings | undefined;
  for (const entry of all) {
    if (entry.model !== model) continue;
    if (entry.version === version) return entry.fairness;
    if (entry.version === undefined) any = entry.fairness;
  }
  return any;
}

/** The slice key of an attribute named `ml.slice.<key>`; `undefined` for a feature name. */
export function sliceKeyOfAttribute(name: string): string | undefined {
  return name.startsWith(ATTR_ML_SLICE_PREFIX)
    ? name.slice(ATTR_ML_SLICE_PREFIX.length)
    : undefined;
}
