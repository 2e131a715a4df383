/**
 * Which version of each model had the most traffic over the last day: the baseline of the
 * version comparison when the config names none. Kept from the all-slices results of each pass
 * (the predictions of the window, or its inference calls when it had no predictions), one entry
 * per version and window, dropped once older than the horizon — so at most windows-per-day
 * entries per version. Rebuilt from the result history after a restart (a history shorter than a
 * day gives a shorter memory until the day has passed again).
 */
import type { WindowResult } from '../evaluate/window-result.js';

/** One day, in milliseconds. */
export const TRAFFIC_HORIZON_MILLIS = 24 * 3600 * 1000;

interface Entry {
  readonly endMs: number;
  readonly count: number;
}

/** Per model and version, the traffic of the windows of the last horizon. */
export class VersionTraffic {
  private readonly byModel = new Map<string, Map<string, Entry[]>>();

  constructor(private readonly horizonMillis = TRAFFIC_HORIZON_MILLIS) {}

  /** Adds the traffic of the all-slices results among `results`. */
  observe(results: Iterable<WindowResult>): void {
    for (const r of results) {
      const { stream } = r;
      if (stream.overflow || stream.modelVersion === '' || Object.keys(stream.slice).length > 0)
        continue;
      const count = r.samples.current > 0 ? r.samples.current : (r.service?.requests ?? 0);
      let versions = this.byModel.get(stream.modelName);
      if (versions === undefined) {
        versions = new Map();
        this.byModel.set(stream.modelName, versions);
      }
      const entries = versions.get(stream.modelVersion) ?? [];
      entries.push({ endMs: r.endUnixMillis, count });
      versions.set(stream.modelVersion, entries);
    }
  }

  /**
   * The version of `model` with the most traffic in the horizon before `nowMs` (ties: the
   * smaller version string), `undefined` when it has none.
   */
  busiest(model: string, nowMs: number): string | undefined {
    const versions = this.byModel.get(model);
    if (versions === undefined) return undefined;
    const since = nowMs - this.horizonMillis;
    let best: string | undefined;
    let bestCount = -1;
    for (const [version, entries] of versions) {
      while (entries.length > 0 && entries[0]!.endMs <= since) entries.shift();
      if (entries.length === 0) {
        versions.delete(version);
        continue;
      }
      const count = entries.reduce((sum, e) => sum + e.count, 0);
      if (count > bestCount || (count === bestCount && best !== undefined && version < best)) {
        best = version;
        bestCount = count;
      }
    }
    if (versions.size === 0) this.byModel.delete(model);
    return best;
  }
}
