/**
 * Reads the retry delay out of a `google.rpc.Status` (gRPC's `grpc-status-details-bin`): the
 * first `google.rpc.RetryInfo` among its details, `retry_delay` as milliseconds. This is how an
 * OTLP/gRPC backend says when to come back (the OTLP specification asks clients to honour it).
 */
import { ProtoReader } from '../decode/proto-reader.js';

const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';

/** The `RetryInfo` delay in `status` (encoded `google.rpc.Status`), or `undefined`. */
export function retryDelayMillis(status: Uint8Array): number | undefined {
  try {
    const r = new ProtoReader(status);
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag !== 26) {
        r.skip(tag);
        continue;
      }
      // 3 details: google.protobuf.Any { 1 type_url, 2 value }
      const end = r.lengthEnd();
      let typeUrl = '';
      let value: Uint8Array | undefined;
      while (r.pos < end) {
        const anyTag = r.uint32();
        if (anyTag === 10) typeUrl = r.string();
        else if (anyTag === 18) value = r.bytes();
        else r.skip(anyTag);
      }
      r.checkEnd(end);
      if (typeUrl === RETRY_INFO_TYPE && value !== undefined) return readRetryInfo(value);
    }
  } catch {
    // A malformed status carries no usable delay.
  }
  return undefined;
}

/** `RetryInfo { 1 retry_delay: Duration { 1 seconds, 2 nanos } }`. */
function readRetryInfo(bytes: Uint8Array): number | undefined {
  const r = new ProtoReader(bytes);
  let millis: number | undefined;
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag !== 10) {
      r.skip(tag);
      continue;
    }
    const end = r.lengthEnd();
    let seconds = 0;
    let nanos = 0;
    while (r.pos < end) {
      const t = r.uint32();
      if (t === 8) seconds = Number(r.int64());
      else if (t === 16) nanos = r.int32();
      else r.skip(t);
    }
    r.checkEnd(end);
    millis = Math.max(0, seconds * 1000 + Math.floor(nanos / 1e6));
  }
  return millis;
}
