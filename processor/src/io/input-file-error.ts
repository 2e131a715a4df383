/**
 * A problem with an input data file, located as precisely as known. The message reads
 * `FILE line N, column 'C': what is wrong`, one line, for the CLI to print as is.
 */
export class InputFileError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;

  constructor(file: string, problem: string, where: { line?: number; column?: string } = {}) {
    const location = [
      file,
      where.line !== undefined ? ` line ${where.line}` : '',
      where.column !== undefined
        ? `${where.line !== undefined ? ',' : ''} column '${where.column}'`
        : '',
    ].join('');
    super(`${location}: ${problem}`);
    this.name = 'InputFileError';
    this.file = file;
    this.line = where.line;
    this.column = where.column;
  }
}
