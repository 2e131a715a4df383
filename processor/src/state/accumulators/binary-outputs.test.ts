import { describe, expect, it } from 'vitest';
import { binaryOutputsAccumulator, type BinaryObservation } from './binary-outputs.js';

/** mulberry32: seeded uniform draws in [0, 1). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Labelled scores on a dyadic grid (sums exact in any order), positives scoring higher. */
function observations(n: number, seed: number): BinaryObservation[] {
  const u = seeded(seed);
  return Array.from({ length: n }, () => {
    const label = u() < 0.4 ? 1 : 0;
    const score = Math.min(1023, Math.floor((u() * 0.7 + label * 0.3) * 1024)) / 1024;
    return { score, label };
  });
}

/** AUC over fine bins of width 1/B, written from the definition: same-bin pairs count ½. */
function fineAucByDefinition(obs: readonly BinaryObservation[], bins: number): number {
  const bin = (s: number) => Math.min(bins - 1, Math.max(0, Math.ceil(s * bins) - 1));
  const pos = obs.filter((o) => o.label === 1).map((o) => bin(o.score));
  const neg = obs.filter((o) => o.label === 0).map((o) => bin(o.score));
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

describe('binary outputs fine histogram (sparse, then dense)', () => {
  const acc = binaryOutputsAccumulator({ fineBins: 1000 });
  const feed = (obs: readonly BinaryObservation[]) => {
    const s = acc.create();
    for (const o of obs) acc.record(s, o);
    return s;
  };

  it('allocates nothing until the first label and stays sparse (sized to need) while small', () => {
    const empty = acc.create();
    expect(empty.fineDense).toBeUndefined();
    expect(empty.fineSparse!.length).toBe(0);
    const s = feed(observations(100, 1));
    expect(s.fineDense).toBeUndefined();
    expect(s.fineUsed).toBeLessThanOrEqual(100);
    // 4 numbers per occupied bin, at most doubled: far below the dense 3 × 1000.
    expect(s.fineSparse!.length).toBeLessThanOrEqual(2 * 4 * s.fineUsed);
  });

  it('switches to the dense form past a quarter of the bins occupied', () => {
    const s = feed(observations(5000, 2));
    expect(s.fineSparse).toBeUndefined();
    expect(s.fineDense!.length).toBe(3000);
  });

  it.each([
    ['sparse', 100],
    ['dense', 5000],
  ])('%s: ROC AUC equals the fine-bin AUC by definition', (_form, n) => {
    const obs = observations(n, 3);
    const snap = acc.snapshot(feed(obs));
    if (!snap.rocAuc.ok) throw new Error('expected an AUC');
    expect(snap.rocAuc.value.value).toBeCloseTo(fineAucByDefinition(obs, 1000), 12);
  });

  it('gives the same snapshot one value at a time, merged across forms, and after a checkpoint', () => {
    const obs = observations(3000, 4);
    // Log loss sums logarithms (order-dependent rounding); the histogram parts are exact.
    const fineParts = (s: ReturnType<typeof acc.create>) => {
      const { logLoss, ...rest } = acc.snapshot(s);
      return { ...rest, logLoss: logLoss.ok ? Number(logLoss.value.toPrecision(12)) : null };
    };
    const whole = fineParts(feed(obs));
    // Splits that merge sparse + sparse (into sparse and into dense) and sparse + dense.
    for (const cut of [50, 200, 1500, 2950]) {
      const a = feed(obs.slice(0, cut));
      const b = feed(obs.slice(cut));
      expect(fineParts(acc.merge(a, b))).toEqual(whole);
      expect(fineParts(acc.merge(b, a))).toEqual(whole);
    }
    const small = feed(obs.slice(0, 60));
    const merged = acc.merge(small, feed(obs.slice(60, 120)));
    expect(merged.fineDense).toBeUndefined();
    expect(merged.fineSparse!.length).toBe(4 * merged.fineUsed);
    for (const s of [feed(obs), small]) {
      const back = acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(s))));
      expect(acc.snapshot(back)).toEqual(acc.snapshot(s));
      expect(back.fineDense === undefined).toBe(s.fineDense === undefined);
      expect(acc.toJSON(back)).toEqual(acc.toJSON(s));
    }
  });

  it('keeps the version 1 checkpoint: dense arrays of fineBins entries', () => {
    const json = acc.toJSON(feed(observations(10, 5)));
    expect(json.version).toBe(1);
    expect(json.finePositives).toHaveLength(1000);
    expect(json.fineNegatives).toHaveLength(1000);
    expect(json.fineScoreSum).toHaveLength(1000);
    expect(json.finePositives.reduce((x, y) => x + y, 0)).toBe(
      observations(10, 5).filter((o) => o.label === 1).length,
    );
  });
});
