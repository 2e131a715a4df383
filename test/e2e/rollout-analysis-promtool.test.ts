/**
 * The rollout gates of `deploy/rollouts/` (Argo Rollouts `AnalysisTemplate`, Flagger
 * `MetricTemplate`) against the real promtool (Debian's `prometheus` package): the series
 * `mlmon serve` exposes for the golden two-version case (version 2 worse than version 1 in
 * region us, the same in eu; test/golden/scripts/versions.py), recorded from its /metrics, are
 * the input of `promtool test rules`; each template's PromQL, with its arguments filled in,
 * returns 1 (fail the canary) on the recorded series and 0 on the same series without the
 * degraded slice. Required in CI (MLMON_REQUIRE_E2E).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Sample } from '../processor/support/prometheus-parse.js';
import type { TestService } from '../processor/support/start-service.js';
import { serveVersionCase } from '../processor/support/versions-scenario.js';
import { needsPromtool, promtool } from '../support/promtool.js';

const MODEL = 'loans';
const deployFile = (name: string): string =>
  readFileSync(new URL(`../../deploy/rollouts/${name}`, import.meta.url), 'utf8');

interface AnalysisTemplate {
  spec: {
    metrics: {
      name: string;
      successCondition: string;
      provider: { prometheus: { query: string } };
    }[];
  };
}
interface MetricTemplate {
  spec: { query: string };
}

/** The Argo queries by metric name, with the template's arguments filled in. */
function argoQueries(): Map<string, string> {
  const template = parse(deployFile('argo-analysis-template.yaml')) as AnalysisTemplate;
  return new Map(
    template.spec.metrics.map((m) => [
      m.name,
      m.provider.prometheus.query
        .replaceAll('{{args.model}}', MODEL)
        .replaceAll('{{args.canary-version}}', '2'),
    ]),
  );
}

function flaggerQuery(): string {
  const template = parse(deployFile('flagger-metric-template.yaml')) as MetricTemplate;
  return template.spec.query
    .replaceAll('{{ variables.model }}', MODEL)
    .replaceAll('{{ variables.canary_version }}', '2');
}

/** A sample as a promtool input series (its value held for the test's 10 minutes). */
function inputSeries(s: Sample): { series: string; values: string } {
  const labels = Object.entries(s.labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
  return { series: `${s.name}{${labels}}`, values: `${s.value}x10` };
}

describe('rollout gates on recorded mlmon series, with the real promtool', needsPromtool, () => {
  let svc: TestService;
  let recorded: Sample[];

  beforeAll(async () => {
    let samples: Sample[];
    ({ svc, samples } = await serveVersionCase(MODEL));
    recorded = samples.filter((s) => s.name.startsWith('ml_version_'));
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
  });

  it('fails the canary on the degraded slice and passes it without', () => {
    expect(recorded.length).toBeGreaterThan(0);
    const healthy = recorded.filter((s) => s.labels['ml_slice_region'] === 'eu');
    const argo = argoQueries();
    const gate = (expr: string, value: number) => ({
      expr,
      eval_time: '5m',
      exp_samples: [{ labels: '{}', value }],
    });
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-rollout-'));
    writeFileSync(join(dir, 'rules.yaml'), stringify({ groups: [] }));
    const tests = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: recorded.map(inputSeries),
          promql_expr_test: [
            gate(argo.get('not-worse-than-baseline')!, 1),
            gate(argo.get('has-verdict')!, 1),
            gate(flaggerQuery(), 1),
          ],
        },
        {
          interval: '1m',
          input_series: healthy.map(inputSeries),
          promql_expr_test: [
            gate(argo.get('not-worse-than-baseline')!, 0),
            gate(argo.get('has-verdict')!, 1),
            gate(flaggerQuery(), 0),
          ],
        },
        {
          // Nothing recorded for the canary yet: no failure, and no verdict (inconclusive).
          interval: '1m',
          input_series: [{ series: 'up{job="mlmon"}', values: '1x10' }],
          promql_expr_test: [
            gate(argo.get('not-worse-than-baseline')!, 0),
            gate(argo.get('has-verdict')!, 0),
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'tests.yaml'), stringify(tests));
    expect(promtool(['test', 'rules', 'tests.yaml'], dir)).toContain('SUCCESS');
  });
});
