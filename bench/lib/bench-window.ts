/**
 * A bare window result of the benchmark stream, for suites that judge decisions with
 * `evaluateAlerts`: stream `key` of model `bench` version 1, window `k` of `windowMs`, nothing
 * evaluated but the `parts` the suite gives.
 */
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';

/** Window `k` of stream `key`, with `parts` over empty defaults. */
export function benchWindow(
  key: string,
  k: number,
  windowMs: number,
  parts: Partial<Omit<WindowResult, 'stream' | 'startUnixMillis' | 'endUnixMillis'>>,
): WindowResult {
  return {
    stream: {
      key,
      modelName: 'bench',
      modelVersion: '1',
      slice: {},
      resource: { attributes: {}, key: '' },
    },
    startUnixMillis: k * windowMs,
    endUnixMillis: (k + 1) * windowMs,
    samples: { reference: 0, current: 0, labeled: 0 },
    drift: [],
    dataQuality: [],
    quality: [],
    groundTruth: { labeled: 0, delays: {} },
    notes: [],
    ...parts,
  };
}
