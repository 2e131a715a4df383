/**
 * Reads a CSV (header row, RFC 4180) or JSONL file into columns, streaming: the file is parsed
 * chunk by chunk and never held as one string; numeric columns live in Float64Arrays.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ColumnBuilder, type Column } from './column-builder.js';
import { CsvParser, CsvSyntaxError, type CsvHandler } from './csv-parser.js';
import { parseDecimalRange } from './fast-number.js';
import { InputFileError } from './input-file-error.js';

/** A table read from a file. */
export interface Table {
  readonly file: string;
  readonly rows: number;
  /** Columns read, in header (CSV) or first-seen (JSONL) order. */
  readonly columns: readonly Column[];
  /** Every column name in the file (including those not read). */
  readonly names: readonly string[];
  /** 1-based line where each row starts, for error messages. */
  readonly lines: Int32Array;
}

/** Options of {@link readTable}. */
export interface ReadTableOptions {
  /** Columns always read as categorical. */
  readonly categorical?: ReadonlySet<string>;
  /** Columns that must exist (checked once the header is known). */
  readonly required?: readonly string[];
  /** Keep only these columns (default all). */
  readonly only?: ReadonlySet<string>;
  /**
   * Columns whose JSONL values may be arrays, kept as their JSON text (categorical) as a CSV
   * cell holds them: label sets and ranked lists.
   */
  readonly arrays?: ReadonlySet<string>;
}

/** The column named `name`, or an error naming the columns that exist. */
export function getColumn(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (column === undefined) {
    throw new InputFileError(
      table.file,
      `no column '${name}' (columns: ${table.names.join(', ')})`,
    );
  }
  return column;
}

/** True for `.jsonl` / `.ndjson` files (else CSV). */
export function isJsonLines(file: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(file);
}

/**
 * Reads `file` as CSV or JSONL (by extension).
 * @throws InputFileError for a missing or empty file, a ragged row, bad syntax, a missing column.
 */
export async function readTable(file: string, options: ReadTableOptions = {}): Promise<Table> {
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new InputFileError(file, 'not a regular file');
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError(file, 'no such file');
  }
  const table = isJsonLines(file)
    ? await readJsonLines(file, options)
    : await readCsv(file, options);
  for (const name of options.required ?? []) getColumn(table, name);
  return table;
}

class LineLog {
  lines = new Int32Array(1024);
  rows = 0;

  add(line: number): void {
    if (this.rows === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.rows++] = line;
  }
}

async function streamText(file: string, onChunk: (chunk: string) => void): Promise<void> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) onChunk(chunk as string);
  } finally {
    stream.destroy();
  }
}

async function readCsv(file: string, options: ReadTableOptions): Promise<Table> {
  let header: string[] | undefined;
  let builders: (ColumnBuilder | undefined)[] = [];
  const pending: string[] = [];
  const log = new LineLog();
  const handler: CsvHandler = {
    field: (index, text, line) => {
      if (header === undefined) pending.push(text);
      else builders[index]?.pushText(text, line);
    },
    fieldRange: (index, chunk, start, end, line) => {
      if (header === undefined) {
        pending.push(chunk.slice(start, end));
        return;
      }
      const builder = builders[index];
      if (builder === undefined) return;
      if (builder.numeric && end > start) {
        const x = parseDecimalRange(chunk, start, end);
        if (x === x) return builder.pushParsed(x); // not NaN: the fast path
      }
      builder.pushText(chunk.slice(start, end), line);
    },
    endRecord: (count, line) => {
      if (header === undefined) {
        header = pending.map((f) => f.trim());
        checkHeader(file, header, line);
        builders = header.map((name) =>
          options.only === undefined || options.only.has(name)
            ? new ColumnBuilder(name, options.categorical?.has(name) ?? false)
            : undefined,
        );
        return;
      }
      if (count !== header.length) {
        throw new InputFileError(
          file,
          `row has ${count} field${count === 1 ? '' : 's'}, the header has ${header.length}`,
          { line },
        );
      }
      log.add(line);
    },
  };
  const parser = new CsvParser(handler);
  try {
    await streamText(file, (chunk) => parser.push(chunk));
    parser.end();
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new InputFileError(file, error.message, { line: error.line });
    }
    throw error;
  }
  if (header === undefined) throw new InputFileError(file, 'empty file (no header row)');
  if (log.rows === 0) throw new InputFileError(file, 'no data rows after the header');
  const columns = builders
    .filter((b): b is ColumnBuilder => b !== undefined)
    .map((b) => b.finish(log.rows));
  return { file, rows: log.rows, columns, names: header, lines: log.lines.subarray(0, log.rows) };
}

function checkHeader(file: string, header: readonly string[], line: number): void {
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') throw new InputFileError(file, `header field ${i + 1} is empty`, { line });
    if (seen.has(name))
      throw new InputFileError(file, `duplicate column '${name}' in the header`, { line });
    seen.add(name);
  });
}

async function readJsonLines(file: string, options: ReadTableOptions): Promise<Table> {
  const builders = new Map<string, ColumnBuilder>();
  const names = new Set<string>();
  const log = new LineLog();
  let carry = '';
  let line = 0;
  const handleLine = (text: string): void => {
    line++;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      throw new InputFileError(file, `invalid JSON (${(error as Error).message})`, { line });
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new InputFileError(file, 'each line must be a JSON object', { line });
    }
    const row = log.rows;
    log.add(line);
    for (const [key, raw] of Object.entries(record as Record<string, unknown>)) {
      names.add(key);
      if (options.only !== undefined && !options.only.has(key)) continue;
      const value = Array.isArray(raw) && options.arrays?.has(key) ? JSON.stringify(raw) : raw;
      if (
        value !== null &&
        typeof value !== 'number' &&
        typeof value !== 'string' &&
        typeof value !== 'boolean'
      ) {
        throw new InputFileError(file, 'nested objects and arrays are not supported', {
          line,
          column: key,
        });
      }
      let builder = builders.get(key);
      if (builder === undefined) {
        builder = new ColumnBuilder(key, options.categorical?.has(key) ?? false);
        builders.set(key, builder);
      }
      builder.pushJson(value, line, row);
    }
  };
  await streamText(file, (chunk) => {
    let start = 0;
    let nl = chunk.indexOf('\n');
    if (nl === -1) {
      carry += chunk;
      return;
    }
    handleLine(stripCr(carry + chunk.slice(0, nl)));
    carry = '';
    start = nl + 1;
    while ((nl = chunk.indexOf('\n', start)) !== -1) {
      handleLine(stripCr(chunk.slice(start, nl)));
      start = nl + 1;
    }
    carry = chunk.slice(start);
  });
  if (carry !== '') handleLine(stripCr(carry));
  if (line === 0) throw new InputFileError(file, 'empty file');
  if (log.rows === 0) throw new InputFileError(file, 'no data rows');
  const columns = [...builders.values()].map((b) => b.finish(log.rows));
  return {
    file,
    rows: log.rows,
    columns,
    names: [...names],
    lines: log.lines.subarray(0, log.rows),
  };
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
