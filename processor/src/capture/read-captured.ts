/**
 * Reads the capture segments of a data directory back: the predictions of a model that match the
 * filters, each once (a request replayed from the write-ahead log after a crash is captured
 * again; the first copy wins), with the label that arrived for it.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CapturedLabel, CapturedPrediction, CapturedRow } from './capture-row.js';
import { captureDir, listCaptureSegments } from './capture-segments.js';

/** Which captured predictions to read. */
export interface CaptureFilter {
  readonly model: string;
  readonly version?: string;
  /** Every entry must match the prediction's slice. */
  readonly slice?: Readonly<Record<string, string>>;
  /** Inclusive start and exclusive end of the prediction time, Unix epoch milliseconds. */
  readonly fromUnixMillis?: number;
  readonly toUnixMillis?: number;
}

/** A captured prediction with its label, if one arrived. */
export interface CapturedExample {
  readonly prediction: CapturedPrediction;
  readonly label?: CapturedLabel;
}

const identity = (p: CapturedPrediction): string =>
  p.predictionId !== undefined
    ? `id\u0000${p.version}\u0000${p.predictionId}`
    : `span\u0000${p.version}\u0000${p.traceId ?? ''}\u0000${p.spanId ?? ''}\u0000${p.timeUnixMillis}\u0000${JSON.stringify(p.features)}`;

function matches(p: CapturedPrediction, f: CaptureFilter): boolean {
  if (p.model !== f.model) return false;
  if (f.version !== undefined && p.version !== f.version) return false;
  if (f.fromUnixMillis !== undefined && p.timeUnixMillis < f.fromUnixMillis) return false;
  if (f.toUnixMillis !== undefined && p.timeUnixMillis >= f.toUnixMillis) return false;
  for (const [k, v] of Object.entries(f.slice ?? {})) if (p.slice[k] !== v) return false;
  return true;
}

/** The captured examples of `dataDir` that match `filter`, in capture order. */
export async function readCaptured(
  dataDir: string,
  filter: CaptureFilter,
): Promise<CapturedExample[]> {
  const predictions = new Map<string, CapturedPrediction>();
  const labels = new Map<string, CapturedLabel>();
  for (const path of await listCaptureSegments(captureDir(dataDir))) {
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === '') continue;
      let row: CapturedRow;
      try {
        row = JSON.parse(line) as CapturedRow;
      } catch {
        continue; // a line cut short by a crash
      }
      if (row.kind === 'label') {
        if (row.model === filter.model && !labels.has(row.predictionId))
          labels.set(row.predictionId, row);
      } else if (matches(row, filter)) {
        const key = identity(row);
        if (!predictions.has(key)) predictions.set(key, row);
      }
    }
  }
  return [...predictions.values()].map((prediction) => {
    const label =
      prediction.predictionId !== undefined ? labels.get(prediction.predictionId) : undefined;
    return label !== undefined ? { prediction, label } : { prediction };
  });
}
