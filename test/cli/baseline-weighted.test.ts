/**
 * `mlmon baseline --sampling-probability-column p`: a training file whose rows were kept with
 * probability p profiles the traffic they stand for. The reference of each feature and of the
 * score is built as the processor builds one from a weighted window — values expanded to the
 * column's effective size n_eff = (Σw)²/Σw², category counts rescaled to it — so its
 * distribution is the distribution of the rows repeated w = 1/p times, at the size the drift
 * decisions may trust. The profile keeps its format (old readers read it), the probability
 * column is no feature, and bad probabilities name the file, line and column.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBaseline } from '../../processor/src/cli/commands/baseline.js';
import type {
  CategoricalReferenceFeature,
  NumericReferenceFeature,
} from '../../processor/src/evaluate/drift/types.js';
import { parseProfile, profileToJson } from '../../processor/src/profile/profile-json.js';
import { PROFILE_VERSION } from '../../processor/src/profile/reference-profile.js';
import { failure, tempDir } from './cli-files.js';

const dir = tempDir('baseline-weighted');
afterAll(() => dir.remove());

/** 600 rows: x rises with i, category by i mod 3; rows with x ≥ 0.5 kept at p = 0.25. */
const ROWS = Array.from({ length: 600 }, (_, i) => {
  const x = ((i * 7919) % 600) / 600;
  return { x, c: ['a', 'b', 'c'][i % 3]!, p: x >= 0.5 ? 0.25 : i % 2 === 0 ? 0.5 : 1 };
});
const W = ROWS.map((r) => 1 / r.p);
const SUM = W.reduce((a, b) => a + b, 0);
const N_EFF = SUM ** 2 / W.reduce((a, b) => a + b * b, 0);

const build = (input: string, samplingProbabilityColumn?: string) =>
  buildBaseline({
    input,
    model: 'm',
    version: '1',
    scoreColumn: 'x',
    now: new Date(0),
    ...(samplingProbabilityColumn !== undefined ? { samplingProbabilityColumn } : {}),
  });

describe('mlmon baseline on a weighted training file', () => {
  const weightedFile = dir.path('weighted.csv');
  writeFileSync(weightedFile, `x,c,p\n${ROWS.map((r) => `${r.x},${r.c},${r.p}`).join('\n')}\n`);
  const repeatedFile = dir.path('repeated.csv');
  writeFileSync(
    repeatedFile,
    `x,c\n${ROWS.flatMap((r, i) => Array<string>(W[i]!).fill(`${r.x},${r.c}`)).join('\n')}\n`,
  );

  it('profiles the rows repeated w times, at their effective size', async () => {
    const weighted = await build(weightedFile, 'p');
    const repeated = await build(repeatedFile);
    const unweighted = await build(weightedFile);
    expect(weighted.features.map((f) => f.name)).toEqual(['c']);
    expect(weighted.source.rows).toBe(ROWS.length);
    // The score (x): the weighted distribution, n_eff points.
    const x = weighted.outputs[0] as NumericReferenceFeature;
    const xr = repeated.outputs[0] as NumericReferenceFeature;
    const xu = unweighted.outputs[0] as NumericReferenceFeature;
    expect(Math.abs(x.count - N_EFF)).toBeLessThanOrEqual(1);
    expect(Math.abs(x.mean - xr.mean)).toBeLessThan(0.01);
    expect(Math.abs(xu.mean - xr.mean)).toBeGreaterThan(0.05);
    // Categories: the repeated rows' shares at n_eff (whole counts).
    const c = weighted.features[0] as CategoricalReferenceFeature;
    const cr = repeated.features[0] as CategoricalReferenceFeature;
    const share = (f: CategoricalReferenceFeature) => {
      const total = f.counts.reduce((a, b) => a + b, 0);
      return f.counts.map((n) => n / total);
    };
    expect(c.categories).toEqual(cr.categories);
    share(c).forEach((s, k) => expect(Math.abs(s - share(cr)[k]!)).toBeLessThan(1 / N_EFF));
    expect(Math.abs(c.count - N_EFF)).toBeLessThanOrEqual(3);
  });

  it('writes a profile of the same format version, which reads back', async () => {
    const profile = await build(weightedFile, 'p');
    expect(profile.version).toBe(PROFILE_VERSION);
    expect(parseProfile(profileToJson(profile)).outputs[0]!.count).toBe(profile.outputs[0]!.count);
  });

  it('names the file, line and column of a bad probability', async () => {
    const bad = dir.path('bad.csv');
    writeFileSync(bad, 'x,c,p\n0.1,a,1\n0.2,b,2\n');
    const error = await failure(() => build(bad, 'p'));
    expect(error.message).toBe(
      `${bad} line 3, column 'p': sampling probability 2 is not in (0, 1]`,
    );
  });
});
