/**
 * Distances between a reference and a current proportion vector, written for the hot loops of
 * null-ladder resampling (typed arrays, no allocation). Definitions are METRICS.md's: PSI with
 * every zero replaced by 1e-4 and no renormalisation, Jensen–Shannon distance base 2,
 * Hellinger, L-infinity. The golden-tested public functions live in `stats/`; `decide.ts`
 * uses those, these only generate null distributions.
 */

const PSI_EPSILON = 1e-4;
const LN2 = Math.LN2;

/** Scratch output of {@link proportionDistances}. */
export interface ProportionDistanceScratch {
  psi: number;
  jensenShannon: number;
  hellinger: number;
  lInfinity: number;
}

/**
 * Computes PSI, JS (base 2), Hellinger and L∞ between reference proportions `p` and current
 * counts `counts` (total `n`), writing into `out`.
 */
export function proportionDistances(
  p: Float64Array,
  counts: Float64Array | Int32Array,
  n: number,
  out: ProportionDistanceScratch,
): void {
  let psi = 0;
  let js = 0;
  let hel = 0;
  let linf = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    const qi = counts[i]! / n;
    const pe = pi === 0 ? PSI_EPSILON : pi;
    const qe = qi === 0 ? PSI_EPSILON : qi;
    psi += (qe - pe) * Math.log(qe / pe);
    const m = (pi + qi) / 2;
    if (pi > 0) js += pi * Math.log(pi / m);
    if (qi > 0) js += qi * Math.log(qi / m);
    const d = Math.sqrt(pi) - Math.sqrt(qi);
    hel += d * d;
    const a = Math.abs(pi - qi);
    if (a > linf) linf = a;
  }
  out.psi = psi;
  out.jensenShannon = Math.sqrt(Math.max(0, js / 2 / LN2));
  out.hellinger = Math.sqrt(hel / 2);
  out.lInfinity = linf;
}
