/**
 * `npm run bench [-- --quick] [--json FILE] [--only a,b]`: runs the benchmark suites of issue 9,
 * prints one markdown table (stdout) and optionally writes `{"benchmarks":[…]}` to FILE.
 * Progress goes to stderr. Never part of `npm test`.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BenchRow, SuiteOptions, SuiteResult } from './lib/row.js';
import { renderTable } from './lib/table.js';

type Suite = (o: SuiteOptions) => Promise<SuiteResult>;

/**
 * The suites in issue order, by the name `--only` takes. Imported lazily, so that a suite whose
 * code under test does not load yet fails alone (reported as a note) instead of the whole run.
 */
const SUITES: ReadonlyArray<readonly [string, () => Promise<Suite>]> = [
  [
    'instrumentation',
    async () => (await import('./suites/instrumentation-overhead.js')).runInstrumentationOverhead,
  ],
  ['ingest', async () => (await import('./suites/ingest-in-process.js')).runIngestInProcess],
  ['ingest-http', async () => (await import('./suites/ingest-http.js')).runIngestHttp],
  ['evaluation', async () => (await import('./suites/evaluation-cost.js')).runEvaluationCost],
  ['cli', async () => (await import('./suites/batch-cli.js')).runBatchCli],
  ['detection', async () => (await import('./suites/detection.js')).runDetection],
  ['detection-extra', async () => (await import('./suites/detection-extra.js')).runDetectionExtra],
  [
    'detection-embedding',
    async () => (await import('./suites/detection-embedding.js')).runDetectionEmbedding,
  ],
  ['slo-alerts', async () => (await import('./suites/slo-alerts.js')).runSloAlerts],
  ['quality-alerts', async () => (await import('./suites/quality-alerts.js')).runQualityAlerts],
  ['reference-modes', async () => (await import('./suites/reference-modes.js')).runReferenceModes],
  ['fairness', async () => (await import('./suites/fairness.js')).runFairness],
  [
    'quality-attribution',
    async () => (await import('./suites/quality-attribution.js')).runQualityAttribution,
  ],
  ['cbpe', async () => (await import('./suites/cbpe.js')).runCbpe],
  ['versions', async () => (await import('./suites/versions.js')).runVersions],
  ['streams', async () => (await import('./suites/stream-scale.js')).runStreamScale],
  ['serve-ack', async () => (await import('./suites/serve-ack.js')).runServeAck],
  ['weighted-drift', async () => (await import('./suites/weighted-drift.js')).runWeightedDrift],
  [
    'weighted-labeled',
    async () => (await import('./suites/weighted-labeled.js')).runWeightedLabeled,
  ],
];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    only: { type: 'string' },
  },
});
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((name) => !SUITES.some(([n]) => n === name)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(
    `bench: unknown suite(s) ${unknown.join(', ')}; known: ${SUITES.map(([n]) => n).join(', ')}\n`,
  );
  process.exit(2);
}

const options: SuiteOptions = {
  quick: values.quick,
  log: (message) =>
    process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`),
};
const rows: BenchRow[] = [];
const notes: string[] = [];
const started = performance.now();
for (const [name, load] of SUITES) {
  if (only && !only.includes(name)) continue;
  const t0 = performance.now();
  options.log(`suite ${name}…`);
  try {
    const result = await (await load())(options);
    rows.push(...result.rows);
    notes.push(...result.notes);
  } catch (error) {
    // One broken suite must not hide the others' rows; the failure is printed and exits non-zero.
    process.exitCode = 1;
    notes.push(
      `${name}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  options.log(`suite ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

process.stdout.write(`${renderTable(rows)}\n`);
if (notes.length > 0) process.stdout.write(`\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
process.stdout.write(
  `\n${values.quick ? 'quick' : 'full'} run, ${((performance.now() - started) / 1000).toFixed(0)} s, node ${process.version}\n`,
);
if (values.json) {
  writeFileSync(values.json, `${JSON.stringify({ benchmarks: rows }, null, 2)}\n`);
  options.log(`wrote ${rows.length} rows to ${values.json}`);
}
