/**
 * The processor's one protobuf wire-format writer: the OTLP metrics and logs encoders, the
 * receivers' responses and the demo's ONNX model are all written with it. It has no schema; the
 * caller names each field number and picks the encoding, as the `.proto` files say.
 */

/** Wire types of the protobuf encoding. */
const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;

const TWO_POW_32 = 4294967296;
const INITIAL_CAPACITY = 256;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const utf8 = new TextEncoder();

/** Bytes a varint of a non-negative safe integer takes. */
function varintSize(value: number): number {
  let size = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) size++;
  return size;
}

/**
 * Builds one protobuf message into a single growable byte buffer. Embedded messages are written in
 * place: {@link fork} reserves one byte for the length and {@link join} fills it in, shifting the
 * message right when its length needs more than one byte (one copy per message of 128 bytes or
 * more, instead of a buffer built and concatenated per field).
 *
 * Every field method writes its field, default value or not, because that is what the explicit
 * encoders need; {@link nonEmptyString} and {@link nonZeroVarint} leave out a proto3
 * implicit-presence scalar at its default, as proto3 encoders do.
 */
export class ProtobufWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;
  /** Start offsets of the embedded messages still open (innermost last). */
  private readonly forks: number[] = [];

  /** @param initialCapacity bytes to allocate up front (the buffer doubles as it fills) */
  constructor(initialCapacity = INITIAL_CAPACITY) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buf.buffer);
  }

  /** A varint field: int32/int64/uint32/uint64/enum/bool (negative numbers as 64-bit two's complement). */
  varint(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    this.rawVarint(value);
    return this;
  }

  /** A varint field left out when it is 0 (proto3 implicit presence). */
  nonZeroVarint(field: number, value: number): this {
    return value === 0 ? this : this.varint(field, value);
  }

  /** A `fixed64` field (unsigned; a bigint is taken modulo 2^64). */
  fixed64(field: number, value: number | bigint): this {
    this.tag(field, WIRE_I64);
    this.rawFixed64(value);
    return this;
  }

  /** An `sfixed64` field; throws a `RangeError` outside the int64 range. */
  sfixed64(field: number, value: number | bigint): this {
    const v = BigInt(value);
    if (v < INT64_MIN || v > INT64_MAX) throw new RangeError(`sfixed64 out of range: ${v}`);
    return this.fixed64(field, v);
  }

  /** A `double` field. */
  double(field: number, value: number): this {
    this.tag(field, WIRE_I64);
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
    return this;
  }

  /** A length-delimited `bytes` field. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.rawVarint(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  /** A UTF-8 `string` field. */
  string(field: number, value: string): this {
    this.fork(field);
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.ensure(3 * value.length);
    this.pos += utf8.encodeInto(value, this.buf.subarray(this.pos)).written;
    return this.join();
  }

  /** A `string` field left out when it is empty (proto3 implicit presence). */
  nonEmptyString(field: number, value: string): this {
    return value === '' ? this : this.string(field, value);
  }

  /** A packed `repeated float` field (IEEE 754 single precision). */
  packedFloats(field: number, values: readonly number[]): this {
    return this.packedFixedWidth(field, values, 4, DataView.prototype.setFloat32);
  }

  /** A packed `repeated double` field. */
  packedDoubles(field: number, values: readonly number[]): this {
    return this.packedFixedWidth(field, values, 8, DataView.prototype.setFloat64);
  }

  /** A packed `repeated fixed64` field. */
  packedFixed64(field: number, values: readonly (number | bigint)[]): this {
    this.tag(field, WIRE_LEN);
    this.rawVarint(8 * values.length);
    for (const v of values) this.rawFixed64(v);
    return this;
  }

  /** A packed `repeated` varint field (int32/int64/uint64/enum). */
  packedVarints(field: number, values: readonly (number | bigint)[]): this {
    this.fork(field);
    for (const v of values) this.rawVarint(v);
    return this.join();
  }

  /** An embedded message field whose fields `build` writes (into this same writer). */
  message(field: number, build: (writer: this) => unknown): this {
    this.fork(field);
    build(this);
    return this.join();
  }

  /**
   * Opens an embedded message (or any length-delimited field): the fields written until the
   * matching {@link join} become its content. Cheaper than {@link message} on hot paths (no closure).
   */
  fork(field: number): this {
    this.tag(field, WIRE_LEN);
    this.ensure(1);
    this.pos++; // the length byte, filled in by join()
    this.forks.push(this.pos);
    return this;
  }

  /** Closes the innermost {@link fork}, writing its length prefix. */
  join(): this {
    const start = this.forks.pop();
    if (start === undefined) throw new Error('ProtobufWriter.join() without a matching fork()');
    const length = this.pos - start;
    if (length < 0x80) {
      this.buf[start - 1] = length;
      return this;
    }
    const extra = varintSize(length) - 1;
    this.ensure(extra);
    this.buf.copyWithin(start + extra, start, this.pos);
    const end = this.pos + extra;
    this.pos = start - 1;
    this.rawVarint(length);
    this.pos = end;
    return this;
  }

  /** The encoded message (a copy, so the writer's buffer is not kept alive by it). */
  finish(): Uint8Array {
    if (this.forks.length > 0) throw new Error('ProtobufWriter.finish() with an open fork()');
    return this.buf.slice(0, this.pos);
  }

  /** A packed field of `width`-byte little-endian numbers written by the DataView setter `set`. */
  private packedFixedWidth(
    field: number,
    values: readonly number[],
    width: number,
    set: (this: DataView, offset: number, value: number, littleEndian: boolean) => void,
  ): this {
    this.tag(field, WIRE_LEN);
    this.rawVarint(width * values.length);
    this.ensure(width * values.length);
    for (const v of values) {
      set.call(this.view, this.pos, v, true);
      this.pos += width;
    }
    return this;
  }

  private tag(field: number, wireType: number): void {
    this.rawVarint(field * 8 + wireType);
  }

  private rawVarint(value: number | bigint): void {
    if (typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER) {
      if (!Number.isInteger(value)) throw new RangeError(`varint must be an integer, got ${value}`);
      this.ensure(8);
      const buf = this.buf;
      let pos = this.pos;
      let v = value;
      while (v >= 0x80) {
        buf[pos++] = (v % 0x80) | 0x80;
        v = Math.floor(v / 0x80);
      }
      buf[pos++] = v;
      this.pos = pos;
      return;
    }
    // Negative or beyond 2^53: 64-bit two's complement, up to 10 bytes (BigInt throws a
    // RangeError for a fractional number).
    let v = BigInt.asUintN(64, BigInt(value));
    this.ensure(10);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  private rawFixed64(value: number | bigint): void {
    this.ensure(8);
    if (typeof value === 'number' && value >= 0 && Number.isSafeInteger(value)) {
      this.view.setUint32(this.pos, value % TWO_POW_32, true);
      this.view.setUint32(this.pos + 4, Math.floor(value / TWO_POW_32), true);
    } else {
      this.view.setBigUint64(this.pos, BigInt.asUintN(64, BigInt(value)), true);
    }
    this.pos += 8;
  }

  /** Makes room for `n` more bytes. */
  private ensure(n: number): void {
    const needed = this.pos + n;
    if (needed <= this.buf.length) return;
    let capacity = this.buf.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }
}
