/**
 * `mlmon serve` config parity: per-model `drift: { method, rules, alpha }` reaches the same
 * decisions as `mlmon drift --method/--rule/--alpha` on the same data. The data goes through
 * the real OTLP decode → ingest → window close → evaluate path on one side and through CSV
 * files and the CLI's comparison on the other.
 */
import { writeFileSync } from 'node:fs';
import { ATTR_ML_FEATURES, ML_DRIFT_KIND_VALUE_FEATURE } from '@mlmon/conventions';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRule, runDrift } from '../../processor/src/cli/commands/drift.js';
import { parseModelDrift } from '../../processor/src/config/parse-model-drift.js';
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
  MODEL,
  predictions,
  T0,
  T1,
  WINDOW_SECONDS,
  type ScenarioEvent,
} from './support/scenario.js';

const dir = tempDir('drift-parity');
afterAll(() => dir.remove());

const reference = predictions(T0, 11, 0).events;
/** A shift of `amount` by 0.15 standard deviations: decided differently by different methods. */
const current = predictions(T1, 22, 1.5).events;

/** The features of every prediction as a CSV file (the all-slices stream's data). */
function featuresCsv(name: string, events: readonly ScenarioEvent[]): string {
  const rows = events.map((e) => {
    const f = e.attributes[ATTR_ML_FEATURES] as Record<string, string | number>;
    return `${f['amount']},${f['age']},${f['channel']}`;
  });
  const file = dir.path(name);
  writeFileSync(file, `amount,age,channel\n${rows.join('\n')}\n`);
  return file;
}
const referenceCsv = featuresCsv('reference.csv', reference);
const currentCsv = featuresCsv('current.csv', current);

interface Decision {
  feature: string;
  method: string;
  status: string;
  score: number | null;
  threshold: number | null;
  effective: number | null;
}

/** The service's primary feature decisions of the all-slices stream under `models` config. */
function throughService(modelsYaml: string): Decision[] {
  const parsed = parseModelDrift(parseYaml(modelsYaml));
  expect(parsed.problems).toEqual([]);
  const state = createState({
    windowSeconds: WINDOW_SECONDS,
    allowedLatenessSeconds: LATENESS_SECONDS,
  });
  const options = { cache: new ReferenceCache(), driftByModel: parsed.models };
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
      feature: d.feature,
      method: d.method,
      status: d.state,
      score: d.pValue ?? d.score ?? null,
      threshold: d.threshold ?? null,
      effective: d.effectiveThreshold ?? null,
    }))
    .sort((a, b) => a.feature.localeCompare(b.feature));
}

/** The same decisions through `mlmon drift` with the equivalent flags. */
async function throughCli(flags: { method?: string; rules?: string[]; alpha?: number }) {
  const rules = (flags.rules ?? []).map(parseRule);
  if (flags.method !== undefined) rules.push({ method: flags.method });
  const report = await runDrift({
    reference: referenceCsv,
    current: currentCsv,
    rules,
    ...(flags.alpha !== undefined ? { alpha: flags.alpha } : {}),
  });
  return report.columns
    .map((c) => ({
      feature: c.name,
      method: c.method,
      status: c.status,
      score: c.score,
      threshold: c.threshold,
      effective: c.effective_threshold,
    }))
    .sort((a, b) => a.feature.localeCompare(b.feature));
}

describe('serve models[].drift decides as mlmon drift with the same flags', () => {
  const cases: { name: string; yaml: string; flags: Parameters<typeof throughCli>[0] }[] = [
    {
      name: 'a distance method (null ladders)',
      yaml: `[{ model: ${MODEL}, drift: { method: psi } }]`,
      flags: { method: 'psi' },
    },
    { name: 'defaults', yaml: `[{ model: ${MODEL}, drift: {} }]`, flags: {} },
    {
      name: 'α only',
      yaml: `[{ model: ${MODEL}, drift: { alpha: 0.05 } }]`,
      flags: { alpha: 0.05 },
    },
    {
      name: 'rules (text and map) and a catch-all method',
      yaml: `
- model: ${MODEL}
  version: '1'
  drift:
    rules:
      - 'amount=ks:0.05'
      - { feature: 'ag*', method: ks, threshold: 0.2 }
    method: chi2
    alpha: 0.2
`,
      flags: { rules: ['amount=ks:0.05', 'ag*=ks:0.2'], method: 'chi2', alpha: 0.2 },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const service = throughService(c.yaml);
      const cli = await throughCli(c.flags);
      expect(service.map((d) => d.feature)).toEqual(['age', 'amount', 'channel']);
      const withoutScore = (d: Decision) => ({ ...d, score: undefined });
      expect(service.map(withoutScore)).toEqual(cli.map(withoutScore));
      service.forEach((d, i) => expect(d.score).toBeCloseTo(cli[i]!.score!, 12));
    });
  }

  it('the settings change decisions (the parity is not between two defaults)', async () => {
    const defaults = await throughCli({});
    const loose = throughService(
      `[{ model: ${MODEL}, drift: { alpha: 0.2, rules: ['amount=ks:0.2'] } }]`,
    );
    expect(defaults.find((d) => d.feature === 'amount')!.status).toBe('no_drift');
    expect(loose.find((d) => d.feature === 'amount')).toMatchObject({
      method: 'ks',
      threshold: 0.2,
      effective: 0.2,
      status: 'drift',
    });
  });

  it('another model keeps the defaults', () => {
    const other = throughService(`[{ model: other, drift: { method: psi } }]`);
    expect(other.map((d) => d.method)).toEqual(['ks', 'ks', 'chi2']);
  });
});

describe('models config problems name their key', () => {
  it.each([
    [
      `[{ model: m, drift: { methd: psi } }]`,
      'models[0].drift.methd: unknown key; valid keys are method, rules, alpha',
    ],
    [
      `[{ model: m, drift: { method: bogus } }]`,
      "models[0].drift.method: unknown drift method 'bogus'; valid methods: ks, wasserstein, wasserstein_normed, psi, jensen_shannon, hellinger, chi2, l_infinity, new_category_ratio",
    ],
    [
      `[{ model: m, drift: { alpha: 2 } }]`,
      "models[0].drift.alpha: must be a number between 0 and 1, got '2'",
    ],
    [
      `[{ model: m, drift: { rules: ['amount'] } }]`,
      "models[0].drift.rules[0]: expected PATTERN=METHOD[:THRESHOLD], e.g. 'age=psi:0.2', got 'amount'",
    ],
    [
      `[{ model: m, drift: { rules: [{ feature: x, method: ks, kind: categorical }] } }]`,
      "models[0].drift.rules[0]: method 'ks' does not apply to categorical features",
    ],
    [`[{ model: m }]`, 'models[0].drift: must be a map with method, rules, alpha'],
    [
      `[{ model: m, drift: {} }, { model: m, drift: {} }]`,
      "models[1]: a second entry for model 'm'",
    ],
  ])('%s', (yaml, problem) => {
    expect(parseModelDrift(parseYaml(yaml)).problems).toEqual([problem]);
  });
});
