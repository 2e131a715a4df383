/**
 * Per-model version-comparison settings of `mlmon serve` (config file `models[].versions`): the
 * baseline version, the verdict's level and the fewest samples a test needs.
 */
import {
  DEFAULT_VERSION_ALPHA,
  DEFAULT_VERSION_MIN_SAMPLES,
  type VersionComparisonSettings,
} from './version-comparison.js';
import type { FeatureDriftOptions } from './feature-drift.js';
import type { BuildReferenceOptions } from './drift/build-reference.js';

/** The `versions` settings of one model (every version of it). */
export interface ModelVersionSettings {
  /** `ml.model.name`. */
  readonly model: string;
  /** The baseline version; the one with most traffic over the last day when absent. */
  readonly baseline?: string;
  /** Level of the verdict. @default DEFAULT_VERSION_ALPHA */
  readonly alpha?: number;
  /** Fewest samples per side for a test. @default DEFAULT_VERSION_MIN_SAMPLES */
  readonly minSamples?: number;
}

/** The comparison settings of `model` from its entry (or the defaults) and its drift options. */
export function versionSettingsFor(
  entries: readonly ModelVersionSettings[],
  model: string,
  drift: FeatureDriftOptions,
  reference: BuildReferenceOptions | undefined,
): VersionComparisonSettings {
  const entry = entries.find((e) => e.model === model);
  return {
    alpha: entry?.alpha ?? DEFAULT_VERSION_ALPHA,
    minSamples: entry?.minSamples ?? DEFAULT_VERSION_MIN_SAMPLES,
    drift,
    ...(reference !== undefined ? { reference } : {}),
  };
}
