import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binomialSf } from './binomial-tail.js';

const golden = JSON.parse(
  readFileSync(new URL('../../../test/golden/binomial_tail.json', import.meta.url), 'utf8'),
) as { cases: { k: number; n: number; p: number; sf: number }[] };

describe('binomialSf', () => {
  it('matches scipy.stats.binom.sf(k - 1, n, p) to 1e-10 relative', () => {
    for (const { k, n, p, sf } of golden.cases) {
      const got = binomialSf(k, n, p);
      expect(Math.abs(got - sf), `k=${k} n=${n} p=${p}`).toBeLessThanOrEqual(
        1e-10 * Math.max(sf, 1e-300) + 1e-15,
      );
    }
  });
});
