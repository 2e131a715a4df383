/**
 * Per-model drift settings of `mlmon serve` (config file `models[].drift`): the same method
 * rules and α that `mlmon drift` takes as `--method`/`--rule`/`--alpha`, so a decision reachable
 * from the CLI is reachable from the service.
 */
import type { DriftMethodRule } from './select-method.js';

/** How a model's features are judged. */
export interface DriftSettings {
  /** Ordered per-feature method rules, first match wins (`method` is a last catch-all rule). */
  readonly rules: readonly DriftMethodRule[];
  /** Per-feature false-alarm rate of the size-aware thresholds; the service's when absent. */
  readonly alpha?: number;
}

/** Drift settings for one model name, optionally one version of it. */
export interface ModelDriftSettings {
  /** `ml.model.name` to match. */
  readonly model: string;
  /** `ml.model.version` to match; every version when absent. */
  readonly version?: string;
  readonly drift: DriftSettings;
}

/**
 * The settings of a model version: an entry naming the version wins over one for the whole
 * model; undefined when none matches.
 */
export function driftSettingsFor(
  entries: readonly ModelDriftSettings[],
  model: string,
  version: string,
): DriftSettings | undefined {
  const named = entries.filter((e) => e.model === model);
  return (named.find((e) => e.version === version) ?? named.find((e) => e.version === undefined))
    ?.drift;
}
