/**
 * Feature capture policy. Features may contain personal data, so capture is off by default;
 * when on, allow and deny lists decide which values are kept and the rest are replaced by
 * `"__REDACTED__"` (keeping the key tells the processor the feature exists without its value).
 */
import type { FeatureCaptureConfig, Features } from './types.js';

/** The value that replaces a redacted feature. */
export const REDACTED_VALUE = '__REDACTED__';

/** Environment variable that overrides `captureFeatures` (`true` or `false`). */
export const CAPTURE_FEATURES_ENV = 'OTEL_INSTRUMENTATION_ML_CAPTURE_FEATURES';

/** A resolved capture policy. */
export interface FeatureRedactor {
  /** Whether features are captured at all. */
  readonly enabled: boolean;
  /**
   * The features to put on an event, or `undefined` when capture is off. Without allow or deny
   * lists the given object itself is returned (no copy): callers pass objects they own (see
   * `toFeatures`), so the one copy made there is the only one on the hot path.
   */
  redact(features: Features | undefined): Features | undefined;
}

/**
 * Reads the environment override: `true`/`false` (case-insensitive, trimmed) or `undefined`
 * when unset or unrecognised.
 */
export function readCaptureFeaturesEnv(env: NodeJS.ProcessEnv = process.env): boolean | undefined {
  const raw = env[CAPTURE_FEATURES_ENV]?.trim().toLowerCase();
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return undefined;
}

/** Builds the capture policy; the environment variable, when set, wins over `config.captureFeatures`. */
export function createFeatureRedactor(
  config: FeatureCaptureConfig,
  env: NodeJS.ProcessEnv = process.env,
): FeatureRedactor {
  const enabled = readCaptureFeaturesEnv(env) ?? config.captureFeatures ?? false;
  const allow = config.featureAllowList ? new Set(config.featureAllowList) : undefined;
  const deny = new Set(config.featureDenyList ?? []);
  const filtering = allow !== undefined || deny.size > 0;
  return {
    enabled,
    redact(features) {
      if (!enabled || features === undefined) return undefined;
      if (!filtering) return features;
      const out: Features = {};
      for (const [name, value] of Object.entries(features)) {
        const kept = !deny.has(name) && (allow === undefined || allow.has(name));
        out[name] = kept ? value : REDACTED_VALUE;
      }
      return out;
    },
  };
}
