/**
 * CBPE calibrated on a model version's own first labeled pairs (no labeled profile,
 * `state/cbpe-reference-pairs.ts`), with the processor's own code: the pairs of stationary
 * windows (μ = 0) are offered to a model version as the label join offers them, and the
 * calibration the window close activates is the reference. Rows for the binary model of
 * `cbpe.ts` and the three-class model of `cbpe-multiclass.ts`, at the first build
 * (2 000 pairs: a band for windows up to 200 predictions) and when the store is full (20 000
 * pairs: windows up to 2 000); larger windows get an estimate without a band, so their coverage
 * row is empty.
 */
import { createRng } from '../../processor/src/evaluate/drift/rng.js';
import {
  activateCbpeReference,
  CBPE_FIRST_BUILD_PAIRS,
  CBPE_REFERENCE_PAIRS,
  cbpeReferenceFor,
  offerBinaryPair,
  offerMulticlassPair,
} from '../../processor/src/state/cbpe-reference-pairs.js';
import type { ModelVersionState, MonitorState } from '../../processor/src/state/monitor-state.js';
import {
  estimateWindow,
  realizedWindow,
  type CbpeReference,
} from '../../processor/src/stats/cbpe.js';
import type { BenchRow, SuiteOptions } from '../lib/row.js';
import { draw } from './cbpe.js';
import {
  drawMulticlass,
  estimationRows,
  MULTICLASS_MODEL,
  type EstimationModel,
} from './cbpe-multiclass.js';

const WINDOW_MS = 60_000;
const CLASSES = ['a', 'b', 'c'];

const BINARY_MODEL: EstimationModel<ReturnType<typeof draw>> = {
  draw: (rng, n, mu, conceptShift) => draw(rng, n, mu, conceptShift ? 1.5 : 0),
  evaluate: (ref, w) => ({
    estimates: estimateWindow(ref, [w.scores], w.scores.length),
    realized: realizedWindow(ref, [w.scores], w.labels),
  }),
};

/** The reference a model version builds from `pairs` of its own stationary pairs. */
function ownReference(task: 'binary' | 'multiclass', pairs: number, seed: number): CbpeReference {
  // Only what the store and the activation read of a model version.
  const mv = { profile: undefined, streams: new Map() } as unknown as ModelVersionState;
  const rng = createRng(seed);
  if (task === 'binary') {
    const w = draw(rng, pairs, 0);
    for (let i = 0; i < pairs; i++) offerBinaryPair(mv, 0.5, w.scores[i]!, w.labels[i]!);
  } else {
    const w = drawMulticlass(rng, pairs, 0);
    for (let i = 0; i < pairs; i++) {
      offerMulticlassPair(
        mv,
        CLASSES,
        w.probs.map((c) => c[i]!),
        w.labels[i]!,
      );
    }
  }
  const state = { windowMs: WINDOW_MS } as MonitorState;
  // The first build is due at CBPE_FIRST_BUILD_PAIRS, the second when the store is full.
  activateCbpeReference(state, mv, 0);
  activateCbpeReference(state, mv, WINDOW_MS);
  const ref = cbpeReferenceFor(mv, 10 * WINDOW_MS);
  if (ref === undefined) throw new Error(`no calibration built from ${pairs} pairs`);
  return ref;
}

/** The reference-pairs rows. */
export function referencePairsRows(options: SuiteOptions): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const [name, pairs] of [
    ['first_build', CBPE_FIRST_BUILD_PAIRS],
    ['full', CBPE_REFERENCE_PAIRS],
  ] as const) {
    rows.push(
      ...estimationRows(
        options,
        `reference_pairs.${name}.binary`,
        ownReference('binary', pairs, 41),
        BINARY_MODEL,
        43,
      ),
      ...estimationRows(
        options,
        `reference_pairs.${name}.multiclass`,
        ownReference('multiclass', pairs, 47),
        MULTICLASS_MODEL,
        53,
      ),
    );
  }
  return rows;
}
