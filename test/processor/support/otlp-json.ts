/** Builds OTLP/JSON logs requests from scenario events (the fixture form of the golden test). */
import type { ScenarioEvent } from './scenario.js';

type JsonAnyValue =
  | { stringValue: string }
  | { intValue: string }
  | { doubleValue: number }
  | { kvlistValue: { values: { key: string; value: JsonAnyValue }[] } }
  | { arrayValue: { values: JsonAnyValue[] } };

function anyValue(v: ScenarioEvent['attributes'][string]): JsonAnyValue {
  if (typeof v === 'string') return { stringValue: v };
  if (Array.isArray(v))
    return { arrayValue: { values: v.map((x: string | number) => anyValue(x)) } };
  if (typeof v === 'number')
    return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  return {
    kvlistValue: { values: Object.entries(v).map(([key, x]) => ({ key, value: anyValue(x) })) },
  };
}

/** One `ExportLogsServiceRequest` (OTLP/JSON bytes) carrying the events. */
export function logsRequestJson(
  events: readonly ScenarioEvent[],
  serviceName = 'checkout',
): Uint8Array {
  const body = {
    resourceLogs: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: serviceName } },
            { key: 'service.instance.id', value: { stringValue: 'pod-7' } },
          ],
        },
        scopeLogs: [
          {
            scope: { name: 'mlmon-test' },
            logRecords: events.map((e) => ({
              timeUnixNano: `${BigInt(e.timeMs) * 1_000_000n}`,
              eventName: e.eventName,
              attributes: Object.entries(e.attributes).map(([key, v]) => ({
                key,
                value: anyValue(v),
              })),
            })),
          },
        ],
      },
    ],
  };
  return new TextEncoder().encode(JSON.stringify(body));
}
