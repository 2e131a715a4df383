/**
 * What the service needs from the pure core (`decode → extract → state`), as one port, so the
 * composition can be tested apart from the core and the core apart from sockets and timers.
 */
import type { OtlpRequest } from '../decode/otlp-types.js';
import type { ReferenceReset } from '../state/reset-references.js';
import type { ClosedWindow } from '../state/types.js';

/** Outcome of ingesting one request, by record. */
export interface IngestOutcome {
  /** Records taken into the state. */
  readonly accepted: number;
  /** Records refused (reported back as partial success), by reason. */
  readonly rejected: Readonly<Record<string, number>>;
  readonly rejectedTotal: number;
  /** Valid records mlmon does not use, by reason. */
  readonly dropped: Readonly<Record<string, number>>;
  /** Records for windows that had already closed. */
  readonly late: number;
}

/** Gauges the state exposes for self-telemetry. */
export interface PipelineGauges {
  /** Streams the state keeps (slice streams and all-slices streams). */
  readonly streams: number;
  /** Predictions waiting for their label. */
  readonly pendingLabels: number;
  /** Records routed to overflow streams since start. */
  readonly overflowTotal: number;
  /** Labeled pairs held for CBPE calibrations from model versions' own pairs. */
  readonly cbpeReferencePairs?: number;
}

/** Windows sealed at one close. */
export interface SealedWindows {
  /** Whether nothing was sealed (no window had closed). */
  readonly empty: boolean;
  /** The next closed window, or `undefined` once all were emitted. */
  next(): ClosedWindow | undefined;
  /** Applies what the closing changes for ingest; call once, after the last `next`. */
  finish(): void;
  /**
   * After `finish`: one step of the work the closing decided but left out of its turn (a CBPE
   * calibration, one class at a time); false when none is left. Without it there is none.
   */
  buildStep?(): boolean;
}

/** The core as the service drives it. */
export interface Pipeline {
  /** Extracts and applies one decoded request at `nowMs`. */
  ingest(request: OtlpRequest, nowMs: number): IngestOutcome;
  /** Closes every window `nowMs` has passed. */
  closeWindows(nowMs: number): ClosedWindow[];
  /**
   * Seals the windows `nowMs` has passed, to be emitted one by one while ingest goes on (see
   * state/close-windows.ts). A pipeline without it closes at once.
   */
  sealWindows?(nowMs: number): SealedWindows;
  /**
   * Drops the stored references of model `model` (version `version`, or every version); the
   * next window with predictions starts the comparison over. A pipeline without it cannot reset.
   */
  resetReferences?(model: string, version: string | undefined): ReferenceReset;
  /** Current gauges. */
  gauges(): PipelineGauges;
  /**
   * Drops the streams idle at `nowMs` and returns their series keys, so their results and
   * cached references go too. A pipeline without it keeps every stream.
   */
  expireIdleStreams?(nowMs: number): readonly string[];
  /**
   * The core's state as JSON-safe data, for a checkpoint. It must reflect exactly the requests
   * ingested so far. A pipeline without it is still durable, through its write-ahead log alone
   * (no checkpoints, so the whole log is replayed on start).
   */
  snapshot?(): unknown;
  /**
   * Replaces the core's state with one from {@link snapshot} (recovery restores into the
   * pipeline the service already holds). Throws when the data cannot be used.
   */
  restore?(snapshot: unknown): void;
}
