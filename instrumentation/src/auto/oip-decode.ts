/**
 * Open Inference Protocol (KServe V2) REST decoding: the infer path, and JSON request/response
 * bodies into named tensors. Pure functions; malformed input yields `undefined`, never a throw
 * into the proxy's forwarding path.
 * Spec: https://kserve.github.io/website/latest/modelserving/data_plane/v2_protocol/
 */
import type { NamedTensor, TensorKind } from '../tensor-predictions.js';

/** Model name and optional version from `/v2/models/{name}[/versions/{version}]/infer`. */
export interface OipInferPath {
  model: string;
  version?: string;
}

const INFER_PATH = /^\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?\/infer$/;

/** Parses an infer path (query string ignored); `undefined` for any other path. */
export function parseOipInferPath(pathWithQuery: string): OipInferPath | undefined {
  const path = pathWithQuery.split('?', 1)[0] ?? '';
  const match = INFER_PATH.exec(path);
  if (!match) return undefined;
  try {
    const model = decodeURIComponent(match[1] as string);
    return match[2] === undefined ? { model } : { model, version: decodeURIComponent(match[2]) };
  } catch {
    return undefined;
  }
}

/** A decoded infer request or response body. */
export interface OipMessage {
  id?: string;
  modelName?: string;
  modelVersion?: string;
  tensors: NamedTensor[];
}

function kindOf(datatype: unknown): TensorKind | undefined {
  if (typeof datatype !== 'string') return undefined;
  if (datatype === 'FP16' || datatype === 'FP32' || datatype === 'FP64' || datatype === 'BF16')
    return 'float';
  if (/^U?INT(8|16|32|64)$/.test(datatype)) return 'int';
  if (datatype === 'BYTES') return 'bytes';
  if (datatype === 'BOOL') return 'bool';
  return undefined;
}

/** Flattens OIP JSON tensor data (flat or nested row-major arrays). */
function flatten(
  data: unknown,
  out: (number | string | boolean)[] = [],
): (number | string | boolean)[] {
  if (Array.isArray(data)) for (const d of data) flatten(d, out);
  else if (typeof data === 'number' || typeof data === 'string' || typeof data === 'boolean')
    out.push(data);
  return out;
}

/** One OIP JSON tensor as a named tensor; `undefined` when it has no usable data. */
export function toNamedTensor(raw: unknown): NamedTensor | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const t = raw as Record<string, unknown>;
  const kind = kindOf(t['datatype']);
  const shape = t['shape'];
  if (
    typeof t['name'] !== 'string' ||
    !kind ||
    !Array.isArray(shape) ||
    !shape.every((d) => Number.isInteger(d))
  ) {
    return undefined;
  }
  if (t['data'] === undefined) return undefined; // binary-data extension: values are not in the JSON
  const data = flatten(t['data']);
  const expected = (shape as number[]).reduce((a, b) => a * b, 1);
  if (data.length !== expected) return undefined;
  return { name: t['name'], kind, shape: shape as number[], data };
}

/**
 * Parses an infer request (`inputs`) or response (`outputs`) body. With the binary-data
 * extension only the JSON header (`headerLength` bytes) is read.
 */
export function decodeOipMessage(
  body: Uint8Array,
  field: 'inputs' | 'outputs',
  headerLength?: number,
): OipMessage | undefined {
  let parsed: unknown;
  try {
    const json = headerLength !== undefined ? body.subarray(0, headerLength) : body;
    parsed = JSON.parse(new TextDecoder().decode(json));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const m = parsed as Record<string, unknown>;
  const list = m[field];
  if (!Array.isArray(list)) return undefined;
  const message: OipMessage = {
    tensors: list.map(toNamedTensor).filter((t): t is NamedTensor => t !== undefined),
  };
  if (typeof m['id'] === 'string' && m['id'] !== '') message.id = m['id'];
  if (typeof m['model_name'] === 'string' && m['model_name'] !== '')
    message.modelName = m['model_name'];
  if (typeof m['model_version'] === 'string' && m['model_version'] !== '')
    message.modelVersion = m['model_version'];
  return message;
}

/** Per-row prediction ids from the request id: `${id}` for one row, `${id}-${row}` otherwise. */
export function oipPredictionIds(id: string, rows: number): string[] {
  if (rows === 1) return [id];
  return Array.from({ length: rows }, (_, i) => `${id}-${i}`);
}
