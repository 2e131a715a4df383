/**
 * SLOs through `mlmon serve`'s service with the real SDK as the client: an error SLO and a
 * latency SLO from the serve config's `slos`, spans of clean minutes and then of a burst of
 * failed, slow calls: the page fires as an `ml.alert`, the budget and burn rates reach
 * `/metrics` (and pass `promtool check metrics` where promtool is installed), the latency
 * threshold is an exact bucket bound.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServeConfig } from '../../processor/src/config/load-serve-config.js';
import { decodeOtlpRequest } from '../../processor/src/decode/decode-otlp-request.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import { silentLogger } from '../../processor/src/service/logger.js';
import { MlmonService } from '../../processor/src/service/mlmon-service.js';
import { inferenceSpans } from './support/inference-spans.js';
import { closedAfter, T0, WINDOW_SECONDS } from './support/scenario.js';

const W = WINDOW_SECONDS * 1000;
const PROMTOOL = '/usr/bin/promtool';

const CONFIG = `
window-seconds: ${WINDOW_SECONDS}
allowed-lateness-seconds: 5
processor-id: slo-test
slos:
  - name: scoring-availability
    model: fraud
    indicator: errors
    target: 0.999
    timeWindow: 30d
  - name: scoring-latency
    model: fraud
    indicator: latency
    threshold: 0.3
    target: 0.99
    timeWindow: 30d
`;

/** `[rule, severity]` of every `ml_alert_status{ml_alert_state="firing"} 1` series, sorted. */
function firingAlerts(metrics: string): string[][] {
  return [...metrics.matchAll(/^ml_alert_status\{([^}]*)\} 1$/gm)]
    .map((m) => m[1]!)
    .filter((labels) => labels.includes('ml_alert_state="firing"'))
    .map((labels) => [
      /ml_alert_rule="([^"]*)"/.exec(labels)![1]!,
      /ml_alert_severity="([^"]*)"/.exec(labels)![1]!,
    ])
    .sort();
}

describe('SLOs in mlmon serve', () => {
  it('pages on a burst of failed calls and exports the budget and burn rates', async () => {
    const configPath = join(mkdtempSync(join(tmpdir(), 'mlmon-slo-')), 'mlmon.yaml');
    writeFileSync(configPath, CONFIG);
    const config = loadServeConfig({ flags: {}, configPath, env: {} });
    const clock = new ManualClock(T0);
    const service = new MlmonService({
      config,
      clock,
      logger: silentLogger,
      flushIntervalMillis: 0,
    });
    const send = async (k: number, failed: number, seconds: number): Promise<void> => {
      const calls = {
        durations: Array.from({ length: 100 }, () => seconds),
        errors: Array.from({ length: 100 }, (_, i) => (i < failed ? 'timeout' : null)),
      };
      clock.set(T0 + k * W + 59_000);
      const body = inferenceSpans(calls, T0 + k * W + 1000, 100);
      const reply = await service.sink.accept(decodeOtlpRequest('traces', body, 'protobuf'), {
        body,
        contentType: 'protobuf',
      });
      expect(reply).toEqual({ rejected: 0 });
      clock.set(closedAfter(T0 + k * W));
      await service.flush();
    };
    for (let k = 0; k < 10; k++) await send(k, 0, 0.05);
    expect(firingAlerts(service.renderMetrics())).toEqual([]);
    // Half the calls fail and every call takes 0.5 s (above the 0.3 s objective).
    await send(10, 50, 0.5);
    expect(firingAlerts(service.renderMetrics())).toEqual([
      ['scoring-availability', 'page'],
      ['scoring-availability', 'ticket'],
      ['scoring-latency', 'page'],
      ['scoring-latency', 'ticket'],
    ]);
    const metrics = service.renderMetrics();
    // 50 failed of 1100 calls against a 0.1 % budget.
    const budget =
      /^ml_slo_budget_remaining\{[^}]*ml_slo_name="scoring-availability"[^}]*\} (\S+)$/m.exec(
        metrics,
      );
    expect(Number(budget?.[1])).toBeCloseTo(1 - 50 / 1100 / 0.001, 6);
    // The 5 min window holds 5 windows: 50 failed of 500 calls → burn 0.1 / 0.001 = 100.
    const burn5m =
      /^ml_slo_burn_rate\{[^}]*ml_slo_name="scoring-availability"[^}]*ml_slo_window="5m"[^}]*\} (\S+)$/m.exec(
        metrics,
      );
    expect(Number(burn5m?.[1])).toBeCloseTo(100, 9);
    // Latency: 100 slow calls of 500 in 5 min → (0.2) / 0.01 = 20, exact at the 0.3 s bound.
    const latency5m =
      /^ml_slo_burn_rate\{[^}]*ml_slo_name="scoring-latency"[^}]*ml_slo_window="5m"[^}]*\} (\S+)$/m.exec(
        metrics,
      );
    expect(Number(latency5m?.[1])).toBeCloseTo(20, 9);
    if (existsSync(PROMTOOL)) {
      execFileSync(PROMTOOL, ['check', 'metrics'], { input: metrics });
    } else if (process.env.MLMON_REQUIRE_E2E !== undefined) {
      throw new Error(
        `MLMON_REQUIRE_E2E is set but ${PROMTOOL} is missing (apt-get install prometheus)`,
      );
    }
    await service.stop();
  });
});
