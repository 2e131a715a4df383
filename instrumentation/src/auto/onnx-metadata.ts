/**
 * Reads the few top-level ModelProto fields the instrumentation uses (model_version,
 * producer_name, metadata_props) straight from the protobuf bytes, skipping the graph.
 * onnxruntime-node does not expose them.
 */

/** Top-level metadata of an ONNX model. */
export interface OnnxModelMetadata {
  producerName?: string;
  /** `ModelProto.model_version` when set (> 0). */
  modelVersion?: number;
  /** `ModelProto.metadata_props`. */
  metadataProps: Record<string, string>;
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.buf[this.pos++];
      if (b === undefined) throw new RangeError('truncated varint');
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 0x80;
    }
    throw new RangeError('varint too long');
  }
  bytes(): Uint8Array {
    const len = this.varint();
    if (this.pos + len > this.buf.length) throw new RangeError('truncated field');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.bytes();
    else if (wireType === 5) this.pos += 4;
    else throw new RangeError(`unsupported wire type ${wireType}`);
  }
}

const utf8 = new TextDecoder();

/** Parses ModelProto metadata; throws a `RangeError` on malformed bytes. */
export function readOnnxMetadata(bytes: Uint8Array): OnnxModelMetadata {
  const out: OnnxModelMetadata = { metadataProps: {} };
  const r = new Reader(bytes);
  while (!r.done) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (field === 2 && wireType === 2) out.producerName = utf8.decode(r.bytes());
    else if (field === 5 && wireType === 0) {
      const v = r.varint();
      if (v > 0) out.modelVersion = v;
    } else if (field === 14 && wireType === 2) {
      const entry = new Reader(r.bytes());
      let key = '';
      let value = '';
      while (!entry.done) {
        const t = entry.varint();
        if (t === (1 << 3) + 2) key = utf8.decode(entry.bytes());
        else if (t === (2 << 3) + 2) value = utf8.decode(entry.bytes());
        else entry.skip(t % 8);
      }
      out.metadataProps[key] = value;
    } else r.skip(wireType);
  }
  return out;
}
