/**
 * An error meant for the person at the terminal: its message is printed as one line after
 * `mlmon: ` and the process exits with `exitCode` (2 for bad input or usage, as is customary).
 */
export class CliError extends Error {
  /** Process exit code to use. @default 2 */
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
