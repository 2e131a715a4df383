import { describe, expect, it } from 'vitest';
import { driftExemplars } from '../evaluate/drift-exemplars.js';
import {
  EXEMPLAR_CANDIDATES,
  createExemplarReservoir,
  isCandidate,
  mergeExemplarReservoirs,
  offerValue,
  restoreExemplarReservoir,
  serializeExemplarReservoir,
  type ExemplarReservoir,
} from './exemplar-reservoir.js';

const EDGES = Float64Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90]);
const span = (i: number) =>
  `${i.toString(16).padStart(32, '0')}:${i.toString(16).padStart(16, '0')}`;

/** Offers `values` (one prediction each) as the ingest path does. */
function fill(r: ExemplarReservoir, values: readonly number[], offset = 0): number {
  let candidates = 0;
  values.forEach((v, i) => {
    if (!isCandidate(r)) return;
    candidates++;
    offerValue(r, 'income', () => EDGES, v, span(offset + i), 1000 + i);
  });
  return candidates;
}

describe('exemplar reservoir', () => {
  it('looks at about 64 · (1 + ln(n / 64)) predictions, keeps one per bin, and is deterministic', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => (i * 37) % 100);
    const a = createExemplarReservoir(60_000);
    const candidates = fill(a, values);
    const expected = EXEMPLAR_CANDIDATES * (1 + Math.log(100_000 / EXEMPLAR_CANDIDATES));
    expect(candidates).toBeGreaterThan(0.8 * expected);
    expect(candidates).toBeLessThan(1.2 * expected);
    const income = a.features.get('income')!;
    expect(income.seen.reduce((x, y) => x + y, 0)).toBe(candidates);
    expect(income.picks).toHaveLength(10);
    for (const [b, pick] of income.picks.entries()) {
      expect(pick).not.toBeNull();
      // Each kept example lies in its bin (e_{b−1}, e_b].
      const lo = b === 0 ? -Infinity : EDGES[b - 1]!;
      const hi = b === EDGES.length ? Infinity : EDGES[b]!;
      expect(pick!.value > lo && pick!.value <= hi, `bin ${b}: ${pick!.value}`).toBe(true);
    }
    const again = createExemplarReservoir(60_000);
    fill(again, values);
    expect(serializeExemplarReservoir(again)).toEqual(serializeExemplarReservoir(a));
    expect(
      restoreExemplarReservoir(JSON.parse(JSON.stringify(serializeExemplarReservoir(a)))),
    ).toEqual(a);
  });

  it('merges slices so that counts add and every kept example comes from one of them', () => {
    const a = createExemplarReservoir(0);
    const b = createExemplarReservoir(0);
    fill(a, [5, 15, 95], 0);
    fill(b, [6, 96, 97], 100);
    const merged = mergeExemplarReservoirs(a, b);
    const m = merged.features.get('income')!;
    expect(m.seen).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 3]);
    expect([5, 6]).toContain(m.picks[0]!.value);
    expect(m.picks[1]!.value).toBe(15);
    expect([95, 96, 97]).toContain(m.picks[9]!.value);
    expect(merged.offered).toBe(6);
    // Inputs untouched.
    expect(a.features.get('income')!.seen[9]).toBe(1);
  });

  it('shows examples from the bins that grew against the reference, largest gain first', () => {
    const reference = Array.from({ length: 1000 }, (_, i) => i / 10); // uniform on [0, 100)
    const r = createExemplarReservoir(0);
    // 70 % of the window lands above 90, 20 % in (80, 90], 10 % spread below.
    const values = [
      ...Array.from({ length: 70 }, (_, i) => 90.5 + (i % 9)),
      ...Array.from({ length: 20 }, (_, i) => 80.5 + (i % 9)),
      ...Array.from({ length: 10 }, (_, i) => i * 8 + 0.5),
    ];
    fill(r, values);
    const shown = driftExemplars(r.features.get('income')!, reference);
    expect(shown).toHaveLength(2); // only two bins gained share
    expect(shown[0]!.value).toBeGreaterThan(90);
    expect(shown[1]!.value).toBeGreaterThan(80);
    expect(shown[1]!.value).toBeLessThanOrEqual(90);
    expect(shown[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(shown[0]!.spanId).toMatch(/^[0-9a-f]{16}$/);
  });
});
