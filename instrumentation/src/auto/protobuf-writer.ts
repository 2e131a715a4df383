/**
 * A minimal protobuf wire-format writer, enough to encode small ONNX models without a schema
 * library at runtime (protobufjs is only a dev dependency; tests decode the output with it).
 */

/** Builds one protobuf message field by field. */
export class ProtobufWriter {
  private readonly chunks: number[] = [];

  private varint(value: number): void {
    // Non-negative integers up to 2^53 only (all ONNX ids, dims and enums used here).
    if (!(Number.isInteger(value) && value >= 0))
      throw new RangeError(`varint must be a non-negative integer: ${value}`);
    let v = value;
    while (v >= 0x80) {
      this.chunks.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.chunks.push(v);
  }

  private tag(field: number, wireType: 0 | 1 | 2 | 5): void {
    this.varint(field * 8 + wireType);
  }

  /** A varint field (int32/int64/enum with non-negative values). */
  int(field: number, value: number): this {
    this.tag(field, 0);
    this.varint(value);
    return this;
  }

  /** A length-delimited bytes field. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varint(value.length);
    for (const b of value) this.chunks.push(b);
    return this;
  }

  /** A UTF-8 string field. */
  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** An embedded message field. */
  message(field: number, build: (w: ProtobufWriter) => void): this {
    const inner = new ProtobufWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** A packed repeated float field (little-endian IEEE 754 single precision). */
  packedFloats(field: number, values: readonly number[]): this {
    const buffer = new Uint8Array(values.length * 4);
    const view = new DataView(buffer.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    return this.bytes(field, buffer);
  }

  /** A packed repeated varint field. */
  packedInts(field: number, values: readonly number[]): this {
    const inner = new ProtobufWriter();
    for (const v of values) inner.varint(v);
    return this.bytes(field, inner.finish());
  }

  /** The encoded message. */
  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}
