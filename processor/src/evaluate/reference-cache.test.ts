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

  it("holds each stream's entries while its reference is current, with no global bound", () => {
    const cache = new ReferenceCache();
    let builds = 0;
    const build = (name: string) => () => (builds++, ref(name));
    // More entries than any fixed bound would keep: nothing is dropped while references hold.
    for (let s = 0; s < 300; s++)
      for (let f = 0; f < 22; f++)
        cache.getOrBuildForStream(`s${s}`, 'r1', 'feature', `f${f}`, build(`f${f}`));
    expect(cache.size).toBe(300 * 22);
    for (let s = 0; s < 300; s++)
      for (let f = 0; f < 22; f++)
        cache.getOrBuildForStream(`s${s}`, 'r1', 'feature', `f${f}`, build(`f${f}`));
    expect(builds).toBe(300 * 22);
    // A stream's new reference replaces what it held; other streams keep theirs.
    cache.getOrBuildForStream('s0', 'r2', 'output', 'score', build('score'));
    expect(cache.size).toBe(299 * 22 + 1);
    cache.getOrBuildForStream('s1', 'r1', 'feature', 'f0', build('f0'));
    expect(builds).toBe(300 * 22 + 1);
  });

  it('keeps to its bound when given one, grouping per stream, reference and part', () => {
    const cache = new ReferenceCache(4);
    for (const name of ['a', 'b', 'c'])
      cache.getOrBuildForStream('s', 'r', 'feature', name, () => ref(name));
    cache.getOrBuildForStream('t', 'r', 'feature', 'x', () => ref('x'));
    cache.getOrBuildForStream('t', 'r', 'feature', 'y', () => ref('y'));
    expect(cache.size).toBe(2);
  });
});
