/**
 * Reads a table on a worker thread, so the batch CLI parses its two input files on two cores
 * (CSV parsing is most of `mlmon drift`'s time on large files). Same result and same errors as
 * {@link readTable}; when no worker can run this module (e.g. sources executed by a test runner
 * that transforms TypeScript in-process), it reads on the calling thread instead.
 */
import { Worker } from 'node:worker_threads';
import { InputFileError } from './input-file-error.js';
import { readTable, type ReadTableOptions, type Table } from './read-table.js';
import type { ReadTableWorkerInput, ReadTableWorkerOutput } from './read-table-worker.js';

/**
 * How to start the worker: the compiled module directly; under tsx (sources run as TypeScript)
 * an eval bootstrap that registers tsx's loader in the worker first (loader hooks are per
 * thread); otherwise (e.g. a test runner transforming in-process) no worker.
 */
function workerSource(): { source: string | URL; eval: boolean } | undefined {
  const self = import.meta.url;
  if (self.endsWith('.js')) return { source: new URL('./read-table-worker.js', self), eval: false };
  if (!process.execArgv.some((a) => /tsx/.test(a))) return undefined;
  const entry = JSON.stringify(new URL('./read-table-worker.ts', self).href);
  return {
    source: `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`,
    eval: true,
  };
}

/**
 * Like {@link readTable}, on a worker thread when possible.
 * @throws InputFileError with the message `readTable` would give.
 */
export async function readTableInWorker(
  file: string,
  options: ReadTableOptions = {},
  worker: { readonly sortNumeric?: boolean } = {},
): Promise<Table> {
  const start = workerSource();
  if (start === undefined) return readTable(file, options);
  const input: ReadTableWorkerInput = {
    file,
    ...(options.categorical ? { categorical: [...options.categorical] } : {}),
    ...(options.required ? { required: [...options.required] } : {}),
    ...(options.only ? { only: [...options.only] } : {}),
    ...(worker.sortNumeric === true ? { sortNumeric: true } : {}),
  };
  // A worker that cannot start or dies before answering: read on this thread instead.
  const answer = await new Promise<ReadTableWorkerOutput | undefined>((resolve) => {
    const worker = new Worker(start.source, { workerData: input, eval: start.eval });
    worker.once('message', (m: ReadTableWorkerOutput) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  if (answer === undefined) return readTable(file, options);
  if (answer.ok) return answer.table;
  if ('inputFileError' in answer) throw new InputFileMessage(file, answer.inputFileError);
  throw new Error(`reading ${file} failed: ${answer.error}`);
}

/** An {@link InputFileError} carrying the worker's finished one-line message unchanged. */
class InputFileMessage extends InputFileError {
  constructor(file: string, message: string) {
    super(file, '');
    this.message = message;
  }
}
