/**
 * Reads the reference features out of a training profile (`mlmon baseline`), tolerantly: the
 * profile format is owned by the baseline command; evaluate needs only its reference features
 * (the `ReferenceFeature` shapes of `evaluate/drift/types.ts`) and, when present, the outputs'.
 */
import { ATTR_ML_PREDICTION_SCORE } from '@mlmon/conventions';
import type { ReferenceFeature } from './drift/types.js';

/** What evaluate takes from a profile. */
export interface ProfileReference {
  readonly features: ReadonlyMap<string, ReferenceFeature>;
  readonly outputs: ReadonlyMap<string, ReferenceFeature>;
  /** The score distribution: the output named `ml.prediction.score`, else the first numeric one. */
  readonly score?: ReferenceFeature;
  /** Rows of the training data, when the profile says. */
  readonly rows?: number;
}

const memo = new WeakMap<object, ProfileReference | null>();

/** The profile's reference features, or undefined when it holds none in a known shape. */
export function readProfile(profile: unknown): ProfileReference | undefined {
  if (typeof profile !== 'object' || profile === null) return undefined;
  const cached = memo.get(profile);
  if (cached !== undefined) return cached ?? undefined;
  const p = profile as Record<string, unknown>;
  const features = collect(p['features']);
  const outputs = collect(p['outputs']);
  const source = p['source'];
  const sourceRows =
    typeof source === 'object' && source !== null
      ? (source as Record<string, unknown>)['rows']
      : undefined;
  const rows = [sourceRows, p['rows']].find((v) => typeof v === 'number') as number | undefined;
  const score =
    outputs.get(ATTR_ML_PREDICTION_SCORE) ??
    [...outputs.values()].find((o) => o.kind === 'numeric');
  const read: ProfileReference | null =
    features.size + outputs.size === 0
      ? null
      : {
          features,
          outputs,
          ...(score !== undefined ? { score } : {}),
          ...(rows !== undefined ? { rows } : {}),
        };
  memo.set(profile, read);
  return read ?? undefined;
}

function collect(value: unknown): Map<string, ReferenceFeature> {
  const out = new Map<string, ReferenceFeature>();
  const entries = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? Object.entries(value).map(([name, v]) =>
          typeof v === 'object' && v !== null ? { name, ...v } : v,
        )
      : [];
  for (const entry of entries) {
    if (isReferenceFeature(entry)) out.set(entry.name, entry);
  }
  return out;
}

function isReferenceFeature(value: unknown): value is ReferenceFeature {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v['name'] !== 'string' || typeof v['count'] !== 'number') return false;
  if (v['kind'] === 'numeric')
    return Array.isArray(v['binEdges']) && Array.isArray(v['binProportions']);
  if (v['kind'] === 'categorical')
    return Array.isArray(v['categories']) && Array.isArray(v['counts']);
  return false;
}
