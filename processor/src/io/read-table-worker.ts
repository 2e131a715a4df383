/**
 * Worker entry of {@link readTableInWorker}: reads one table and posts it back, numeric columns
 * as transferred buffers (no copy). An input-file problem is posted as its one-line message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sortedPresent } from '../evaluate/drift/summarize.js';
import type { Column } from './column-builder.js';
import { InputFileError } from './input-file-error.js';
import { readTable, type ReadTableOptions } from './read-table.js';

/** What the worker is given. */
export interface ReadTableWorkerInput {
  readonly file: string;
  readonly categorical?: string[];
  readonly required?: string[];
  readonly only?: string[];
  /** Also sort each numeric column's non-missing values (on this thread). */
  readonly sortNumeric?: boolean;
}

/** What the worker answers. */
export type ReadTableWorkerOutput =
  | { readonly ok: true; readonly table: Awaited<ReturnType<typeof readTable>> }
  | { readonly ok: false; readonly inputFileError: string }
  | { readonly ok: false; readonly error: string };

async function main(): Promise<void> {
  const input = workerData as ReadTableWorkerInput;
  const options: ReadTableOptions = {
    ...(input.categorical ? { categorical: new Set(input.categorical) } : {}),
    ...(input.required ? { required: input.required } : {}),
    ...(input.only ? { only: new Set(input.only) } : {}),
  };
  let answer: ReadTableWorkerOutput;
  const transfer: ArrayBuffer[] = [];
  try {
    const read = await readTable(input.file, options);
    const columns: Column[] = read.columns.map((c) =>
      c.kind === 'numeric' && input.sortNumeric === true
        ? { ...c, sorted: sortedPresent(c.values) }
        : c,
    );
    for (const c of columns) {
      if (c.kind !== 'numeric') continue;
      transfer.push(c.values.buffer as ArrayBuffer);
      if (c.sorted) transfer.push(c.sorted.buffer as ArrayBuffer);
    }
    transfer.push(read.lines.buffer as ArrayBuffer);
    answer = { ok: true, table: { ...read, columns } };
  } catch (error) {
    answer =
      error instanceof InputFileError
        ? { ok: false, inputFileError: error.message }
        : { ok: false, error: (error as Error).stack ?? String(error) };
  }
  parentPort!.postMessage(answer, [...new Set(transfer)]);
}

void main();
