/**
 * Which example requests to show with a drifted feature: kept predictions (a uniform sample of
 * the window's predictions made in a span) whose value lies in the reference bins — or whose
 * category is among the categories — whose share grew most; the window's share estimated from
 * the kept predictions, the reference's from its bin proportions or category counts.
 */
import type { ExemplarPick, ExemplarReservoir } from '../state/exemplar-reservoir.js';
import { recordCategory, recordExample } from '../state/exemplar-reservoir.js';
import { binIndex } from '../stats/quantile-bins.js';
import { toExemplar } from './to-exemplar.js';
import type { Exemplar } from './window-result.js';

/** Examples shown per drifted feature. */
export const EXEMPLARS_PER_RESULT = 3;

/** The reference's bins of a numeric feature. */
export interface ReferenceBins {
  readonly binEdges: ArrayLike<number>;
  readonly binProportions: ArrayLike<number>;
}

/**
 * Up to {@link EXEMPLARS_PER_RESULT} examples of `feature`, from the bins with the largest
 * positive (window share − reference share), largest first; none when no bin grew.
 */
export function driftExemplars(
  reservoir: ExemplarReservoir,
  feature: string,
  reference: ReferenceBins,
  limit = EXEMPLARS_PER_RESULT,
): Exemplar[] {
  const column = reservoir.names.indexOf(feature);
  if (column < 0) return [];
  const byBin = new Map<number, ExemplarPick[]>();
  // Read once: a held reference derives its bins on each read (build-reference.ts).
  const edges = reference.binEdges;
  const shares = reference.binProportions;
  let total = 0;
  for (let slot = 0; slot < reservoir.kept; slot++) {
    const pick = recordExample(reservoir, slot, column);
    if (pick === undefined) continue;
    const b = binIndex(edges, pick.value);
    const list = byBin.get(b) ?? [];
    list.push(pick);
    byBin.set(b, list);
    total++;
  }
  const grown = [...byBin]
    .map(([b, picks]) => ({
      picks,
      gain: picks.length / total - (shares[b] ?? 0),
    }))
    .filter((bin) => bin.gain > 0)
    .sort((x, y) => y.gain - x.gain);
  return grown
    .flatMap((bin) => bin.picks)
    .slice(0, limit)
    .map((pick) => toExemplar(pick));
}

/**
 * Up to {@link EXEMPLARS_PER_RESULT} examples of categorical `feature`, from the categories with
 * the largest positive (window share − reference share), largest first (a category the
 * reference never saw has share 0 there).
 */
export function categoryExemplars(
  reservoir: ExemplarReservoir,
  feature: string,
  reference: { readonly categories: readonly string[]; readonly counts: readonly number[] },
  limit = EXEMPLARS_PER_RESULT,
): Exemplar[] {
  const column = reservoir.categoryNames.indexOf(feature);
  if (column < 0) return [];
  const referenceTotal = reference.counts.reduce((a, b) => a + b, 0);
  const byCategory = new Map<string, Exemplar[]>();
  let total = 0;
  for (let slot = 0; slot < reservoir.kept; slot++) {
    const kept = recordCategory(reservoir, slot, column);
    if (kept === undefined) continue;
    const list = byCategory.get(kept.category) ?? [];
    list.push(toExemplar({ ...kept, value: 1 }, kept.category));
    byCategory.set(kept.category, list);
    total++;
  }
  const shareOf = (category: string): number => {
    const i = reference.categories.indexOf(category);
    return i < 0 || referenceTotal === 0 ? 0 : reference.counts[i]! / referenceTotal;
  };
  return [...byCategory]
    .map(([category, list]) => ({ list, gain: list.length / total - shareOf(category) }))
    .filter((c) => c.gain > 0)
    .sort((x, y) => y.gain - x.gain)
    .flatMap((c) => c.list)
    .slice(0, limit);
}
