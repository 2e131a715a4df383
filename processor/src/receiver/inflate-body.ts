import { promisify } from 'node:util';
import { gunzip, inflate, inflateRaw } from 'node:zlib';
import type { InputType, ZlibOptions } from 'node:zlib';

const gunzipAsync = promisify<InputType, ZlibOptions, Buffer>(gunzip);
const inflateAsync = promisify<InputType, ZlibOptions, Buffer>(inflate);
const inflateRawAsync = promisify<InputType, ZlibOptions, Buffer>(inflateRaw);

/** Content codings the receivers accept. */
export type ContentCoding = 'identity' | 'gzip' | 'deflate';

/** Why a body could not be inflated. */
export class InflateError extends Error {
  /** `too_large` when the output would exceed the limit, `bad_compression` for corrupt input. */
  readonly kind: 'too_large' | 'bad_compression';
  constructor(kind: 'too_large' | 'bad_compression', message: string) {
    super(message);
    this.kind = kind;
  }
}

/** Maps a `Content-Encoding` header to a supported coding, or `undefined` when unsupported. */
export function parseContentCoding(header: string | undefined): ContentCoding | undefined {
  const value = (header ?? '').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'deflate') return 'deflate';
  return undefined;
}

/**
 * Decompresses `body` with zlib's `maxOutputLength`, which aborts inflation as soon as the output
 * passes `maxBytes`: a gzip bomb costs at most `maxBytes` of memory, never its full expansion.
 * `deflate` accepts the zlib-wrapped form (RFC 9110) and, as many clients send it, raw deflate.
 */
export async function inflateBody(
  body: Buffer,
  coding: ContentCoding,
  maxBytes: number,
): Promise<Buffer> {
  if (coding === 'identity') return body;
  const options: ZlibOptions = { maxOutputLength: maxBytes };
  try {
    if (coding === 'gzip') return await gunzipAsync(body, options);
    try {
      return await inflateAsync(body, options);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'Z_DATA_ERROR') throw e;
      return await inflateRawAsync(body, options);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new InflateError(
        'too_large',
        `decompressed body exceeds the limit of ${maxBytes} bytes`,
      );
    }
    throw new InflateError('bad_compression', `invalid ${coding} body: ${err.message}`);
  }
}
