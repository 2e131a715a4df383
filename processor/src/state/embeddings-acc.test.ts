import { describe, expect, it } from 'vitest';
import { aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { ingest } from '../core.js';
import { evaluateWindow } from '../evaluate/evaluate-window.js';
import { closeWindows } from './close-windows.js';
import {
  EMBEDDING_RESERVOIR_SIZE,
  EMBEDDINGS_ACCUMULATOR,
  MAX_EMBEDDING_DIMENSION,
} from './embeddings-acc.js';
import { restoreState, serializeState } from './serialize-state.js';
import { createState } from './streams.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS = { windowSeconds: 60, allowedLatenessSeconds: 0 };

/** Deterministic standard normals (Box–Muller on a xorshift stream). */
function normals(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const u = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

function vectors(n: number, d: number, seed: number, shift = 0): number[][] {
  const z = normals(seed);
  return Array.from({ length: n }, () =>
    Array.from({ length: d }, (_, j) => z() + (j < 4 ? shift : 0)),
  );
}

function predictions(rows: number[][], start: number, slice: (i: number) => string) {
  return logsRequest(
    rows.map((v, i) =>
      aPrediction({
        timeMs: start + i,
        score: 0.5,
        features: { emb: v as never, amount: i },
        slices: { region: slice(i) },
      }),
    ),
  );
}

describe('embedding features', () => {
  it('keeps a bounded uniform sample and the exact mean, rejecting other lengths with a reason', () => {
    const s = createState(OPTIONS);
    const rows = vectors(500, 16, 1);
    rows[7] = rows[7]!.slice(0, 15);
    rows[8] = [...rows[8]!.slice(0, 15), Number.NaN];
    ingest(
      s,
      predictions(rows, T0, (i) => (i % 2 === 0 ? 'eu' : 'us')),
      T0 + 1000,
    );
    const closed = closeWindows(s, T0 + W + 1);
    const all = closed.find((c) => c.stream.allSlices)!;
    const emb = all.embeddings!.features[0]!;
    expect(emb).toMatchObject({ name: 'emb', dimension: 16, count: 498, rejected: 2 });
    expect(emb.sample.length).toBe(EMBEDDING_RESERVOIR_SIZE * 16);
    const kept = rows.filter((_, i) => i !== 7 && i !== 8);
    for (const j of [0, 5, 15]) {
      const mean = kept.reduce((a, r) => a + r[j]!, 0) / kept.length;
      expect(emb.mean[j]).toBeCloseTo(mean, 12);
    }
    // Scalar features beside it are untouched; the embedding is no type mismatch.
    expect(all.features.map((f) => [f.name, f.typeMismatch])).toEqual([['amount', 0]]);
    const eu = closed.find((c) => c.stream.slices['region'] === 'eu')!;
    expect(eu.embeddings!.features[0]!.count).toBe(249);
    const result = evaluateWindow(all);
    expect(result.notes).toContain('embedding emb: 2 vectors rejected (not 16 finite numbers)');
  });

  it('rejects vectors longer than the dimension limit', () => {
    const s = createState(OPTIONS);
    ingest(
      s,
      predictions([new Array(MAX_EMBEDDING_DIMENSION + 1).fill(0)], T0, () => 'eu'),
      T0,
    );
    const [w] = closeWindows(s, T0 + W + 1);
    expect(w!.embeddings).toMatchObject({ features: [], rejected: 1 });
  });

  it('survives a checkpoint mid-window with the same sample', () => {
    const direct = createState(OPTIONS);
    const interrupted = createState(OPTIONS);
    const first = predictions(vectors(300, 8, 2), T0, () => 'eu');
    const second = predictions(vectors(300, 8, 3), T0 + 300, () => 'eu');
    ingest(direct, first, T0 + 1000);
    ingest(direct, second, T0 + 1000);
    ingest(interrupted, first, T0 + 1000);
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(interrupted))), OPTIONS);
    ingest(restored, second, T0 + 1000);
    const a = closeWindows(direct, T0 + W + 1).map((c) => c.embeddings);
    const b = closeWindows(restored, T0 + W + 1).map((c) => c.embeddings);
    expect(b).toEqual(a);
  });

  it('decides drift by MMD against the reference window and reports mean distances', () => {
    const s = createState(OPTIONS);
    ingest(
      s,
      predictions(vectors(400, 32, 4), T0, () => 'eu'),
      T0 + 1000,
    );
    const [ref] = closeWindows(s, T0 + W + 1).filter((c) => c.stream.allSlices);
    expect(evaluateWindow(ref!).drift.filter((d) => d.method === 'mmd')).toEqual([]);
    ingest(
      s,
      predictions(vectors(400, 32, 5), T0 + W, () => 'eu'),
      T0 + W + 1000,
    );
    ingest(
      s,
      predictions(vectors(400, 32, 6, 1), T0 + 2 * W, () => 'eu'),
      T0 + 2 * W + 1000,
    );
    const [same, shifted] = closeWindows(s, T0 + 3 * W + 1)
      .filter((c) => c.stream.allSlices)
      .map((c) => evaluateWindow(c));
    const mmd = (r: typeof same) => r!.drift.find((d) => d.method === 'mmd')!;
    expect(mmd(same)).toMatchObject({ feature: 'emb', state: 'no_drift', nCurrent: 400 });
    expect(mmd(shifted)).toMatchObject({ state: 'drift', pValue: 1 / 2000 });
    const e = shifted!.embeddings![0]!;
    expect(e).toMatchObject({ feature: 'emb', dimension: 32, sampleSize: 128 });
    // Shift 1 in 4 of 32 coordinates: the mean moves by about 2 (sampling noise aside).
    expect(e.meanEuclideanDistance!).toBeGreaterThan(1.8);
    expect(e.meanEuclideanDistance!).toBeLessThan(2.3);
    expect(same!.embeddings![0]!.meanEuclideanDistance!).toBeLessThan(0.6);
  });

  it("keeps each kept vector's sampling weight through the slices' merge and a checkpoint", () => {
    const probability = (i: number) => [1, 0.5, 0.25][i % 3]!;
    const records = vectors(90, 4, 8).map((v, i) =>
      aPrediction({
        timeMs: T0 + i,
        score: 0.5,
        samplingProbability: probability(i),
        // The first coordinate names the record.
        features: { emb: [i, ...v.slice(1)] as never },
        slices: { region: i % 2 === 0 ? 'eu' : 'us' },
      }),
    );
    let s = createState(OPTIONS);
    ingest(s, logsRequest(records.slice(0, 40)), T0 + 1000);
    s = restoreState(JSON.parse(JSON.stringify(serializeState(s))), OPTIONS);
    ingest(s, logsRequest(records.slice(40)), T0 + 1000);
    const all = closeWindows(s, T0 + W + 1).find((c) => c.stream.allSlices)!;
    const f = all.embeddings!.features[0]!;
    expect(f.sample.length / 4).toBe(90); // fewer than the reservoir: every vector kept
    for (let r = 0; r < 90; r++) expect(f.weights![r]).toBe(1 / probability(f.sample[r * 4]!));
  });

  it('reads a version 1 checkpoint (no kept weights) as weights of 1', () => {
    const acc = EMBEDDINGS_ACCUMULATOR.create();
    EMBEDDINGS_ACCUMULATOR.record(acc, { name: 'emb', vector: [1, 2] }, 4);
    EMBEDDINGS_ACCUMULATOR.record(acc, { name: 'emb', vector: [3, 1] }, 2);
    const json = JSON.parse(JSON.stringify(EMBEDDINGS_ACCUMULATOR.toJSON(acc))) as {
      version: number;
      byName: [string, { sampleWeights?: number[] }][];
    };
    expect(json.byName[0]![1].sampleWeights).toEqual([4, 2]);
    expect(
      EMBEDDINGS_ACCUMULATOR.snapshot(EMBEDDINGS_ACCUMULATOR.fromJSON(json)).features[0]!.weights,
    ).toEqual(Float64Array.from([4, 2]));
    json.version = 1;
    delete json.byName[0]![1].sampleWeights;
    const old = EMBEDDINGS_ACCUMULATOR.snapshot(EMBEDDINGS_ACCUMULATOR.fromJSON(json)).features[0]!;
    expect(old.weights).toBeUndefined();
    expect(old.mean).toEqual(Float64Array.from([(4 + 6) / 6, (8 + 2) / 6]));
    json.byName[0]![1].sampleWeights = [1];
    json.version = 2;
    expect(() => EMBEDDINGS_ACCUMULATOR.fromJSON(json)).toThrow(/2 positive sample weights/);
  });
});
