/**
 * KS D and Wasserstein-1 between a sorted reference sample and a weighted sorted current sample
 * (sketch points with counts). With unit weights they equal `stats/` ksStatisticSorted and
 * wassersteinSorted; the processor uses them when its window holds a sketch, not the values.
 */

/** D = sup |F_R − F_C| and W1 between `r` (ascending) and weighted ascending points `c`. */
export function weightedKsAndWasserstein(
  r: ArrayLike<number>,
  c: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
): { ks: number; wasserstein: number } {
  const n1 = r.length;
  const n2 = c.length;
  let total2 = 0;
  if (weights === undefined) total2 = n2;
  else for (let j = 0; j < n2; j++) total2 += weights[j]!;
  let i = 0;
  let j = 0;
  let cum2 = 0;
  let d = 0;
  let w = 0;
  let prev = Math.min(r[0]!, c[0]!);
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && r[i]! <= c[j]!) ? r[i]! : c[j]!;
    const diff = Math.abs(i / n1 - cum2 / total2);
    w += diff * (v - prev);
    while (i < n1 && r[i]! <= v) i++;
    while (j < n2 && c[j]! <= v) {
      cum2 += weights === undefined ? 1 : weights[j]!;
      j++;
    }
    const after = Math.abs(i / n1 - cum2 / total2);
    if (after > d) d = after;
    prev = v;
  }
  return { ks: d, wasserstein: w };
}
