import { describe, expect, it } from 'vitest';
import {
  buildCategoricalReference,
  buildNumericReference,
} from '../evaluate/drift/build-reference.js';
import { decideDrift } from '../evaluate/drift/decide.js';
import { createRng } from '../evaluate/drift/rng.js';
import { summarizeNumeric } from '../evaluate/drift/summarize.js';
import { parseProfile, profileToJson, type ProfileFormatError } from './profile-json.js';
import { PROFILE_FORMAT, PROFILE_VERSION, type ReferenceProfile } from './reference-profile.js';

const rng = createRng(5);
const values = Float64Array.from({ length: 3000 }, () => rng.next());
const ladder = { sizes: [100, 1000], replicates: 200 };

function profile(): ReferenceProfile {
  return {
    format: PROFILE_FORMAT,
    version: PROFILE_VERSION,
    model: { name: 'churn', version: '3' },
    createdAt: new Date(0).toISOString(),
    source: { file: 'train.csv', rows: 3000 },
    ladder: {
      seed: 1,
      sizes: ladder.sizes,
      levels: [0.5, 0.9, 0.95, 0.99],
      replicates: 200,
      maxAtoms: 2000,
      maxDraws: 5000,
    },
    features: [
      buildNumericReference('x', values, { maxSample: 1000, ladder }),
      buildCategoricalReference(
        'c',
        new Map([
          ['a', 10],
          ['b', 30],
        ]),
        2,
        { ladder },
      ),
    ],
    outputs: [],
  };
}

describe('reference profile JSON', () => {
  it('identifies itself by a hyphenated format id (not a dotted telemetry name) and rejects others', () => {
    const json = profileToJson(profile());
    expect((JSON.parse(json) as { format: string }).format).toBe('mlmon-reference-profile');
    const other = json.replace('"mlmon-reference-profile"', '"mlmon.reference_profile"');
    expect(() => parseProfile(other)).toThrow("format: expected 'mlmon-reference-profile'");
  });

  it('round-trips, and decisions from the parsed profile equal those from the built one', () => {
    const built = profile();
    const parsed = parseProfile(profileToJson(built));
    expect(parsed.features[0]!.kind).toBe('numeric');
    // Ladders are compact views (derived on use vs read): compare what the format stores.
    expect(profileToJson(parsed)).toBe(profileToJson(built));
    const window = Float64Array.from({ length: 500 }, () => rng.next() * 1.2);
    const a = decideDrift(built.features[0]!, summarizeNumeric(window, built.features[0] as never));
    const b = decideDrift(
      parsed.features[0]!,
      summarizeNumeric(window, parsed.features[0] as never),
    );
    expect(b).toEqual(a);
  });

  it('bounds the stored sample (order statistics) above maxSample', () => {
    const f = profile().features[0]!;
    expect(f.kind === 'numeric' && f.sample.length).toBe(1000);
    expect(f.kind === 'numeric' && f.sampleExact).toBe(false);
  });

  it('reports every problem by path', () => {
    const bad = JSON.parse(profileToJson(profile())) as Record<string, unknown>;
    bad.version = 9;
    (bad.features as Record<string, unknown>[])[0]!.binProportions = [1];
    (bad.features as Record<string, unknown>[])[1]!.counts = [1];
    try {
      parseProfile(JSON.stringify(bad));
      expect.unreachable();
    } catch (error) {
      expect((error as ProfileFormatError).problems).toEqual([
        'version: 9 is not supported (this mlmon reads 1)',
        'features[0].binProportions: needs binEdges.length + 1 entries',
        'features[1].counts: needs one count per category',
      ]);
    }
  });
});
