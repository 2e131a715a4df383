/**
 * Weighted embedding drift: the MMD decision (`decideEmbeddingDrift`) on windows of SAMPLED
 * predictions, each kept vector carrying its weight w = 1/p into the statistic. The sampling
 * design keeps a vector with probability p(x) = 0.25 when its first coordinate is positive, else
 * 1 — so the vectors received are not distributed as the traffic — and weighs it 1/p. Rows (64
 * dimensions): the false-alarm rate on stationary traffic under that design in both windows
 * (same size n, and a small window of 100 against a full reference of 10 000 — the case a
 * weighted reservoir would get wrong), the power against the bench's mean shift of the traffic,
 * and, reported without a goal, the alarms when only the design differs (reference unsampled,
 * current under the design: the weights correct the statistic, but (vector, weight) pairs are
 * then not exchangeable across the windows, so the permutation p-value is not exact).
 */
import { decideEmbeddingDrift } from '../../processor/src/evaluate/embedding-drift.js';
import {
  EMBEDDINGS_ACCUMULATOR,
  type EmbeddingWindow,
} from '../../processor/src/state/embeddings-acc.js';
import { plainRow, round, type BenchRow, type SuiteOptions } from '../lib/row.js';
import { normalSource, seededRandom } from '../lib/synthetic.js';

const D = 64;
const SHIFT = 0.3;
const SHIFTED_COORDINATES = 8;
const ALPHA = 0.0005;

/** The design: p(x) = 0.25 when x₀ > 0, else 1; `sampled` false keeps every vector. */
const probabilityOf = (x0: number, sampled: boolean): number => (sampled && x0 > 0 ? 0.25 : 1);

/**
 * A window of `n` received vectors of the traffic N(shift·1₈, I), each kept by the design with
 * its weight 1/p, through the accumulator as the processor keeps it.
 */
function sampledWindow(
  n: number,
  normal: () => number,
  uniform: () => number,
  shift: number,
  sampled: boolean,
): EmbeddingWindow {
  const acc = EMBEDDINGS_ACCUMULATOR.create();
  const vector = new Array<number>(D);
  let kept = 0;
  while (kept < n) {
    for (let j = 0; j < D; j++) vector[j] = normal() + (j < SHIFTED_COORDINATES ? shift : 0);
    const p = probabilityOf(vector[0]!, sampled);
    if (uniform() >= p) continue;
    EMBEDDINGS_ACCUMULATOR.record(acc, { name: 'emb', vector }, 1 / p);
    kept++;
  }
  return EMBEDDINGS_ACCUMULATOR.snapshot(acc).features[0]!;
}

/** The weighted rows of the embedding detection suite. */
export function weightedEmbeddingRows(options: SuiteOptions): { rows: BenchRow[]; note: string } {
  const trials = options.quick ? 40 : 200;
  const sizes = options.quick ? [100, 1000] : [100, 1000, 10_000];
  const uniform = seededRandom(20261204);
  const normal = normalSource(seededRandom(20261205));
  const rows: BenchRow[] = [];
  let seed = 1;
  const rate = (hits: number) => round((100 * hits) / trials);
  const falseAlarmRow = (name: string, hits: number) => {
    const value = rate(hits);
    return plainRow(name, '%', value, 'value <= 1', value !== null && value <= 1);
  };
  const cells: { label: string; current: number; reference: number }[] = [
    ...sizes.map((n) => ({ label: `n${n}`, current: n, reference: n })),
    { label: 'n100_vs_ref10000', current: 100, reference: options.quick ? 1000 : 10_000 },
  ];
  for (const cell of cells) {
    let falseAlarms = 0;
    let hits = 0;
    let designOnly = 0;
    for (let t = 0; t < trials; t++) {
      const reference = sampledWindow(cell.reference, normal, uniform, 0, true);
      const decide = (current: EmbeddingWindow, ref: EmbeddingWindow) =>
        decideEmbeddingDrift(current, ref, ALPHA, seed++).state === 'drift';
      if (decide(sampledWindow(cell.current, normal, uniform, 0, true), reference)) falseAlarms++;
      if (decide(sampledWindow(cell.current, normal, uniform, SHIFT, true), reference)) hits++;
      const unsampled = sampledWindow(cell.reference, normal, uniform, 0, false);
      if (decide(sampledWindow(cell.current, normal, uniform, 0, true), unsampled)) designOnly++;
    }
    options.log(
      `weighted embedding ${cell.label}: ${falseAlarms} false alarms, ${hits} hits, ${designOnly} design-only alarms / ${trials}`,
    );
    const name = (what: string) => `detection.drift.embedding.weighted.${what}.d${D}.${cell.label}`;
    rows.push(
      falseAlarmRow(name('false_alarms'), falseAlarms),
      plainRow(name(`power.mean_shift_${SHIFT}x${SHIFTED_COORDINATES}`), '%', rate(hits)),
      plainRow(name('alarms.design_change_only'), '%', rate(designOnly)),
    );
  }
  return {
    rows,
    note: `detection (embedding, weighted): ${trials} trials per cell; vectors sampled with p = 0.25 when x₀ > 0 else 1 and weighted 1/p in the MMD (weighted V-statistic, relabellings move rows with their weights) at α = ${ALPHA}; d = ${D}; "design_change_only" compares a current window under the design with an unsampled reference (reported, no goal).`,
  };
}
