/**
 * The evaluation results the service keeps: the latest result and a bounded history per stream
 * (status API, checkpoints), and the ground-truth delay histograms summed for export in both
 * temporalities — cumulative since start, and delta since the last OTLP export.
 */
import type { WindowResult } from '../evaluate/window-result.js';
import type { ExportTemporality } from '../config/serve-config.js';
import type { StreamExport } from '../export/window-metrics.js';
import type { WindowResultStore } from '../status-api/status-source-from-results.js';
import { lastDecisionEndMillis, withLastDecisions } from '../evaluate/last-decisions.js';
import { DelayTotals } from './delay-totals.js';
import { DriftDetections } from './drift-detections.js';

/** Per-stream results and delay sums; one instance per service. */
export class ResultStore implements WindowResultStore {
  private readonly latest = new Map<string, WindowResult>();
  private readonly histories = new Map<string, WindowResult[]>();
  private readonly cumulativeDelays = new DelayTotals();
  private deltaDelays = new DelayTotals();
  private readonly driftDetections = new DriftDetections();

  /**
   * @param historyWindows results kept per stream
   * @param startUnixMillis start of the cumulative sums (the service's start)
   */
  constructor(
    private readonly historyWindows: number,
    private readonly startUnixMillis: number,
  ) {}

  /** Keeps a new result of its stream and adds its delays to both sums. */
  keep(result: WindowResult): void {
    const key = result.stream.key;
    this.latest.set(key, result);
    const history = this.histories.get(key) ?? [];
    history.push(result);
    if (history.length > this.historyWindows) {
      history.splice(0, history.length - this.historyWindows);
    }
    this.histories.set(key, history);
    const delays = result.groundTruth.delays;
    this.cumulativeDelays.add(key, delays, this.startUnixMillis);
    this.deltaDelays.add(key, delays, result.startUnixMillis);
    this.driftDetections.add(result);
  }

  /** Drops everything kept of the given streams (they aged out of the state). */
  forget(streamKeys: readonly string[]): void {
    for (const key of streamKeys) {
      this.latest.delete(key);
      this.histories.delete(key);
      this.cumulativeDelays.forget(key);
      this.deltaDelays.forget(key);
      this.driftDetections.forget(key);
    }
  }

  /** The last results of a stream, oldest first (at most `historyWindows`). */
  history(streamKey: string): readonly WindowResult[] {
    return this.histories.get(streamKey) ?? [];
  }

  /** The latest result of every stream. */
  latestResults(): WindowResult[] {
    return [...this.latest.values()];
  }

  /** Every stream's history, for a checkpoint. */
  allHistories(): [string, WindowResult[]][] {
    // Copies of the lists (a checkpoint stringifies them while new results arrive); results are
    // never changed once made.
    return [...this.histories].map(([key, history]) => [key, [...history]]);
  }

  /** Restores histories from a checkpoint (the delay sums start over). */
  restoreHistories(entries: readonly (readonly [string, WindowResult[]])[]): void {
    for (const [key, history] of entries) {
      const kept = history.slice(-this.historyWindows);
      this.histories.set(key, kept);
      if (kept.length > 0) this.latest.set(key, kept[kept.length - 1]!);
    }
  }

  /**
   * What every stream exports at `nowMs`: its latest result with the last real decisions carried
   * in (see `withLastDecisions`), their age, and its delay sums in `temporality`.
   */
  streamExports(temporality: ExportTemporality, nowMs: number): StreamExport[] {
    const delays = temporality === 'delta' ? this.deltaDelays : this.cumulativeDelays;
    return [...this.latest.values()].map((latest) => {
      const history = this.histories.get(latest.stream.key) ?? [latest];
      const decidedEnd = lastDecisionEndMillis(history);
      return {
        result: withLastDecisions(history) ?? latest,
        delays: delays.of(latest.stream.key),
        driftDetections: this.driftDetections.of(latest.stream.key),
        countsSinceUnixMillis: this.startUnixMillis,
        ...(decidedEnd !== undefined
          ? { decisionAgeSeconds: Math.max(0, (nowMs - decidedEnd) / 1000) }
          : {}),
      };
    });
  }

  /**
   * Starts the delta sums over: called when a delta export takes them, whatever its outcome,
   * so a failed delta is lost rather than counted twice later.
   */
  takeDelta(): void {
    this.deltaDelays = new DelayTotals();
  }
}
