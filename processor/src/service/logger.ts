/** Minimal structured-enough logger of the service (stderr by default). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Writes `mlmon serve: <level>: message` lines to stderr. */
export const stderrLogger: Logger = {
  info: (message) => process.stderr.write(`mlmon serve: ${message}\n`),
  warn: (message) => process.stderr.write(`mlmon serve: warning: ${message}\n`),
  error: (message) => process.stderr.write(`mlmon serve: error: ${message}\n`),
};

/** Discards everything (tests). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
