import { describe, expect, it } from 'vitest';
import { buildCategoricalReference } from './drift/build-reference.js';
import { ReferenceCache } from './reference-cache.js';

const ref = (name: string) =>
  buildCategoricalReference(name, new Map([['a', 1]]), 0, { ladder: false });

describe('ReferenceCache', () => {
  it('builds once per group and name, and keeps names of different groups apart', () => {
    const cache = new ReferenceCache(10);
    let builds = 0;
    const build = (name: string) => () => {
      builds++;
      return ref(name);
    };
    const a1 = cache.getOrBuildIn('s1', 'f', build('f'));
    expect(cache.getOrBuildIn('s1', 'f', build('f'))).toBe(a1);
    const b1 = cache.getOrBuildIn('s2', 'f', build('f'));
    expect(b1).not.toBe(a1);
    expect(builds).toBe(2);
    expect(cache.size).toBe(2);
    // A miss that builds nothing is cached too.
    expect(cache.getOrBuildIn('s1', 'none', () => (builds++, undefined))).toBeUndefined();
    expect(cache.getOrBuildIn('s1', 'none', () => (builds++, undefined))).toBeUndefined();
    expect(builds).toBe(3);
  });

  it('stays within its bound by dropping the oldest group first', () => {
    const cache = new ReferenceCache(4);
    for (const name of ['a', 'b', 'c']) cache.getOrBuildIn('old', name, () => ref(name));
    cache.getOrBuildIn('new', 'x', () => ref('x'));
    expect(cache.size).toBe(4);
    cache.getOrBuildIn('new', 'y', () => ref('y'));
    expect(cache.size).toBe(2); // the whole old group went
    let rebuilt = 0;
    cache.getOrBuildIn('new', 'x', () => (rebuilt++, ref('x')));
    cache.getOrBuildIn('old', 'a', () => (rebuilt++, ref('a')));
    expect(rebuilt).toBe(1);
    expect(cache.size).toBeLessThanOrEqual(4);
  });
});
