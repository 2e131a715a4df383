/**
 * Encodes `ml.alert` events as an OTLP `ExportLogsServiceRequest` (opentelemetry-proto
 * `collector/logs/v1`, field numbers below) in protobuf or the OTLP/JSON mapping. By hand, like
 * the metrics encoder: the processor has no SDK log records to hand to the SDK serializer.
 */
import { ATTR_MLMON_PROCESSOR_ID, EVENT_ML_ALERT } from '@mlmon/conventions';
import { alertEventAttributes, alertEventBody, alertSeverity } from './alert-event-attributes.js';
import type { AlertTransition } from './evaluate-alerts.js';

/**
 * Instrumentation scope of the alert events and the alert-state gauge: the emitting package's
 * name, as OTel recommends for scope names (a dotted `mlmon.*` name would read as telemetry).
 */
export const MLMON_ALERT_SCOPE = '@mlmon/processor';

type Value = string | number;

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

function varint(value: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  while (v >= 0x80n) {
    bytes.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  bytes.push(Number(v));
  return Buffer.from(bytes);
}
const tag = (field: number, wire: number): Buffer => varint((field << 3) | wire);
const len = (field: number, payload: Buffer): Buffer =>
  Buffer.concat([tag(field, 2), varint(payload.length), payload]);
const str = (field: number, value: string): Buffer => len(field, Buffer.from(value, 'utf8'));
function fixed64(field: number, value: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(value);
  return Buffer.concat([tag(field, 1), b]);
}
function double(field: number, value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value);
  return Buffer.concat([tag(field, 1), b]);
}
// AnyValue: string_value = 1, double_value = 4.
const anyValue = (v: Value): Buffer => (typeof v === 'number' ? double(4, v) : str(1, v));
// KeyValue: key = 1, value = 2.
const keyValue = (field: number, key: string, v: Value): Buffer =>
  len(field, Buffer.concat([str(1, key), len(2, anyValue(v))]));

const nanos = (ms: number): bigint => BigInt(Math.round(ms)) * 1_000_000n;

/** `ExportLogsServiceRequest` in protobuf. */
export function encodeAlertLogsProtobuf(
  transitions: readonly AlertTransition[],
  processorId: string,
  nowMs: number,
): Uint8Array {
  const resourceLogs = groupByResource(transitions, processorId).map(({ resource, events }) => {
    const records = events.map((t) => {
      const severity = alertSeverity(t);
      return len(
        2, // ScopeLogs.log_records
        Buffer.concat([
          fixed64(1, nanos(t.timeUnixMillis)), // time_unix_nano
          tag(2, 0),
          varint(severity.number), // severity_number
          str(3, severity.text), // severity_text
          len(5, anyValue(alertEventBody(t))), // body
          ...Object.entries(alertEventAttributes(t)).map(([k, v]) => keyValue(6, k, v)),
          fixed64(11, nanos(nowMs)), // observed_time_unix_nano
          str(12, EVENT_ML_ALERT), // event_name
        ]),
      );
    });
    const scope = len(1, str(1, MLMON_ALERT_SCOPE)); // ScopeLogs.scope
    return len(
      1, // ExportLogsServiceRequest.resource_logs
      Buffer.concat([
        len(1, Buffer.concat(Object.entries(resource).map(([k, v]) => keyValue(1, k, v)))),
        len(2, Buffer.concat([scope, ...records])),
      ]),
    );
  });
  return Buffer.concat(resourceLogs);
}

// ------------------------------------------------------------------------------------- JSON

const jsonValue = (v: Value): Record<string, Value> =>
  typeof v === 'number' ? { doubleValue: v } : { stringValue: v };
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
