/**
 * The capture store: a bounded, sampled copy of the records under the data directory, for
 * root-cause analysis and retraining (`mlmon capture export`). Ingest only hands the request
 * over (a bounded queue, O(1)); extracting, sampling and writing happen on the flush timer, off
 * the receivers' path. Sampling is a hash of the prediction id (or trace and span), so a request
 * replayed from the write-ahead log after a crash samples the same records; the export drops
 * the repeats. A label is kept when its prediction was (a bounded memory of captured ids).
 */
import type { OtlpRequest } from '../decode/otlp-types.js';
import { extract } from '../extract/extract.js';
import type { PredictionRecord } from '../extract/types.js';
import { labelRow, predictionRow, type CapturedPrediction } from './capture-row.js';
import { CaptureSegments, captureDir } from './capture-segments.js';
import type { CaptureSettings } from './capture-settings.js';

/** Lines waiting to be written at most; beyond them new lines are dropped (counted). */
const MAX_PENDING_LINES = 200_000;
/** Captured prediction ids remembered for their labels. */
const MAX_CAPTURED_IDS = 100_000;
/** Recent predictions not sampled, kept per model for an alert's "window before". */
const RECENT_PER_MODEL = 2000;
/** Models whose recent predictions are kept (the first ones seen). */
const MAX_RECENT_MODELS = 200;

/** FNV-1a of `text` as a share in [0, 1). */
function hashShare(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 4294967296;
}

/** What the store did, for self-telemetry (`mlmon.processor.capture.records`) and tests. */
export interface CaptureCounts {
  /** Predictions queued for writing. */
  captured: number;
  /** Labels of captured predictions queued for writing. */
  labels: number;
  /** Predictions not captured because too many lines waited to be written. */
  droppedPredictions: number;
  /** Labels not captured because too many lines waited to be written. */
  droppedLabels: number;
}

/** The capture store of one service. */
export class CaptureStore {
  private queue: [OtlpRequest, number][] = [];
  /** Lines extracted but not yet written, and those being written. */
  private pending: string[] = [];
  private inFlight: string[] = [];
  /** Per model, the latest predictions sampling left out: time and line (bounded). */
  private readonly recent = new Map<string, CapturedPrediction[]>();
  /** Per model, predictions up to this time are all kept (the window after an alert). */
  private readonly boostedUntil = new Map<string, number>();
  private readonly segments: CaptureSegments;
  private readonly capturedIds = new Map<string, string>();
  private writing: Promise<void> = Promise.resolve();
  readonly counts: CaptureCounts = {
    captured: 0,
    labels: 0,
    droppedPredictions: 0,
    droppedLabels: 0,
  };

  constructor(
    dataDir: string,
    private readonly settings: CaptureSettings,
    now: () => number,
  ) {
    this.segments = new CaptureSegments(captureDir(dataDir), settings, now);
  }

  /**
   * Hands an ingested request over (the ingest path: no work beyond a push). A full queue — a
   * burst, or the write-ahead log replayed at start before any flush — is turned into lines
   * right away rather than dropped.
   */
  offer(request: OtlpRequest, nowMs: number): void {
    if (this.queue.length >= this.settings.queueRequests) this.drain();
    this.queue.push([request, nowMs]);
  }

  /** Writes what was handed over since the last flush; flushes run one after the other. */
  flush(): Promise<void> {
    // A failed write (logged by the service) must not stop the writes after it.
    this.writing = this.writing
      .catch(() => {})
      .then(async () => {
        this.drain();
        this.inFlight = this.pending;
        this.pending = [];
        if (this.inFlight.length > 0) await this.segments.append(`${this.inFlight.join('\n')}\n`);
        this.inFlight = [];
      });
    return this.writing;
  }

  /**
   * The lines of every request handed over that are not yet in a segment (being written, or
   * waiting): a checkpoint keeps them, so the requests it covers — which the write-ahead log
   * will not replay — reach the store even when the process dies before writing them.
   */
  backlog(): string[] {
    this.drain();
    return [...this.inFlight, ...this.pending];
  }

  /** Lines a restored checkpoint kept: written with the next flush (the export drops repeats). */
  restoreBacklog(lines: readonly string[]): void {
    this.pending.unshift(...lines);
  }

  private rateOf(model: string): number {
    return this.settings.models[model] ?? this.settings.sampleRate;
  }

  /**
   * An alert fired on `model` for the window ending at `endUnixMillis`: the predictions of that
   * window that sampling left out and are still held (the latest 2000 per model) are
   * kept, and so is every prediction of the model up to one window after it.
   */
  boostAround(model: string, endUnixMillis: number, windowMillis: number): void {
    this.drain();
    const from = endUnixMillis - windowMillis;
    const held = this.recent.get(model) ?? [];
    this.recent.set(
      model,
      held.filter((row) => {
        if (row.timeUnixMillis < from) return true;
        this.pending.push(JSON.stringify(row));
        this.counts.captured++;
        if (row.predictionId !== undefined) this.remember(row.predictionId, model);
        return false;
      }),
    );
    const until = endUnixMillis + windowMillis;
    if ((this.boostedUntil.get(model) ?? 0) < until) this.boostedUntil.set(model, until);
  }

  private sampled(r: PredictionRecord): boolean {
    if (r.timeMs <= (this.boostedUntil.get(r.model) ?? -Infinity)) return true;
    const rate = this.rateOf(r.model);
    if (rate >= 1) return true;
    const key = r.predictionId ?? (r.spanKey !== '' ? r.spanKey : undefined);
    // Without an id the record cannot be recognised again: sampled by chance.
    const share = key !== undefined ? hashShare(`${r.model}\u0000${key}`) : Math.random();
    return share < rate;
  }

  /** Extracts and samples the requests handed over into lines (synchronous). */
  private drain(): void {
    const batch = this.queue;
    this.queue = [];
    for (const [request, nowMs] of batch) {
      for (const r of extract(request, nowMs).records) {
        if (r.type === 'prediction') {
          if (!this.sampled(r)) {
            this.hold(r);
            continue;
          }
          if (!this.keep(JSON.stringify(predictionRow(r)), 'prediction')) continue;
          this.counts.captured++;
          if (r.predictionId !== undefined) this.remember(r.predictionId, r.model);
        } else if (r.type === 'ground_truth') {
          const model = this.capturedIds.get(r.predictionId);
          if (model === undefined) continue;
          if (this.keep(JSON.stringify(labelRow(r, model)), 'label')) this.counts.labels++;
        }
      }
    }
  }

  /** Queues a line for the next write; false (counted) when too many wait already. */
  private keep(line: string, kind: 'prediction' | 'label'): boolean {
    if (this.pending.length >= MAX_PENDING_LINES) {
      if (kind === 'prediction') this.counts.droppedPredictions++;
      else this.counts.droppedLabels++;
      return false;
    }
    this.pending.push(line);
    return true;
  }

  /** Keeps a prediction sampling left out among the model's latest (for an alert's window). */
  private hold(r: PredictionRecord): void {
    let held = this.recent.get(r.model);
    if (held === undefined) {
      if (this.recent.size >= MAX_RECENT_MODELS) return;
      held = [];
      this.recent.set(r.model, held);
    }
    if (held.length >= RECENT_PER_MODEL) held.shift();
    held.push(predictionRow(r));
  }

  private remember(id: string, model: string): void {
    if (this.capturedIds.size >= MAX_CAPTURED_IDS) {
      const oldest = this.capturedIds.keys().next().value;
      if (oldest !== undefined) this.capturedIds.delete(oldest);
    }
    this.capturedIds.set(id, model);
  }
}
