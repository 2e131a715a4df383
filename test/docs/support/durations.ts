/**
 * Durations as TraceQL and Jaeger's search API write them: Go's `time.ParseDuration` format
 * (`500ms`, `1.5s`, `1h30m`).
 */

const UNIT_NANOS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** A whole duration: one or more number-unit parts. */
const DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** Nanoseconds of `text`, or undefined when it is not a duration. */
export function durationNanos(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(m[1]) * UNIT_NANOS[m[2]!]!;
  }
  return total;
}
