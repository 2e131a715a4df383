import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../../test/golden/tolerance.js';
import { meanDistances, meanVector, mmdPermutationTest } from './mmd.js';

interface GoldenCase {
  name: string;
  dimension: number;
  current: number[];
  reference: number[];
  cosine: number;
  euclidean: number;
  bandwidth: number;
  mmd2: number;
}
const golden = JSON.parse(
  readFileSync(new URL('../../../test/golden/embedding_mmd.json', import.meta.url), 'utf8'),
) as { cases: GoldenCase[] };

describe('embedding drift statistics against NumPy', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const current = Float64Array.from(c.current);
    const reference = Float64Array.from(c.reference);
    const distances = meanDistances(
      meanVector(current, c.dimension),
      meanVector(reference, c.dimension),
    );
    expectClose('cosine', distances.cosine, c.cosine);
    expectClose('euclidean', distances.euclidean, c.euclidean);
    const test = mmdPermutationTest({ dimension: c.dimension, current, reference }, 199, 7);
    expectClose('bandwidth', test.bandwidth, c.bandwidth);
    expectClose('mmd2', test.mmd2, c.mmd2);
    expect(test.permutations).toBe(199);
  });

  it('rejects the shifted sample and keeps the unshifted one', () => {
    const p = (name: string) => {
      const c = golden.cases.find((x) => x.name === name)!;
      return mmdPermutationTest(
        {
          dimension: c.dimension,
          current: Float64Array.from(c.current),
          reference: Float64Array.from(c.reference),
        },
        999,
        11,
      ).pValue;
    };
    expect(p('mean_shift_2_of_8')).toBeLessThan(0.01);
    expect(p('scaled')).toBe(1 / 1000);
    expect(p('no_shift')).toBeGreaterThan(0.05);
  });

  it('stops after the given exceedances with p = exceedances / relabellings drawn', () => {
    const c = golden.cases.find((x) => x.name === 'no_shift')!;
    const samples = {
      dimension: c.dimension,
      current: Float64Array.from(c.current),
      reference: Float64Array.from(c.reference),
    };
    const full = mmdPermutationTest(samples, 999, 3);
    const early = mmdPermutationTest(samples, 999, 3, 10);
    expect(early.permutations).toBeLessThan(200);
    expect(early.pValue).toBe(10 / early.permutations);
    // The same relabellings: the early p-value estimates the full one.
    expect(Math.abs(early.pValue - full.pValue)).toBeLessThan(0.25);
    expect(full.permutations).toBe(999);
  });

  it('needs two vectors a side', () => {
    const one = new Float64Array(4);
    expect(() => mmdPermutationTest({ dimension: 4, current: one, reference: one }, 9, 1)).toThrow(
      'MMD needs 2 vectors a side, got 1 and 1',
    );
  });
});

interface WeightedCase {
  name: string;
  dimension: number;
  current: number[];
  current_weights: number[];
  reference: number[];
  reference_weights: number[];
  repeated_rows: boolean;
  bandwidth: number;
  mmd2: number;
}
const weighted = JSON.parse(
  readFileSync(
    new URL('../../../test/golden/embedding_mmd_weighted.json', import.meta.url),
    'utf8',
  ),
) as { cases: WeightedCase[] };

describe('weighted MMD² against NumPy (integer weights = repeated rows)', () => {
  const samplesOf = (c: WeightedCase) => ({
    dimension: c.dimension,
    current: Float64Array.from(c.current),
    reference: Float64Array.from(c.reference),
    currentWeights: Float64Array.from(c.current_weights),
    referenceWeights: Float64Array.from(c.reference_weights),
  });

  it.each(weighted.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const test = mmdPermutationTest(samplesOf(c), 99, 5);
    expectClose('bandwidth', test.bandwidth, c.bandwidth);
    expectClose('mmd2', test.mmd2, c.mmd2);
  });

  it('the permutation test moves rows with their weights: the shift is found, no shift is not', () => {
    const p = (name: string) =>
      mmdPermutationTest(samplesOf(weighted.cases.find((c) => c.name === name)!), 999, 13).pValue;
    expect(p('integer_mean_shift')).toBeLessThan(0.01);
    expect(p('integer_no_shift')).toBeGreaterThan(0.05);
  });

  it('weights that are all 1 keep the unweighted MMD²_u', () => {
    const c = golden.cases[0]!;
    const current = Float64Array.from(c.current);
    const reference = Float64Array.from(c.reference);
    const ones = (x: Float64Array) => new Float64Array(x.length / c.dimension).fill(1);
    const test = mmdPermutationTest(
      {
        dimension: c.dimension,
        current,
        reference,
        currentWeights: ones(current),
        referenceWeights: ones(reference),
      },
      19,
      7,
    );
    expectClose('mmd2', test.mmd2, c.mmd2);
  });
});
