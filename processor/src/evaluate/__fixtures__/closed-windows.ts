/**
 * Builders of `ClosedWindow`s from the real accumulators, for evaluate's unit tests: the test
 * states raw values; the snapshots are what state would hand over.
 */
import { seriesKey } from '../../keys/series-key.js';
import type { BinaryOutputsSnapshot } from '../../state/accumulators/index.js';
import {
  binaryOutputsAccumulator,
  categoricalFeatureAccumulator,
  numericFeatureAccumulator,
} from '../../state/accumulators/index.js';
import type { ClosedWindow, FeatureWindow, StreamReference } from '../../state/types.js';

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller) from a seeded uniform source. */
export function normals(n: number, seed: number, mean = 0, std = 1): number[] {
  const u = seeded(seed);
  return Array.from({ length: n }, () => {
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    return mean + std * r * Math.cos(2 * Math.PI * u());
  });
}

/** A numeric feature window from raw values (`null` = missing, strings = type mismatch). */
export function numericFeature(
  name: string,
  values: readonly (number | string | null)[],
): FeatureWindow {
  const acc = numericFeatureAccumulator({ binEdges: [] });
  const state = acc.create();
  let missing = 0;
  let typeMismatch = 0;
  for (const v of values) {
    if (v === null) missing++;
    else if (typeof v === 'string') typeMismatch++;
    else acc.record(state, v);
  }
  const snapshot = acc.snapshot(state);
  return { name, kind: 'numeric', count: snapshot.count, missing, typeMismatch, snapshot };
}

/** A categorical feature window from raw values (`null` = missing). */
export function categoricalFeature(
  name: string,
  values: readonly (string | null)[],
): FeatureWindow {
  const acc = categoricalFeatureAccumulator();
  const state = acc.create();
  for (const v of values) acc.record(state, v);
  const snapshot = acc.snapshot(state);
  return {
    name,
    kind: 'categorical',
    count: snapshot.count,
    missing: snapshot.missing,
    typeMismatch: 0,
    snapshot,
  };
}

/** Labeled binary pairs as the binary outputs snapshot. */
export function binaryLabeled(
  pairs: readonly { score: number; label: 0 | 1 }[],
  threshold = 0.5,
): BinaryOutputsSnapshot {
  const acc = binaryOutputsAccumulator({ threshold });
  const state = acc.create();
  for (const p of pairs) acc.record(state, p);
  return acc.snapshot(state);
}

/** A closed window of model `fraud` v`1` with defaults; `reference` from another window. */
export function aClosedWindow(overrides: Partial<ClosedWindow> = {}): ClosedWindow {
  return {
    stream: {
      key: seriesKey('fraud', '1'),
      model: 'fraud',
      version: '1',
      slices: {},
      allSlices: true,
      overflow: false,
      task: 'binary_classification',
      resource: { attributes: { 'service.name': 'checkout' }, key: 'service.name=checkout' },
    },
    startMs: 1_700_000_400_000,
    endMs: 1_700_000_700_000,
    features: [],
    outputs: { score: undefined, label: undefined, value: undefined, scoreHistogram: undefined },
    labeled: { binary: undefined, multiclass: undefined, regression: undefined, delays: {} },
    counts: {
      predictions: 0,
      weightedPredictions: 0,
      weightedLabeled: 0,
      late: 0,
      labeled: 0,
      labeledUnusable: 0,
      predictionsLabeled: 0,
      weightedPredictionsLabeled: 0,
      predictionWeight2: 0,
      featureOverflow: 0,
    },
    reference: undefined,
    isReference: false,
    ...overrides,
  };
}

/** A `fixed_window` reference made of another window's data. */
export function windowReference(window: ClosedWindow): StreamReference {
  return {
    kind: 'fixed_window',
    id: new Date(window.startMs).toISOString(),
    startMs: window.startMs,
    endMs: window.endMs,
    features: window.features,
    outputs: window.outputs,
    labeled: window.labeled,
    counts: window.counts,
  };
}
