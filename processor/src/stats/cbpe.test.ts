import { describe, expect, it } from 'vitest';
import { chooseCalibration } from './cbpe-calibration.js';
import { binaryCbpeReference, MAX_CHUNK_SIZES, referenceChunks } from './cbpe.js';

describe('CBPE reference', () => {
  it('keeps the chunk statistics of a bounded number of window sizes, the recent ones', () => {
    const s = Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 1000) / 1000);
    const y = s.map((v, i) => (((i * 104729) % 1000) / 1000 < v ? 1 : 0));
    const ref = binaryCbpeReference(s, y, 0.5);
    const first = referenceChunks(ref, 100);
    for (let n = 1; n <= MAX_CHUNK_SIZES + 50; n++) {
      if (n !== 100) referenceChunks(ref, n);
      if (n % 10 === 0) referenceChunks(ref, 100); // used again: stays
    }
    expect(ref.chunks.size).toBe(MAX_CHUNK_SIZES);
    expect(ref.chunks.get(100)).toBe(first);
    expect(ref.chunks.has(1)).toBe(false);
    // 3000 rows make fewer than 10 chunks of 301: no σ, no mean.
    expect(referenceChunks(ref, 301)).toEqual({ mean: {}, sigma: {} });
  });

  it('does not calibrate a single class or separable scores', () => {
    expect(chooseCalibration([0.1, 0.9], [1, 1]).reason).toMatch(/single class/);
    expect(chooseCalibration([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]).reason).toMatch(
      /ROC AUC 1\.0000 > 0\.999/,
    );
  });
});
