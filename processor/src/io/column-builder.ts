/**
 * Columnar storage for one column while a file streams in: numbers in a growing Float64Array
 * (NaN = missing). A cell that is not a number does not change what the column is: from the
 * first such cell on, the column is also kept as strings, and only when the file is done does
 * the share of non-numbers decide (see {@link NUMERIC_SHARE}). A numeric column keeps its few
 * non-numbers as counted type mismatches (NaN in `values`, never silently missing); a column
 * that turns categorical keeps its numbers as `String(number)` ("1.0" becomes "1").
 */

/**
 * A column is numeric when at least this share of its non-missing cells are numbers. A typo or
 * a sentinel (`oops`, `NA`, `n/a`) is rare in a numeric column, and re-reading the whole
 * column as categories for it would hide drift behind a test on thousands of one-off values;
 * a column of codes with real category names (`1`, `2`, `other`) has them on far more than
 * 1 in 20 rows. Below 95 % the column is read as categorical, as the data says.
 */
export const NUMERIC_SHARE = 0.95;

/** How many type mismatches a column remembers by line (the count is always exact). */
export const MISMATCH_EXAMPLES = 5;

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

/** Non-numbers in a column read as numeric: how many, and the first few by line. */
export interface TypeMismatches {
  readonly count: number;
  /** The first {@link MISMATCH_EXAMPLES} in file order. */
  readonly first: readonly FirstNonNumeric[];
}

/** A finished column. */
export type Column =
  | {
      readonly name: string;
      readonly kind: 'numeric';
      /** One entry per row, NaN where missing (empty, NaN, ±Infinity) or a type mismatch. */
      readonly values: Float64Array;
      /** Missing cells, not counting type mismatches. */
      readonly missing: number;
      /** Cells that are not numbers (fewer than 1 − {@link NUMERIC_SHARE} of the present). */
      readonly typeMismatches?: TypeMismatches;
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
  /** Numbers while the column may still be numeric (undefined when declared categorical). */
  private numbers: Float64Array | undefined = new Float64Array(1024);
  /** Every cell as text, kept from the first non-number on (or from the start if declared). */
  private strings: (string | null)[] | undefined;
  private length = 0;
  private missing = 0;
  private mismatches = 0;
  private readonly examples: FirstNonNumeric[] = [];

  constructor(
    readonly name: string,
    declaredCategorical: boolean,
  ) {
    if (declaredCategorical) {
      this.numbers = undefined;
      this.strings = [];
    }
  }

  /** True while the column holds numbers (declared categorical columns never do). */
  get numeric(): boolean {
    return this.numbers !== undefined;
  }

  /** Appends an already parsed finite number (the CSV fast path; only while `numeric`). */
  pushParsed(x: number): void {
    this.strings?.push(String(x));
    this.pushNumber(x);
  }

  /** Appends a cell given as text (CSV). `row` pads skipped rows as missing (JSONL). */
  pushText(text: string, line: number, row = this.length): void {
    this.pad(row);
    if (isMissingText(text)) return this.pushMissing();
    if (this.numbers === undefined) {
      this.strings!.push(text);
      this.length++;
      return;
    }
    const x = parseNumber(text);
    if (x === undefined) return this.pushMismatch(text, line);
    if (!Number.isFinite(x)) return this.pushMissing();
    this.pushParsed(x);
  }

  /** Appends a JSON value: number, string, boolean or null. */
  pushJson(value: number | string | boolean | null, line: number, row: number): void {
    if (value === null) {
      this.pad(row);
      this.pushMissing();
    } else if (typeof value === 'boolean') {
      this.pad(row);
      if (this.numbers === undefined) {
        this.strings!.push(String(value));
        this.length++;
      } else {
        this.pushMismatch(String(value), line);
      }
    } else {
      this.pushText(typeof value === 'number' ? String(value) : value, line, row);
    }
  }

  /** Pads missing rows up to `rows` and returns the finished column. */
  finish(rows: number): Column {
    this.pad(rows);
    const present = this.length - this.missing;
    if (this.numbers !== undefined && this.mismatches <= (1 - NUMERIC_SHARE) * present) {
      return {
        name: this.name,
        kind: 'numeric',
        values: this.numbers.subarray(0, this.length),
        missing: this.missing,
        ...(this.mismatches > 0
          ? { typeMismatches: { count: this.mismatches, first: this.examples } }
          : {}),
      };
    }
    const first = this.examples[0];
    return {
      name: this.name,
      kind: 'categorical',
      values: this.strings!,
      missing: this.missing,
      ...(first !== undefined ? { firstNonNumeric: first } : {}),
    };
  }

  private pad(row: number): void {
    while (this.length < row) this.pushMissing();
  }

  private pushMissing(): void {
    this.missing++;
    this.strings?.push(null);
    if (this.numbers !== undefined) this.pushNumber(Number.NaN);
    else this.length++;
  }

  private pushMismatch(text: string, line: number): void {
    this.mismatches++;
    if (this.examples.length < MISMATCH_EXAMPLES) this.examples.push({ line, value: text });
    if (this.strings === undefined) this.toStrings();
    this.strings!.push(text);
    this.pushNumber(Number.NaN);
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

  /** Starts the text copy of the column: the numbers so far as `String(number)`. */
  private toStrings(): void {
    const numbers = this.numbers!;
    const strings: (string | null)[] = new Array<string | null>(this.length);
    for (let i = 0; i < this.length; i++) {
      const x = numbers[i]!;
      strings[i] = Number.isNaN(x) ? null : String(x);
    }
    this.strings = strings;
  }
}

/**
 * The first cell that is not a number, in a column read either way (a numeric column's first
 * type mismatch, or what made a column categorical); undefined when every cell is a number.
 */
export function firstNonNumericOf(column: Column): FirstNonNumeric | undefined {
  return column.kind === 'numeric' ? column.typeMismatches?.first[0] : column.firstNonNumeric;
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
