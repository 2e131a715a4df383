/**
 * One captured record as a JSON line: a prediction (features, outputs, trace and span ids,
 * slice, version, time) or a label for a captured prediction. Only what arrived is kept: fields
 * the instrumentation redacted never reached the processor.
 */
import type { AnyValue, Attributes } from '../decode/otlp-types.js';
import type { GroundTruthRecord, PredictionRecord } from '../extract/types.js';

/** A captured prediction. */
export interface CapturedPrediction {
  readonly kind: 'prediction';
  readonly timeUnixMillis: number;
  readonly model: string;
  readonly version: string;
  readonly predictionId?: string;
  readonly traceId?: string;
  readonly spanId?: string;
  readonly slice: Readonly<Record<string, string>>;
  readonly features: Readonly<Record<string, string | number | boolean | null>>;
  readonly score?: number;
  readonly label?: string;
  readonly value?: number;
}

/** A label that arrived for a captured prediction. */
export interface CapturedLabel {
  readonly kind: 'label';
  readonly timeUnixMillis: number;
  readonly model: string;
  readonly predictionId: string;
  readonly label?: string;
  readonly value?: number;
}

/** A line of a capture segment. */
export type CapturedRow = CapturedPrediction | CapturedLabel;

/** A scalar feature value as JSON (arrays and maps are kept as JSON text). */
function scalar(v: AnyValue): string | number | boolean | null {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v === undefined) return null;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
}

function featuresOf(
  attributes: Attributes | undefined,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(attributes ?? {})) out[k] = scalar(v);
  return out;
}

/** The row of a prediction record. */
export function predictionRow(r: PredictionRecord): CapturedPrediction {
  const [traceId, spanId] = r.spanKey === '' ? [] : r.spanKey.split(':');
  return {
    kind: 'prediction',
    timeUnixMillis: r.timeMs,
    model: r.model,
    version: r.version,
    ...(r.predictionId !== undefined ? { predictionId: r.predictionId } : {}),
    ...(traceId ? { traceId } : {}),
    ...(spanId ? { spanId } : {}),
    slice: Object.fromEntries(r.slices),
    features: featuresOf(r.features),
    ...(r.score !== undefined ? { score: r.score } : {}),
    ...(r.label !== undefined ? { label: r.label } : {}),
    ...(r.value !== undefined ? { value: r.value } : {}),
  };
}

/** The row of a label for a captured prediction of `model`. */
export function labelRow(r: GroundTruthRecord, model: string): CapturedLabel {
  return {
    kind: 'label',
    timeUnixMillis: r.timeMs,
    model,
    predictionId: r.predictionId,
    ...(r.label !== undefined ? { label: r.label } : {}),
    ...(r.value !== undefined ? { value: r.value } : {}),
  };
}
