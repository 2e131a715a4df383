/**
 * One write-ahead-log record: an accepted OTLP request as received (decompressed body, content
 * type, signal, receive time) with its log sequence number (LSN). On disk each record is framed as
 * `u32 payload length | u32 CRC-32 of the payload | payload` (little endian), so a torn or
 * corrupted tail is detected by its length or checksum. Format: docs/storage-format.md.
 */
import { crc32 } from 'node:zlib';
import type { Signal } from '../decode/otlp-types.js';

/** A logged request. */
export interface WalRequestRecord {
  readonly kind: 'request';
  /** Log sequence number: 1, 2, 3… in acceptance order, never reused. */
  readonly lsn: number;
  /** When the processor received the request, Unix epoch milliseconds (the `now` of its ingest). */
  readonly receiveUnixMillis: number;
  readonly signal: Signal;
  readonly contentType: 'protobuf' | 'json';
  /** The decompressed request body. */
  readonly body: Uint8Array;
}

/**
 * A marker of the flush loop's closing, replayed at the same place in the log so the replayed
 * state decides lateness (and bin edges) exactly as the live one did. `close-windows`: windows
 * closed at once as of `receiveUnixMillis` (logs before sliced closing). `close-begin`: the
 * windows `receiveUnixMillis` had passed were sealed here; `close-end`: their closing finished
 * here (new references' bin edges took effect), after the requests logged in between.
 */
export interface WalCloseRecord {
  readonly kind: 'close-windows' | 'close-begin' | 'close-end';
  readonly lsn: number;
  readonly receiveUnixMillis: number;
}

/**
 * A marker: an operator reset the references of model `model` (version `version`, or every
 * version) here; replay resets at the same place.
 */
export interface WalResetRecord {
  readonly kind: 'reset-reference';
  readonly lsn: number;
  readonly receiveUnixMillis: number;
  readonly model: string;
  readonly version?: string;
}

/** One record of the log. */
export type WalRecord = WalRequestRecord | WalCloseRecord | WalResetRecord;

/** A record before it has its LSN. */
export type WalEntry =
  Omit<WalRequestRecord, 'lsn'> | Omit<WalCloseRecord, 'lsn'> | Omit<WalResetRecord, 'lsn'>;

/** Signal byte of a reference reset (its body: `{"model","version"?}` as UTF-8 JSON). */
const RESET_MARKER = 252;

/** Signal bytes of the markers. */
const MARKERS: Readonly<Record<WalCloseRecord['kind'], number>> = {
  'close-windows': 255,
  'close-begin': 254,
  'close-end': 253,
};
const MARKER_KINDS = new Map(
  Object.entries(MARKERS).map(([kind, byte]) => [byte, kind as WalCloseRecord['kind']]),
);

/** Bytes of the frame header (length + CRC). */
export const FRAME_HEADER_BYTES = 8;
/** Bytes of the payload header (LSN, receive time, signal, content type). */
const PAYLOAD_HEADER_BYTES = 18;
/** Largest payload a frame may declare; anything above is treated as corruption. */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

const SIGNALS: readonly Signal[] = ['traces', 'metrics', 'logs'];

/** Encodes `record` as one frame. */
export function encodeWalRecord(record: WalRecord): Buffer {
  const body =
    record.kind === 'request'
      ? record.body
      : record.kind === 'reset-reference'
        ? Buffer.from(
            JSON.stringify({
              model: record.model,
              ...(record.version !== undefined ? { version: record.version } : {}),
            }),
          )
        : new Uint8Array(0);
  const payloadLength = PAYLOAD_HEADER_BYTES + body.length;
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payloadLength);
  frame.writeUInt32LE(payloadLength, 0);
  frame.writeBigUInt64LE(BigInt(record.lsn), 8);
  frame.writeDoubleLE(record.receiveUnixMillis, 16);
  if (record.kind === 'request') {
    frame.writeUInt8(SIGNALS.indexOf(record.signal), 24);
    frame.writeUInt8(record.contentType === 'protobuf' ? 0 : 1, 25);
  } else {
    frame.writeUInt8(record.kind === 'reset-reference' ? RESET_MARKER : MARKERS[record.kind], 24);
    frame.writeUInt8(0, 25);
  }
  frame.set(body, 26);
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEADER_BYTES)), 4);
  return frame;
}

/** The result of reading one frame at an offset. */
export type FrameRead =
  | { kind: 'record'; record: WalRecord; next: number }
  | { kind: 'end' }
  | { kind: 'corrupt'; reason: string };

/** Reads the frame starting at `offset` of `data` (a whole segment, header excluded or not). */
export function readWalFrame(data: Buffer, offset: number): FrameRead {
  if (offset === data.length) return { kind: 'end' };
  if (data.length - offset < FRAME_HEADER_BYTES) {
    return { kind: 'corrupt', reason: 'truncated frame header' };
  }
  const payloadLength = data.readUInt32LE(offset);
  if (payloadLength < PAYLOAD_HEADER_BYTES || payloadLength > MAX_PAYLOAD_BYTES) {
    return { kind: 'corrupt', reason: `implausible record length ${payloadLength}` };
  }
  const start = offset + FRAME_HEADER_BYTES;
  const end = start + payloadLength;
  if (end > data.length) {
    return {
      kind: 'corrupt',
      reason: `truncated record (${data.length - start} of ${payloadLength} bytes)`,
    };
  }
  const payload = data.subarray(start, end);
  if (crc32(payload) !== data.readUInt32LE(offset + 4)) {
    return { kind: 'corrupt', reason: 'checksum mismatch' };
  }
  const lsn = Number(payload.readBigUInt64LE(0));
  const receiveUnixMillis = payload.readDoubleLE(8);
  if (payload.readUInt8(16) === RESET_MARKER) {
    return readReset(payload.subarray(PAYLOAD_HEADER_BYTES), lsn, receiveUnixMillis, end);
  }
  const marker = MARKER_KINDS.get(payload.readUInt8(16));
  if (marker !== undefined) {
    return { kind: 'record', record: { kind: marker, lsn, receiveUnixMillis }, next: end };
  }
  const signal = SIGNALS[payload.readUInt8(16)];
  const type = payload.readUInt8(17);
  if (signal === undefined || type > 1) {
    return { kind: 'corrupt', reason: 'unknown signal or content type' };
  }
  return {
    kind: 'record',
    record: {
      kind: 'request',
      lsn,
      receiveUnixMillis,
      signal,
      contentType: type === 0 ? 'protobuf' : 'json',
      body: payload.subarray(PAYLOAD_HEADER_BYTES),
    },
    next: end,
  };
}

function readReset(body: Buffer, lsn: number, receiveUnixMillis: number, next: number): FrameRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { kind: 'corrupt', reason: 'reference reset marker with a body that is not JSON' };
  }
  const o = parsed as { model?: unknown; version?: unknown } | null;
  if (
    o === null ||
    typeof o.model !== 'string' ||
    (o.version !== undefined && typeof o.version !== 'string')
  ) {
    return { kind: 'corrupt', reason: 'reference reset marker without a model name' };
  }
  return {
    kind: 'record',
    record: {
      kind: 'reset-reference',
      lsn,
      receiveUnixMillis,
      model: o.model,
      ...(o.version !== undefined ? { version: o.version } : {}),
    },
    next,
  };
}
