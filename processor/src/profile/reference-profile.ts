/**
 * The reference profile: what `mlmon baseline` writes and the processor loads — per feature its
 * kind, reference-decile bin edges and proportions, a bounded sorted sample for KS/Wasserstein,
 * category frequencies, and the null ladders of the size-aware thresholds; the same for the
 * model's output score. Format documented in `docs/profile-format.md`; bump
 * {@link PROFILE_VERSION} on any incompatible change.
 */
import type { ReferenceFeature } from '../evaluate/drift/types.js';

/**
 * Value of the `format` field: a file-format identifier, not a telemetry name, so it is spelled
 * with hyphens (never in the dotted `ml.*`/`mlmon.*` telemetry namespaces).
 */
export const PROFILE_FORMAT = 'mlmon-reference-profile';

/** Current format version. */
export const PROFILE_VERSION = 1;

/** How the null ladders were derived (enough to reproduce them). */
export interface ProfileLadderSettings {
  readonly seed: number;
  readonly sizes: readonly number[];
  readonly levels: readonly number[];
  readonly replicates: number;
  readonly maxAtoms: number;
  readonly maxDraws: number;
}

/** A reference profile (version 1). */
export interface ReferenceProfile {
  readonly format: typeof PROFILE_FORMAT;
  readonly version: typeof PROFILE_VERSION;
  readonly model: { readonly name: string; readonly version: string };
  /** ISO 8601 time the profile was built. */
  readonly createdAt: string;
  /** The training file (base name) and its row count. */
  readonly source: { readonly file: string; readonly rows: number };
  readonly ladder: ProfileLadderSettings;
  /** Input features, in file column order. */
  readonly features: readonly ReferenceFeature[];
  /** Model outputs (the score distribution, when `--score-column` was given). */
  readonly outputs: readonly ReferenceFeature[];
  /**
   * Labeled scores for estimating quality before labels arrive (CBPE), when `--label-column`
   * was given. Optional: profiles without it stay valid and estimate nothing.
   */
  readonly labeled?: ProfileLabeledScores;
  /**
   * A multiclass model's labeled probabilities, when `--label-column` came with
   * `--probability-columns`: the reference of its streaming CBPE. Optional, like `labeled`.
   */
  readonly labeledClasses?: ProfileLabeledClasses;
}

/**
 * Training rows kept at most in a profile's labeled scores (evenly spaced over the file): ten
 * chunks of 10 000, so windows of up to 10 000 predictions get a band.
 */
export const PROFILE_MAX_LABELED_ROWS = 100_000;

/**
 * A binary model's scores with their 0/1 labels, in file order: CBPE calibrates on them and
 * takes the σ of its band over their consecutive chunks.
 */
export interface ProfileLabeledScores {
  /** Predicted positive when score ≥ threshold. */
  readonly threshold: number;
  /** Training rows the kept ones were taken from. */
  readonly rows: number;
  readonly scores: readonly number[];
  readonly labels: readonly number[];
}

/**
 * A multiclass model's probabilities with the true class of each row, in file order (at most
 * {@link PROFILE_MAX_LABELED_ROWS} evenly spaced rows): CBPE calibrates each class one-vs-rest on
 * them and takes the σ of its band over their consecutive chunks.
 */
export interface ProfileLabeledClasses {
  /** Training rows the kept ones were taken from. */
  readonly rows: number;
  /** Class names, in the order of `probabilities`; predictions name theirs in `ml.prediction.classes`. */
  readonly classes: readonly string[];
  /** One column of probabilities per class (`probabilities[k][i]`: row i's of class k). */
  readonly probabilities: readonly (readonly number[])[];
  /** The true class index of each row. */
  readonly labels: readonly number[];
}
