/**
 * An incremental RFC 4180 CSV parser: fed string chunks of any size (split anywhere, even inside
 * a quoted field or between "" escapes), it reports each field and each record end with the
 * line the record starts on. Quoted fields may hold commas, "" escapes and line breaks; CRLF,
 * LF and CR end records; blank lines are skipped. No I/O: `read-table.ts` streams a file into
 * it, so a file is never held as one string. Unquoted fields that lie within one chunk are
 * reported as a range of that chunk, so numbers can be parsed without allocating a string.
 */

/** Thrown for malformed CSV; `line` is 1-based. */
export class CsvSyntaxError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

/** Receives the parse, field by field. */
export interface CsvHandler {
  /** Field `index` of the record starting at `line`, as text. */
  field(index: number, text: string, line: number): void;
  /** Field `index` as `chunk.slice(start, end)` (unquoted, within one chunk). */
  fieldRange(index: number, chunk: string, start: number, end: number, line: number): void;
  /** The record starting at `line` ended after `fieldCount` fields. */
  endRecord(fieldCount: number, line: number): void;
}

/** A handler that collects whole records (simple uses and tests). */
export function recordCollector(onRecord: (fields: string[], line: number) => void): CsvHandler {
  let fields: string[] = [];
  return {
    field: (_i, text) => fields.push(text),
    fieldRange: (_i, chunk, start, end) => fields.push(chunk.slice(start, end)),
    endRecord: (_count, line) => {
      const done = fields;
      fields = [];
      onRecord(done, line);
    },
  };
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/** Incremental CSV parser. Call `push` per chunk, then `end`. */
export class CsvParser {
  private state = State.FieldStart;
  /** Text of the current field carried over from earlier chunks or quote segments. */
  private field = '';
  private carried = false;
  private index = 0;
  private line = 1;
  private recordLine = 1;
  private lastWasCr = false;
  private started = false;

  constructor(private readonly handler: CsvHandler) {}

  /** Parses one chunk. */
  push(chunk: string): void {
    const h = this.handler;
    let i = 0;
    const n = chunk.length;
    if (!this.started && n > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1; // UTF-8 byte-order mark
    }
    let segStart = i;
    let nextLf = -1;
    let nextCr = -1;
    let nextQuote = -1;
    let nextComma = -1;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.lastWasCr) {
        this.lastWasCr = false;
        if (c === LF) {
          i++;
          segStart = i;
          continue;
        }
      }
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.carried = true;
            i++;
            segStart = i;
          } else if (c === COMMA) {
            h.field(this.index++, '', this.recordLine);
            i++;
          } else if (c === LF || c === CR) {
            // A line with nothing on it is not a record; otherwise the last field is empty.
            if (this.index > 0) h.field(this.index++, '', this.recordLine);
            this.endRecord(c === CR);
            i++;
          } else {
            this.state = State.Unquoted;
            segStart = i;
          }
          break;
        case State.Unquoted: {
          // The field ends at the first comma, line break or quote: found with native indexOf,
          // caching the next position of each (every character is scanned at most once per kind).
          if (nextLf < i) nextLf = positionOf(chunk, '\n', i);
          if (nextCr < i) nextCr = positionOf(chunk, '\r', i);
          if (nextQuote < i) nextQuote = positionOf(chunk, '"', i);
          const lineEnd = nextLf < nextCr ? nextLf : nextCr;
          const stop = lineEnd < nextQuote ? lineEnd : nextQuote;
          if (nextComma < i) nextComma = positionOf(chunk, ',', i);
          const j = nextComma < stop ? nextComma : stop;
          const d = j < n ? chunk.charCodeAt(j) : 0;
          if (j === n) {
            this.field += chunk.slice(segStart, n);
            this.carried = true;
            i = n;
            break;
          }
          if (d === QUOTE) {
            throw new CsvSyntaxError(
              'a quote inside an unquoted field (quote the whole field)',
              this.line,
            );
          }
          if (this.carried) {
            h.field(this.index++, this.field + chunk.slice(segStart, j), this.recordLine);
            this.field = '';
            this.carried = false;
          } else {
            h.fieldRange(this.index++, chunk, segStart, j, this.recordLine);
          }
          this.state = State.FieldStart;
          if (d !== COMMA) this.endRecord(d === CR);
          i = j + 1;
          break;
        }
        case State.Quoted: {
          const j = chunk.indexOf('"', i);
          const stop = j === -1 ? n : j;
          // Line breaks inside quotes still advance the line count (LF; CRLF counts once).
          for (let k = i; k < stop; k++) if (chunk.charCodeAt(k) === LF) this.line++;
          this.field += chunk.slice(segStart, stop);
          if (j === -1) {
            i = n;
            break;
          }
          this.state = State.QuoteInQuoted;
          i = j + 1;
          break;
        }
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            i++;
            segStart = i;
          } else if (c === COMMA || c === LF || c === CR) {
            h.field(this.index++, this.field, this.recordLine);
            this.field = '';
            this.carried = false;
            this.state = State.FieldStart;
            if (c !== COMMA) this.endRecord(c === CR);
            i++;
          } else {
            throw new CsvSyntaxError('unexpected character after a closing quote', this.line);
          }
          break;
      }
    }
  }

  /** Flushes the last record (a file need not end with a line break). */
  end(): void {
    if (this.state === State.Quoted) {
      throw new CsvSyntaxError('unterminated quoted field', this.recordLine);
    }
    if (this.state === State.Unquoted || this.state === State.QuoteInQuoted) {
      this.handler.field(this.index++, this.field, this.recordLine);
      this.field = '';
      this.carried = false;
      this.state = State.FieldStart;
    } else if (this.index > 0) {
      this.handler.field(this.index++, '', this.recordLine); // "a,b," at end of file
    }
    if (this.index > 0) this.handler.endRecord(this.index, this.recordLine);
    this.index = 0;
  }

  private endRecord(cr: boolean): void {
    if (this.index > 0) this.handler.endRecord(this.index, this.recordLine);
    this.index = 0;
    this.line++;
    this.recordLine = this.line;
    this.lastWasCr = cr;
  }
}

/** Index of `char` at or after `from`, or the length when absent. */
function positionOf(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}
