/**
 * What a stream shows between decisions: its latest window result, where every drift decision
 * the latest window could not make (`insufficient_data`, or not evaluated at all — a partial
 * window after traffic stopped, a feature missing from it) is the last real decision of the kept
 * history, and calibration and quality are the last values computed. A partial window never
 * replaces a decision on the exporters; how old the shown decisions are is its own signal
 * (`ml.monitor.decision.age`, from {@link lastDecisionEndMillis}).
 */
import type { DriftResult, WindowResult } from './window-result.js';

const decided = (d: DriftResult): boolean => d.state === 'drift' || d.state === 'no_drift';
const decisionKey = (d: DriftResult): string => `${d.kind}\u0000${d.feature}\u0000${d.method}`;

/** The latest result with the last real decisions of `history` (oldest first) carried in. */
export function withLastDecisions(history: readonly WindowResult[]): WindowResult | undefined {
  const latest = history.at(-1);
  if (latest === undefined || history.length === 1) return latest;
  const carried = new Map<string, DriftResult>();
  let calibration = latest.calibration;
  let quality = latest.quality;
  for (let i = history.length - 2; i >= 0; i--) {
    const older = history[i]!;
    for (const d of older.drift) {
      const key = decisionKey(d);
      if (decided(d) && !carried.has(key)) carried.set(key, d);
    }
    if (calibration?.ece === undefined && older.calibration?.ece !== undefined) {
      calibration = older.calibration;
    }
    if (
      !quality.some((q) => q.value !== undefined) &&
      older.quality.some((q) => q.value !== undefined)
    ) {
      quality = older.quality;
    }
  }
  const drift: DriftResult[] = [];
  const seen = new Set<string>();
  for (const d of latest.drift) {
    const key = decisionKey(d);
    seen.add(key);
    drift.push(decided(d) ? d : (carried.get(key) ?? d));
  }
  for (const [key, d] of carried) if (!seen.has(key)) drift.push(d);
  return {
    ...latest,
    drift,
    ...(calibration !== undefined ? { calibration } : {}),
    quality,
  };
}

/** End of the newest window in `history` that made any drift decision; undefined if none. */
export function lastDecisionEndMillis(history: readonly WindowResult[]): number | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]!.drift.some(decided)) return history[i]!.endUnixMillis;
  }
  return undefined;
}
