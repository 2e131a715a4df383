import type { AnyValue, Attributes, InstrumentationScope, Resource } from './otlp-types.js';
import type { ProtoReader } from './proto-reader.js';
import { withPath } from './otlp-decode-error.js';

/** Deepest nesting of array/kvlist AnyValues accepted; deeper input is rejected as hostile. */
export const MAX_ANY_VALUE_DEPTH = 32;

/**
 * Sets `attributes[key] = value`, defining `__proto__` as an own property instead of changing
 * the object's prototype (hostile keys must not alter object behaviour).
 */
export function setAttribute(attributes: Attributes, key: string, value: AnyValue): void {
  if (key === '__proto__') {
    Object.defineProperty(attributes, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    attributes[key] = value;
  }
}

/**
 * Decodes one `KeyValue` message (its length prefix not yet read) into `attributes`; the last
 * occurrence of a key wins.
 */
export function readKeyValue(
  r: ProtoReader,
  attributes: Attributes,
  depth: number,
  field: string,
): void {
  const end = r.lengthEnd();
  let key = '';
  let value: AnyValue;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: // 1 key (LEN)
        key = r.internedString();
        break;
      case 18: // 2 value AnyValue (LEN)
        try {
          value = readAnyValue(r, depth);
        } catch (e) {
          throw withPath(e, `${field}[${JSON.stringify(key)}]`);
        }
        break;
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  setAttribute(attributes, key, value);
}

/** Decodes a length-prefixed `AnyValue`; `undefined` when no value field is set. */
export function readAnyValue(r: ProtoReader, depth: number): AnyValue {
  const end = r.lengthEnd();
  let value: AnyValue;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: // 1 string_value
        value = r.internedString();
        break;
      case 16: // 2 bool_value
        value = r.bool();
        break;
      case 24: // 3 int_value
        value = r.int64();
        break;
      case 33: // 4 double_value (I64)
        value = r.double();
        break;
      case 42: // 5 array_value
        value = readArrayValue(r, depth + 1);
        break;
      case 50: // 6 kvlist_value
        value = readKeyValueList(r, depth + 1);
        break;
      case 58: // 7 bytes_value
        value = r.bytes();
        break;
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  return value;
}

function checkDepth(r: ProtoReader, depth: number): void {
  if (depth > MAX_ANY_VALUE_DEPTH) {
    throw r.error(`AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
  }
}

function readArrayValue(r: ProtoReader, depth: number): AnyValue[] {
  checkDepth(r, depth);
  const end = r.lengthEnd();
  const values: AnyValue[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) {
      // 1 values (repeated AnyValue)
      try {
        values.push(readAnyValue(r, depth));
      } catch (e) {
        throw withPath(e, `[${values.length}]`);
      }
    } else {
      r.skip(tag);
    }
  }
  r.checkEnd(end);
  return values;
}

function readKeyValueList(r: ProtoReader, depth: number): Attributes {
  checkDepth(r, depth);
  const end = r.lengthEnd();
  const attributes: Attributes = {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10)
      readKeyValue(r, attributes, depth, ''); // 1 values (repeated KeyValue)
    else r.skip(tag);
  }
  r.checkEnd(end);
  return attributes;
}

/** Decodes a length-prefixed `Resource`. */
export function readResource(r: ProtoReader): Resource {
  const end = r.lengthEnd();
  const attributes: Attributes = {};
  let droppedAttributesCount = 0;
  try {
    while (r.pos < end) {
      const tag = r.uint32();
      switch (tag) {
        case 10: // 1 attributes
          readKeyValue(r, attributes, 0, 'attributes');
          break;
        case 16: // 2 dropped_attributes_count
          droppedAttributesCount = r.uint32();
          break;
        default:
          r.skip(tag);
      }
    }
    r.checkEnd(end);
  } catch (e) {
    throw withPath(e, 'resource');
  }
  return { attributes, droppedAttributesCount };
}

/** Decodes a length-prefixed `InstrumentationScope`. */
export function readScope(r: ProtoReader): InstrumentationScope {
  const end = r.lengthEnd();
  let name = '';
  let version = '';
  const attributes: Attributes = {};
  let droppedAttributesCount = 0;
  try {
    while (r.pos < end) {
      const tag = r.uint32();
      switch (tag) {
        case 10: // 1 name
          name = r.string();
          break;
        case 18: // 2 version
          version = r.string();
          break;
        case 26: // 3 attributes
          readKeyValue(r, attributes, 0, 'attributes');
          break;
        case 32: // 4 dropped_attributes_count
          droppedAttributesCount = r.uint32();
          break;
        default:
          r.skip(tag);
      }
    }
    r.checkEnd(end);
  } catch (e) {
    throw withPath(e, 'scope');
  }
  return { name, version, attributes, droppedAttributesCount };
}

/** An empty resource, for ResourceX messages that carry none. */
export function emptyResource(): Resource {
  return { attributes: {}, droppedAttributesCount: 0 };
}

/** An empty scope, for ScopeX messages that carry none. */
export function emptyScope(): InstrumentationScope {
  return { name: '', version: '', attributes: {}, droppedAttributesCount: 0 };
}
