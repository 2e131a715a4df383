/**
 * Counts, per stream and feature, the windows whose primary drift decision was `drift`
 * (`ml.drift.detections`), with the example requests of the latest one: a counter is where
 * OpenMetrics lets a scrape carry exemplars. Cumulative since the service started (a restart is
 * a counter reset, as Prometheus expects).
 */
import type { WindowResult } from '../evaluate/window-result.js';
import type { DriftDetectionCount } from '../export/window-metrics.js';
import { seriesKey } from '../keys/series-key.js';

/** Drift detections by stream key, then by (kind, feature, method). */
export class DriftDetections {
  private readonly byStream = new Map<string, Map<string, DriftDetectionCount>>();

  /** Counts the drifted features of a new result. */
  add(result: WindowResult): void {
    for (const d of result.drift) {
      if (!d.primary || d.state !== 'drift') continue;
      let features = this.byStream.get(result.stream.key);
      if (features === undefined) {
        features = new Map();
        this.byStream.set(result.stream.key, features);
      }
      const key = seriesKey(d.kind, d.feature, d.method);
      const count = (features.get(key)?.count ?? 0) + 1;
      features.set(key, {
        kind: d.kind,
        feature: d.feature,
        method: d.method,
        count,
        ...(d.exemplars !== undefined ? { exemplars: d.exemplars } : {}),
      });
    }
  }

  /** Drops the counts of a stream (it aged out). */
  forget(streamKey: string): void {
    this.byStream.delete(streamKey);
  }

  /** The counts of one stream (empty when nothing drifted). */
  of(streamKey: string): DriftDetectionCount[] {
    return [...(this.byStream.get(streamKey)?.values() ?? [])];
  }
}
