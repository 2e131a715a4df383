import { describe, expect, it } from 'vitest';
import { alignCategoryCounts, compareCodePoints, countCategories } from './categorical.js';

describe('category order', () => {
  it('sorts by code point like Python, not by UTF-16 code unit', () => {
    // U+FF21 (fullwidth A) < U+1F600 (emoji) by code point; code units say the opposite.
    const emoji = '\u{1F600}';
    const fullwidth = '\uFF21';
    expect([emoji, fullwidth, 'b', 'a', 'ab'].sort(compareCodePoints)).toEqual([
      'a',
      'ab',
      'b',
      fullwidth,
      emoji,
    ]);
  });
  it('aligns counts on the sorted union', () => {
    const a = alignCategoryCounts(countCategories(['b', 'a', 'b']), countCategories(['c', 'a']));
    expect(a.categories).toEqual(['a', 'b', 'c']);
    expect(Array.from(a.reference)).toEqual([1, 2, 0]);
    expect(Array.from(a.current)).toEqual([1, 0, 1]);
  });
});
