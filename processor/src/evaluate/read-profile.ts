/**
 * The view evaluate takes of a training profile: its reference features and outputs by name,
 * the score distribution, and the training row count. The profile itself is always a
 * {@link ReferenceProfile} parsed and validated by `profile/profile-json.ts` (`parseProfile`,
 * the one reader of the format); this module only indexes it.
 */
import { ATTR_ML_PREDICTION_SCORE } from '@mlmon/conventions';
import type { ReferenceProfile } from '../profile/reference-profile.js';
import type { ReferenceFeature } from './drift/types.js';

/** What evaluate takes from a profile. */
export interface ProfileReference {
  readonly features: ReadonlyMap<string, ReferenceFeature>;
  readonly outputs: ReadonlyMap<string, ReferenceFeature>;
  /** The score distribution: the output named `ml.prediction.score`, else the first numeric one. */
  readonly score?: ReferenceFeature;
  /** Rows of the training data (`source.rows` of the profile). */
  readonly rows: number;
}

const memo = new WeakMap<ReferenceProfile, ProfileReference | null>();

/** The profile's reference features by name, or undefined when it declares none. */
export function readProfile(profile: ReferenceProfile): ProfileReference | undefined {
  const cached = memo.get(profile);
  if (cached !== undefined) return cached ?? undefined;
  const features = new Map(profile.features.map((f) => [f.name, f] as const));
  const outputs = new Map(profile.outputs.map((f) => [f.name, f] as const));
  const score =
    outputs.get(ATTR_ML_PREDICTION_SCORE) ?? profile.outputs.find((o) => o.kind === 'numeric');
  const read: ProfileReference | null =
    features.size + outputs.size === 0
      ? null
      : { features, outputs, ...(score !== undefined ? { score } : {}), rows: profile.source.rows };
  memo.set(profile, read);
  return read ?? undefined;
}
