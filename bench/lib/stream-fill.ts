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

function request(records: LogRecord[]): OtlpRequest {
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
 * Ingests `eventsPerStream` events into each of `streams` streams, stamped inside the window
 * that starts at `windowStartMs` (spread over its first `spreadMs`), as of that window's time.
 * Throws when any event is not accepted, so a benchmark never measures an empty state.
 */
export function fillWindow(
  state: MonitorState,
  streams: number,
  eventsPerStream: number,
  windowStartMs: number,
  seed: number,
  spreadMs = 1000,
): void {
  const uniform = seededRandom(seed);
  const normal = normalSource(uniform);
  let batch: LogRecord[] = [];
  const nowMs = windowStartMs + spreadMs;
  const flush = (): void => {
    if (batch.length === 0) return;
    const result = ingest(state, request(batch), nowMs);
    if (result.accepted !== batch.length) {
      throw new Error(
        `fillWindow: ${result.accepted}/${batch.length} accepted (rejected ${JSON.stringify(result.rejected)}, dropped ${JSON.stringify(result.dropped)}, late ${result.late})`,
      );
    }
    batch = [];
  };
  for (let e = 0; e < eventsPerStream; e++) {
    for (let s = 0; s < streams; s++) {
      const features: Attributes = {};
      for (let i = 0; i < NUMERIC_NAMES.length; i++)
        features[NUMERIC_NAMES[i]!] = i / 10 + normal();
      const score = uniform();
      const t = BigInt(windowStartMs + Math.floor(uniform() * spreadMs)) * 1_000_000n;
      batch.push({
        timeUnixNano: t,
        observedTimeUnixNano: t,
        severityNumber: 9,
        severityText: 'INFO',
        body: undefined,
        attributes: {
          [ATTR_ML_MODEL_NAME]: 'bench-streams',
          [ATTR_ML_MODEL_VERSION]: '1',
          [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
          [ATTR_ML_PREDICTION_SCORE]: score,
          [ATTR_ML_PREDICTION_LABEL]: score >= 0.5 ? 'fraud' : 'legit',
          [ATTR_ML_SLICE('shard')]: `s${s}`,
          [ATTR_ML_FEATURES]: features,
        },
        droppedAttributesCount: 0,
        flags: 0,
        traceId: '',
        spanId: '',
        eventName: EVENT_ML_PREDICTION,
      });
      if (batch.length >= REQUEST_EVENTS) flush();
    }
  }
  flush();
}
