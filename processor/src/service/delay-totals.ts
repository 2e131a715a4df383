/**
 * Ground-truth delay histograms summed over windows, per stream and `ml.ground_truth.source`.
 * Kept in a map per stream, so a stream's histograms are read by its key alone: the all-slices
 * stream's key is a prefix of its slice streams' keys, and a flat composite key would mix them.
 */
import type { SecondsHistogram } from '../evaluate/window-result.js';
import type { StartedDelayHistogram } from '../export/window-metrics.js';

/** Summed delay histograms by stream key, then by ground-truth source. */
export class DelayTotals {
  private readonly byStream = new Map<string, Map<string, StartedDelayHistogram>>();

  /** Adds a window's histograms of `streamKey`; a new sum starts at `startUnixMillis`. */
  add(
    streamKey: string,
    delays: Readonly<Record<string, SecondsHistogram>>,
    startUnixMillis: number,
  ): void {
    let sources = this.byStream.get(streamKey);
    for (const [source, h] of Object.entries(delays)) {
      if (sources === undefined) {
        sources = new Map();
        this.byStream.set(streamKey, sources);
      }
      sources.set(source, addDelays(sources.get(source), h, startUnixMillis));
    }
  }

  /** Drops the sums of a stream. */
  forget(streamKey: string): void {
    this.byStream.delete(streamKey);
  }

  /** The sums of one stream by source (empty when it has none). */
  of(streamKey: string): Record<string, StartedDelayHistogram> {
    return Object.fromEntries(this.byStream.get(streamKey) ?? []);
  }
}

/** Sums two delay histograms with the same bounds (the state uses fixed bounds). */
function addDelays(
  into: StartedDelayHistogram | undefined,
  h: SecondsHistogram,
  startUnixMillis: number,
): StartedDelayHistogram {
  if (!into) return { ...h, counts: [...h.counts], startUnixMillis };
  const min =
    into.min === undefined ? h.min : h.min === undefined ? into.min : Math.min(into.min, h.min);
  const max =
    into.max === undefined ? h.max : h.max === undefined ? into.max : Math.max(into.max, h.max);
  return {
    bounds: into.bounds,
    counts: into.counts.map((c, i) => c + (h.counts[i] ?? 0)),
    count: into.count + h.count,
    sum: into.sum + h.sum,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(into.startUnixMillis !== undefined ? { startUnixMillis: into.startUnixMillis } : {}),
  };
}
