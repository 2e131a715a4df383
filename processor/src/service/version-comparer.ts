/**
 * The service's version comparison: collects each evaluated window's comparison inputs during a
 * pass, and once the pass's results are in, adds the comparisons to them (see
 * `evaluate/attach-version-comparisons.ts`). The inputs of one pass are held only until its
 * end: references to the closed windows' own score and label snapshots (no copies) plus two
 * counts per stream.
 */
import type { ModelVersionSettings } from '../evaluate/version-settings.js';
import { versionSettingsFor } from '../evaluate/version-settings.js';
import { performance } from 'node:perf_hooks';
import {
  digestKey,
  planVersionComparisons,
  withComparisons,
  type PlannedComparison,
} from '../evaluate/attach-version-comparisons.js';
import type { VersionComparisonResult } from '../evaluate/version-comparison-result.js';
import type { BaselineChoice } from '../evaluate/version-comparison.js';
import { versionDigestOf, type VersionWindowDigest } from '../evaluate/version-digest.js';
import type { EvaluateOptions } from '../evaluate/evaluate-window.js';
import { driftSettingsFor } from '../evaluate/drift/model-drift-settings.js';
import type { WindowResult } from '../evaluate/window-result.js';
import type { ClosedWindow } from '../state/types.js';
import { VersionTraffic } from './version-traffic.js';

/** Version comparison across the passes of one service. */
export class VersionComparer {
  private digests = new Map<string, VersionWindowDigest>();
  private readonly traffic: VersionTraffic;

  constructor(
    private readonly settings: readonly ModelVersionSettings[],
    private readonly evaluate: Pick<EvaluateOptions, 'alpha' | 'driftByModel' | 'reference'>,
    traffic?: VersionTraffic,
  ) {
    this.traffic = traffic ?? new VersionTraffic();
  }

  /** Keeps what the comparison needs of a window the pass is evaluating. */
  collect(window: ClosedWindow): void {
    const digest = versionDigestOf(window);
    if (digest !== undefined) this.digests.set(digestKey(digest.streamKey, window.startMs), digest);
  }

  /** Seeds the traffic memory from restored result histories. */
  restore(histories: Iterable<readonly [string, readonly WindowResult[]]>): void {
    for (const [, history] of histories) this.traffic.observe(history);
  }

  /** The pass's results with their comparisons, made at once (replay); forgets the inputs. */
  attach(results: readonly WindowResult[], nowMs: number): WindowResult[] {
    const planned = this.plan(results, nowMs);
    return withComparisons(results, new Map(planned.map((p) => [p.candidate, p.compare()])));
  }

  /**
   * {@link attach} for the live pass: each comparison costs a drift decision against a fresh
   * reference (tens of ms at thousands of predictions), so they run in slices of at most
   * `sliceMillis` that yield to the event loop, as the windows' evaluation does.
   */
  async attachSliced(
    results: readonly WindowResult[],
    nowMs: number,
    sliceMillis: number,
  ): Promise<{ results: WindowResult[]; busyMillis: number }> {
    const compared = new Map<WindowResult, VersionComparisonResult>();
    let busyMillis = 0;
    let sliceStart = performance.now();
    for (const p of this.plan(results, nowMs)) {
      compared.set(p.candidate, p.compare());
      const elapsed = performance.now() - sliceStart;
      if (elapsed >= sliceMillis) {
        busyMillis += elapsed;
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    busyMillis += performance.now() - sliceStart;
    return { results: withComparisons(results, compared), busyMillis };
  }

  /** The comparisons of a pass (baselines looked up once per model); forgets the inputs. */
  private plan(results: readonly WindowResult[], nowMs: number): PlannedComparison[] {
    const digests = this.digests;
    this.digests = new Map();
    this.traffic.observe(results);
    const baselines = new Map<string, BaselineChoice | undefined>();
    return planVersionComparisons(
      results,
      digests,
      (model) => {
        if (!baselines.has(model)) baselines.set(model, this.baselineOf(model, nowMs));
        return baselines.get(model);
      },
      (model, version) => {
        const drift = driftSettingsFor(this.evaluate.driftByModel ?? [], model, version);
        const alpha = drift?.alpha ?? this.evaluate.alpha;
        return versionSettingsFor(
          this.settings,
          model,
          alpha !== undefined ? { alpha } : {},
          this.evaluate.reference,
        );
      },
    );
  }

  private baselineOf(model: string, nowMs: number): BaselineChoice | undefined {
    const configured = this.settings.find((s) => s.model === model)?.baseline;
    if (configured !== undefined) return { version: configured, source: 'configured' };
    const busiest = this.traffic.busiest(model, nowMs);
    return busiest !== undefined ? { version: busiest, source: 'traffic' } : undefined;
  }
}
