/**
 * `JSON.stringify` in slices: the same text, built piece by piece, yielding to the event loop
 * whenever a slice has run its budget, so a checkpoint of thousands of streams (tens of
 * megabytes of JSON) does not hold the receivers for the second its stringification takes.
 * The value must not change while this runs: a checkpoint stringifies a snapshot that shares
 * nothing mutable with the live state.
 *
 * Arrays and plain objects near the root are walked here; deeper or smaller ones, and every
 * other value, go to `JSON.stringify` whole (native speed). The output equals
 * `JSON.stringify(value)` (no replacer, no indentation), `toJSON` included.
 */
import { performance } from 'node:perf_hooks';

/** Depth below which arrays and plain objects are walked piece by piece. */
const WALK_DEPTH = 8;
/** Arrays of primitives shorter than this go to `JSON.stringify` whole. */
const WALK_MIN_LENGTH = 8;

/** `JSON.stringify(value)`, yielding after every `sliceMillis` of work. */
export async function stringifySliced(value: unknown, sliceMillis: number): Promise<string> {
  return (await stringifySlicedParts(value, sliceMillis)).join('');
}

/**
 * The pieces of `JSON.stringify(value)` in order (their concatenation is the text), so a large
 * text can be written piece by piece without building it whole.
 */
export async function stringifySlicedParts(value: unknown, sliceMillis: number): Promise<string[]> {
  const parts: string[] = [];
  let sliceStart = performance.now();
  const pause = async (): Promise<void> => {
    if (performance.now() - sliceStart < sliceMillis) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };

  /** Writes `v` (already through `toJSON`); false when it has no JSON form (skipped in objects). */
  async function write(v: unknown, depth: number): Promise<boolean> {
    if (depth < WALK_DEPTH && Array.isArray(v) && isWorthWalking(v)) {
      parts.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) parts.push(',');
        if (!(await write(prepared(v[i], String(i)), depth + 1))) parts.push('null');
        await pause();
      }
      parts.push(']');
      return true;
    }
    if (depth < WALK_DEPTH && isPlainObject(v)) {
      parts.push('{');
      let first = true;
      for (const key of Object.keys(v)) {
        const child = prepared(v[key], key);
        if (!hasJson(child)) continue;
        parts.push(first ? '' : ',', JSON.stringify(key), ':');
        first = false;
        await write(child, depth + 1);
        await pause();
      }
      parts.push('}');
      return true;
    }
    if (!hasJson(v)) return false;
    parts.push(JSON.stringify(v));
    return true;
  }

  const root = prepared(value, '');
  if (!hasJson(root)) throw new TypeError('stringifySliced: the value has no JSON form');
  await write(root, 0);
  return parts;
}

/** Arrays of objects are walked (one element may be a whole model version); short arrays of primitives are not. */
function isWorthWalking(v: unknown[]): boolean {
  if (v.length >= WALK_MIN_LENGTH) return true;
  return v.some((x) => x !== null && typeof x === 'object');
}

/** The value as JSON.stringify sees it: through its `toJSON(key)` when it has one. */
function prepared(v: unknown, key: string): unknown {
  if (
    v !== null &&
    typeof v === 'object' &&
    typeof (v as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return (v as { toJSON(key: string): unknown }).toJSON(key);
  }
  return v;
}

/** Whether JSON.stringify writes something for it (not undefined, a function or a symbol). */
function hasJson(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
