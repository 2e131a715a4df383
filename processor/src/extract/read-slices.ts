/**
 * Reads the `ml.slice.<key>` attributes of a record.
 */
import { ATTR_ML_SLICE_PREFIX } from '@mlmon/conventions';
import type { Attributes } from '../decode/otlp-types.js';
import { readString } from './any-value.js';
import type { SliceEntry } from './types.js';

const NO_SLICES: readonly SliceEntry[] = Object.freeze([]);
// Read once (see read-prediction.ts on imported bindings in hot loops).
const PREFIX = ATTR_ML_SLICE_PREFIX;
const asString = readString;

/** The slice entries of `attrs`, sorted by key; a shared empty array when there are none. */
export function readSlices(attrs: Attributes): readonly SliceEntry[] {
  let out: SliceEntry[] | undefined;
  const prefixLength = PREFIX.length;
  for (const k in attrs) {
    if (!k.startsWith(PREFIX)) continue;
    const v = asString(attrs[k]);
    if (v === undefined || k.length === prefixLength) continue;
    (out ??= []).push([k.slice(prefixLength), v]);
  }
  if (out === undefined) return NO_SLICES;
  if (out.length > 1) out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return out;
}
