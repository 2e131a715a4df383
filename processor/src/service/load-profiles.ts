/**
 * Loads the training profiles named by the configuration (`--reference FILE.json`, or the
 * `references` mappings) once at start, and resolves the profile of each model version.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ServeConfig } from '../config/serve-config.js';
import { readProfile } from '../evaluate/read-profile.js';
import { parseProfile } from '../profile/profile-json.js';
import type { ReferenceProfile } from '../profile/reference-profile.js';
import type { ResolvedProfile } from '../state/state-config.js';

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
    const read = readProfile(parsed);
    if (!read) throw new Error(`reference profile ${path}: no reference features found`);
    const featureKinds = new Map([...read.features.values()].map((f) => [f.name, f.kind] as const));
    const id = `${basename(path)}@${parsed.createdAt}`;
    return { id, profile: parsed, featureKinds };
  };
  const fallback =
    config.referenceProfile !== undefined ? load(config.referenceProfile) : undefined;
  const mapped = config.referenceProfiles.map((m) => ({ ...m, loaded: load(m.profile) }));
  if (!fallback && mapped.length === 0) return undefined;
  return (model, version) =>
    mapped.find((m) => m.model === model && (m.version === undefined || m.version === version))
      ?.loaded ?? fallback;
}
