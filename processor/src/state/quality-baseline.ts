/**
 * A stream's quality baseline: the labeled errors per attribute bin of its first labeled windows,
 * pooled attribute by attribute until the attribute holds {@link QUALITY_BASELINE_PAIRS} labeled
 * pairs, then kept — per attribute, because a numeric feature is binned only from its first
 * reference on, windows after the categorical attributes' baseline is complete. Each closing
 * window is compared with the baseline as it stood before it (a window is never compared with
 * itself), then pooled into the attributes still filling. A reference reset starts it anew.
 */
import type { QualityBinCell, QualityBinsAcc, QualityBinsSnapshot } from './quality-bins-acc.js';
import { QUALITY_BINS_KIND } from './quality-bins-acc.js';
import type { ModelVersionState, MonitorState, WindowAcc } from './monitor-state.js';

/** Weighted labeled pairs after which an attribute's baseline stops taking windows. */
export const QUALITY_BASELINE_PAIRS = 1000;

/** The baseline of stream `streamKey` before window `w`, which is then pooled into it. */
export function takeQualityBaseline(
  state: MonitorState,
  mv: ModelVersionState,
  streamKey: string,
  w: WindowAcc,
): QualityBinsSnapshot | undefined {
  const caps = state.config;
  const baselines = mv.qualityBaselines;
  const baseline = baselines?.get(streamKey);
  const before =
    baseline === undefined
      ? undefined
      : QUALITY_BINS_KIND.forState(baseline, caps).snapshot(baseline);
  const part = w.qualityBins;
  if (part === undefined || (baseline !== undefined && baseline.measure !== part.measure))
    return before;
  const into: QualityBinsAcc = baseline ?? { measure: part.measure, cells: new Map() };
  for (const [attribute, bins] of part.cells) {
    const held = into.cells.get(attribute);
    if (held !== undefined && pairsOf(held) >= QUALITY_BASELINE_PAIRS) continue;
    const target = held ?? new Map<string, QualityBinCell>();
    for (const [bin, c] of bins) {
      const cell = target.get(bin);
      if (cell === undefined) target.set(bin, { ...c });
      else {
        cell.n += c.n;
        cell.err += c.err;
        cell.err2 += c.err2;
        cell.err3 += c.err3;
        cell.w2 += c.w2;
        cell.errW2 += c.errW2;
      }
    }
    into.cells.set(attribute, target);
  }
  if (baseline === undefined) (mv.qualityBaselines ??= new Map()).set(streamKey, into);
  return before;
}

function pairsOf(bins: ReadonlyMap<string, QualityBinCell>): number {
  let n = 0;
  for (const c of bins.values()) n += c.n;
  return n;
}
