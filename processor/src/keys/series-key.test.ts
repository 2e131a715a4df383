import { describe, expect, it } from 'vitest';
import { KEY_SEPARATOR, seriesKey, seriesKeyPrefix, splitSeriesKey } from './series-key.js';

describe('series keys', () => {
  it('joins with NUL and splits back into the same parts', () => {
    const key = seriesKey('fraud', '3', 'country=DE');
    expect(key).toBe('fraud\u00003\u0000country=DE');
    expect(splitSeriesKey(key)).toEqual(['fraud', '3', 'country=DE']);
  });

  it('keeps empty parts, so a missing version is not merged with its neighbour', () => {
    expect(splitSeriesKey(seriesKey('m', '', 'x'))).toEqual(['m', '', 'x']);
    expect(seriesKey('m', '')).not.toBe(seriesKey('m'));
  });

  it('prefixes only keys that extend the part', () => {
    const prefix = seriesKeyPrefix('m\u00001');
    expect(seriesKey('m', '1', 'human').startsWith(prefix)).toBe(true);
    expect(seriesKey('m', '10').startsWith(prefix)).toBe(false);
    expect(prefix.endsWith(KEY_SEPARATOR)).toBe(true);
  });
});
