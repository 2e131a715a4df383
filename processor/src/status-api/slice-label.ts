/**
 * Human labels and ordering for slices, shared by the models list and the version detail so
 * both show slices the same way.
 */
import { formatSlice } from '../keys/slice-label.js';
import type { SliceValues } from './types.js';

/** The label of the all-slices stream. */
export const ALL_SLICES_LABEL = 'all';

/** `country=DE, channel=web` (keys sorted), or {@link ALL_SLICES_LABEL} for the empty slice. */
export function sliceLabel(slice: SliceValues): string {
  return formatSlice(slice, ALL_SLICES_LABEL);
}

/** Orders the all-slices stream first, then slices by label. */
export function compareSlices(a: SliceValues, b: SliceValues): number {
  const aAll = Object.keys(a).length === 0;
  const bAll = Object.keys(b).length === 0;
  if (aAll !== bAll) return aAll ? -1 : 1;
  return compareStrings(sliceLabel(a), sliceLabel(b));
}

/** Locale-independent string order, so answers do not depend on the server's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
