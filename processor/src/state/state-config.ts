/**
 * Options of the monitoring state. Option names carry their units; every cap bounds a map keyed
 * by incoming data (issue 7 makes them configurable from the serve configuration).
 */
import { DEFAULT_LATENCY_BOUNDS_SECONDS } from './service-sli.js';
import type { ReferenceProfile } from '../profile/reference-profile.js';
import type { FeatureKind } from './types.js';
import type { ModelFairnessSettings } from './fairness-settings.js';
import type { ModelRankingSettings } from './ranking-settings.js';

/** How a stream's reference is chosen (`--reference`). */
export type StateReferenceMode =
  'first-window' | 'previous-window' | 'seasonal' | 'rolling' | 'profile';

/** A training profile resolved for one model version, as `state/` needs it. */
export interface ResolvedProfile {
  /** `ml.reference.id` of the profile. */
  readonly id: string;
  /** The profile as `parseProfile` returned it, passed through to evaluate unchanged. */
  readonly profile: ReferenceProfile;
  /** Feature kinds the profile declares; they win over the first-seen value type. */
  readonly featureKinds: ReadonlyMap<string, FeatureKind>;
  /**
   * Reference bin edges of numeric features (the profile's decile edges): current windows are
   * binned by them, so binned statistics against the profile are exact.
   */
  readonly numericBinEdges?: ReadonlyMap<string, readonly number[]>;
}

/** Options of {@link createState}. */
export interface StateConfig {
  /** Tumbling window length. @default 300 */
  readonly windowSeconds: number;
  /** How long after its end a window still admits records. @default 60 */
  readonly allowedLatenessSeconds: number;
  /**
   * Reference mode. With `profile`, {@link resolveProfile} supplies the profile of each model
   * version; a model version without one falls back to `first-window`. @default 'first-window'
   */
  readonly reference: StateReferenceMode;
  /**
   * Under `seasonal`: windows per season — a window is compared with the window this many
   * windows before it, so every stream keeps that many closed windows. @default 168
   */
  readonly seasonWindows: number;
  /**
   * Under `rolling`: a window is compared with the union of the stream's last this many closed
   * windows (those with predictions), so every stream keeps that many. @default 6
   */
  readonly rollingWindows: number;
  /**
   * Keep example requests (trace and span ids with one feature value) per window, so drift
   * results can point at the traces behind them. @default true
   */
  readonly exemplars: boolean;
  /** The profile of a model version, if any (not serialized: it is configuration). */
  readonly resolveProfile?: (model: string, version: string) => ResolvedProfile | undefined;
  /** Records stamped further than this ahead of `now` are rejected. @default 600 */
  readonly maxFutureSkewSeconds: number;
  /** Time a prediction waits for its label. @default 604800 (7 days) */
  readonly pendingPredictionTtlSeconds: number;
  /** Time a label that arrived before its prediction waits for it. @default 86400 */
  readonly pendingLabelTtlSeconds: number;
  /**
   * Time after the end of a stream's last window with data before the stream is dropped with
   * its reference (and a model version once all its streams are): its series leave the output
   * and the checkpoint. `undefined`: the prediction TTL plus three windows — after the last
   * label that could still join a prediction of the stream has had its window.
   */
  readonly idleStreamTtlSeconds?: number;
  /** Model versions kept apart; more go to one global overflow stream. @default 200 */
  readonly maxModelVersions: number;
  /** Slice streams (over all model versions); more go to the model version's overflow stream. @default 2000 */
  readonly maxSliceStreams: number;
  /**
   * Distinct features per model version (`--max-features-per-stream`); values of further
   * features are counted, not kept. @default 256
   */
  readonly maxFeaturesPerStream: number;
  /**
   * Items per level of each numeric accumulator's quantile sketch: the sketch is exact below it
   * and holds at most 8 bytes × this per level above it. Sketches allocate lazily and grow with
   * what they hold (a window of 100 values costs ≈ 1.9 kB per numeric feature, not 16 kB), so
   * only windows of more than a few thousand values per feature approach the bound; lower it for
   * many slices with large windows (KS/Wasserstein estimates get looser, binned statistics stay
   * exact). @default 2048
   */
  readonly sketchCapacity: number;
  /** Distinct categories per categorical accumulator (passed to the accumulator). @default 1000 */
  readonly maxCategories: number;
  /** Predictions waiting for (or remembered after) their label; the oldest are evicted. @default 1000000 */
  readonly maxPendingPredictions: number;
  /** Labels waiting for their prediction; the oldest are evicted. @default 100000 */
  readonly maxPendingLabels: number;
  /** Remembered `ml.ground_truth.id`s for deduplication. @default 1000000 */
  readonly maxSeenLabelIds: number;
  /** Span-derived predictions held until window close. @default 100000 */
  readonly maxSpanCandidates: number;
  /** Cumulative `ml.inference.score` and `ml.inference.duration` series remembered for deltas. @default 10000 */
  readonly maxScoreSeries: number;
  /**
   * Extra upper bounds (seconds) of the span latency buckets, beside the
   * `ml.inference.duration` advice: latency SLO thresholds, so "share of calls at or below T"
   * is an exact count.
   */
  readonly latencyBoundsSeconds?: readonly number[];
  /** Per-model fairness settings (config `models[].fairness`); none when absent. */
  readonly fairness?: readonly ModelFairnessSettings[];
  /** Per-model ranking settings (config `models[].ranking`); k = 10 when absent. */
  readonly ranking?: readonly ModelRankingSettings[];
}

/** The span latency bucket bounds of `config`: the defaults and its extra bounds, sorted. */
export function latencyBoundsOf(config: StateConfig): readonly number[] {
  const extra = config.latencyBoundsSeconds ?? [];
  if (extra.length === 0) return DEFAULT_LATENCY_BOUNDS_SECONDS;
  return [...new Set([...DEFAULT_LATENCY_BOUNDS_SECONDS, ...extra])].sort((a, b) => a - b);
}

/**
 * Most windows per season: every stream keeps a season of closed windows (168 is a week of
 * hours; a week of 5-minute windows, 2016, would keep ~40 MB per 20-feature stream).
 */
export const MAX_SEASON_WINDOWS = 1000;

/**
 * Most windows of a rolling reference: every stream keeps them, and each close merges them
 * into the reference, so the cost of a close grows with the count.
 */
export const MAX_ROLLING_WINDOWS = 100;

/** The defaults under every option. */
export const DEFAULT_STATE_CONFIG: Readonly<Omit<StateConfig, 'resolveProfile'>> = Object.freeze({
  windowSeconds: 300,
  allowedLatenessSeconds: 60,
  reference: 'first-window',
  seasonWindows: 168,
  rollingWindows: 6,
  exemplars: true,
  maxFutureSkewSeconds: 600,
  pendingPredictionTtlSeconds: 7 * 86400,
  pendingLabelTtlSeconds: 86400,
  maxModelVersions: 200,
  maxSliceStreams: 2000,
  maxFeaturesPerStream: 256,
  sketchCapacity: 2048,
  maxCategories: 1000,
  maxPendingPredictions: 1_000_000,
  maxPendingLabels: 100_000,
  maxSeenLabelIds: 1_000_000,
  maxSpanCandidates: 100_000,
  maxScoreSeries: 10_000,
});

/** Fills the defaults in; throws when an option is out of range, naming it. */
export function resolveStateConfig(options: Partial<StateConfig> = {}): StateConfig {
  const config: StateConfig = { ...DEFAULT_STATE_CONFIG, ...options };
  const positive: (keyof StateConfig)[] = [
    'windowSeconds',
    'maxModelVersions',
    'maxSliceStreams',
    'maxFeaturesPerStream',
    'maxCategories',
    'maxPendingPredictions',
    'maxPendingLabels',
    'maxSeenLabelIds',
    'maxSpanCandidates',
    'maxScoreSeries',
  ];
  const problems: string[] = [];
  for (const key of positive) {
    const v = config[key];
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
      problems.push(`${key} must be a positive number, got ${String(v)}`);
    }
  }
  for (const key of [
    'allowedLatenessSeconds',
    'maxFutureSkewSeconds',
    'pendingPredictionTtlSeconds',
    'pendingLabelTtlSeconds',
  ] as const) {
    const v = config[key];
    if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) {
      problems.push(`${key} must be a number >= 0, got ${String(v)}`);
    }
  }
  const capacity = config.sketchCapacity;
  if (!Number.isInteger(capacity) || capacity < 8 || capacity % 2 !== 0) {
    problems.push(`sketchCapacity must be an even integer >= 8, got ${String(capacity)}`);
  }
  if (
    !['first-window', 'previous-window', 'seasonal', 'rolling', 'profile'].includes(
      config.reference,
    )
  ) {
    problems.push(
      `reference must be one of first-window, previous-window, seasonal, rolling, profile, got ${String(config.reference)}`,
    );
  }
  const season = config.seasonWindows;
  if (!Number.isInteger(season) || season < 2 || season > MAX_SEASON_WINDOWS) {
    problems.push(
      `seasonWindows must be an integer from 2 to ${MAX_SEASON_WINDOWS} (each stream keeps that many windows), got ${String(season)}`,
    );
  }
  const rolling = config.rollingWindows;
  if (!Number.isInteger(rolling) || rolling < 1 || rolling > MAX_ROLLING_WINDOWS) {
    problems.push(
      `rollingWindows must be an integer from 1 to ${MAX_ROLLING_WINDOWS} (each stream keeps that many windows), got ${String(rolling)}`,
    );
  }
  for (const b of config.latencyBoundsSeconds ?? []) {
    if (typeof b !== 'number' || !(b > 0) || !Number.isFinite(b)) {
      problems.push(`latencyBoundsSeconds must hold positive numbers, got ${String(b)}`);
    }
  }
  const idle = config.idleStreamTtlSeconds;
  if (idle !== undefined && (typeof idle !== 'number' || !(idle > 0) || !Number.isFinite(idle))) {
    problems.push(`idleStreamTtlSeconds must be a positive number, got ${String(idle)}`);
  }
  if (problems.length > 0) throw new RangeError(`invalid state options: ${problems.join('; ')}`);
  return config;
}

/** Windows past the prediction TTL after which an idle stream goes, by default. */
const IDLE_WINDOWS_PAST_PREDICTION_TTL = 3;

/** The idle TTL in milliseconds (the configured one, or the default derived from the TTLs). */
export function idleStreamTtlMs(config: StateConfig): number {
  const seconds =
    config.idleStreamTtlSeconds ??
    config.pendingPredictionTtlSeconds + IDLE_WINDOWS_PAST_PREDICTION_TTL * config.windowSeconds;
  return seconds * 1000;
}
