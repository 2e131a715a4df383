import type { AnyValue, Attributes, InstrumentationScope, Resource } from './otlp-types.js';
import { OtlpDecodeError, withPath } from './otlp-decode-error.js';
import { MAX_ANY_VALUE_DEPTH, setAttribute } from './proto-common.js';

/**
 * Helpers for OTLP/JSON (protobuf JSON mapping as restricted by the OTLP spec): keys are
 * lowerCamelCase only, ids are hex, enums are integers, int64 may be a string or a number,
 * `null` means "not set", and unknown keys are ignored.
 */

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

const UTF8 = new TextDecoder('utf-8', { fatal: false });

/** Parses a JSON request body into its root object. */
export function parseJsonBody(body: Uint8Array | string): JsonObject {
  const text = typeof body === 'string' ? body : UTF8.decode(body);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    // JSON.parse throws SyntaxError for bad syntax and RangeError for absurd nesting.
    throw new OtlpDecodeError(`invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObject(root))
    throw new OtlpDecodeError(`request must be a JSON object, got ${describe(root)}`);
  return root;
}

/** True for a non-null, non-array object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Names a JSON value's type for error messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object'
    ? 'an object'
    : `${typeof v} ${JSON.stringify(v)?.slice(0, 40) ?? ''}`;
}

function fail(field: string, reason: string): never {
  throw new OtlpDecodeError(reason, field);
}

/** An optional nested object (absent or null → undefined). */
export function optObject(o: JsonObject, field: string): JsonObject | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) fail(field, `expected an object, got ${describe(v)}`);
  return v;
}

/** A repeated field (absent or null → empty). */
export function optArray(o: JsonObject, field: string): unknown[] {
  const v = o[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(field, `expected an array, got ${describe(v)}`);
  return v;
}

/**
 * Maps each element of a repeated message field through `decode`, prefixing errors with
 * `field[i]`.
 */
export function mapMessages<T>(o: JsonObject, field: string, decode: (item: JsonObject) => T): T[] {
  const items = optArray(o, field);
  const out: T[] = new Array<T>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    try {
      if (!isObject(item)) throw new OtlpDecodeError(`expected an object, got ${describe(item)}`);
      out[i] = decode(item);
    } catch (e) {
      throw withPath(e, `${field}[${i}]`);
    }
  }
  return out;
}

/** A string field ('' when absent). */
export function str(o: JsonObject, field: string): string {
  const v = o[field];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') fail(field, `expected a string, got ${describe(v)}`);
  return v;
}

/** A bool field. */
export function bool(o: JsonObject, field: string): boolean {
  const v = o[field];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') fail(field, `expected true or false, got ${describe(v)}`);
  return v;
}

/** A double field (number, or the strings "NaN", "Infinity", "-Infinity", or a numeric string). */
export function double(o: JsonObject, field: string): number {
  return doubleValue(o[field], field) ?? 0;
}

/** An optional double field (`undefined` when absent). */
export function optDouble(o: JsonObject, field: string): number | undefined {
  return doubleValue(o[field], field);
}

/** Converts one JSON double value; `undefined` for absent/null. */
export function doubleValue(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    const n = v.trim() === '' ? NaN : Number(v);
    if (!Number.isNaN(n)) return n;
  }
  return fail(field, `expected a number, got ${describe(v)}`);
}

const INT_PATTERN = /^-?\d+$/;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** Parses an integer JSON value (number or decimal string) to a bigint within the int64/uint64 range. */
function integerBig(v: unknown, field: string, signed: boolean): bigint | undefined {
  if (v === undefined || v === null) return undefined;
  let n: bigint;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) fail(field, `expected an integer, got ${describe(v)}`);
    n = BigInt(v);
  } else if (typeof v === 'string' && INT_PATTERN.test(v.trim())) {
    n = BigInt(v.trim());
  } else {
    return fail(field, `expected an integer (number or decimal string), got ${describe(v)}`);
  }
  if (signed ? n < INT64_MIN || n > UINT64_MAX >> 1n : n < 0n || n > UINT64_MAX) {
    fail(field, `integer ${n} out of ${signed ? 'int64' : 'uint64'} range`);
  }
  return n;
}

/** An int64 value: number when within ±(2^53 - 1), else bigint (as the protobuf decoder does). */
export function int64Value(v: unknown, field: string): number | bigint | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  const n = integerBig(v, field, true);
  if (n === undefined) return undefined;
  return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
}

/** A uint64 count as a number (0 when absent). */
export function uint64Number(o: JsonObject, field: string): number {
  const v = o[field];
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  const n = integerBig(v, field, false);
  return n === undefined ? 0 : Number(n);
}

/** Converts one element of a repeated uint64 field to a number. */
export function uint64Element(v: unknown, field: string): number {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  const n = integerBig(v, field, false);
  if (n === undefined) fail(field, 'null element in a repeated integer field');
  return Number(n);
}

/** A fixed64 nanosecond timestamp as bigint (0n when absent). */
export function timestamp(o: JsonObject, field: string): bigint {
  return integerBig(o[field], field, false) ?? 0n;
}

/** A 32-bit integer field (uint32, int32, fixed32, sint32, enum); `signed` selects the range. */
export function int32(o: JsonObject, field: string, signed: boolean): number {
  const v = o[field];
  if (v === undefined || v === null) return 0;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && INT_PATTERN.test(v.trim())) n = Number(v.trim());
  else return fail(field, `expected an integer, got ${describe(v)}`);
  const ok =
    Number.isInteger(n) &&
    (signed ? n >= -2147483648 && n <= 2147483647 : n >= 0 && n <= 4294967295);
  if (!ok)
    fail(field, `expected a ${signed ? 'signed' : 'unsigned'} 32-bit integer, got ${describe(v)}`);
  return n;
}

const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})*$/;

/** A trace/span id: hex in OTLP/JSON (not base64), returned lowercase ('' when absent). */
export function hexId(o: JsonObject, field: string): string {
  const v = o[field];
  if (v === undefined || v === null || v === '') return '';
  if (typeof v !== 'string' || !HEX_PATTERN.test(v)) {
    fail(field, `expected a hex string with an even number of digits, got ${describe(v)}`);
  }
  return v.toLowerCase();
}

const BASE64_PATTERN = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decodes a base64 (standard or URL-safe) bytes value. */
export function base64Bytes(v: unknown, field: string): Uint8Array {
  if (typeof v !== 'string' || !BASE64_PATTERN.test(v))
    fail(field, `expected base64 bytes, got ${describe(v)}`);
  return new Uint8Array(Buffer.from(v, 'base64'));
}

/** Decodes a JSON `AnyValue` object; `undefined` when no value key is set. */
export function anyValue(v: unknown, depth: number): AnyValue {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw new OtlpDecodeError(`expected an AnyValue object, got ${describe(v)}`);
  if (v.stringValue !== undefined && v.stringValue !== null) return str(v, 'stringValue');
  if (v.boolValue !== undefined && v.boolValue !== null) return bool(v, 'boolValue');
  if (v.intValue !== undefined && v.intValue !== null) return int64Value(v.intValue, 'intValue');
  if (v.doubleValue !== undefined && v.doubleValue !== null)
    return doubleValue(v.doubleValue, 'doubleValue');
  if (v.arrayValue !== undefined && v.arrayValue !== null) {
    checkDepth(depth + 1);
    const arr = optObject(v, 'arrayValue');
    const values = arr === undefined ? [] : optArray(arr, 'values');
    const out: AnyValue[] = new Array<AnyValue>(values.length);
    for (let i = 0; i < values.length; i++) {
      try {
        out[i] = anyValue(values[i], depth + 1);
      } catch (e) {
        throw withPath(e, `arrayValue.values[${i}]`);
      }
    }
    return out;
  }
  if (v.kvlistValue !== undefined && v.kvlistValue !== null) {
    checkDepth(depth + 1);
    const list = optObject(v, 'kvlistValue');
    const out: Attributes = {};
    if (list !== undefined) {
      try {
        keyValues(list, 'values', out, depth + 1);
      } catch (e) {
        throw withPath(e, 'kvlistValue');
      }
    }
    return out;
  }
  if (v.bytesValue !== undefined && v.bytesValue !== null)
    return base64Bytes(v.bytesValue, 'bytesValue');
  return undefined;
}

function checkDepth(depth: number): void {
  if (depth > MAX_ANY_VALUE_DEPTH)
    throw new OtlpDecodeError(`AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
}

/** Decodes a repeated `KeyValue` field into `out` (last occurrence of a key wins). */
export function keyValues(
  o: JsonObject,
  field: string,
  out: Attributes,
  depth: number,
): Attributes {
  const items = optArray(o, field);
  for (let i = 0; i < items.length; i++) {
    const kv = items[i];
    if (!isObject(kv))
      throw new OtlpDecodeError(
        `expected a KeyValue object, got ${describe(kv)}`,
        `${field}[${i}]`,
      );
    let key: string;
    try {
      key = str(kv, 'key');
    } catch (e) {
      throw withPath(e, `${field}[${i}]`);
    }
    try {
      setAttribute(out, key, anyValue(kv.value, depth));
    } catch (e) {
      throw withPath(e, `${field}[${JSON.stringify(key)}]`);
    }
  }
  return out;
}

/** Attributes of a message (`attributes` or another KeyValue field). */
export function attributes(o: JsonObject, field = 'attributes'): Attributes {
  return keyValues(o, field, {}, 0);
}

/** Decodes the optional `resource` of a ResourceX message. */
export function resource(o: JsonObject): Resource {
  try {
    const r = optObject(o, 'resource');
    if (r === undefined) return { attributes: {}, droppedAttributesCount: 0 };
    return {
      attributes: attributes(r),
      droppedAttributesCount: int32(r, 'droppedAttributesCount', false),
    };
  } catch (e) {
    throw withPath(e, 'resource');
  }
}

/** Decodes the optional `scope` of a ScopeX message. */
export function scope(o: JsonObject): InstrumentationScope {
  try {
    const s = optObject(o, 'scope');
    if (s === undefined)
      return { name: '', version: '', attributes: {}, droppedAttributesCount: 0 };
    return {
      name: str(s, 'name'),
      version: str(s, 'version'),
      attributes: attributes(s),
      droppedAttributesCount: int32(s, 'droppedAttributesCount', false),
    };
  } catch (e) {
    throw withPath(e, 'scope');
  }
}
