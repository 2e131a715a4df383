/**
 * Row 2 (in-process): events/s through mlmon's whole ingest (decode → extract → state) of the
 * fixed 1000-event OTLP logs payload, against the generated protobufjs decoder of
 * `@opentelemetry/otlp-transformer@0.214.0` merely decoding the same bytes. Each repetition
 * ingests into a fresh state (as the first request of a window would), so prediction ids are new.
 * The same for 1000 `ml.inference` spans against the legacy traces decoder, and the service-SLI
 * share of the spans' ingest: the same ingest with the inference calls left out of the records.
 * And what example keeping (exemplars) adds: the logs ingest with `exemplars: false` beside it.
 */
import { createRequire } from 'node:module';
import { ingest } from '../../processor/src/core.js';
import { decodeOtlpRequest } from '../../processor/src/decode/decode-otlp-request.js';
import { extract } from '../../processor/src/extract/extract.js';
import { applyRecords } from '../../processor/src/state/apply-records.js';
import { createState } from '../../processor/src/state/streams.js';
import { buildLogsPayload } from '../lib/logs-payload.js';
import { buildTracesPayload } from '../lib/traces-payload.js';
import { interleave, medianOf, pairedRatio } from '../lib/measure.js';
import { round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';

/** The part of the generated root this suite calls. */
interface LegacyRoot {
  opentelemetry: {
    proto: {
      collector: {
        logs: { v1: { ExportLogsServiceRequest: { decode(bytes: Uint8Array): unknown } } };
        trace: { v1: { ExportTraceServiceRequest: { decode(bytes: Uint8Array): unknown } } };
      };
    };
  };
}

function legacyRoot(): LegacyRoot {
  const require = createRequire(import.meta.url);
  return require('otlp-legacy/build/src/generated/root.js') as LegacyRoot;
}

/** The legacy generated decoder (CommonJS, no exports map, so a deep require). */
export function legacyLogsDecoder(): (bytes: Uint8Array) => unknown {
  const Request = legacyRoot().opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
  return (bytes) => Request.decode(bytes);
}

/** The legacy generated traces decoder. */
function legacyTracesDecoder(): (bytes: Uint8Array) => unknown {
  const Request = legacyRoot().opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
  return (bytes) => Request.decode(bytes);
}

/** Runs the in-process part of row 2. */
export async function runIngestInProcess(options: SuiteOptions): Promise<SuiteResult> {
  const payload = buildLogsPayload(1000);
  const spans = buildTracesPayload(1000);
  const legacy = legacyLogsDecoder();
  const legacyTraces = legacyTracesDecoder();
  const perRound = options.quick ? 20 : 50;
  const rounds = options.quick ? 15 : 31;

  // Sanity: mlmon must take every event of the payload, else the row would time a no-op.
  const check = ingest(
    createState(),
    decodeOtlpRequest('logs', payload.bytes, 'protobuf'),
    payload.nowMs,
  );
  if (check.accepted !== payload.events) {
    throw new Error(
      `ingest accepted ${check.accepted} of ${payload.events} events (rejected ${JSON.stringify(check.rejected)}, dropped ${JSON.stringify(check.dropped)})`,
    );
  }
  const spanCheck = ingest(
    createState(),
    decodeOtlpRequest('traces', spans.bytes, 'protobuf'),
    spans.nowMs,
  );
  if (spanCheck.accepted !== spans.events) {
    throw new Error(`ingest accepted ${spanCheck.accepted} of ${spans.events} spans`);
  }
  /** The spans' ingest without the service SLIs: the inference calls are left out. */
  const ingestWithoutSlis = (): unknown => {
    const extracted = extract(decodeOtlpRequest('traces', spans.bytes, 'protobuf'), spans.nowMs);
    const records = extracted.records.filter((r) => r.type !== 'inference');
    return applyRecords(createState(), records, spans.nowMs);
  };
  const msPer = (fn: () => void): number => {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) fn();
    return (performance.now() - t0) / perRound;
  };
  let keep: unknown;
  const variants = [
    {
      name: 'mlmon',
      run: () =>
        msPer(() => {
          keep = ingest(
            createState(),
            decodeOtlpRequest('logs', payload.bytes, 'protobuf'),
            payload.nowMs,
          );
        }),
    },
    {
      // The same ingest with example keeping off: what exemplars cost on the ingest path (the
      // payload's events are made inside spans, so every one is offered).
      name: 'mlmon-no-exemplars',
      run: () =>
        msPer(() => {
          keep = ingest(
            createState({ exemplars: false }),
            decodeOtlpRequest('logs', payload.bytes, 'protobuf'),
            payload.nowMs,
          );
        }),
    },
    {
      name: 'mlmon-decode',
      run: () => msPer(() => void (keep = decodeOtlpRequest('logs', payload.bytes, 'protobuf'))),
    },
    { name: 'legacy', run: () => msPer(() => void (keep = legacy(payload.bytes))) },
    {
      name: 'mlmon-spans',
      run: () =>
        msPer(() => {
          keep = ingest(
            createState(),
            decodeOtlpRequest('traces', spans.bytes, 'protobuf'),
            spans.nowMs,
          );
        }),
    },
    { name: 'mlmon-spans-no-sli', run: () => msPer(() => void (keep = ingestWithoutSlis())) },
    { name: 'legacy-spans', run: () => msPer(() => void (keep = legacyTraces(spans.bytes))) },
  ];
  for (const v of variants) for (let i = 0; i < 3; i++) v.run(); // warm-up
  options.log(
    `ingest: ${rounds} rounds × ${perRound} payloads × ${variants.length} variants (${payload.bytes.length} B logs, ${spans.bytes.length} B spans)`,
  );
  const samples = await interleave(variants, rounds);
  void keep;
  const eps = (ms: number): number => (payload.events * 1000) / ms;
  const legacyMs = medianOf(samples, 'legacy');
  // Throughput ratio = legacy time / mlmon time (paired per round).
  const ratio = 1 / pairedRatio(samples, 'mlmon', 'legacy');
  const decodeRatio = 1 / pairedRatio(samples, 'mlmon-decode', 'legacy');
  const spanRatio = 1 / pairedRatio(samples, 'mlmon-spans', 'legacy-spans');
  const sliMicros =
    ((medianOf(samples, 'mlmon-spans') - medianOf(samples, 'mlmon-spans-no-sli')) * 1000) /
    spans.events;
  const baseline =
    'otlp-transformer@0.214.0 generated ExportLogsServiceRequest.decode (decode only)';
  const rows: BenchRow[] = [
    {
      name: 'ingest.in_process.decode_extract_state',
      unit: 'events/s',
      value: round(eps(medianOf(samples, 'mlmon'))),
      baseline,
      baseline_value: round(eps(legacyMs)),
      ratio: round(ratio),
      goal: 'ratio >= 1.0',
      met: ratio >= 1.0,
    },
    {
      name: 'ingest.in_process.spans.decode_extract_state',
      unit: 'spans/s',
      value: round(eps(medianOf(samples, 'mlmon-spans'))),
      baseline: 'otlp-transformer@0.214.0 generated ExportTraceServiceRequest.decode (decode only)',
      baseline_value: round(eps(medianOf(samples, 'legacy-spans'))),
      ratio: round(spanRatio),
      goal: 'ratio >= 1.0',
      met: spanRatio >= 1.0,
    },
    {
      name: 'ingest.in_process.spans.sli_cost_per_span',
      unit: 'µs/span',
      value: round(sliMicros, 3),
      baseline: 'the same spans ingest without the inference calls (no service SLIs)',
      baseline_value: round((medianOf(samples, 'mlmon-spans-no-sli') * 1000) / spans.events, 3),
      ratio: round(pairedRatio(samples, 'mlmon-spans', 'mlmon-spans-no-sli')),
      goal: null,
      met: null,
    },
    {
      name: 'ingest.in_process.exemplar_cost',
      unit: 'ratio of ingest times',
      value: round(pairedRatio(samples, 'mlmon', 'mlmon-no-exemplars')),
      baseline: 'the same ingest with exemplars off (createState({ exemplars: false }))',
      baseline_value: 1,
      ratio: round(pairedRatio(samples, 'mlmon', 'mlmon-no-exemplars')),
      goal: 'ratio <= 1.05',
      met: pairedRatio(samples, 'mlmon', 'mlmon-no-exemplars') <= 1.05,
    },
    {
      name: 'ingest.in_process.decode_only',
      unit: 'events/s',
      value: round(eps(medianOf(samples, 'mlmon-decode'))),
      baseline,
      baseline_value: round(eps(legacyMs)),
      ratio: round(decodeRatio),
      goal: null,
      met: null,
    },
  ];
  return {
    rows,
    notes: [
      `ingest: payload ${payload.bytes.length} bytes, ${payload.events} events; per payload mlmon ingest ${round(medianOf(samples, 'mlmon'), 3)} ms, mlmon decode ${round(medianOf(samples, 'mlmon-decode'), 3)} ms, legacy decode ${round(legacyMs, 3)} ms (medians of ${rounds} interleaved rounds).`,
    ],
  };
}
