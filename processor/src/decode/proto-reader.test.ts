import { describe, expect, it } from 'vitest';
import { ProtoReader, int64FromParts } from './proto-reader.js';
import { OtlpDecodeError } from './otlp-decode-error.js';

const reader = (...bytes: number[]): ProtoReader => new ProtoReader(new Uint8Array(bytes));

describe('ProtoReader', () => {
  it('reads varints of 1 to 10 bytes', () => {
    expect(reader(0x01).uint32()).toBe(1);
    expect(reader(0xac, 0x02).uint32()).toBe(300);
    expect(reader(0xff, 0xff, 0xff, 0xff, 0x0f).uint32()).toBe(4294967295);
    // int32 -1 is sign-extended to 10 bytes
    expect(reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).int32()).toBe(-1);
    expect(reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).int64()).toBe(-1);
    // 2^53 needs a bigint, 2^53 - 1 does not
    expect(reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10).int64()).toBe(2n ** 53n);
    expect(reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f).int64()).toBe(2 ** 53 - 1);
  });

  it('reads zigzag sint32', () => {
    expect(reader(0x00).sint32()).toBe(0);
    expect(reader(0x01).sint32()).toBe(-1);
    expect(reader(0x02).sint32()).toBe(1);
    expect(reader(0x05).sint32()).toBe(-3);
    expect(reader(0xff, 0xff, 0xff, 0xff, 0x0f).sint32()).toBe(-2147483648);
  });

  it('reads fixed-width values little-endian', () => {
    const r = reader(1, 0, 0, 0, 0x15, 0xcd, 0x5b, 0x07, 0x00, 0x00, 0x00, 0x80);
    expect(r.fixed32()).toBe(1);
    expect(r.fixed64Big()).toBe(0x8000000000000000n | 0x075bcd15n);
    const d = new Uint8Array(8);
    new DataView(d.buffer).setFloat64(0, -2.5, true);
    expect(new ProtoReader(d).double()).toBe(-2.5);
  });

  it('combines int64 halves exactly at the safe-integer boundary', () => {
    expect(int64FromParts(0xffffffff, 0x1fffff)).toBe(Number.MAX_SAFE_INTEGER);
    expect(int64FromParts(0, 0x200000)).toBe(2n ** 53n);
    expect(int64FromParts(1, 0xffe00000)).toBe(-Number.MAX_SAFE_INTEGER);
    expect(int64FromParts(0, 0xffe00000)).toBe(-(2n ** 53n));
    expect(int64FromParts(0, 0x80000000)).toBe(-(2n ** 63n));
  });

  it('throws OtlpDecodeError with the offset on truncated and malformed input', () => {
    expect(() => reader(0x80).uint32()).toThrow(OtlpDecodeError);
    expect(() => reader(0x80).uint32()).toThrow(/truncated varint.*byte offset 0/);
    expect(() =>
      reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).uint32(),
    ).toThrow(/more than 10 bytes/);
    expect(() => reader(1, 2, 3).fixed32()).toThrow(/truncated fixed32/);
    expect(() => reader(1, 2, 3).fixed64Big()).toThrow(/truncated fixed64/);
    expect(() => reader(0x05, 0x61).string()).toThrow(
      /length 5 exceeds the input \(1 bytes left\)/,
    );
    expect(() => reader(0xff, 0xff, 0xff, 0xff, 0x0f).lengthEnd()).toThrow(OtlpDecodeError);
  });

  it('skips every wire type, including nested groups', () => {
    // field 1 varint, field 2 i64, field 3 len, field 4 group { field 5 i32 }, field 6 i32, then field 7 varint 9
    const r = reader(
      0x08, 0x96, 0x01,
      0x11, 1, 2, 3, 4, 5, 6, 7, 8,
      0x1a, 0x02, 0xaa, 0xbb,
      0x23, 0x2d, 1, 2, 3, 4, 0x24,
      0x35, 1, 2, 3, 4,
      0x38, 0x09,
    ); // prettier-ignore
    for (let i = 0; i < 5; i++) r.skip(r.uint32());
    expect(r.uint32()).toBe(0x38);
    expect(r.uint32()).toBe(9);
    expect(() => reader(0x0e).skip(0x0e)).toThrow(/invalid wire type 6/);
    expect(() => {
      const g = reader(0x23, 0x2c);
      g.skip(g.uint32());
    }).toThrow(/ended by field 5/);
    expect(() => {
      const g = reader(0x23, 0x08);
      g.skip(g.uint32());
    }).toThrow(OtlpDecodeError);
  });

  it('converts ids to lowercase hex and interns repeated short strings', () => {
    expect(reader(3, 0x00, 0xab, 0xff).hex()).toBe('00abff');
    const key = [...new TextEncoder().encode('ml.model.name')];
    const r = new ProtoReader(new Uint8Array([13, ...key, 13, ...key, 4, 0xc3, 0xa9, 0x74, 0x74]));
    expect(r.internedString()).toBe('ml.model.name');
    expect(r.internedString()).toBe('ml.model.name');
    expect(r.internedString()).toBe('étt');
  });
});
