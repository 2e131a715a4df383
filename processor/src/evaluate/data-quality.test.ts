import { describe, expect, it } from 'vitest';
import { buildCategoricalReference, buildNumericReference } from './drift/build-reference.js';
import { dataQuality, outOfRangeShare } from './data-quality.js';

describe('dataQuality', () => {
  const counts = { count: 6, missing: 3, typeMismatch: 1 };

  it('reports missing and type mismatch as shares of the rows, without a reference too', () => {
    expect(dataQuality('x', counts, undefined, {})).toEqual([
      { feature: 'x', check: 'missing', ratio: 0.3 },
      { feature: 'x', check: 'type_mismatch', ratio: 0.1 },
    ]);
  });

  it('reports values outside the reference range as a share of the values, weights included', () => {
    const reference = buildNumericReference('x', [1, 2, 3, 4, 5], { ladder: false });
    const values = {
      count: 6,
      sorted: Float64Array.from([0, 1, 5, 6]),
      weights: Float64Array.from([1, 2, 2, 1]),
      exact: false,
    };
    expect(outOfRangeShare(values, 1, 5)).toBe(2 / 6);
    expect(dataQuality('x', counts, reference, { numeric: values })).toContainEqual({
      feature: 'x',
      check: 'out_of_range',
      ratio: 2 / 6,
    });
  });

  it('counts unweighted values outside the range, its ends inside', () => {
    const values = {
      count: 7,
      sorted: Float64Array.from([-1, 1, 1, 3, 5, 5, 9]),
      exact: true,
    };
    expect(outOfRangeShare(values, 1, 5)).toBe(2 / 7);
    expect(outOfRangeShare(values, 2, 4)).toBe(6 / 7);
    expect(outOfRangeShare({ ...values, count: 0, sorted: new Float64Array(0) }, 1, 5)).toBe(
      undefined,
    );
  });

  it('reports categories unseen in the reference, counting the overflow bucket as unseen', () => {
    const reference = buildCategoricalReference(
      'c',
      new Map([
        ['a', 5],
        ['b', 5],
      ]),
      0,
      { ladder: false },
    );
    const current = {
      counts: new Map([
        ['a', 4],
        ['z', 1],
      ]),
      overflow: 1,
    };
    expect(
      dataQuality('c', { count: 6, missing: 0, typeMismatch: 0 }, reference, {
        categorical: current,
      }),
    ).toContainEqual({
      feature: 'c',
      check: 'new_category',
      ratio: 2 / 6,
    });
  });

  it('reports nothing for a feature with no rows', () => {
    expect(dataQuality('x', { count: 0, missing: 0, typeMismatch: 0 }, undefined, {})).toEqual([]);
  });
});
