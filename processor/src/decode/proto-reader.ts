import { OtlpDecodeError } from './otlp-decode-error.js';

/** Protobuf wire types. */
const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_SGROUP = 3;
const WIRE_EGROUP = 4;
const WIRE_I32 = 5;

/** Deepest nesting of (deprecated) groups that {@link ProtoReader.skip} follows before giving up. */
const MAX_GROUP_DEPTH = 32;

const TWO_POW_32 = 4294967296;

interface BufferSlicer {
  utf8Slice(this: Buffer, start: number, end: number): string;
  latin1Slice(this: Buffer, start: number, end: number): string;
  hexSlice(this: Buffer, start: number, end: number): string;
}
// Node's native slicers skip the argument checks of `Buffer#toString` (measured ~2.5x faster than
// TextDecoder for attribute-sized strings); fall back to the public API where they are missing.
const slicer = Buffer.prototype as unknown as Partial<BufferSlicer>;
const utf8Slice: BufferSlicer['utf8Slice'] =
  slicer.utf8Slice ??
  function (this: Buffer, start: number, end: number): string {
    return this.toString('utf8', start, end);
  };
const latin1Slice: BufferSlicer['latin1Slice'] =
  slicer.latin1Slice ??
  function (this: Buffer, start: number, end: number): string {
    return this.toString('latin1', start, end);
  };

// Lowercase hex as one flat string (a per-byte concatenation builds a rope; measured 2x slower).
const hexSlice: BufferSlicer['hexSlice'] =
  slicer.hexSlice ??
  function (this: Buffer, start: number, end: number): string {
    return this.toString('hex', start, end);
  };

// Attribute keys (and many categorical values) repeat in every record of a request. A small
// direct-mapped cache of short ASCII strings lets repeats skip string allocation entirely.
const INTERN_BITS = 12;
const INTERN_MASK = (1 << INTERN_BITS) - 1;
const INTERN_MAX_LENGTH = 64;
const keyCache: string[] = new Array<string>(1 << INTERN_BITS).fill('');
const valueCache: string[] = new Array<string>(1 << INTERN_BITS).fill('');

/**
 * Returns V8's internalized copy of `s`: property keys must be internalized, so storing attributes
 * under an already-internalized key skips a string-table lookup per store (measured 4x faster
 * object building for a 23-key feature map).
 */
function internalize(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

/**
 * A bounds-checked protobuf wire-format reader over one input buffer. Message decoders keep a
 * single reader and pass the end offset of the message they decode, so no reader or closure is
 * allocated per field. Every read checks the buffer end and throws {@link OtlpDecodeError} with
 * the byte offset; a message decoder must call {@link ProtoReader.checkEnd} after its field loop
 * so that a field overrunning its enclosing message is reported too.
 */
export class ProtoReader {
  /** The input. */
  readonly buf: Uint8Array;
  /** Current read offset. */
  pos = 0;
  /** Input length. */
  readonly len: number;
  private readonly view: DataView;
  private readonly nodeBuf: Buffer;
  /** High 32 bits of the last {@link varint64} read (low bits are its return value). */
  private hi = 0;

  /** @param buf the complete encoded message */
  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.len = buf.length;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.nodeBuf = Buffer.isBuffer(buf)
      ? buf
      : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** An error at the current offset. */
  error(reason: string): OtlpDecodeError {
    return new OtlpDecodeError(reason, '', this.pos);
  }

  /** Throws unless a message that should end at `end` ended exactly there. */
  checkEnd(end: number): void {
    if (this.pos !== end)
      throw this.error(`field overruns the end of its message at offset ${end}`);
  }

  /** Reads a varint and returns its low 32 bits as an unsigned number (tags, lengths, uint32, enums). */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos + 10 > this.len) return this.uint32Checked();
    let b = buf[pos++]!;
    let value = b & 0x7f;
    if (b < 0x80) {
      this.pos = pos;
      return value;
    }
    b = buf[pos++]!;
    value |= (b & 0x7f) << 7;
    if (b < 0x80) {
      this.pos = pos;
      return value;
    }
    b = buf[pos++]!;
    value |= (b & 0x7f) << 14;
    if (b < 0x80) {
      this.pos = pos;
      return value;
    }
    b = buf[pos++]!;
    value |= (b & 0x7f) << 21;
    if (b < 0x80) {
      this.pos = pos;
      return value >>> 0;
    }
    b = buf[pos++]!;
    value = (value | ((b & 0x0f) << 28)) >>> 0;
    if (b < 0x80) {
      this.pos = pos;
      return value;
    }
    // Bits above 32 (a negative int32 is sign-extended to 10 bytes): skip them.
    for (let i = 0; i < 5; i++) {
      if (buf[pos++]! < 0x80) {
        this.pos = pos;
        return value;
      }
    }
    this.pos = pos - 10;
    throw this.error('malformed varint (more than 10 bytes)');
  }

  private uint32Checked(): number {
    const lo = this.varint64();
    return lo;
  }

  /**
   * Reads a varint of up to 64 bits; returns the low 32 bits (unsigned) and keeps the high 32 bits
   * for {@link int64} / {@link uint64Number}.
   */
  varint64(): number {
    const buf = this.buf;
    const len = this.len;
    const start = this.pos;
    let pos = start;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (; shift < 28; shift += 7) {
      if (pos >= len) throw this.truncated(start, 'varint');
      const b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        this.hi = 0;
        return lo >>> 0;
      }
    }
    // 5th byte: 4 bits to lo, 3 bits to hi.
    if (pos >= len) throw this.truncated(start, 'varint');
    let b = buf[pos++]!;
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (shift = 3; ; shift += 7) {
        if (pos >= len) throw this.truncated(start, 'varint');
        if (pos - start >= 10) {
          this.pos = start;
          throw this.error('malformed varint (more than 10 bytes)');
        }
        b = buf[pos++]!;
        if (shift < 32) hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.pos = pos;
    this.hi = hi >>> 0;
    return lo >>> 0;
  }

  private truncated(start: number, what: string): OtlpDecodeError {
    return new OtlpDecodeError(`truncated ${what}: input ends at ${this.len}`, '', start);
  }

  /** Reads a varint as int32 (proto `int32` / enums, which may be sign-extended negatives). */
  int32(): number {
    return this.uint32() | 0;
  }

  /** Reads a zigzag-encoded `sint32`. */
  sint32(): number {
    const n = this.uint32();
    return (n >>> 1) ^ -(n & 1);
  }

  /** Reads a varint `bool`. */
  bool(): boolean {
    const lo = this.varint64();
    return lo !== 0 || this.hi !== 0;
  }

  /**
   * Reads a varint `int64`: a `number` when its magnitude is at most 2^53 - 1, else a `bigint`
   * (so that no value loses precision and small values cost no bigint allocation).
   */
  int64(): number | bigint {
    const lo = this.varint64();
    return int64FromParts(lo, this.hi);
  }

  /** Reads a varint `uint64` as a number (counts; precision is lost only beyond 2^53). */
  uint64Number(): number {
    const lo = this.varint64();
    return this.hi * TWO_POW_32 + lo;
  }

  /** Reads a little-endian `fixed32`. */
  fixed32(): number {
    const pos = this.pos;
    if (pos + 4 > this.len) throw this.truncated(pos, 'fixed32');
    this.pos = pos + 4;
    return this.view.getUint32(pos, true);
  }

  /** Reads a `fixed64` nanosecond timestamp as a bigint. */
  fixed64Big(): bigint {
    const pos = this.pos;
    if (pos + 8 > this.len) throw this.truncated(pos, 'fixed64');
    this.pos = pos + 8;
    const view = this.view;
    const lo = view.getUint32(pos, true);
    const hi = view.getUint32(pos + 4, true);
    if (hi === 0) return lo === 0 ? 0n : BigInt(lo);
    return view.getBigUint64(pos, true);
  }

  /** Reads a `fixed64` count as a number. */
  fixed64Number(): number {
    const pos = this.pos;
    if (pos + 8 > this.len) throw this.truncated(pos, 'fixed64');
    this.pos = pos + 8;
    return this.view.getUint32(pos + 4, true) * TWO_POW_32 + this.view.getUint32(pos, true);
  }

  /** Reads an `sfixed64` as a number within ±(2^53 - 1), else a bigint. */
  sfixed64(): number | bigint {
    const pos = this.pos;
    if (pos + 8 > this.len) throw this.truncated(pos, 'sfixed64');
    this.pos = pos + 8;
    return int64FromParts(this.view.getUint32(pos, true), this.view.getUint32(pos + 4, true));
  }

  /** Reads a little-endian `double`. */
  double(): number {
    const pos = this.pos;
    if (pos + 8 > this.len) throw this.truncated(pos, 'double');
    this.pos = pos + 8;
    return this.view.getFloat64(pos, true);
  }

  /** Reads the length prefix of a length-delimited field and returns the field's end offset. */
  lengthEnd(): number {
    const start = this.pos;
    const n = this.uint32();
    const end = this.pos + n;
    if (end > this.len) {
      throw new OtlpDecodeError(
        `length ${n} exceeds the input (${this.len - this.pos} bytes left)`,
        '',
        start,
      );
    }
    return end;
  }

  /** Reads a length-delimited UTF-8 string (invalid sequences become U+FFFD). */
  string(): string {
    const end = this.lengthEnd();
    const start = this.pos;
    this.pos = end;
    if (start === end) return '';
    return utf8Slice.call(this.nodeBuf, start, end);
  }

  /**
   * Reads an attribute key: keys repeat in every record, so short ASCII keys come from a cache of
   * internalized strings (see {@link internalize}) when the same bytes were seen before.
   */
  key(): string {
    return this.cachedString(keyCache, true);
  }

  /**
   * Reads a string value that is likely to repeat (categorical values, event names): short ASCII
   * strings come from a cache when the same bytes were seen before. Unlike {@link key}, misses are
   * not internalized, since unique values (ids) would pay for it with nothing to gain.
   */
  internedString(): string {
    return this.cachedString(valueCache, false);
  }

  private cachedString(cache: string[], internalizeOnMiss: boolean): string {
    const end = this.lengthEnd();
    const start = this.pos;
    this.pos = end;
    const n = end - start;
    if (n === 0) return '';
    if (n > INTERN_MAX_LENGTH) return utf8Slice.call(this.nodeBuf, start, end);
    const buf = this.buf;
    // Hash only the length and a few bytes at both ends (where keys like `feature_12` differ);
    // the full comparison below makes collisions harmless.
    const last = end - 1;
    let h = Math.imul(n, 0x9e3779b1) ^ buf[start]!;
    h = Math.imul(h ^ buf[last]!, 0x85ebca6b) ^ buf[last - (n >> 1)]!;
    h =
      Math.imul(h ^ buf[last - (n >> 2)]!, 0xc2b2ae35) ^ buf[last - 1 < start ? start : last - 1]!;
    const slot = (h ^ (h >>> 15)) & INTERN_MASK;
    const cached = cache[slot]!;
    if (cached.length === n) {
      let same = true;
      for (let i = 0; i < n; i++) {
        if (cached.charCodeAt(i) !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return cached;
    }
    // Only ASCII is cached: the cached string's char codes must equal the bytes.
    for (let i = start; i < end; i++)
      if (buf[i]! >= 0x80) return utf8Slice.call(this.nodeBuf, start, end);
    const s = latin1Slice.call(this.nodeBuf, start, end);
    const stored = internalizeOnMiss ? internalize(s) : s;
    cache[slot] = stored;
    return stored;
  }

  /** Reads length-delimited bytes as a copy (so decoded values do not pin the request buffer). */
  bytes(): Uint8Array {
    const end = this.lengthEnd();
    // A copy of plain Uint8Array type even when the input is a Buffer (whose slice() is a view).
    const out = new Uint8Array(this.buf.subarray(this.pos, end));
    this.pos = end;
    return out;
  }

  /** Reads length-delimited bytes as a lowercase hex string (trace and span ids). */
  hex(): string {
    const end = this.lengthEnd();
    const start = this.pos;
    this.pos = end;
    return start === end ? '' : hexSlice.call(this.nodeBuf, start, end);
  }

  /**
   * Skips a field of any wire type whose tag was just read (unknown fields, and known field numbers
   * arriving with an unexpected wire type).
   */
  skip(tag: number, groupDepth = 0): void {
    if (tag >>> 3 === 0) throw new OtlpDecodeError('invalid field number 0', '', this.pos);
    switch (tag & 7) {
      case WIRE_VARINT:
        this.varint64();
        return;
      case WIRE_I64:
        this.advance(8);
        return;
      case WIRE_LEN:
        this.pos = this.lengthEnd();
        return;
      case WIRE_I32:
        this.advance(4);
        return;
      case WIRE_SGROUP: {
        if (groupDepth >= MAX_GROUP_DEPTH) throw this.error('groups nested too deeply');
        const field = tag >>> 3;
        for (;;) {
          if (this.pos >= this.len) throw this.error(`unterminated group of field ${field}`);
          const inner = this.uint32();
          if ((inner & 7) === WIRE_EGROUP) {
            if (inner >>> 3 !== field)
              throw this.error(`group of field ${field} ended by field ${inner >>> 3}`);
            return;
          }
          this.skip(inner, groupDepth + 1);
        }
      }
      default:
        throw new OtlpDecodeError(
          `invalid wire type ${tag & 7} for field ${tag >>> 3}`,
          '',
          this.pos,
        );
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.len) throw this.truncated(this.pos, `${n}-byte field`);
    this.pos += n;
  }
}

/** Combines the two 32-bit halves of a two's-complement int64 (number when safe, else bigint). */
export function int64FromParts(lo: number, hi: number): number | bigint {
  if (hi === 0) return lo;
  if (hi < 0x200000) return hi * TWO_POW_32 + lo;
  if (hi >= 0xffe00000) {
    // Negative with magnitude < 2^53: magnitude = 2^64 - value.
    const magnitude = (0xffffffff - hi) * TWO_POW_32 + (TWO_POW_32 - lo);
    if (magnitude <= Number.MAX_SAFE_INTEGER) return -magnitude;
  }
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
}
