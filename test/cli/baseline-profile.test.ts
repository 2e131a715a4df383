/**
 * `mlmon baseline` writes a profile that `mlmon drift --reference profile.json` and the
 * processor's `decideDrift` judge identically.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBaseline } from '../../processor/src/cli/commands/baseline.js';
import { runDrift } from '../../processor/src/cli/commands/drift.js';
import { decideDrift } from '../../processor/src/evaluate/drift/decide.js';
import {
  summarizeCategorical,
  summarizeNumeric,
} from '../../processor/src/evaluate/drift/summarize.js';
import type { NumericReferenceFeature } from '../../processor/src/evaluate/drift/types.js';
import { parseProfile, writeProfileFile } from '../../processor/src/profile/profile-json.js';
import { golden } from '../golden/golden-data.js';
import { runCli, tempDir, writeCsv } from './cli-files.js';

const dir = tempDir('baseline');
afterAll(() => dir.remove());

const numeric = golden.numeric.find((c) => c.name === 'normal_mean_shift_n2000')!;
const categorical = golden.categorical.find((c) => c.name === 'shifted')!;

describe('mlmon baseline', () => {
  it('profiles features and the score output; drift from the profile equals decideDrift on it', async () => {
    const n = 1800;
    const train = writeCsv(
      dir.path('train.csv'),
      ['x', 'c', 'score', 'id'],
      Array.from({ length: n }, (_, i) => [
        numeric.reference[i]!,
        categorical.reference[i]!,
        (i % 100) / 100,
        i,
      ]),
    );
    const profile = await buildBaseline({
      input: train,
      model: 'churn',
      version: '3',
      scoreColumn: 'score',
      exclude: ['id'],
      now: new Date(0),
    });
    expect(profile.model).toEqual({ name: 'churn', version: '3' });
    expect(profile.source).toEqual({ file: 'train.csv', rows: n });
    expect(profile.features.map((f) => [f.name, f.kind])).toEqual([
      ['x', 'numeric'],
      ['c', 'categorical'],
    ]);
    expect(profile.outputs.map((f) => f.name)).toEqual(['score']);
    expect(profile.features[0]!.nullLadders.length).toBe(6);

    const out = dir.path('profile.json');
    await writeProfileFile(out, profile);
    const current = writeCsv(
      dir.path('current.csv'),
      ['x', 'c'],
      numeric.current.slice(0, 1500).map((x, i) => [x, categorical.current[i]!]),
    );
    const report = await runDrift({ reference: out, current });
    const loaded = parseProfile(readFileSync(out, 'utf8'));
    const x = loaded.features[0] as NumericReferenceFeature;
    const dx = decideDrift(
      x,
      summarizeNumeric(Float64Array.from(numeric.current.slice(0, 1500)), x),
    );
    const dc = decideDrift(
      loaded.features[1]!,
      summarizeCategorical(categorical.current.slice(0, 1500)),
    );
    expect(
      report.columns.map((c) => [c.method, c.score, c.effective_threshold, c.drifted]),
    ).toEqual([
      [dx.method, dx.score, dx.effectiveThreshold, dx.drifted],
      [dc.method, dc.score, dc.effectiveThreshold, dc.drifted],
    ]);
    expect(dx.drifted).toBe(true);
    // Categorical default is chi2 at every reference size (issue 4 over issue 3's JS above 1000).
    expect(dc.method).toBe('chi2');
  });

  it('through the real entry point', () => {
    const train = writeCsv(
      dir.path('t2.csv'),
      ['x'],
      numeric.reference.slice(0, 500).map((x) => [x]),
    );
    const out = dir.path('p2.json');
    const run = runCli([
      'baseline',
      '--input',
      train,
      '--model',
      'm',
      '--version',
      '1',
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`wrote ${out}: 1 features from 500 rows\n`);
    expect(parseProfile(readFileSync(out, 'utf8')).features[0]!.count).toBe(500);
  });
});
