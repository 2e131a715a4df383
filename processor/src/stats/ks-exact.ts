/**
 * Exact null distribution of the two-sample KS statistic (two-sided), as SciPy's
 * `ks_2samp(method='exact')`: lattice-path counting after Hodges (1958), with Viehmann's (2021)
 * recursion that computes 1 − p directly for numerical stability.
 */

/**
 * Pr(D_{n,n} >= h/n) for equal sample sizes: 2·Σ_k (−1)^(k−1) C(2n, n − kh)/C(2n, n), evaluated
 * Horner-style (P = 2·A0·(1 − A1·(1 − A2·(…)))) to avoid subtractive cancellation.
 */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * Share of monotone lattice paths from (0,0) to (m,n) that leave the band
 * |x/m − y/n| < h/lcm(m,n), i.e. Pr(D_{m,n} >= h/lcm(m,n)). `g` = gcd(m, n).
 * One column of the path table is kept, in a sliding window; each cell holds the probability
 * that a uniformly random path to it has already left the band.
 */
export function outerProbInsideMethod(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = Math.floor(m / g);
  const ng = Math.floor(n / g);
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  // Cells beyond the window read as "already outside" (1).
  const A = new Float64Array(n + 2).fill(1);
  for (let j = minj; j < maxj; j++) A[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const shift = minj - lastminj;
    const width = maxj - minj;
    for (let jj = 0; jj < width; jj++) {
      const j = jj + minj;
      val = (A[jj + shift]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, curlen, curlen + (lastlen - curlen));
  }
  return A[maxj - minj - 1]!;
}
