import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { ProtobufWriter } from './protobuf-writer.js';

/** protobufjs's writer as the reference encoding. */
const reference = (): protobuf.Writer => protobuf.Writer.create();
const tag = (field: number, wireType: number): number => (field << 3) | wireType;
/** Hex of the bytes (protobufjs returns a Buffer under Node, the writer a plain Uint8Array). */
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('ProtobufWriter', () => {
  it('writes varints as protobufjs does, from 0 to 2^64 - 1 and negative int64', () => {
    const values = [0, 1, 127, 128, 300, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1];
    const w = new ProtobufWriter();
    const ref = reference();
    for (const v of values) {
      w.varint(1, v);
      ref.uint32(tag(1, 0)).uint64(v);
    }
    w.varint(2, -1)
      .varint(2, -(2 ** 40))
      .varint(2, 2n ** 64n - 1n)
      .varint(2, 2n ** 63n);
    ref
      .uint32(tag(2, 0))
      .int64(-1)
      .uint32(tag(2, 0))
      .int64(-(2 ** 40))
      .uint32(tag(2, 0))
      .uint64('18446744073709551615')
      .uint32(tag(2, 0))
      .uint64('9223372036854775808');
    expect(hex(w.finish())).toBe(hex(ref.finish()));
  });

  it('rejects a fractional varint and an sfixed64 outside int64', () => {
    expect(() => new ProtobufWriter().varint(1, 1.5)).toThrow(RangeError);
    expect(() => new ProtobufWriter().sfixed64(1, 2n ** 63n)).toThrow(RangeError);
  });

  it('writes fixed64, sfixed64 and double fields', () => {
    const w = new ProtobufWriter()
      .fixed64(1, 1_700_000_000_123_456_789n)
      .fixed64(1, 2 ** 40 + 5)
      .sfixed64(2, -3)
      .double(3, 0.1)
      .double(3, -Infinity);
    const ref = reference()
      .uint32(tag(1, 1))
      .fixed64('1700000000123456789')
      .uint32(tag(1, 1))
      .fixed64(2 ** 40 + 5)
      .uint32(tag(2, 1))
      .sfixed64(-3)
      .uint32(tag(3, 1))
      .double(0.1)
      .uint32(tag(3, 1))
      .double(-Infinity);
    expect(hex(w.finish())).toBe(hex(ref.finish()));
  });

  it('writes UTF-8 strings and bytes, and leaves out proto3 defaults only when asked', () => {
    const long = 'é'.repeat(100); // 200 bytes: a two-byte length prefix
    const w = new ProtobufWriter()
      .string(1, 'ml.prediction')
      .string(1, '')
      .string(2, long)
      .string(3, '日本 🎉')
      .bytes(4, new Uint8Array([0, 255]))
      .nonEmptyString(5, '')
      .nonZeroVarint(6, 0)
      .nonEmptyString(5, 'x')
      .nonZeroVarint(6, 2);
    const ref = reference()
      .uint32(tag(1, 2))
      .string('ml.prediction')
      .uint32(tag(1, 2))
      .string('')
      .uint32(tag(2, 2))
      .string(long)
      .uint32(tag(3, 2))
      .string('日本 🎉')
      .uint32(tag(4, 2))
      .bytes(new Uint8Array([0, 255]))
      .uint32(tag(5, 2))
      .string('x')
      .uint32(tag(6, 0))
      .uint32(2);
    expect(hex(w.finish())).toBe(hex(ref.finish()));
  });

  it('writes packed floats, doubles, fixed64 and varints', () => {
    const w = new ProtobufWriter()
      .packedFloats(1, [0.5, -1.25])
      .packedDoubles(2, [0.1, 2])
      .packedFixed64(3, [0, 7, 2 ** 33])
      .packedVarints(4, [1, 300, 2 ** 35])
      .packedDoubles(5, []);
    const ref = reference();
    ref.uint32(tag(1, 2)).fork().float(0.5).float(-1.25).ldelim();
    ref.uint32(tag(2, 2)).fork().double(0.1).double(2).ldelim();
    ref
      .uint32(tag(3, 2))
      .fork()
      .fixed64(0)
      .fixed64(7)
      .fixed64(2 ** 33)
      .ldelim();
    ref
      .uint32(tag(4, 2))
      .fork()
      .uint64(1)
      .uint64(300)
      .uint64(2 ** 35)
      .ldelim();
    ref.uint32(tag(5, 2)).fork().ldelim();
    expect(hex(w.finish())).toBe(hex(ref.finish()));
  });

  it('nests messages in place, shifting those whose length needs more than one byte', () => {
    const w = new ProtobufWriter(16);
    const ref = reference();
    for (const size of [0, 1, 127, 128, 16_383, 16_384, 70_000]) {
      const payload = 'a'.repeat(size);
      w.message(1, (outer) =>
        outer.varint(1, size).message(2, (inner) => inner.string(3, payload)),
      );
      ref.uint32(tag(1, 2)).fork().uint32(tag(1, 0)).uint32(size);
      ref.uint32(tag(2, 2)).fork().uint32(tag(3, 2)).string(payload).ldelim().ldelim();
    }
    w.fork(7).fork(8).join().join();
    ref.uint32(tag(7, 2)).fork().uint32(tag(8, 2)).fork().ldelim().ldelim();
    expect(hex(w.finish())).toBe(hex(ref.finish()));
  });

  it('refuses unbalanced fork and join', () => {
    expect(() => new ProtobufWriter().join()).toThrow(/without a matching fork/);
    expect(() => new ProtobufWriter().fork(1).finish()).toThrow(/open fork/);
  });
});
