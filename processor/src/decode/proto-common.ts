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

// Decoded KeyValues wait on a shared stack until their message (or kvlist) ends, so that each
// attributes object is built in one go once its size is known (see buildAttributes). Decoding is
// synchronous, so nested messages simply use the stack above their parent's entries.
const stackKeys: string[] = [];
const stackValues: AnyValue[] = [];
let stackTop = 0;

/**
 * V8 turns an object literal into a slow (dictionary) object once dynamically added properties
 * pass a small limit (between 17 and 23 keys here), copying everything. Objects known to be that
 * large start in dictionary mode instead: measured about 2x cheaper to build for a 23-feature
 * map, while small attribute sets stay fast-mode objects for quick reads.
 */
const DICTIONARY_MODE_MIN_KEYS = 17;

/** Empties the KeyValue stack (start of each decode; an earlier decode may have thrown midway). */
export function resetAttributeStack(): void {
  for (let i = 0; i < stackTop; i++) stackValues[i] = undefined;
  stackTop = 0;
}

/** Marks where a message's KeyValues will start on the stack. */
export function attributeMark(): number {
  return stackTop;
}

/** Builds the attributes pushed since `mark` (last occurrence of a key wins) and pops them. */
export function buildAttributes(mark: number): Attributes {
  const n = stackTop - mark;
  if (n === 0) return {};
  let attributes: Attributes;
  if (n >= DICTIONARY_MODE_MIN_KEYS) {
    // Deleting a property other than the last one switches the object to dictionary mode.
    attributes = { a: undefined, b: undefined };
    delete attributes.a;
    delete attributes.b;
  } else {
    attributes = {};
  }
  for (let i = mark; i < stackTop; i++) {
    setAttribute(attributes, stackKeys[i]!, stackValues[i]);
    stackValues[i] = undefined; // do not keep decoded values reachable from the stack
  }
  stackTop = mark;
  return attributes;
}

/**
 * Decodes one `KeyValue` message (its length prefix not yet read) onto the KeyValue stack; the
 * enclosing message collects it with {@link buildAttributes}.
 * @param field the field name, for error paths
 */
export function readKeyValue(r: ProtoReader, depth: number, field: string): void {
  const end = r.lengthEnd();
  let key = '';
  let value: AnyValue;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: // 1 key (LEN)
        key = r.key();
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
  stackKeys[stackTop] = key;
  stackValues[stackTop] = value;
  stackTop++;
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
  const mark = attributeMark();
  while (r.pos < end) {
    const tag = r.uint32();
    // 1 values (repeated KeyValue)
    if (tag === 10) readKeyValue(r, depth, '');
    else r.skip(tag);
  }
  r.checkEnd(end);
  return buildAttributes(mark);
}

/**
 * Reads one element of a repeated message field and appends it to `list`; an error inside it
 * gets the path segment `field[index]`.
 */
export function pushMessage<T>(
  r: ProtoReader,
  list: T[],
  read: (r: ProtoReader) => T,
  field: string,
): void {
  try {
    list.push(read(r));
  } catch (e) {
    throw withPath(e, `${field}[${list.length}]`);
  }
}

/** Decodes a length-prefixed `Resource`. */
export function readResource(r: ProtoReader): Resource {
  const end = r.lengthEnd();
  const mark = attributeMark();
  let droppedAttributesCount = 0;
  try {
    while (r.pos < end) {
      const tag = r.uint32();
      switch (tag) {
        case 10: // 1 attributes
          readKeyValue(r, 0, 'attributes');
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
  return { attributes: buildAttributes(mark), droppedAttributesCount };
}

/** Decodes a length-prefixed `InstrumentationScope`. */
export function readScope(r: ProtoReader): InstrumentationScope {
  const end = r.lengthEnd();
  let name = '';
  let version = '';
  const mark = attributeMark();
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
          readKeyValue(r, 0, 'attributes');
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
  return { name, version, attributes: buildAttributes(mark), droppedAttributesCount };
}

/** An empty resource, for ResourceX messages that carry none. */
export function emptyResource(): Resource {
  return { attributes: {}, droppedAttributesCount: 0 };
}

/** An empty scope, for ScopeX messages that carry none. */
export function emptyScope(): InstrumentationScope {
  return { name: '', version: '', attributes: {}, droppedAttributesCount: 0 };
}
