/**
 * The capture store closes the loop in the CLI: `mlmon serve` with `capture` (every prediction
 * kept) is fed the drift scenario by the real OTel SDK; `mlmon capture export` writes the
 * reference window and the drifted window as CSV; `mlmon drift` on the two files gives the same
 * statistics as the processor's window, and `mlmon evaluate` reads the labels the store kept.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CAPTURE } from '../../processor/src/capture/capture-settings.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import type { DriftReport } from '../../processor/src/cli/commands/render-drift-report.js';
import { closedAfter, driftScenario, MODEL, T0, T1 } from '../processor/support/scenario.js';
import { sdkLogs, startTestService, type TestService } from '../processor/support/start-service.js';
import { runCli, tempDir } from './cli-files.js';

const dir = tempDir('capture-export');

describe('mlmon capture export round-trips through mlmon drift', () => {
  let svc: TestService;
  let results: WindowResult[];

  beforeAll(async () => {
    const scenario = driftScenario();
    svc = await startTestService(T0, {
      dataDir: dir.path('data'),
      capture: { ...DEFAULT_CAPTURE, sampleRate: 1 },
    });
    const sdk = sdkLogs(svc.addresses, 'http/protobuf');
    svc.clock.set(T0 + 55_000);
    await sdk.send(scenario.reference);
    svc.clock.set(closedAfter(T0));
    await svc.service.flush();
    svc.clock.set(T1 + 56_000);
    await sdk.send([...scenario.current, ...scenario.labels]);
    await sdk.shutdown();
    svc.clock.set(closedAfter(T1));
    results = await svc.service.flush();
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
    dir.remove();
  });

  const exportWindow = (name: string, from: number, to: number): string => {
    const out = dir.path(name);
    const run = runCli([
      'capture',
      'export',
      '--data-dir',
      dir.path('data'),
      '--model',
      MODEL,
      '--from',
      String(from),
      '--to',
      String(to),
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return out;
  };

  it('gives mlmon drift the statistics of the processor window', () => {
    const reference = exportWindow('reference.csv', T0, T1);
    const current = exportWindow('current.csv', T1, T1 + (T1 - T0));
    expect(readFileSync(reference, 'utf8').split('\n')[0]).toBe('age,amount,channel,score');
    const run = runCli([
      'drift',
      '--reference',
      reference,
      '--current',
      current,
      '--columns',
      'amount,age,channel',
      '--format',
      'json',
    ]);
    expect(run.status === 0 || run.status === 1).toBe(true);
    const report = JSON.parse(run.stdout) as DriftReport;
    const window = results.find((r) => Object.keys(r.stream.slice).length === 0)!;
    for (const feature of ['amount', 'age', 'channel']) {
      const processor = window.drift.find((d) => d.feature === feature && d.primary)!;
      const cli = report.columns.find((c) => c.name === feature)!;
      expect(cli.method).toBe(processor.method);
      expect(cli.reference_count).toBe(processor.nReference);
      expect(cli.current_count).toBe(processor.nCurrent);
      // The report's score is the decision's: the p-value for tests, the distance otherwise.
      const expected = processor.pValue ?? processor.score!;
      expect(cli.score! / expected).toBeCloseTo(1, 9);
      expect(cli.status).toBe(processor.state);
    }
  });

  it('exports the labels that arrived, for mlmon evaluate', () => {
    const current = exportWindow('labeled.csv', T1, T1 + (T1 - T0));
    // Only the second window had labels: its rows carry them.
    expect(readFileSync(current, 'utf8').split('\n')[0]).toBe(
      'age,amount,channel,score,ground_truth',
    );
    const run = runCli([
      'evaluate',
      '--predictions',
      current,
      '--task',
      'binary_classification',
      '--label-column',
      'ground_truth',
      '--score-column',
      'score',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    const window = results.find((r) => Object.keys(r.stream.slice).length === 0)!;
    const accuracy = window.quality.find((q) => q.metric === 'accuracy')!.value!;
    expect(run.stdout).toContain(`"accuracy": ${accuracy}`);
  });
});
