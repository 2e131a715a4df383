/**
 * "Where did quality fall?": each labeled prediction's error is counted in a bin of every
 * feature and slice attribute, so a window's quality can be compared with the stream's baseline
 * bin by bin. The bins of a model version are frozen the first time they are known — a numeric
 * feature's by the first reference decile edges it gets, a categorical feature's or slice's by
 * the first {@link MAX_CATEGORY_BINS} values seen (later ones pool in `_OTHER`) — so that every
 * window and the baseline count in the same bins whatever the reference mode. A prediction of a
 * model version that has had labels remembers its bins (a small integer per attribute) until its
 * label joins.
 */
import { ATTR_ML_SLICE } from '@mlmon/conventions';
import type { PredictionRecord } from '../extract/types.js';
import { binIndex } from '../stats/quantile-bins.js';
import type { ModelVersionState } from './monitor-state.js';
import { numericEdgesFor } from './window-parts.js';

/** Distinct values of a categorical attribute with their own bin. */
export const MAX_CATEGORY_BINS = 16;
/** Attributes (features and slice keys) binned per model version. */
export const MAX_BINNED_ATTRIBUTES = 64;
/** The bin of a value not binned (missing, or the attribute was not known yet). */
export const NO_BIN = 255;
/** Name of the pooled bin of categories past the cap. */
export const OTHER_BIN_LABEL = '_OTHER';

/** How one attribute is binned. */
export type BinnedAttribute =
  | { readonly name: string; readonly kind: 'numeric'; readonly edges: readonly number[] }
  | { readonly name: string; readonly kind: 'categorical'; readonly categories: string[] };

/** The frozen bins of a model version's attributes, in the order they became known. */
export interface QualityBinSchema {
  readonly attributes: BinnedAttribute[];
  readonly index: Map<string, number>;
}

/** An empty schema. */
export function createQualityBinSchema(): QualityBinSchema {
  return { attributes: [], index: new Map() };
}

/** The schema restored from its checkpoint form (the attributes). */
export function qualityBinSchemaFrom(attributes: readonly BinnedAttribute[]): QualityBinSchema {
  const copy = attributes.map((a) =>
    a.kind === 'numeric' ? { ...a, edges: [...a.edges] } : { ...a, categories: [...a.categories] },
  );
  return { attributes: copy, index: new Map(copy.map((a, i) => [a.name, i])) };
}

/** Attribute name of slice key `key` in the bins. */
export const sliceAttributeName = (key: string): string => ATTR_ML_SLICE(key);

/**
 * The bins of prediction `r` (recorded into the window starting at `startMs`), extending the
 * model version's schema (created by its first labeled pair) with attributes it sees for the
 * first time; one entry per schema attribute ({@link NO_BIN} where the value is missing or of
 * the wrong type).
 */
export function binPrediction(
  mv: ModelVersionState,
  r: PredictionRecord,
  startMs: number,
): number[] {
  const schema = mv.qualityBins!;
  for (const [key, value] of r.slices) addCategory(schema, sliceAttributeName(key), value);
  if (r.features !== undefined) {
    for (const name of Object.keys(r.features)) {
      const v = r.features[name];
      if (typeof v === 'string' || typeof v === 'boolean') addCategory(schema, name, String(v));
      else if ((typeof v === 'number' || typeof v === 'bigint') && !schema.index.has(name)) {
        // A numeric feature is binned once a reference has given it decile edges.
        const edges = numericEdgesFor(mv, name, startMs);
        if (edges.length > 0) addAttribute(schema, { name, kind: 'numeric', edges: [...edges] });
      }
    }
  }
  const bins = new Array<number>(schema.attributes.length).fill(NO_BIN);
  for (const [key, value] of r.slices) {
    const i = schema.index.get(sliceAttributeName(key));
    if (i !== undefined) bins[i] = categoryBin(schema.attributes[i]!, value);
  }
  if (r.features !== undefined) {
    for (const name of Object.keys(r.features)) {
      const i = schema.index.get(name);
      if (i === undefined) continue;
      const a = schema.attributes[i]!;
      const v = r.features[name];
      if (a.kind === 'numeric') {
        const x = typeof v === 'bigint' ? Number(v) : v;
        if (typeof x === 'number' && Number.isFinite(x)) bins[i] = binIndex(a.edges, x);
      } else if (typeof v === 'string' || typeof v === 'boolean') {
        bins[i] = categoryBin(a, String(v));
      }
    }
  }
  return bins;
}

/** The label of bin `bin` of `a`: `≤ e0`, `(e0, e1]`, …, `> eN` or the category. */
export function binLabel(a: BinnedAttribute, bin: number): string {
  if (a.kind === 'categorical') return a.categories[bin] ?? OTHER_BIN_LABEL;
  const e = a.edges;
  const f = (x: number) => String(Number(x.toPrecision(6)));
  if (bin === 0) return `≤ ${f(e[0]!)}`;
  if (bin >= e.length) return `> ${f(e[e.length - 1]!)}`;
  return `(${f(e[bin - 1]!)}, ${f(e[bin]!)}]`;
}

function addAttribute(schema: QualityBinSchema, a: BinnedAttribute): boolean {
  if (schema.attributes.length >= MAX_BINNED_ATTRIBUTES) return false;
  schema.index.set(a.name, schema.attributes.length);
  schema.attributes.push(a);
  return true;
}

function addCategory(schema: QualityBinSchema, name: string, value: string): void {
  const i = schema.index.get(name);
  if (i === undefined) {
    if (value !== '') addAttribute(schema, { name, kind: 'categorical', categories: [value] });
    return;
  }
  const a = schema.attributes[i]!;
  if (a.kind !== 'categorical' || value === '') return;
  if (a.categories.length < MAX_CATEGORY_BINS && !a.categories.includes(value))
    a.categories.push(value);
}

function categoryBin(a: BinnedAttribute, value: string): number {
  if (a.kind !== 'categorical' || value === '') return NO_BIN;
  const j = a.categories.indexOf(value);
  return j >= 0 ? j : MAX_CATEGORY_BINS;
}
