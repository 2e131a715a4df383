/**
 * A tiny loan-scoring model instrumented with `wrapPredict`, exporting OTLP/HTTP to mlmon.
 *
 * It scores one window of ordinary applicants (mlmon's reference under `--reference
 * first-window`), then one window where `income` has shifted upwards, and exits; mlmon then
 * reports `income` as drifted. Set `OTEL_EXPORTER_OTLP_ENDPOINT` (default
 * `http://localhost:4318`) and `MLMON_WINDOW_SECONDS` to the processor's `--window-seconds`
 * (default 5), so each phase fills exactly one window.
 */
import { ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION } from '@mlmon/conventions';
import { ModelMonitor } from '@mlmon/instrumentation';
import { startOtlpPipeline } from '@mlmon/instrumentation/sdk';

/** One loan application. */
interface Applicant {
  income: number;
  age: number;
}

const endpoint = process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? 'http://localhost:4318';
const windowMillis = Number(process.env['MLMON_WINDOW_SECONDS'] ?? '5') * 1000;
const ROWS_PER_WINDOW = 200;

/** The model: probability of default falls with income and age. */
function scoreApplicant(applicant: Applicant): number {
  return 1 / (1 + Math.exp((applicant.income - 50) / 10 + (applicant.age - 40) / 20));
}

/** Deterministic applicants; `incomeShift` moves every income by that much. */
function applicants(incomeShift: number): Applicant[] {
  return Array.from({ length: ROWS_PER_WINDOW }, (_, i) => ({
    income: 30 + ((i * 37) % 40) + incomeShift,
    age: 20 + ((i * 11) % 45),
  }));
}

/** Sleeps until just after the next multiple of the window length (mlmon's window edges). */
async function untilNextWindow(): Promise<void> {
  const now = Date.now();
  const next = Math.floor(now / windowMillis) * windowMillis + windowMillis;
  await new Promise((resolve) => setTimeout(resolve, next - now + 50));
}

async function main(): Promise<void> {
  const otel = startOtlpPipeline({ serviceName: 'example-node-app', endpoint });
  const monitor = new ModelMonitor({
    modelName: 'example-loan-default',
    modelVersion: '1',
    task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    captureFeatures: true,
    tracerProvider: otel.tracerProvider,
    meterProvider: otel.meterProvider,
    loggerProvider: otel.loggerProvider,
  });
  const predict = monitor.wrapPredict(scoreApplicant);

  for (const [phase, shift] of [
    ['reference', 0],
    ['income drifted', 25],
  ] as const) {
    await untilNextWindow();
    let positives = 0;
    for (const applicant of applicants(shift)) if (predict(applicant) >= 0.5) positives += 1;
    await otel.loggerProvider.forceFlush();
    console.log(`example: ${phase}: ${ROWS_PER_WINDOW} predictions, ${positives} above 0.5`);
  }
  await otel.shutdown();
}

await main();
