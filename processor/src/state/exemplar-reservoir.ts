import { SharedLists } from '../keys/shared-lists.js';

/**
 * Example requests of a window, kept so that results can point at the traces behind them.
 * Bounded and cheap on the ingest path, and compact in memory:
 * - **predictions** made inside a span: a uniform reservoir sample (Algorithm R) of
 *   {@link EXEMPLAR_RECORDS} of them, each kept as its trace and span id (24 bytes), its time and
 *   its numeric feature values (one column per feature, in typed arrays) and categorical values
 *   (references to the decoded strings), so a drifted feature can show requests from the region
 *   or category that moved; about 16 · (1 + ln(n / 16)) of n predictions
 *   are written, the rest cost one random draw;
 * - **calls** (`ml.inference` spans): the {@link EXEMPLAR_CALLS} slowest and a uniform draw of
 *   as many failed ones;
 * - **labeled predictions** whose prediction was kept (so its span is known): one uniform draw per
 *   reliability bin of the window's joins (binary scores), for the calibration figures, and the
 *   {@link EXEMPLAR_CALLS} with the largest log loss, for the quality figures.
 * Deterministic for a given input order (xorshift generator seeded by the window start). Size
 * bound per window: 16 × (24 + 8 + 8 × features) bytes for predictions (features capped at
 * {@link EXEMPLAR_MAX_FEATURES}), plus six calls.
 */

/** Predictions kept per window. */
export const EXEMPLAR_RECORDS = 16;
/** Numeric features whose values are kept (the first ones seen in the window). */
export const EXEMPLAR_MAX_FEATURES = 64;
/** Calls kept per window: the slowest and a uniform draw of the failed ones. */
export const EXEMPLAR_CALLS = 3;

const ID_BYTES = 24; // 16-byte trace id + 8-byte span id

/** One example call: its duration (or another value) and the request it came from. */
export interface ExemplarPick {
  readonly value: number;
  /** `traceId:spanId` (hex) of the span. */
  readonly spanKey: string;
  /** Time, ms since the epoch. */
  readonly timeMs: number;
}

/** A window's examples. */
export interface ExemplarReservoir {
  /** Predictions with a span offered so far (Algorithm R's i). */
  offered: number;
  /** xorshift32 state. */
  rng: number;
  /** Kept predictions (≤ {@link EXEMPLAR_RECORDS}). */
  kept: number;
  /** Trace id (16 bytes) and span id (8 bytes) per kept prediction. */
  ids: Uint8Array;
  /** Time per kept prediction, ms. */
  times: Float64Array;
  /** Feature name per column. */
  names: string[];
  /** Values, row-major: `values[slot * names.length + column]`; NaN where a row had none. */
  values: Float64Array;
  /** Categorical feature name per column. */
  categoryNames: string[];
  /** Categories, row-major like `values`; undefined where a row had none. */
  categories: (string | undefined)[];
  /** The slowest calls (value: seconds), slowest first. */
  slowest: ExemplarPick[];
  /** Failed calls seen (the failed draw's i). */
  failures: number;
  /** A uniform draw of {@link EXEMPLAR_CALLS} failed calls (value: seconds, 0 when untimed). */
  failed: ExemplarPick[];
  /** Labeled examples offered per reliability bin (empty until one is). */
  calibrationSeen: number[];
  /** One labeled example per reliability bin (value: the score), `null` where none. */
  calibration: (ExemplarPick | null)[];
  /** The labeled examples with the largest log loss (value: the loss), largest first. */
  worst: ExemplarPick[];
}

/**
 * The empty list every reservoir starts each of its lists with (frozen: a list is replaced, not
 * written, while it is empty). An empty array per list was 32 B each, seven lists per window.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** `list`, or a new array of its own to write into when it is the shared empty one. */
function own<T>(list: T[]): T[] {
  return list.length === 0 ? [] : list;
}

/**
 * Name lists shared by every reservoir that added the same names in the same order (the windows
 * of one model version's streams, usually): a list per window was ≈ 360 B at 20 features.
 */
const nameLists = new SharedLists(4096);

/** An empty reservoir for the window starting at `startMs`. */
export function createExemplarReservoir(startMs: number): ExemplarReservoir {
  // Any non-zero 32-bit seed; the window start makes windows draw differently.
  const seed = (Math.floor(startMs / 1000) ^ 0x9e3779b9) >>> 0 || 1;
  return {
    offered: 0,
    rng: seed,
    kept: 0,
    ids: NO_BYTES,
    times: NO_DOUBLES,
    names: NONE,
    values: NO_DOUBLES,
    categoryNames: NONE,
    categories: NONE,
    slowest: NONE,
    failures: 0,
    failed: NONE,
    calibrationSeen: NONE,
    calibration: NONE,
    worst: NONE,
  };
}

/** The empty buffers every reservoir starts with (never written: they have no element). */
const NO_BYTES = new Uint8Array(0);
const NO_DOUBLES = new Float64Array(0);

/** The {@link EXEMPLAR_CALLS} largest of two largest-first lists. */
function largestOf(a: readonly ExemplarPick[], b: readonly ExemplarPick[]): ExemplarPick[] {
  return [...a, ...b].sort((x, y) => y.value - x.value).slice(0, EXEMPLAR_CALLS);
}

/**
 * `list` keeping `pick` if it is among the `EXEMPLAR_CALLS` largest values (largest first):
 * `list` itself, written, or a new list when it was the shared empty one.
 */
function keepLargest(list: ExemplarPick[], pick: ExemplarPick): ExemplarPick[] {
  if (list.length >= EXEMPLAR_CALLS && pick.value <= list[list.length - 1]!.value) return list;
  list = own(list);
  let i = list.length < EXEMPLAR_CALLS ? list.length : list.length - 1;
  while (i > 0 && list[i - 1]!.value < pick.value) i--;
  list.splice(i, 0, pick);
  if (list.length > EXEMPLAR_CALLS) list.pop();
  return list;
}

/**
 * Offers a labeled prediction (its score in reliability bin `bin` of `bins`) whose span is known:
 * it replaces the bin's example with probability 1 / (examples offered to the bin).
 */
export function offerLabeled(
  r: ExemplarReservoir,
  bin: number,
  bins: number,
  score: number,
  spanKey: string,
  timeMs: number,
): void {
  if (r.calibrationSeen.length === 0) {
    r.calibrationSeen = new Array<number>(bins).fill(0);
    r.calibration = new Array<ExemplarPick | null>(bins).fill(null);
  }
  const seen = ++r.calibrationSeen[bin]!;
  if (seen === 1 || draw(r) * seen < 1) r.calibration[bin] = { value: score, spanKey, timeMs };
}

/** Offers a labeled prediction's log loss (see {@link offerLabeled}) to the largest losses. */
export function offerLoss(
  r: ExemplarReservoir,
  loss: number,
  spanKey: string,
  timeMs: number,
): void {
  if (Number.isFinite(loss)) r.worst = keepLargest(r.worst, { value: loss, spanKey, timeMs });
}

/** A uniform draw in [0, 1) from the reservoir's xorshift32 generator. */
function draw(r: ExemplarReservoir): number {
  let x = r.rng;
  x ^= x << 13;
  x >>>= 0;
  x ^= x >>> 17;
  x ^= x << 5;
  x >>>= 0;
  r.rng = x;
  return x / 4294967296;
}

/**
 * Offers the next prediction with a span; returns the slot to write it to (then call
 * {@link writeRecord}), or -1 when the sample keeps it out.
 */
export function sampleSlot(r: ExemplarReservoir): number {
  const i = ++r.offered;
  if (i <= EXEMPLAR_RECORDS) return i - 1;
  const j = Math.floor(draw(r) * i);
  return j < EXEMPLAR_RECORDS ? j : -1;
}

/** The value of one hex digit's char code (0 for anything else). */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return 0;
}

/** Writes hex `id` from `from` into `bytes` at `at` (`length` bytes; 0 where it is not hex). */
function putHex(bytes: Uint8Array, at: number, id: string, from: number, length: number): void {
  for (let k = 0; k < length; k++) {
    const i = from + 2 * k;
    bytes[at + k] = (nibble(id.charCodeAt(i)) << 4) | nibble(id.charCodeAt(i + 1));
  }
}

function hexOf(bytes: Uint8Array, at: number, length: number): string {
  let out = '';
  for (let k = 0; k < length; k++) out += bytes[at + k]!.toString(16).padStart(2, '0');
  return out;
}

function grow(r: ExemplarReservoir, columns: number): void {
  const rows = EXEMPLAR_RECORDS;
  const values = new Float64Array(rows * columns).fill(Number.NaN);
  const old = r.names.length;
  for (let s = 0; s < r.kept; s++)
    for (let c = 0; c < old; c++) values[s * columns + c] = r.values[s * old + c]!;
  r.values = values;
}

/** Starts a sampled prediction in `slot`: its ids and time, every value cleared. */
export function writeRecord(
  r: ExemplarReservoir,
  slot: number,
  spanKey: string,
  timeMs: number,
): void {
  ensureRecordBuffers(r);
  const colon = spanKey.indexOf(':');
  putHex(r.ids, slot * ID_BYTES, spanKey, 0, 16);
  putHex(r.ids, slot * ID_BYTES + 16, spanKey, colon + 1, 8);
  r.times[slot] = timeMs;
  if (slot >= r.kept) r.kept = slot + 1;
  const width = r.names.length;
  r.values.fill(Number.NaN, slot * width, (slot + 1) * width);
  const cwidth = r.categoryNames.length;
  r.categories.fill(undefined, slot * cwidth, (slot + 1) * cwidth);
}

/** Makes a reservoir's id and time buffers on its first record (an empty one holds none). */
function ensureRecordBuffers(r: ExemplarReservoir): void {
  if (r.ids.length === 0) {
    // One buffer for both: an ArrayBuffer costs ~90 B of its own besides its bytes.
    const ids = EXEMPLAR_RECORDS * ID_BYTES;
    const buffer = new ArrayBuffer(ids + 8 * EXEMPLAR_RECORDS);
    r.ids = new Uint8Array(buffer, 0, ids);
    r.times = new Float64Array(buffer, ids, EXEMPLAR_RECORDS);
  }
}

/** Sets one categorical feature value of the prediction in `slot` (`hint` as for numbers). */
export function setRecordCategory(
  r: ExemplarReservoir,
  slot: number,
  name: string,
  category: string,
  hint = -1,
): void {
  let width = r.categoryNames.length;
  let c = r.categoryNames[hint] === name ? hint : r.categoryNames.indexOf(name);
  if (c < 0) {
    if (width >= EXEMPLAR_MAX_FEATURES) return;
    const grown = new Array<string | undefined>(EXEMPLAR_RECORDS * (width + 1)).fill(undefined);
    for (let s = 0; s < r.kept; s++)
      for (let k = 0; k < width; k++) grown[s * (width + 1) + k] = r.categories[s * width + k];
    r.categories = grown;
    r.categoryNames = nameLists.append(r.categoryNames, name);
    c = width++;
  }
  r.categories[slot * width + c] = category;
}

/** A kept prediction's category of categorical column `column`, if it had one. */
export function recordCategory(
  r: ExemplarReservoir,
  slot: number,
  column: number,
): { category: string; spanKey: string; timeMs: number } | undefined {
  const category = r.categories[slot * r.categoryNames.length + column];
  if (category === undefined) return undefined;
  return { category, spanKey: spanKeyOf(r, slot), timeMs: r.times[slot]! };
}

/**
 * Sets one numeric feature value of the prediction in `slot` (non-finite values are skipped).
 * `hint` is where the name is likely to be: rows of one producer list their features in the same
 * order, so the column is usually found without a search.
 */
export function setRecordValue(
  r: ExemplarReservoir,
  slot: number,
  name: string,
  value: number,
  hint = -1,
): void {
  if (!Number.isFinite(value)) return;
  let width = r.names.length;
  let c = r.names[hint] === name ? hint : r.names.indexOf(name);
  if (c < 0) {
    if (width >= EXEMPLAR_MAX_FEATURES) return;
    grow(r, width + 1);
    r.names = nameLists.append(r.names, name);
    c = width++;
  }
  r.values[slot * width + c] = value;
}

function spanKeyOf(r: ExemplarReservoir, slot: number): string {
  const at = slot * ID_BYTES;
  return `${hexOf(r.ids, at, 16)}:${hexOf(r.ids, at + 16, 8)}`;
}

/** A kept prediction's example for `feature`: its value and ids, or undefined without a value. */
export function recordExample(
  r: ExemplarReservoir,
  slot: number,
  column: number,
): ExemplarPick | undefined {
  const value = r.values[slot * r.names.length + column]!;
  if (Number.isNaN(value)) return undefined;
  return { value, spanKey: spanKeyOf(r, slot), timeMs: r.times[slot]! };
}

/**
 * Offers one inference call (an `ml.inference` span): it joins the slowest when it is slower
 * than the fastest of them, and the failed draw by reservoir sampling when it failed.
 */
export function offerCall(
  r: ExemplarReservoir,
  seconds: number | undefined,
  failed: boolean,
  spanKey: string,
  timeMs: number,
): void {
  if (seconds !== undefined)
    r.slowest = keepLargest(r.slowest, { value: seconds, spanKey, timeMs });
  if (!failed) return;
  const i = ++r.failures;
  const pick = { value: seconds ?? 0, spanKey, timeMs };
  if (i <= EXEMPLAR_CALLS) (r.failed = own(r.failed)).push(pick);
  else {
    const j = Math.floor(draw(r) * i);
    if (j < EXEMPLAR_CALLS) r.failed[j] = pick;
  }
}

/** Draws up to `n` of `pool` without replacement, each with probability ∝ its weight. */
function weightedDraw<T>(
  r: ExemplarReservoir,
  pool: { item: T; weight: number }[],
  n: number,
): T[] {
  const out: T[] = [];
  const left = [...pool];
  while (out.length < n && left.length > 0) {
    const total = left.reduce((sum, p) => sum + p.weight, 0);
    let u = draw(r) * total;
    let k = 0;
    while (k < left.length - 1 && u >= left[k]!.weight) u -= left[k++]!.weight;
    out.push(left[k]!.item);
    left.splice(k, 1);
  }
  return out;
}

/**
 * The numeric columns a merge's drawn rows give, in the order writing them one by one adds them
 * (first finite value, up to {@link EXEMPLAR_MAX_FEATURES}): laid out once instead of growing
 * the value array a column at a time, which at 20 features was most of a merge's garbage.
 */
function mergedColumns(drawn: readonly { r: ExemplarReservoir; s: number }[]): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const { r, s } of drawn) {
    const width = r.names.length;
    for (let c = 0; c < width && names.length < EXEMPLAR_MAX_FEATURES; c++) {
      const name = r.names[c]!;
      if (!seen.has(name) && Number.isFinite(r.values[s * width + c]!)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  return names;
}

/**
 * Writes kept prediction `s` of `r` into `slot` of `out`, whose numeric columns are laid out
 * (`columnOf`): its id bytes and time copied as they are, its values into their columns. What
 * {@link writeRecord} and the setters give, without a trip through the hex span key per record.
 */
function copyRecord(
  out: ExemplarReservoir,
  slot: number,
  r: ExemplarReservoir,
  s: number,
  columnOf: ReadonlyMap<string, number>,
): void {
  ensureRecordBuffers(out);
  // Byte by byte: a subarray view per copied record was garbage in every close.
  for (let i = 0; i < ID_BYTES; i++) out.ids[slot * ID_BYTES + i] = r.ids[s * ID_BYTES + i]!;
  out.times[slot] = r.times[s]!;
  if (slot >= out.kept) out.kept = slot + 1;
  const width = r.names.length;
  const outWidth = out.names.length;
  for (let c = 0; c < width; c++) {
    const value = r.values[s * width + c]!;
    const column = columnOf.get(r.names[c]!);
    if (column !== undefined && Number.isFinite(value))
      out.values[slot * outWidth + column] = value;
  }
  const cwidth = r.categoryNames.length;
  for (let c = 0; c < cwidth; c++) {
    const category = r.categories[s * cwidth + c];
    if (category !== undefined) setRecordCategory(out, slot, r.categoryNames[c]!, category);
  }
}

/**
 * Adds `b` into `a` (the all-slices window from its slices; `a` mutated, `b` untouched): the kept
 * predictions and failed calls stay a uniform draw of the union (each kept one of a side stands
 * for offered / kept of its side), the slowest calls are the slowest of both. `a` must be a
 * reservoir only the caller holds. In place because a close adds thousands of slice windows:
 * a new reservoir per addition (three typed arrays) was a large part of the close's garbage.
 */
export function mergeExemplarReservoirInto(a: ExemplarReservoir, b: ExemplarReservoir): void {
  const rows: { item: { r: ExemplarReservoir; s: number }; weight: number }[] = [];
  for (let s = 0; s < a.kept; s++) rows.push({ item: { r: a, s }, weight: a.offered / a.kept });
  for (let s = 0; s < b.kept; s++) rows.push({ item: { r: b, s }, weight: b.offered / b.kept });
  const drawn = weightedDraw(a, rows, EXEMPLAR_RECORDS);
  // The drawn rows are staged apart (they are read from `a` itself), then their buffers swapped
  // with `a`'s, which the next merge stages into.
  const columns = mergedColumns(drawn);
  const stage = stageFor(columns.length);
  const columnOf = new Map(columns.map((name, c) => [name, c]));
  stage.names = columns;
  drawn.forEach(({ r, s }, slot) => copyRecord(stage, slot, r, s, columnOf));
  [a.ids, stage.ids] = [stage.ids, a.ids];
  [a.times, stage.times] = [stage.times, a.times];
  [a.values, stage.values] = [stage.values, a.values];
  a.kept = stage.kept;
  a.names = columns;
  a.categoryNames = stage.categoryNames;
  a.categories = stage.categories;
  a.offered += b.offered;
  a.slowest = largestOf(a.slowest, b.slowest);
  const bins = Math.max(a.calibrationSeen.length, b.calibrationSeen.length);
  if (bins > 0) {
    const seen = new Array<number>(bins).fill(0);
    const calibration = new Array<ExemplarPick | null>(bins).fill(null);
    for (let i = 0; i < bins; i++) {
      const sa = a.calibrationSeen[i] ?? 0;
      const sb = b.calibrationSeen[i] ?? 0;
      seen[i] = sa + sb;
      const fromB = sb > 0 && draw(a) * (sa + sb) < sb;
      calibration[i] = (fromB ? b.calibration[i] : a.calibration[i]) ?? null;
    }
    a.calibrationSeen = seen;
    a.calibration = calibration;
  }
  a.worst = largestOf(a.worst, b.worst);
  a.failed = weightedDraw(
    a,
    [
      ...a.failed.map((item) => ({ item, weight: a.failures / a.failed.length })),
      ...b.failed.map((item) => ({ item, weight: b.failures / b.failed.length })),
    ],
    EXEMPLAR_CALLS,
  );
  a.failures += b.failures;
}

/** The staging reservoir of {@link mergeExemplarReservoirInto} (one merge at a time). */
const staging: ExemplarReservoir = createExemplarReservoir(0);

/** The staging reservoir emptied for rows of `width` numeric columns (its buffers reused). */
function stageFor(width: number): ExemplarReservoir {
  if (staging.values.length !== EXEMPLAR_RECORDS * width) {
    staging.values = new Float64Array(EXEMPLAR_RECORDS * width);
  }
  staging.values.fill(Number.NaN);
  staging.kept = 0;
  staging.categoryNames = [];
  staging.categories = [];
  return staging;
}

/** JSON-compatible form (checkpoints). */
export interface SerializedExemplarReservoir {
  readonly offered: number;
  readonly rng: number;
  /** Hex `traceId:spanId` per kept prediction. */
  readonly spans?: string[];
  readonly times?: number[];
  readonly names?: string[];
  /** Row-major values; null for NaN. */
  readonly values?: (number | null)[];
  readonly categoryNames?: string[];
  /** Row-major categories; null where none. */
  readonly categories?: (string | null)[];
  readonly slowest?: ExemplarPick[];
  readonly failures?: number;
  readonly failed?: ExemplarPick[];
  readonly calibrationSeen?: number[];
  readonly calibration?: (ExemplarPick | null)[];
  readonly worst?: ExemplarPick[];
}

/** The reservoir as JSON-compatible data. */
export function serializeExemplarReservoir(r: ExemplarReservoir): SerializedExemplarReservoir {
  const width = r.names.length;
  return {
    offered: r.offered,
    rng: r.rng,
    spans: Array.from({ length: r.kept }, (_, slot) => spanKeyOf(r, slot)),
    times: Array.from(r.times.subarray(0, r.kept)),
    names: [...r.names],
    values: Array.from(r.values.subarray(0, r.kept * width), (v) => (Number.isNaN(v) ? null : v)),
    categoryNames: [...r.categoryNames],
    categories: r.categories
      .slice(0, r.kept * r.categoryNames.length)
      .map((c) => (c === undefined ? null : c)),
    slowest: [...r.slowest],
    failures: r.failures,
    failed: [...r.failed],
    calibrationSeen: [...r.calibrationSeen],
    calibration: [...r.calibration],
    worst: [...r.worst],
  };
}

/** Restores {@link serializeExemplarReservoir}'s output (older forms restore their calls only). */
export function restoreExemplarReservoir(s: SerializedExemplarReservoir): ExemplarReservoir {
  const r = createExemplarReservoir(0);
  r.rng = s.rng;
  r.names = [...(s.names ?? [])];
  r.values = new Float64Array(EXEMPLAR_RECORDS * r.names.length).fill(Number.NaN);
  (s.spans ?? []).forEach((spanKey, slot) => writeRecord(r, slot, spanKey, s.times?.[slot] ?? 0));
  (s.values ?? []).forEach((v, k) => (r.values[k] = v ?? Number.NaN));
  r.categoryNames = [...(s.categoryNames ?? [])];
  r.categories = new Array<string | undefined>(EXEMPLAR_RECORDS * r.categoryNames.length).fill(
    undefined,
  );
  (s.categories ?? []).forEach((c, k) => (r.categories[k] = c ?? undefined));
  r.offered = s.offered;
  r.slowest = [...(s.slowest ?? [])];
  r.failures = s.failures ?? 0;
  r.failed = [...(s.failed ?? [])];
  r.calibrationSeen = [...(s.calibrationSeen ?? [])];
  r.calibration = [...(s.calibration ?? [])];
  r.worst = [...(s.worst ?? [])];
  return r;
}
