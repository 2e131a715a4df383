/**
 * End to end: sampled predictions (`ml.sampling.probability`) from the real OTel SDK through
 * `wrapPredict` into a real `mlmon serve`. A reference window from app A (every row kept), then
 * a window where app A keeps every row and app B keeps one row in four (p = 0.25, w = 4). The
 * processor weighs B's rows 4× (PSI against NumPy's weighted proportions, from
 * `test/golden/scripts/weighted_statistics.py`), decides at Kish's effective size, and reports
 * the raw and the weighted sample counts on Prometheus and the status API.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION } from '@mlmon/conventions';
import { ModelMonitor } from '@mlmon/instrumentation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../golden/tolerance.js';
import { otlpLogsProvider } from '../support/otlp-logs-provider.js';
import { parsePrometheus, select, type Sample } from './support/prometheus-parse.js';
import { closedAfter, T0, T1 } from './support/scenario.js';
import { startTestService, type TestService } from './support/start-service.js';

interface EndToEnd {
  reference: number[];
  app_a: number[];
  app_b_sampled: number[];
  app_b_probability: number;
  expected: { psi: number; effective_count: number; weighted_current: number; raw_current: number };
}

const golden = (
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../golden/weighted_statistics.json', import.meta.url)),
      'utf8',
    ),
  ) as { end_to_end: EndToEnd }
).end_to_end;

const MODEL = 'sampled-fraud';
/** The three rows app B's sampler drops after each kept one (their values never leave B). */
const DROPPED: readonly Tx[] = [{ amount: 0 }, { amount: 0 }, { amount: 0 }];

interface Tx {
  amount: number;
}

interface FeatureRow {
  feature: string;
  method: string;
  latest: { score: number | null; nCurrent: number; nReference: number; status: string };
}

let svc: TestService;
let samples: Sample[];
let features: FeatureRow[];
let sampleCounts: {
  reference: number;
  current: number;
  labeled: number;
  weighted?: { reference: number; current: number; labeled: number };
}[];

/** A monitor of MODEL for app `name`, keeping rows as `random` draws below `p` decide. */
function app(name: string, p: number, random: () => number, now: () => number) {
  const loggerProvider = otlpLogsProvider(
    svc.addresses.otlpHttpPort,
    resourceFromAttributes({ [ATTR_SERVICE_NAME]: name }),
  );
  const monitor = new ModelMonitor({
    modelName: MODEL,
    modelVersion: '1',
    task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    classes: ['legit', 'fraud'],
    captureFeatures: true,
    eventSamplingProbability: p,
    random,
    loggerProvider,
    now,
  });
  const predict = monitor.wrapPredict(
    (rows: Tx[]) => rows.map((r) => 1 / (1 + Math.exp(-(r.amount - 110) / 10))),
    { batch: true },
  );
  return { predict, loggerProvider };
}

beforeAll(async () => {
  svc = await startTestService(T0);
  let now = T0 + 10_000;
  const clock = (): number => now;
  const a = app('app-a', 1, () => 0, clock);
  // App B draws 0 (kept) for each golden value, then 0.9 (dropped at p = 0.25) three times.
  let draw = 0;
  const b = app('app-b', golden.app_b_probability, () => (draw++ % 4 === 0 ? 0 : 0.9), clock);

  a.predict(golden.reference.map((amount) => ({ amount })));
  await a.loggerProvider.forceFlush();
  svc.clock.set(closedAfter(T0));
  await svc.service.flush();

  now = T1 + 10_000;
  a.predict(golden.app_a.map((amount) => ({ amount })));
  b.predict(golden.app_b_sampled.flatMap((amount) => [{ amount }, ...DROPPED]));
  await a.loggerProvider.forceFlush();
  await b.loggerProvider.forceFlush();
  svc.clock.set(closedAfter(T1));
  await svc.service.flush();
  await a.loggerProvider.shutdown();
  await b.loggerProvider.shutdown();

  samples = parsePrometheus(await svc.metrics());
  const detail = (await (
    await fetch(
      `http://127.0.0.1:${svc.addresses.prometheusPort}/api/v1/models/${MODEL}/versions/1?windows=5`,
    )
  ).json()) as { slices: { features: FeatureRow[]; samples: typeof sampleCounts }[] };
  features = detail.slices[0]!.features;
  sampleCounts = detail.slices[0]!.samples;
});

afterAll(async () => {
  await svc?.stop();
});

describe('sampled predictions → mlmon serve', () => {
  it('PSI weighs the sampled rows by 1/p (NumPy: weighted proportions = repeated rows)', () => {
    const psi = features.find((f) => f.feature === 'amount' && f.method === 'psi');
    expect(psi).toBeDefined();
    expectClose('psi', psi!.latest.score, golden.expected.psi);
  });

  it('decides at the effective size (Σw)²/Σw², not at the raw or the weighted count', () => {
    for (const f of features.filter((x) => x.feature === 'amount')) {
      expectClose(`${f.method} nCurrent`, f.latest.nCurrent, golden.expected.effective_count);
      expect(f.latest.nReference).toBe(golden.reference.length);
    }
  });

  it('reports raw and weighted sample counts on Prometheus and the status API', () => {
    const labels = { ml_model_name: MODEL, ml_monitor_population: 'current' };
    expect(select(samples, 'ml_monitor_samples', labels).map((s) => s.value)).toEqual([
      golden.expected.raw_current,
    ]);
    expect(select(samples, 'ml_monitor_samples_weighted', labels).map((s) => s.value)).toEqual([
      golden.expected.weighted_current,
    ]);
    const latest = sampleCounts.at(-1)!;
    expect(latest.current).toBe(golden.expected.raw_current);
    expect(latest.weighted).toEqual({
      reference: golden.reference.length,
      current: golden.expected.weighted_current,
      labeled: 0,
    });
  });
});
