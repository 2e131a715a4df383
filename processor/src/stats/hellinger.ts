import { absent, present, type Maybe } from './maybe.js';
import type { NumericInput } from './sorted.js';

/** Hellinger distance √(½ Σ (√p − √q)²) over raw proportions (no renormalisation). */
export function hellinger(p: NumericInput, q: NumericInput): Maybe {
  if (p.length !== q.length || p.length === 0) {
    return absent('Hellinger needs two non-empty vectors of equal length');
  }
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    const d = Math.sqrt(p[i]!) - Math.sqrt(q[i]!);
    total += d * d;
  }
  return present(Math.sqrt(total / 2));
}
