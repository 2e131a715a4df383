/**
 * `mlmon capture export --data-dir DIR --model M [--version V] [--slice k=v …] [--from T]
 * [--to T] --out FILE.csv|FILE.jsonl`: the captured predictions of a model as rows the batch
 * commands read unchanged — one column per feature, then `score`, `prediction_label` and
 * `prediction_value` (the outputs that were sent) and `ground_truth` (the label that arrived, or
 * its value); with `--with-ids`, also `time`, `prediction_id`, `model_version`, `trace_id`,
 * `span_id` and one `slice.<key>` column per slice key. `mlmon drift --reference A --current B`
 * compares two exports, `mlmon evaluate --label-column ground_truth --score-column score` scores
 * one, `mlmon baseline --score-column score --exclude ground_truth` profiles one.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readCaptured, type CapturedExample } from '../../capture/read-captured.js';
import { CliError } from '../cli-error.js';

type Cell = string | number | boolean | null | undefined;

function parseTime(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms))
    throw new CliError(`${flag} must be an ISO time or Unix milliseconds, got '${text}'`);
  return ms;
}

function parseSlices(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const at = item.indexOf('=');
    if (at <= 0) throw new CliError(`--slice must be key=value, got '${item}'`);
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

/** The rows of the examples: column names and one cell array per example. */
export function exportRows(
  examples: readonly CapturedExample[],
  withIds: boolean,
): { columns: string[]; rows: Cell[][] } {
  const features = [...new Set(examples.flatMap((e) => Object.keys(e.prediction.features)))].sort();
  const slices = [...new Set(examples.flatMap((e) => Object.keys(e.prediction.slice)))].sort();
  const has = (pick: (e: CapturedExample) => unknown) =>
    examples.some((e) => pick(e) !== undefined);
  const outputs: [string, (e: CapturedExample) => Cell][] = [
    ['score', (e) => e.prediction.score],
    ['prediction_label', (e) => e.prediction.label],
    ['prediction_value', (e) => e.prediction.value],
    ['ground_truth', (e) => e.label?.label ?? e.label?.value],
  ];
  const used = outputs.filter(([, pick]) => has(pick));
  const ids: [string, (e: CapturedExample) => Cell][] = withIds
    ? [
        ['time', (e) => new Date(e.prediction.timeUnixMillis).toISOString()],
        ['prediction_id', (e) => e.prediction.predictionId],
        ['model_version', (e) => e.prediction.version],
        ['trace_id', (e) => e.prediction.traceId],
        ['span_id', (e) => e.prediction.spanId],
        ...slices.map((k): [string, (e: CapturedExample) => Cell] => [
          `slice.${k}`,
          (e) => e.prediction.slice[k],
        ]),
      ]
    : [];
  const columns = [...features, ...used.map(([name]) => name), ...ids.map(([name]) => name)];
  const clash = features.find((f) => columns.indexOf(f) !== columns.lastIndexOf(f));
  if (clash !== undefined)
    throw new CliError(
      `feature '${clash}' has the name of an output column; it cannot be exported`,
    );
  const rows = examples.map((e) => [
    ...features.map((f) => e.prediction.features[f]),
    ...used.map(([, pick]) => pick(e)),
    ...ids.map(([, pick]) => pick(e)),
  ]);
  return { columns, rows };
}

function csvCell(v: Cell): string {
  if (v === undefined || v === null) return '';
  const text = String(v);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The export as CSV (header row) or JSONL text, by the output file's extension. */
export function exportText(
  path: string,
  columns: readonly string[],
  rows: readonly Cell[][],
): string {
  if (path.endsWith('.jsonl')) {
    return rows
      .map((row) => {
        const o: Record<string, Cell> = {};
        columns.forEach((c, i) => {
          if (row[i] !== undefined && row[i] !== null) o[c] = row[i];
        });
        return `${JSON.stringify(o)}\n`;
      })
      .join('');
  }
  if (!path.endsWith('.csv')) throw new CliError(`--out must end in .csv or .jsonl, got '${path}'`);
  return [columns, ...rows].map((row) => `${row.map(csvCell).join(',')}\n`).join('');
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Registers `mlmon capture`. */
export function registerCaptureCommand(program: Command): void {
  const capture = program
    .command('capture')
    .description('the records the processor captured under its data directory');
  capture
    .command('export')
    .description('write captured predictions (with their labels) as CSV or JSONL rows')
    .requiredOption('--model <name>', 'model name (ml.model.name)')
    .requiredOption('--out <file>', 'file to write (.csv or .jsonl)')
    .option('--data-dir <dir>', "the processor's data directory", './.mlmon')
    .option('--version <version>', 'only this model version')
    .option('--slice <key=value>', 'only this slice value (repeatable)', collect, [])
    .option('--from <time>', 'predictions at or after (ISO time or Unix ms)')
    .option('--to <time>', 'predictions before (ISO time or Unix ms)')
    .option('--with-ids', 'also write time, ids, version, trace and slice columns', false)
    .action(async (opts: Record<string, unknown>) => {
      const from = parseTime(opts['from'] as string | undefined, '--from');
      const to = parseTime(opts['to'] as string | undefined, '--to');
      const examples = await readCaptured(opts['dataDir'] as string, {
        model: opts['model'] as string,
        ...(opts['version'] !== undefined ? { version: opts['version'] as string } : {}),
        slice: parseSlices(opts['slice'] as string[]),
        ...(from !== undefined ? { fromUnixMillis: from } : {}),
        ...(to !== undefined ? { toUnixMillis: to } : {}),
      });
      const out = opts['out'] as string;
      const { columns, rows } = exportRows(examples, opts['withIds'] === true);
      const text = exportText(out, columns, rows);
      if (rows.length === 0)
        throw new CliError(
          `no captured predictions of model '${String(opts['model'])}' match in ${String(opts['dataDir'])} (is capture configured, and the filters right?)`,
          1,
        );
      try {
        await writeFile(out, text);
      } catch (error) {
        throw new CliError(`${out}: cannot write (${(error as Error).message})`);
      }
      process.stdout.write(`wrote ${out}: ${rows.length} rows, ${columns.length} columns\n`);
    });
}
