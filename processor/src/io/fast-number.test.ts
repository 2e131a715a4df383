import { describe, expect, it } from 'vitest';
import { parseDecimalRange } from './fast-number.js';
import { parseNumber } from './column-builder.js';

describe('parseDecimalRange', () => {
  it('is bit-identical to Number() on plain decimals', () => {
    const samples = [
      '0',
      '-0',
      '1',
      '0.1',
      '-3.011796',
      '48.557608',
      '123456789012345',
      '0.000001',
      '+2.5',
      '1532.390273',
      '999999999999.999',
    ];
    for (let i = 0; i < 2000; i++) samples.push((Math.sin(i) * 10 ** (i % 7)).toFixed(i % 9));
    for (const s of samples)
      expect(Object.is(parseDecimalRange(`,${s},`, 1, s.length + 1), Number(s))).toBe(true);
  });

  it('declines what it cannot do exactly (NaN → caller uses Number)', () => {
    for (const s of ['1e5', '1234567890123456', 'abc', '', '-', '.', '1.2.3', ' 1']) {
      expect(Number.isNaN(parseDecimalRange(s, 0, s.length))).toBe(true);
    }
  });
});

describe('parseNumber', () => {
  it('accepts numbers, trims blanks, rejects hex and words', () => {
    expect(parseNumber('1e-3')).toBe(0.001);
    expect(parseNumber(' 2 ')).toBe(2);
    expect(parseNumber('Infinity')).toBe(Infinity);
    expect(parseNumber('0x10')).toBeUndefined();
    expect(parseNumber('   ')).toBeUndefined();
    expect(parseNumber('yes')).toBeUndefined();
  });
});
