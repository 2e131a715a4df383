/**
 * `mlmon slo rules` against the real promtool (Debian's `prometheus` package): the generated
 * rules pass `promtool check rules`, and `promtool test rules` on synthetic series shows the
 * availability SLO paging and opening a ticket on an error burst, staying quiet at 0.5× its
 * budget rate, and every model-SLO recording evaluating (calibration and cost). Required in CI (MLMON_REQUIRE_E2E).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { sloRulesText } from '../../processor/src/cli/commands/slo.js';
import type { PrometheusRuleFile } from '../../processor/src/export/slo-prometheus-rules.js';
import { needsPromtool, promtool } from '../support/promtool.js';

const CONFIG = `
window-seconds: 60
slos:
  - name: scoring-availability
    model: fraud
    indicator: availability
    target: 0.999
  - name: scoring-latency
    model: fraud
    indicator: latency
    threshold: 0.25
    target: 0.99
  - name: fraud-calibration
    model: fraud
    slice: { country: DE }
    indicator: calibration
    threshold: 0.1
    target: 0.9
    timeWindow: 7d
  - name: chat-cost
    model: gpt-x
    indicator: cost
    threshold: 5
    target: 0.95
    timeWindow: 7d
`;

describe('mlmon slo rules with the real promtool', needsPromtool, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-slo-rules-'));
  const configPath = join(dir, 'mlmon.yaml');
  writeFileSync(configPath, CONFIG);
  const text = sloRulesText(configPath, '1m');
  writeFileSync(join(dir, 'rules.yaml'), text);
  const rules = parse(text) as PrometheusRuleFile;

  it('writes rules that promtool checks', () => {
    expect(rules.groups.map((g) => g.name)).toEqual([
      'mlmon-slo-scoring-availability',
      'mlmon-slo-scoring-latency',
      'mlmon-slo-fraud-calibration',
      'mlmon-slo-chat-cost',
    ]);
    expect(promtool(['check', 'rules', 'rules.yaml'], dir)).toContain('SUCCESS');
  });

  it('pages and tickets on an error burst, stays quiet at half the budget rate', () => {
    const alertsOf = (slo: string) =>
      rules.groups
        .find((g) => g.name === `mlmon-slo-${slo}`)!
        .rules.filter((r) => 'alert' in r)
        .map((r) => r as { labels: Record<string, string>; annotations: Record<string, string> });
    const expected = (slo: string) =>
      alertsOf(slo).map((r) => ({ exp_labels: { ...r.labels }, exp_annotations: r.annotations }));
    const ok = 'ml_inference_duration_seconds_count{ml_model_name="fraud"}';
    const failed =
      'ml_inference_duration_seconds_count{ml_model_name="fraud",error_type="timeout"}';
    const calibration =
      'ml_calibration_error{ml_model_name="fraud",ml_slice_country="DE",ml_calibration_method="ece"}';
    const tests = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          // One clean hour of 100 calls/min, then 50 failed calls/min on top: a third fail.
          interval: '1m',
          input_series: [
            { series: ok, values: '0+100x120' },
            { series: failed, values: '0+0x60 50+50x59' },
            // ECE 0.05 (good) for 30 min, then 0.3 (bad): the calibration SLI records it.
            { series: calibration, values: '0.05x30 0.3x89' },
            // 4 per 1000 requests (within 5) for 20 min, then 8: the cost SLI records it.
            {
              series: 'ml_cost_per_thousand_requests{ml_model_name="gpt-x",ml_cost_currency="USD"}',
              values: '4x20 8x99',
            },
          ],
          alert_rule_test: [
            // Before the error burst the calibration SLO (bad since minute 31) and the cost SLO
            // (over budget since minute 21) burn.
            {
              eval_time: '50m',
              alertname: 'SloBurnRate',
              exp_alerts: [...expected('fraud-calibration'), ...expected('chat-cost')],
            },
            {
              eval_time: '75m',
              alertname: 'SloBurnRate',
              exp_alerts: [
                ...expected('fraud-calibration'),
                ...expected('scoring-availability'),
                ...expected('chat-cost'),
              ],
            },
          ],
          promql_expr_test: [
            {
              // 50 failed of 150 calls a minute, in per-mille.
              expr: 'round(1000 * slo:sli_error:ratio_rate5m{slo="scoring-availability"})',
              eval_time: '90m',
              exp_samples: [{ labels: '{slo="scoring-availability"}', value: 333 }],
            },
            {
              // At 40m the 1 h subquery sees minutes 0…40: ECE was above 0.1 in 31…40.
              expr: 'slo:sli_error:ratio_rate1h{slo="fraud-calibration"}',
              eval_time: '40m',
              exp_samples: [
                { labels: 'slo:sli_error:ratio_rate1h{slo="fraud-calibration"}', value: 10 / 41 },
              ],
            },
            {
              // At 30m the 1 h subquery sees minutes 0…30: over budget in 21…30 (10/31), per mille.
              expr: 'round(1000 * slo:sli_error:ratio_rate1h{slo="chat-cost"})',
              eval_time: '30m',
              exp_samples: [{ labels: '{slo="chat-cost"}', value: 323 }],
            },
          ],
        },
        {
          // 0.05 % of calls fail, half the 0.1 % budget rate, for two hours: nothing fires.
          interval: '1m',
          input_series: [
            { series: ok, values: '0+100x120' },
            { series: failed, values: '0+0.05x120' },
          ],
          alert_rule_test: [{ eval_time: '119m', alertname: 'SloBurnRate', exp_alerts: [] }],
        },
      ],
    };
    writeFileSync(join(dir, 'tests.yaml'), stringify(tests));
    expect(promtool(['test', 'rules', 'tests.yaml'], dir)).toContain('SUCCESS');
  });
});
