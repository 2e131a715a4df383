/**
 * Embedding drift (issue: embedding features), on the processor's own path: vectors recorded
 * into the window accumulator (exact mean, reservoir of EMBEDDING_RESERVOIR_SIZE vectors), then
 * the MMD permutation decision at the default α (`decideEmbeddingDrift`). Per dimension
 * (64, 384) and window size n: the false-alarm rate on stationary N(0, I) windows against an
 * N(0, I) reference window of the same size (goal ≤ 1 % at every n), and the power against a
 * mean shift of 0.3 in 8 of the coordinates (‖δ‖ ≈ 0.85, reported).
 */
import { decideEmbeddingDrift } from '../../processor/src/evaluate/embedding-drift.js';
import {
  EMBEDDINGS_ACCUMULATOR,
  type EmbeddingWindow,
} from '../../processor/src/state/embeddings-acc.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';
import { normalSource, seededRandom } from '../lib/synthetic.js';
import { weightedEmbeddingRows } from './detection-embedding-weighted.js';

const DIMENSIONS = [64, 384];
const SHIFT = 0.3;
const SHIFTED_COORDINATES = 8;

/** A window of `n` vectors through the accumulator, as the processor keeps it. */
function window(n: number, d: number, normal: () => number, shift: number): EmbeddingWindow {
  const acc = EMBEDDINGS_ACCUMULATOR.create();
  const vector = new Array<number>(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) vector[j] = normal() + (j < SHIFTED_COORDINATES ? shift : 0);
    EMBEDDINGS_ACCUMULATOR.record(acc, { name: 'emb', vector });
  }
  return EMBEDDINGS_ACCUMULATOR.snapshot(acc).features[0]!;
}

/** Wilson 95 % upper bound of a rate (%). */
function upper95(hits: number, trials: number): number {
  const z = 1.96;
  const p = hits / trials;
  const centre = p + (z * z) / (2 * trials);
  const margin = z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials));
  return (100 * (centre + margin)) / (1 + (z * z) / trials);
}

/** Runs the embedding detection rows. */
export async function runDetectionEmbedding(options: SuiteOptions): Promise<SuiteResult> {
  await Promise.resolve();
  const trials = options.quick ? 40 : 200;
  const sizes = options.quick ? [100, 1000] : [100, 1000, 10_000];
  const normal = normalSource(seededRandom(20261207));
  const rows: BenchRow[] = [];
  let seed = 1;
  for (const d of DIMENSIONS) {
    for (const n of sizes) {
      let falseAlarms = 0;
      let hits = 0;
      for (let t = 0; t < trials; t++) {
        const reference = window(n, d, normal, 0);
        const stationary = decideEmbeddingDrift(window(n, d, normal, 0), reference, 0.0005, seed++);
        if (stationary.state === 'drift') falseAlarms++;
        const shifted = decideEmbeddingDrift(
          window(n, d, normal, SHIFT),
          reference,
          0.0005,
          seed++,
        );
        if (shifted.state === 'drift') hits++;
      }
      options.log(`embedding d=${d} n=${n}: ${falseAlarms} false alarms, ${hits} hits / ${trials}`);
      const rate = round((100 * falseAlarms) / trials);
      rows.push(
        plainRow(
          `detection.drift.embedding.false_alarms.d${d}.n${n}`,
          '%',
          rate,
          'value <= 1',
          rate !== null && rate <= 1,
        ),
        plainRow(
          `detection.drift.embedding.false_alarms_upper95.d${d}.n${n}`,
          '%',
          round(upper95(falseAlarms, trials)),
        ),
        plainRow(
          `detection.drift.embedding.power.mean_shift_0.3x8.d${d}.n${n}`,
          '%',
          round((100 * hits) / trials),
        ),
      );
    }
  }
  const weighted = weightedEmbeddingRows(options);
  rows.push(...weighted.rows);
  return {
    rows,
    notes: [
      weighted.note,
      `detection (embedding): ${trials} trials per cell; reference and current windows of n N(0, I) vectors through the window accumulator (reservoir of 128 vectors a side), MMD permutation test (RBF kernel, median heuristic, ≤ 1999 relabellings, Besag–Clifford stop at 10 exceedances) at α = 0.0005; power against +${SHIFT} in ${SHIFTED_COORDINATES} coordinates. The permutation p-value bounds the false-alarm rate by α at every n; beyond 128 vectors the reservoir keeps the test's cost and power flat in n.`,
    ],
  };
}
