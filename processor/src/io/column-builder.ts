/**
 * Columnar storage for one column while a file streams in: numbers in a growing Float64Array
 * (NaN = missing) until a value that is not a number arrives, then strings. Values that are
 * numbers in a column that turns categorical are kept as `String(number)` ("1.0" becomes "1").
 */

/** Cell texts read as missing: empty, and NaN as pandas/NumPy write it. */
export function isMissingText(text: string): boolean {
  return text === '' || text === 'nan' || text === 'NaN';
}

/**
 * The number a cell holds, or undefined when it is not a number. ±Infinity count as numbers
 * here and are stored as missing later (as Evidently drops them). Hex/octal/binary literals and
 * blank text are not numbers.
 */
export function parseNumber(text: string): number | undefined {
  const x = Number(text);
  if (Number.isNaN(x)) return undefined;
  const c0 = text.charCodeAt(0);
  if (c0 <= 32 || text.charCodeAt(text.length - 1) <= 32) {
    return text.trim() === '' ? undefined : parseNumber(text.trim());
  }
  if (text.length > 1 && c0 === 48 /* 0 */ && /^0[xXoObB]/.test(text)) return undefined;
  return x;
}

/** Where the column stopped being numeric. */
export interface FirstNonNumeric {
  readonly line: number;
  readonly value: string;
}

/** A finished column. */
export type Column =
  | {
      readonly name: string;
      readonly kind: 'numeric';
      /** One entry per row, NaN where missing (empty, NaN, ±Infinity). */
      readonly values: Float64Array;
      readonly missing: number;
      /** The non-missing values ascending, when the reader sorted them (worker thread). */
      readonly sorted?: Float64Array;
    }
  | {
      readonly name: string;
      readonly kind: 'categorical';
      /** One entry per row, null where missing. */
      readonly values: (string | null)[];
      readonly missing: number;
      /** Set when the column was not declared categorical but held a non-number. */
      readonly firstNonNumeric?: FirstNonNumeric;
    };

/** Accumulates one column row by row. */
export class ColumnBuilder {
  private numbers: Float64Array | undefined = new Float64Array(1024);
  private strings: (string | null)[] | undefined;
  private length = 0;
  private missing = 0;
  private firstNonNumeric: FirstNonNumeric | undefined;

  constructor(
    readonly name: string,
    declaredCategorical: boolean,
  ) {
    if (declaredCategorical) {
      this.numbers = undefined;
      this.strings = [];
    }
  }

  /** True while the column holds numbers. */
  get numeric(): boolean {
    return this.strings === undefined;
  }

  /** Appends an already parsed finite number (the CSV fast path; only while `numeric`). */
  pushParsed(x: number): void {
    this.pushNumber(x);
  }

  /** Appends a cell given as text (CSV). `row` pads skipped rows as missing (JSONL). */
  pushText(text: string, line: number, row = this.length): void {
    this.pad(row);
    if (isMissingText(text)) return this.pushMissing();
    if (this.strings !== undefined) {
      this.strings.push(text);
    } else {
      const x = parseNumber(text);
      if (x === undefined) {
        this.firstNonNumeric = { line, value: text };
        this.toStrings();
        this.strings!.push(text);
      } else if (!Number.isFinite(x)) {
        return this.pushMissing();
      } else {
        this.pushNumber(x);
        return;
      }
    }
    this.length++;
  }

  /** Appends a JSON value: number, string, boolean or null. */
  pushJson(value: number | string | boolean | null, line: number, row: number): void {
    if (value === null) {
      this.pad(row);
      this.pushMissing();
    } else if (typeof value === 'number') {
      this.pushText(String(value), line, row);
    } else if (typeof value === 'boolean') {
      this.pad(row);
      if (this.numbers !== undefined) {
        this.firstNonNumeric = { line, value: String(value) };
        this.toStrings();
      }
      this.strings!.push(String(value));
      this.length++;
    } else {
      this.pushText(value, line, row);
    }
  }

  /** Pads missing rows up to `rows` and returns the finished column. */
  finish(rows: number): Column {
    this.pad(rows);
    if (this.strings !== undefined) {
      return {
        name: this.name,
        kind: 'categorical',
        values: this.strings,
        missing: this.missing,
        ...(this.firstNonNumeric !== undefined ? { firstNonNumeric: this.firstNonNumeric } : {}),
      };
    }
    return {
      name: this.name,
      kind: 'numeric',
      values: this.numbers!.subarray(0, this.length),
      missing: this.missing,
    };
  }

  private pad(row: number): void {
    while (this.length < row) this.pushMissing();
  }

  private pushMissing(): void {
    this.missing++;
    if (this.strings === undefined) return this.pushNumber(Number.NaN);
    this.strings.push(null);
    this.length++;
  }

  private pushNumber(x: number): void {
    let numbers = this.numbers!;
    if (this.length === numbers.length) {
      const grown = new Float64Array(numbers.length * 2);
      grown.set(numbers);
      this.numbers = numbers = grown;
    }
    numbers[this.length++] = x;
  }

  private toStrings(): void {
    const numbers = this.numbers!;
    const strings: (string | null)[] = new Array<string | null>(this.length);
    for (let i = 0; i < this.length; i++) {
      const x = numbers[i]!;
      strings[i] = Number.isNaN(x) ? null : String(x);
    }
    this.strings = strings;
    this.numbers = undefined;
  }
}

/** The column as categorical (numbers as `String(number)`, missing as null). */
export function asCategorical(column: Column): Column & { kind: 'categorical' } {
  if (column.kind === 'categorical') return column;
  const values: (string | null)[] = new Array<string | null>(column.values.length);
  for (let i = 0; i < column.values.length; i++) {
    const x = column.values[i]!;
    values[i] = Number.isNaN(x) ? null : String(x);
  }
  return { name: column.name, kind: 'categorical', values, missing: column.missing };
}
