/**
 * Fills a monitoring state with many slice streams through the real `ingest` path: decoded
 * OTLP logs requests (plain objects, as the decoders return them) of `ml.prediction` events,
 * 20 numeric features each, one `ml.slice.shard` value per stream. Events carry no prediction
 * id, so no label-join bookkeeping is kept: what remains is the per-stream state alone.
 */
import {
  ATTR_ML_FEATURES,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_LABEL,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_SLICE,
  EVENT_ML_PREDICTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
} from '@mlmon/conventions';
import { ingest } from '../../processor/src/core.js';
import type { Attributes, LogRecord, OtlpRequest } from '../../processor/src/decode/otlp-types.js';
import type { MonitorState } from '../../processor/src/state/monitor-state.js';
import { normalSource, NUMERIC_NAMES, seededRandom } from './synthetic.js';

/** Events per ingested request. */
const REQUEST_EVENTS = 2000;

/** An `ml.prediction` log record at `t` (Unix ns) with `attributes`, made in span `spanId`. */
export function predictionLogRecord(
  t: bigint,
  attributes: Attributes,
  traceId = '',
  spanId = '',
): LogRecord {
  return {
    timeUnixNano: t,
    observedTimeUnixNano: t,
    severityNumber: 9,
    severityText: 'INFO',
    body: undefined,
    attributes,
    droppedAttributesCount: 0,
    flags: 0,
    traceId,
    spanId,
    eventName: EVENT_ML_PREDICTION,
  };
}

/** One decoded OTLP logs request (plain objects, as the decoders return them) of `records`. */
export function logsRequest(records: LogRecord[]): OtlpRequest {
  return {
    signal: 'logs',
    request: {
      resourceLogs: [
        {
          resource: { attributes: { 'service.name': 'mlmon-bench' }, droppedAttributesCount: 0 },
          scopeLogs: [
            {
              scope: { name: 'bench', version: '1', attributes: {}, droppedAttributesCount: 0 },
              logRecords: records,
              schemaUrl: '',
            },
          ],
          schemaUrl: '',
        },
      ],
    },
  } as OtlpRequest;
}

/**
 * The prediction records of `eventsPerStream` events in each of `streams` streams (slice
 * `ml.slice.shard` = `${slicePrefix}${i}`), stamped inside the window that starts at
 * `windowStartMs` (spread over its first `spreadMs`), seeded. Feature i is i/10 + `meanShift` +
 * N(0, 1).
 */
function streamRecords(
  streams: number,
  eventsPerStream: number,
  windowStartMs: number,
  seed: number,
  slicePrefix = 's',
  spreadMs = 1000,
  meanShift = 0,
): LogRecord[] {
  const uniform = seededRandom(seed);
  const normal = normalSource(uniform);
  const records: LogRecord[] = [];
  for (let e = 0; e < eventsPerStream; e++) {
    for (let s = 0; s < streams; s++) {
      const features: Attributes = {};
      for (let i = 0; i < NUMERIC_NAMES.length; i++)
        features[NUMERIC_NAMES[i]!] = i / 10 + meanShift + normal();
      const score = uniform();
      const t = BigInt(windowStartMs + Math.floor(uniform() * spreadMs)) * 1_000_000n;
      records.push(
        predictionLogRecord(
          t,
          {
            [ATTR_ML_MODEL_NAME]: 'bench-streams',
            [ATTR_ML_MODEL_VERSION]: '1',
            [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
            [ATTR_ML_PREDICTION_SCORE]: score,
            [ATTR_ML_PREDICTION_LABEL]: score >= 0.5 ? 'fraud' : 'legit',
            [ATTR_ML_SLICE('shard')]: `${slicePrefix}${s}`,
            [ATTR_ML_FEATURES]: features,
          },
          // Made inside a span, as instrumented apps emit them: exemplars are kept as in production.
          (seed * 1_000_000 + e * streams + s).toString(16).padStart(32, '0'),
          (e * streams + s + 1).toString(16).padStart(16, '0'),
        ),
      );
    }
  }
  return records;
}

/** One decoded OTLP logs request of {@link streamRecords}' records. */
export function streamsRequest(
  streams: number,
  eventsPerStream: number,
  windowStartMs: number,
  seed: number,
  slicePrefix = 's',
): OtlpRequest {
  return logsRequest(streamRecords(streams, eventsPerStream, windowStartMs, seed, slicePrefix));
}

/**
 * Ingests `eventsPerStream` events into each of `streams` streams, stamped inside the window
 * that starts at `windowStartMs` (spread over its first `spreadMs`), as of that window's time,
 * every feature's mean moved by `meanShift` standard deviations. Throws when any event is not
 * accepted, so a benchmark never measures an empty state.
 */
export function fillWindow(
  state: MonitorState,
  streams: number,
  eventsPerStream: number,
  windowStartMs: number,
  seed: number,
  spreadMs = 1000,
  meanShift = 0,
): void {
  const records = streamRecords(
    streams,
    eventsPerStream,
    windowStartMs,
    seed,
    's',
    spreadMs,
    meanShift,
  );
  const nowMs = windowStartMs + spreadMs;
  for (let at = 0; at < records.length; at += REQUEST_EVENTS) {
    const batch = records.slice(at, at + REQUEST_EVENTS);
    const result = ingest(state, logsRequest(batch), nowMs);
    if (result.accepted !== batch.length) {
      throw new Error(
        `fillWindow: ${result.accepted}/${batch.length} accepted (rejected ${JSON.stringify(result.rejected)}, dropped ${JSON.stringify(result.dropped)}, late ${result.late})`,
      );
    }
  }
}
