import { ATTR_ML_SLICE } from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { aGroundTruth, aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { closeWindows } from './close-windows.js';
import { restoreState, serializeState } from './serialize-state.js';
import { createState } from './streams.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS = { windowSeconds: 60, allowedLatenessSeconds: 0 };

/** Prediction i (score i/n), with label 1 for even i, of `country` c in slice `tier`. */
function pair(w: number, i: number, country: string) {
  const id = `w${w}-${i}`;
  const timeMs = T0 + w * W + 10 + i;
  const p = aPrediction({
    timeMs,
    id,
    score: (i % 10) / 10,
    features: { country },
    slices: { tier: i % 3 === 0 ? 'gold' : 'basic' },
  });
  const g = aGroundTruth({ timeMs, predictionId: id, value: i % 2 === 0 ? 1 : 0 });
  return [p, g];
}

describe('quality bins through the state', () => {
  it('bins labeled errors by category and slice, survives a checkpoint, pools the baseline once', () => {
    const direct = createState(OPTIONS);
    const records = (w: number) =>
      logsRequest(
        Array.from({ length: 60 }, (_, i) => pair(w, i, i % 4 === 0 ? 'FR' : 'DE')).flat(),
      );
    ingest(direct, records(0), T0 + 100);
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(direct))), OPTIONS);
    const closed = [direct, restored].map((s) => closeWindows(s, T0 + W + 1));
    expect(closed[1]).toEqual(closed[0]);
    const all = closed[0]!.find((w) => w.stream.allSlices)!;
    const bins = all.labeled.qualityBins!;
    expect(bins.measure).toBe('misclassified');
    // The first prediction came before any label: it has no bins.
    let pairs = 0;
    for (const c of bins.cells.get('country')!.values()) pairs += c.n;
    expect(pairs).toBe(59);
    // Misclassified: score >= 0.5 disagrees with the label (i mod 10 >= 5 vs i even).
    const errors = Array.from({ length: 59 }, (_, k) => k + 1).filter(
      (i) => (i % 10 >= 5 ? 1 : 0) !== (i % 2 === 0 ? 1 : 0) && i % 4 === 0,
    ).length;
    expect(bins.cells.get('country')!.get('FR')!.err).toBe(errors);
    expect(bins.cells.get(ATTR_ML_SLICE('tier'))!.size).toBe(2);
    expect(all.qualityBaseline).toBeUndefined();
    // The second window is compared with the first (the baseline), which has fewer than 1000
    // pairs, so it pools the second too.
    for (const s of [direct, restored]) ingest(s, records(1), T0 + W + 100);
    const second = [direct, restored].map((s) =>
      closeWindows(s, T0 + 2 * W + 1).find((w) => w.stream.allSlices)!,
    );
    expect(second[1]).toEqual(second[0]);
    expect(second[0]!.qualityBaseline!.cells.get('country')).toEqual(bins.cells.get('country'));
    const mv = direct.models.values().next().value!;
    let pooled = 0;
    for (const c of mv.qualityBaselines!.get(mv.allSlices.key)!.cells.get('country')!.values())
      pooled += c.n;
    expect(pooled).toBe(59 + 60);
  });
});
