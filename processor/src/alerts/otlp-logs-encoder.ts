/**
 * Encodes `ml.alert` events as an OTLP `ExportLogsServiceRequest` (opentelemetry-proto
 * `collector/logs/v1`, field numbers below) in protobuf or the OTLP/JSON mapping. By hand, like
 * the metrics encoder: the processor has no SDK log records to hand to the SDK serializer.
 */
import { ATTR_MLMON_PROCESSOR_ID, EVENT_ML_ALERT } from '@mlmon/conventions';
import { alertEventAttributes, alertEventBody, alertSeverity } from './alert-event-attributes.js';
import type { AlertTransition } from './evaluate-alerts.js';
import { ProtobufWriter } from '../wire/protobuf-writer.js';

/**
 * Instrumentation scope of the alert events and the alert-state gauge: the emitting package's
 * name, as OTel recommends for scope names (a dotted `mlmon.*` name would read as telemetry).
 */
export const MLMON_ALERT_SCOPE = '@mlmon/processor';

/** An attribute value: text, a double, or an int (bigint). */
type Value = string | number | bigint;

function groupByResource(
  transitions: readonly AlertTransition[],
  processorId: string,
): { resource: Record<string, string>; events: AlertTransition[] }[] {
  const groups = new Map<string, { resource: Record<string, string>; events: AlertTransition[] }>();
  for (const t of transitions) {
    const resource = { ...t.resource, [ATTR_MLMON_PROCESSOR_ID]: processorId };
    const key = JSON.stringify(Object.entries(resource).sort());
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { resource, events: [] }));
    group.events.push(t);
  }
  return [...groups.values()];
}

// --------------------------------------------------------------------------------- protobuf

/** `AnyValue`: string_value = 1, int_value = 3, double_value = 4. */
function anyValue(w: ProtobufWriter, v: Value): void {
  if (typeof v === 'number') w.double(4, v);
  else if (typeof v === 'bigint') w.varint(3, v);
  else w.string(1, v);
}

/** Repeated `KeyValue { key = 1; value = 2 }` in field `field`. */
function keyValues(w: ProtobufWriter, field: number, attributes: Record<string, Value>): void {
  for (const [key, v] of Object.entries(attributes)) {
    w.fork(field).string(1, key).fork(2);
    anyValue(w, v);
    w.join().join();
  }
}

const nanos = (ms: number): bigint => BigInt(Math.round(ms)) * 1_000_000n;

/** `ExportLogsServiceRequest` in protobuf. */
export function encodeAlertLogsProtobuf(
  transitions: readonly AlertTransition[],
  processorId: string,
  nowMs: number,
): Uint8Array {
  const w = new ProtobufWriter();
  for (const { resource, events } of groupByResource(transitions, processorId)) {
    w.fork(1); // ExportLogsServiceRequest.resource_logs
    w.fork(1); // ResourceLogs.resource
    keyValues(w, 1, resource);
    w.join();
    w.fork(2).fork(1).string(1, MLMON_ALERT_SCOPE).join(); // ScopeLogs.scope
    for (const t of events) {
      const severity = alertSeverity(t);
      w.fork(2) // ScopeLogs.log_records
        .fixed64(1, nanos(t.timeUnixMillis)) // time_unix_nano
        .varint(2, severity.number) // severity_number
        .string(3, severity.text) // severity_text
        .fork(5); // body
      anyValue(w, alertEventBody(t));
      w.join();
      keyValues(w, 6, alertEventAttributes(t)); // attributes
      w.fixed64(11, nanos(nowMs)) // observed_time_unix_nano
        .string(12, EVENT_ML_ALERT) // event_name
        .join();
    }
    w.join().join();
  }
  return w.finish();
}

// ------------------------------------------------------------------------------------- JSON

// OTLP/JSON writes int64 values as decimal strings.
const jsonValue = (v: Value): Record<string, string | number> =>
  typeof v === 'number'
    ? { doubleValue: v }
    : typeof v === 'bigint'
      ? { intValue: v.toString() }
      : { stringValue: v };
const jsonAttributes = (attributes: Record<string, Value>): unknown[] =>
  Object.entries(attributes).map(([key, v]) => ({ key, value: jsonValue(v) }));

/** `ExportLogsServiceRequest` in the OTLP/JSON mapping. */
export function encodeAlertLogsJson(
  transitions: readonly AlertTransition[],
  processorId: string,
  nowMs: number,
): string {
  return JSON.stringify({
    resourceLogs: groupByResource(transitions, processorId).map(({ resource, events }) => ({
      resource: { attributes: jsonAttributes(resource) },
      scopeLogs: [
        {
          scope: { name: MLMON_ALERT_SCOPE },
          logRecords: events.map((t) => {
            const severity = alertSeverity(t);
            return {
              timeUnixNano: nanos(t.timeUnixMillis).toString(),
              observedTimeUnixNano: nanos(nowMs).toString(),
              severityNumber: severity.number,
              severityText: severity.text,
              eventName: EVENT_ML_ALERT,
              body: { stringValue: alertEventBody(t) },
              attributes: jsonAttributes(alertEventAttributes(t)),
            };
          }),
        },
      ],
    })),
  });
}
