import { describe, expect, it } from 'vitest';
import { spanKeyOf } from './span-key.js';

describe('spanKeyOf', () => {
  it('joins the trace and span id with a colon', () => {
    const trace = '0af7651916cd43dd8448eb211c80319c';
    const span = 'b7ad6b7169203331';
    expect(spanKeyOf(trace, span)).toBe(`${trace}:${span}`);
    expect(spanKeyOf(trace, span).split(':')).toEqual([trace, span]);
  });
});
