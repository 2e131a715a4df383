/**
 * The status API's {@link StatusSource} over the service's per-stream history of evaluation
 * results ({@link WindowResult}). The results pass through unchanged (the builders render them);
 * read on every request: the service keeps the results, this module keeps nothing.
 */
import type { SloStatus } from '../alerts/evaluate-slos.js';
import type { WindowResult } from '../evaluate/window-result.js';
import type { StatusAlert, StatusReadiness, StatusSource, StatusStream } from './types.js';

/** What the service offers: the latest result per stream and each stream's history. */
export interface WindowResultStore {
  /** The latest result of every stream. */
  latestResults(): readonly WindowResult[];
  /** The kept results of a stream, oldest first. */
  history(streamKey: string): readonly WindowResult[];
}

/** Optional parts of the status that do not come from window results. */
export interface StatusSourceOptions {
  /** Current alert states (from the alert rules). @default none */
  readonly alerts?: () => readonly StatusAlert[];
  /** Readiness for `/readyz`. @default always ready */
  readonly readiness?: () => StatusReadiness;
  /** The SLOs' latest statuses. @default none */
  readonly slos?: () => readonly SloStatus[];
  /** URL of a trace in the user's trace backend, with `{traceId}` (and `{spanId}`). */
  readonly traceUrlTemplate?: string;
}

/**
 * A {@link StatusSource} over the service's results. The overflow stream (records beyond the
 * stream cap) is left out: it has no model of its own to show; `/metrics` carries it with
 * `otel.metric.overflow=true`.
 */
export function statusSourceFromResults(
  store: WindowResultStore,
  options: StatusSourceOptions = {},
): StatusSource {
  return {
    listStreams: (): StatusStream[] =>
      store
        .latestResults()
        .filter((result) => result.stream.overflow !== true)
        .map(({ stream }) => ({
          key: stream.key,
          modelName: stream.modelName,
          modelVersion: stream.modelVersion,
          ...(stream.task !== undefined ? { task: stream.task } : {}),
          slice: stream.slice,
        })),
    history: (streamKey, n) => store.history(streamKey).slice(-n),
    alerts: () => options.alerts?.() ?? [],
    slos: () => options.slos?.() ?? [],
    ...(options.readiness !== undefined ? { readiness: options.readiness } : {}),
    ...(options.traceUrlTemplate !== undefined
      ? { traceUrlTemplate: () => options.traceUrlTemplate }
      : {}),
  };
}
