/**
 * Settings of the capture store (serve config `capture`, docs/versions.md "Capture store"):
 * which share of each model's predictions is kept under the data directory, and the bounds of
 * the segments.
 */

/** The capture store's settings. */
export interface CaptureSettings {
  /** Share of predictions kept, per model unless `models` names it. @default 0.01 */
  readonly sampleRate: number;
  /** Per model name, its own share. */
  readonly models: Readonly<Record<string, number>>;
  /** Most bytes of all segments; the oldest go first. @default 256 MiB */
  readonly maxBytes: number;
  /** Segments older than this are deleted. @default 7 days */
  readonly maxAgeSeconds: number;
  /** A segment is closed and a new one started past this size. @default 16 MiB */
  readonly segmentBytes: number;
  /** Requests handed over between flushes; beyond it they are turned into lines at once. @default 1000 */
  readonly queueRequests: number;
}

/** The defaults (documented in docs/versions.md). */
export const DEFAULT_CAPTURE: CaptureSettings = {
  sampleRate: 0.01,
  models: {},
  maxBytes: 256 * 1024 * 1024,
  maxAgeSeconds: 7 * 24 * 3600,
  segmentBytes: 16 * 1024 * 1024,
  queueRequests: 1000,
};
