/**
 * The one error type of the OTLP decoders. Its message names what is wrong and where: the field
 * path inside the request (e.g. `resourceLogs[0].scopeLogs[1].logRecords[7].attributes`) and,
 * for protobuf, the byte offset at which decoding failed.
 */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
  /** Field path from the request root, `''` when the failure is at the top level. */
  path: string;
  /** Byte offset in the protobuf input, `undefined` for JSON input. */
  readonly offset: number | undefined;
  /** The failure without the path/offset decoration. */
  readonly reason: string;

  /**
   * @param reason what is wrong, without location
   * @param path field path from the request root
   * @param offset byte offset of the failure in protobuf input
   */
  constructor(reason: string, path = '', offset?: number) {
    super(formatMessage(reason, path, offset));
    this.reason = reason;
    this.path = path;
    this.offset = offset;
  }

  /** Returns this error with `segment` prepended to its path (used while unwinding nested decoders). */
  within(segment: string): OtlpDecodeError {
    this.path =
      this.path === ''
        ? segment
        : this.path.startsWith('[')
          ? segment + this.path
          : `${segment}.${this.path}`;
    this.message = formatMessage(this.reason, this.path, this.offset);
    return this;
  }
}

function formatMessage(reason: string, path: string, offset: number | undefined): string {
  const where: string[] = [];
  if (path !== '') where.push(`at ${path}`);
  if (offset !== undefined) where.push(`byte offset ${offset}`);
  return where.length === 0 ? reason : `${reason} (${where.join(', ')})`;
}

/**
 * Adds a path segment to an {@link OtlpDecodeError}; any other error (a bug, or a RangeError from
 * a runtime limit) is wrapped so that callers only ever see `OtlpDecodeError`.
 */
export function withPath(error: unknown, segment: string): OtlpDecodeError {
  if (error instanceof OtlpDecodeError) return error.within(segment);
  const reason = error instanceof Error ? error.message : String(error);
  return new OtlpDecodeError(reason, segment);
}
