import { describe, expect, it } from 'vitest';
import { withBinExemplars, withLossExemplars } from '../evaluate/calibration-exemplars.js';
import { categoryExemplars, driftExemplars } from '../evaluate/drift-exemplars.js';
import {
  EXEMPLAR_CALLS,
  EXEMPLAR_RECORDS,
  createExemplarReservoir,
  mergeExemplarReservoirInto,
  offerCall,
  offerLabeled,
  offerLoss,
  recordExample,
  restoreExemplarReservoir,
  sampleSlot,
  serializeExemplarReservoir,
  setRecordCategory,
  setRecordValue,
  writeRecord,
  type ExemplarReservoir,
} from './exemplar-reservoir.js';

const span = (i: number) =>
  `${i.toString(16).padStart(32, '0')}:${i.toString(16).padStart(16, '0')}`;

/** Offers `values` (one prediction each, feature `income`) as the ingest path does. */
function fill(r: ExemplarReservoir, values: readonly number[], offset = 0): number {
  let written = 0;
  values.forEach((v, i) => {
    const slot = sampleSlot(r);
    if (slot < 0) return;
    written++;
    writeRecord(r, slot, span(offset + i), 1000 + i);
    setRecordValue(r, slot, 'income', v);
    setRecordValue(r, slot, 'age', Number.NaN); // non-finite: never kept
  });
  return written;
}

const incomes = (r: ExemplarReservoir): number[] =>
  Array.from({ length: r.kept }, (_, s) => recordExample(r, s, r.names.indexOf('income'))!.value);

/** A reservoir of its own holding `a` and `b`, made as a window close sums its slices. */
function sumOf(a: ExemplarReservoir, b: ExemplarReservoir): ExemplarReservoir {
  const sum = createExemplarReservoir(0);
  mergeExemplarReservoirInto(sum, a);
  mergeExemplarReservoirInto(sum, b);
  return sum;
}

describe('exemplar reservoir', () => {
  it('keeps a uniform sample of 16, writes about 16 · (1 + ln(n / 16)) of n, and is deterministic', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => i);
    const a = createExemplarReservoir(60_000);
    const written = fill(a, values);
    const expected = EXEMPLAR_RECORDS * (1 + Math.log(100_000 / EXEMPLAR_RECORDS));
    expect(written).toBeGreaterThan(0.7 * expected);
    expect(written).toBeLessThan(1.3 * expected);
    expect(a.kept).toBe(EXEMPLAR_RECORDS);
    expect(a.names).toEqual(['income']);
    // A uniform sample: its mean is near the population's (sd of the mean ≈ 7200 here).
    const mean = incomes(a).reduce((x, y) => x + y, 0) / EXEMPLAR_RECORDS;
    expect(Math.abs(mean - 50_000)).toBeLessThan(25_000);
    // Each kept value's ids are those of the prediction that had it.
    for (let s = 0; s < a.kept; s++) {
      const pick = recordExample(a, s, 0)!;
      expect(pick.spanKey).toBe(span(pick.value));
      expect(pick.timeMs).toBe(1000 + pick.value);
    }
    const again = createExemplarReservoir(60_000);
    fill(again, values);
    expect(serializeExemplarReservoir(again)).toEqual(serializeExemplarReservoir(a));
    const back = restoreExemplarReservoir(
      JSON.parse(JSON.stringify(serializeExemplarReservoir(a))),
    );
    expect(serializeExemplarReservoir(back)).toEqual(serializeExemplarReservoir(a));
  });

  it('merges slices into a sample of the union, each kept prediction from one of them', () => {
    const a = createExemplarReservoir(0);
    const b = createExemplarReservoir(0);
    fill(a, [5, 15, 95], 0);
    fill(b, [6, 96, 97], 100);
    mergeExemplarReservoirInto(a, b);
    expect(a.offered).toBe(6);
    expect(a.kept).toBe(6);
    expect(incomes(a).sort((x, y) => x - y)).toEqual([5, 6, 15, 95, 96, 97]);
    // The added reservoir untouched.
    expect(incomes(b)).toEqual([6, 96, 97]);
    expect(b.offered).toBe(3);
  });

  it('sums many slices one at a time: every kept row is one slice row, ids and values intact', () => {
    const slices = Array.from({ length: 40 }, (_, k) => {
      const r = createExemplarReservoir(0);
      fill(
        r,
        Array.from({ length: 30 }, (_, i) => k * 1000 + i),
        k * 1000,
      );
      return r;
    });
    const before = slices.map((r) => JSON.stringify(serializeExemplarReservoir(r)));
    const sum = createExemplarReservoir(0);
    for (const r of slices) mergeExemplarReservoirInto(sum, r);
    expect(sum.offered).toBe(40 * 30);
    expect(sum.kept).toBe(EXEMPLAR_RECORDS);
    expect(sum.names).toEqual(['income']);
    const column = sum.names.indexOf('income');
    const rows = new Set<number>();
    for (let s = 0; s < sum.kept; s++) {
      const example = recordExample(sum, s, column)!;
      // Value k·1000 + i came with span k·1000 + i at time 1000 + i.
      expect(example.spanKey).toBe(span(example.value));
      expect(example.timeMs).toBe(1000 + (example.value % 1000));
      rows.add(example.value);
    }
    expect(rows.size).toBe(EXEMPLAR_RECORDS);
    // Rows come from many slices, not only the last ones added.
    expect(new Set([...rows].map((v) => Math.floor(v / 1000))).size).toBeGreaterThan(5);
    expect(slices.map((r) => JSON.stringify(serializeExemplarReservoir(r)))).toEqual(before);
  });

  it('shows examples from the bins that grew against the reference, largest gain first', () => {
    const reference = {
      binEdges: [10, 20, 30, 40, 50, 60, 70, 80, 90],
      binProportions: Array.from({ length: 10 }, () => 0.1),
    };
    const r = createExemplarReservoir(0);
    // 11 of the 16 kept land above 90, 3 in (80, 90], 2 below.
    fill(r, [91, 92, 93, 94, 95, 96, 97, 98, 99, 91.5, 92.5, 81, 82, 83, 5, 45]);
    const shown = driftExemplars(r, 'income', reference);
    expect(shown.map((e) => e.value)).toEqual([91, 92, 93]);
    expect(shown[0]!.traceId).toMatch(/^0+$/);
    expect(shown[0]!.traceId).toHaveLength(32);
    expect(driftExemplars(r, 'missing', reference)).toEqual([]);
  });

  it('keeps the slowest calls, slowest first, and a uniform draw of the failed ones', () => {
    const r = createExemplarReservoir(0);
    const durations = [0.1, 0.5, 0.3, 0.9, 0.2, 0.45, undefined];
    durations.forEach((d, i) => offerCall(r, d, i % 2 === 0, span(i), 1000 + i));
    expect(r.slowest.map((p) => p.value)).toEqual([0.9, 0.5, 0.45]);
    expect(r.slowest[0]!.spanKey).toBe(span(3));
    // Four failures (calls 0, 2, 4, 6), three kept, each one of them; an untimed one counts 0 s.
    expect(r.failures).toBe(4);
    expect(r.failed).toHaveLength(EXEMPLAR_CALLS);
    for (const f of r.failed) expect([span(0), span(2), span(4), span(6)]).toContain(f.spanKey);
    const other = createExemplarReservoir(0);
    offerCall(other, 2.5, true, span(99), 5000);
    const merged = r;
    mergeExemplarReservoirInto(merged, other);
    expect(merged.slowest.map((p) => p.value)).toEqual([2.5, 0.9, 0.5]);
    expect(merged.failures).toBe(5);
    expect(merged.failed).toHaveLength(EXEMPLAR_CALLS);
    const back = restoreExemplarReservoir(
      JSON.parse(JSON.stringify(serializeExemplarReservoir(merged))),
    );
    expect(serializeExemplarReservoir(back)).toEqual(serializeExemplarReservoir(merged));
  });

  it('keeps one labeled example per reliability bin, merged and restored, shown on the bins', () => {
    const a = createExemplarReservoir(0);
    offerLabeled(a, 9, 10, 0.93, span(1), 10);
    offerLabeled(a, 9, 10, 0.97, span(2), 11);
    const b = createExemplarReservoir(0);
    offerLabeled(b, 1, 10, 0.12, span(3), 12);
    const merged = sumOf(a, b);
    expect(merged.calibrationSeen).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(merged.calibration[1]!.spanKey).toBe(span(3));
    expect([span(1), span(2)]).toContain(merged.calibration[9]!.spanKey);
    const back = restoreExemplarReservoir(
      JSON.parse(JSON.stringify(serializeExemplarReservoir(merged))),
    );
    expect(serializeExemplarReservoir(back)).toEqual(serializeExemplarReservoir(merged));
    const bins = Array.from({ length: 10 }, (_, i) => ({ upperEdge: (i + 1) / 10, count: 1 }));
    const shown = withBinExemplars({ method: 'ece', mceMethod: 'mce', bins }, merged);
    expect(shown.bins.map((bin) => bin.exemplar?.value ?? null)).toEqual([
      null,
      0.12,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      merged.calibration[9]!.value,
    ]);
    expect(withBinExemplars({ method: 'ece', mceMethod: 'mce', bins }, undefined).bins).toBe(bins);
    // The largest log losses, largest first, beside the log_loss metric only.
    offerLoss(a, 0.07, span(4), 13);
    offerLoss(a, 3.2, span(5), 14);
    offerLoss(b, 1.1, span(6), 15);
    const both = sumOf(a, b);
    expect(both.worst.map((p) => p.value)).toEqual([3.2, 1.1, 0.07]);
    const quality = withLossExemplars(
      [
        { metric: 'accuracy', instrument: 'score', value: 0.9 },
        { metric: 'log_loss', instrument: 'score', value: 0.3 },
      ],
      both,
    );
    expect(quality[0]!.exemplars).toBeUndefined();
    expect(quality[1]!.exemplars!.map((e) => [e.value, e.spanId])).toEqual([
      [3.2, span(5).split(':')[1]],
      [1.1, span(6).split(':')[1]],
      [0.07, span(4).split(':')[1]],
    ]);
  });

  it('keeps categories too, and shows requests of the categories that grew most', () => {
    const r = createExemplarReservoir(0);
    const channels = ['web', 'web', 'app', 'app', 'app', 'app', 'app', 'app', 'kiosk', 'kiosk'];
    channels.forEach((channel, i) => {
      const slot = sampleSlot(r);
      writeRecord(r, slot, span(i), 100 + i);
      setRecordCategory(r, slot, 'channel', channel);
    });
    // Reference: web 80 %, app 20 %, kiosk never seen. Window: web 20 %, app 60 %, kiosk 20 %.
    const shown = categoryExemplars(r, 'channel', { categories: ['web', 'app'], counts: [80, 20] });
    expect(shown.map((e) => e.category)).toEqual(['app', 'app', 'app']);
    expect(shown[0]).toMatchObject({ value: 1, traceId: span(2).split(':')[0] });
    const back = restoreExemplarReservoir(
      JSON.parse(JSON.stringify(serializeExemplarReservoir(r))),
    );
    expect(serializeExemplarReservoir(back)).toEqual(serializeExemplarReservoir(r));
    const onlyNew = categoryExemplars(r, 'channel', {
      categories: ['web', 'app'],
      counts: [20, 80],
    });
    // web keeps its share (no gain), app lost share: only the new category is shown.
    expect(onlyNew.map((e) => e.category)).toEqual(['kiosk', 'kiosk']);
  });

  it('windows adding the same features in the same order share one name list, never written', () => {
    const a = createExemplarReservoir(0);
    const b = createExemplarReservoir(60_000);
    const c = createExemplarReservoir(120_000);
    for (const r of [a, b, c]) writeRecord(r, sampleSlot(r), span(1), 1);
    for (const r of [a, b]) {
      setRecordValue(r, 0, 'income', 10);
      setRecordValue(r, 0, 'age', 40);
    }
    setRecordValue(c, 0, 'income', 20);
    setRecordValue(c, 0, 'tenure', 3);
    expect(b.names).toBe(a.names);
    expect(a.names).toEqual(['income', 'age']);
    expect(c.names).toEqual(['income', 'tenure']);
    expect(Object.isFrozen(createExemplarReservoir(0).names)).toBe(true);
    // The lists start empty and shared: one reservoir's calls are its own.
    offerCall(a, 0.5, true, span(2), 2);
    offerLoss(b, 1.5, span(3), 3);
    expect([a.slowest.length, a.failed.length, a.worst.length]).toEqual([1, 1, 0]);
    expect([b.slowest.length, b.failed.length, b.worst.length]).toEqual([0, 0, 1]);
    expect(c.slowest).toHaveLength(0);
    expect(recordExample(c, 0, 1)!.value).toBe(3);
  });
});
