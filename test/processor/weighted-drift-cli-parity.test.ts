/**
 * Sampled rows decide the same drift in `mlmon serve`'s path and in `mlmon drift
 * --sampling-probability-column`: the same rows, each with a sampling probability, go through
 * the real OTLP decode → ingest → window close → evaluate path (`ml.sampling.probability` on
 * the event; the first window is the reference) and through CSV files and the CLI; the
 * statistics, p-values and effective sizes agree. Bad probability cells are errors naming the
 * file, line and column.
 */
import { writeFileSync } from 'node:fs';
import {
  ATTR_ML_FEATURES,
  ATTR_ML_SAMPLING_PROBABILITY,
  ML_DRIFT_KIND_VALUE_FEATURE,
} from '@mlmon/conventions';
import { afterAll, describe, expect, it } from 'vitest';
import { runDrift } from '../../processor/src/cli/commands/drift.js';
import { ingest } from '../../processor/src/core.js';
import { decodeOtlpRequest } from '../../processor/src/decode/decode-otlp-request.js';
import { evaluateWindow } from '../../processor/src/evaluate/evaluate-window.js';
import { ReferenceCache } from '../../processor/src/evaluate/reference-cache.js';
import { closeWindows } from '../../processor/src/state/close-windows.js';
import { createState } from '../../processor/src/state/streams.js';
import { tempDir } from '../cli/cli-files.js';
import { logsRequestJson } from './support/otlp-json.js';
import {
  closedAfter,
  LATENESS_SECONDS,
  predictions,
  T0,
  T1,
  WINDOW_SECONDS,
  type ScenarioEvent,
} from './support/scenario.js';

const dir = tempDir('weighted-drift-parity');
afterAll(() => dir.remove());

/** Every other row sampled at p = 0.25 (w = 4), the rest kept whole. */
const sampled = (events: readonly ScenarioEvent[]): ScenarioEvent[] =>
  events.map((e, i) => ({
    ...e,
    attributes: { ...e.attributes, [ATTR_ML_SAMPLING_PROBABILITY]: i % 2 === 0 ? 0.25 : 1 },
  }));
const reference = sampled(predictions(T0, 11, 0).events);
const current = sampled(predictions(T1, 22, 4).events);

function featuresCsv(name: string, events: readonly ScenarioEvent[]): string {
  const rows = events.map((e) => {
    const f = e.attributes[ATTR_ML_FEATURES] as Record<string, string | number>;
    return `${f['amount']},${f['age']},${f['channel']},${String(e.attributes[ATTR_ML_SAMPLING_PROBABILITY])}`;
  });
  const file = dir.path(name);
  writeFileSync(file, `amount,age,channel,p\n${rows.join('\n')}\n`);
  return file;
}
const referenceCsv = featuresCsv('reference.csv', reference);
const currentCsv = featuresCsv('current.csv', current);

interface Decision {
  feature: string;
  method: string;
  status: string;
  score: number | null;
  nCurrent: number | null;
}

/** The service's KS/chi² decisions of the all-slices stream. */
function throughService(): Decision[] {
  const state = createState({
    windowSeconds: WINDOW_SECONDS,
    allowedLatenessSeconds: LATENESS_SECONDS,
  });
  const options = { cache: new ReferenceCache() };
  const send = (events: readonly ScenarioEvent[], nowMs: number) =>
    ingest(state, decodeOtlpRequest('logs', logsRequestJson([...events]), 'json'), nowMs);
  send(reference, T0 + 55_000);
  closeWindows(state, closedAfter(T0)).forEach((w) => evaluateWindow(w, options));
  send(current, T1 + 55_000);
  const result = closeWindows(state, closedAfter(T1))
    .map((w) => evaluateWindow(w, options))
    .find((r) => Object.keys(r.stream.slice).length === 0)!;
  return result.drift
    .filter((d) => d.kind === ML_DRIFT_KIND_VALUE_FEATURE && d.primary)
    .map((d) => ({
      feature: d.feature!,
      method: d.method,
      status: d.state,
      score: d.pValue ?? d.score ?? null,
      nCurrent: d.nCurrent ?? null,
    }))
    .sort((a, b) => a.feature.localeCompare(b.feature));
}

async function throughCli(): Promise<Decision[]> {
  const report = await runDrift({
    reference: referenceCsv,
    current: currentCsv,
    rules: [],
    samplingProbabilityColumn: 'p',
  });
  return report.columns
    .map((c) => ({
      feature: c.name,
      method: c.method,
      status: c.status,
      score: c.score,
      nCurrent: c.current_count,
    }))
    .sort((a, b) => a.feature.localeCompare(b.feature));
}

describe('mlmon drift --sampling-probability-column decides as the processor', () => {
  it('gives the same methods, p-values and effective sizes on sampled rows', async () => {
    const service = throughService();
    const cli = await throughCli();
    expect(cli.map((d) => d.feature)).toEqual(['age', 'amount', 'channel']);
    expect(service.map((d) => [d.feature, d.method, d.status])).toEqual(
      cli.map((d) => [d.feature, d.method, d.status]),
    );
    for (let i = 0; i < cli.length; i++) {
      expect(cli[i]!.score).toBeCloseTo(service[i]!.score!, 12);
      expect(cli[i]!.nCurrent).toBeCloseTo(service[i]!.nCurrent!, 9);
    }
    // Half the 400 rows weigh 4: n_eff = (200·4 + 200)² / (200·16 + 200) = 294.1…
    expect(cli.find((d) => d.feature === 'amount')!.nCurrent).toBeCloseTo(1_000_000 / 3400, 9);
    // The shift of amount is found; the weights changed the decision's size, not the method.
    expect(cli.find((d) => d.feature === 'amount')!.status).toBe('drift');
  });

  it('names the file, line and column of a bad sampling probability', async () => {
    const bad = (name: string, cell: string) => {
      const file = dir.path(name);
      writeFileSync(file, `amount,p\n1,0.5\n2,${cell}\n`);
      return file;
    };
    const run = (file: string) =>
      runDrift({
        reference: referenceCsv,
        current: file,
        samplingProbabilityColumn: 'p',
        columns: ['amount'],
      });
    await expect(run(bad('zero.csv', '0'))).rejects.toThrow(
      /zero\.csv line 3, column 'p': sampling probability 0 is not in \(0, 1\]/,
    );
    await expect(run(bad('big.csv', '1.5'))).rejects.toThrow(
      /big\.csv line 3, column 'p': sampling probability 1\.5/,
    );
    await expect(run(bad('neg.csv', '-0.2'))).rejects.toThrow(
      /line 3, column 'p': sampling probability -0\.2/,
    );
    await expect(run(bad('text.csv', 'half'))).rejects.toThrow(
      /text\.csv line 3, column 'p': non-numeric sampling probability 'half'/,
    );
    await expect(
      runDrift({ reference: referenceCsv, current: currentCsv, samplingProbabilityColumn: 'q' }),
    ).rejects.toThrow(/--sampling-probability-column: no column 'q'/);
  });
});
