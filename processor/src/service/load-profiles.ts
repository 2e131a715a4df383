/**
 * Loads the training profiles named by the configuration (`--reference FILE.json`, or the
 * `references` mappings) once at start, and resolves the profile of each model version. Profiles
 * are read by the profile module's own parser (`parseProfile`), the one reader of the format.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ServeConfig } from '../config/serve-config.js';
import { prepareEstimation } from '../evaluate/estimation.js';
import { parseProfile } from '../profile/profile-json.js';
import type { ReferenceProfile } from '../profile/reference-profile.js';
import type { ResolvedProfile } from '../state/state-config.js';
import type { FeatureKind } from '../state/types.js';

/** Reads every configured profile; throws an error naming the file on a bad one. */
export function loadProfiles(
  config: ServeConfig,
): ((model: string, version: string) => ResolvedProfile | undefined) | undefined {
  const load = (path: string): ResolvedProfile => {
    let parsed: ReferenceProfile;
    try {
      parsed = parseProfile(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`reference profile ${path}: ${(error as Error).message}`);
    }
    // A multiclass profile's probability columns are not profiled as outputs: its labeled
    // classes alone are a reference (of the quality estimate).
    if (
      parsed.features.length + parsed.outputs.length === 0 &&
      parsed.labeledClasses === undefined
    ) {
      throw new Error(`reference profile ${path}: no reference features found`);
    }
    prepareEstimation(parsed);
    return resolveProfile(parsed, `${basename(path)}@${parsed.createdAt}`);
  };
  const fallback =
    config.referenceProfile !== undefined ? load(config.referenceProfile) : undefined;
  const mapped = config.referenceProfiles.map((m) => ({ ...m, loaded: load(m.profile) }));
  if (!fallback && mapped.length === 0) return undefined;
  return (model, version) =>
    mapped.find((m) => m.model === model && (m.version === undefined || m.version === version))
      ?.loaded ?? fallback;
}

/**
 * What state needs of a parsed profile: its declared feature kinds, and the decile bin edges of
 * its numeric features, so current windows count into the profile's own bins and
 * PSI/JS/Hellinger against it are exact (as `mlmon drift` computes them).
 */
export function resolveProfile(profile: ReferenceProfile, id: string): ResolvedProfile {
  const featureKinds = new Map<string, FeatureKind>(
    profile.features.map((f) => [f.name, f.kind] as const),
  );
  const numericBinEdges = new Map<string, readonly number[]>();
  for (const f of profile.features) {
    if (f.kind === 'numeric') numericBinEdges.set(f.name, f.binEdges);
  }
  return { id, profile, featureKinds, numericBinEdges };
}
