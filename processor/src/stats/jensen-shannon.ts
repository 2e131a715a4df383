import { absent, present, type Maybe } from './maybe.js';
import type { NumericInput } from './sorted.js';

/** x·ln(x/y) with 0·ln 0 = 0 (SciPy `rel_entr`). */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * Jensen–Shannon distance, base 2 (in [0, 1]) — `scipy.spatial.distance.jensenshannon(p, q,
 * base=2)`: both vectors are normalised to sum 1, then √(½·KL(p‖m) + ½·KL(q‖m)), m = (p+q)/2.
 * Absent when a vector is empty, of a different length, or sums to 0.
 */
export function jensenShannon(p: NumericInput, q: NumericInput): Maybe {
  if (p.length !== q.length || p.length === 0) {
    return absent('Jensen-Shannon needs two non-empty vectors of equal length');
  }
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i]!;
    sq += q[i]!;
  }
  if (!(sp > 0) || !(sq > 0))
    return absent('Jensen-Shannon is undefined for an empty distribution');
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]! / sp;
    const qi = q[i]! / sq;
    const m = (pi + qi) / 2;
    left += relEntr(pi, m);
    right += relEntr(qi, m);
  }
  const js = (left + right) / 2;
  return present(Math.sqrt(Math.max(js, 0) / Math.LN2));
}
