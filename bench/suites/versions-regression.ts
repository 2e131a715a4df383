/**
 * Decision quality of the regression version verdict: the test of a rise in MAE
 * (`evaluate/version-comparison.ts`, Welch's z on the absolute errors with an Edgeworth skewness
 * correction, `stats/mean-rise-test.ts`) on simulated windows. Each version's labeled pairs go
 * through the processor's own regression accumulator (its snapshot's error moments at Kish's
 * effective size) and are judged by `compareWindowVersions` at the default α = 0.01 and minimum
 * of 30 pairs.
 *
 * An asymptotic test promises its level only approximately, and absolute errors are skewed, so
 * the false-"worse" rows use error laws from mild to heavy-tailed: normal errors (|e| half-normal),
 * centred gamma(2) errors, centred log-normal(0, 1) errors, and gamma errors of pairs sampled with
 * probability 1, 0.5 or 0.25 (weights 1/p). Power: version 2's errors 10 % and 25 % wider.
 */
import { createRng, type Rng } from '../../processor/src/evaluate/drift/rng.js';
import {
  compareWindowVersions,
  DEFAULT_VERSION_ALPHA,
  DEFAULT_VERSION_MIN_SAMPLES,
  type ComparedWindow,
} from '../../processor/src/evaluate/version-comparison.js';
import { regressionOutputsAccumulator } from '../../processor/src/state/accumulators/regression-outputs.js';
import { benchWindow } from '../lib/bench-window.js';
import { normalSource } from '../lib/synthetic.js';
import { plainRow, round, type BenchRow, type SuiteOptions } from '../lib/row.js';

const SETTINGS = { alpha: DEFAULT_VERSION_ALPHA, minSamples: DEFAULT_VERSION_MIN_SAMPLES };
const ACC = regressionOutputsAccumulator();

/** An error law: draws one error (actual − predicted) from uniforms and normals. */
type ErrorLaw = (rng: Rng, normal: () => number) => number;

const LAWS: Readonly<Record<string, ErrorLaw>> = {
  normal: (_rng, normal) => normal(),
  gamma: (rng) => -Math.log(1 - rng.next()) - Math.log(1 - rng.next()) - 2,
  lognormal: (_rng, normal) => Math.exp(normal()) - Math.exp(0.5),
};

/** Sampling probabilities of the weighted rows, drawn uniformly per pair. */
const PROBABILITIES = [1, 0.5, 0.25] as const;

/** One version's window of `n` labeled pairs with errors of `law` times `scale`. */
function regressionWindow(
  rng: Rng,
  normal: () => number,
  version: string,
  n: number,
  law: ErrorLaw,
  scale: number,
  weighted: boolean,
): ComparedWindow {
  const state = ACC.create();
  for (let i = 0; i < n; i++) {
    const w = weighted ? 1 / PROBABILITIES[rng.nextInt(PROBABILITIES.length)]! : 1;
    ACC.record(state, { actual: scale * law(rng, normal), predicted: 0 }, w);
  }
  const moments = ACC.snapshot(state).absoluteErrors;
  const result = benchWindow(`bench\u0000${version}`, 0, 60_000, {
    samples: { reference: 0, current: n, labeled: n },
  });
  return {
    result: { ...result, stream: { ...result.stream, modelVersion: version } },
    digest: {
      streamKey: result.stream.key,
      ...(moments !== undefined ? { absoluteErrors: moments } : {}),
    },
  };
}

/** Share of `windows` windows of version 2 (errors × `scale`) against 1 judged `worse`, `better`. */
function judged(
  seed: number,
  windows: number,
  n: number,
  law: ErrorLaw,
  scale: number,
  weighted: boolean,
): { worse: number; better: number } {
  const rng = createRng(seed);
  const normal = normalSource(() => rng.next());
  let worse = 0;
  let better = 0;
  for (let w = 0; w < windows; w++) {
    const b = regressionWindow(rng, normal, '1', n, law, 1, weighted);
    const c = regressionWindow(rng, normal, '2', n, law, scale, weighted);
    const { verdict } = compareWindowVersions(b, c, 'configured', SETTINGS);
    if (verdict === 'worse') worse++;
    if (verdict === 'better') better++;
  }
  return { worse: worse / windows, better: better / windows };
}

/** The regression rows of the version suite. */
export function regressionVersionRows(options: SuiteOptions): BenchRow[] {
  const rows: BenchRow[] = [];
  const windowsAt = (n: number): number =>
    options.quick ? (n >= 10_000 ? 200 : 2000) : n >= 10_000 ? 1000 : 10_000;
  const cases = [
    ...Object.keys(LAWS).map((law) => [law, law, false] as const),
    ['gamma_weighted', 'gamma', true] as const,
  ];
  for (const [name, law, weighted] of cases) {
    for (const n of [30, 100, 1000, 10_000]) {
      const windows = windowsAt(n);
      options.log(`versions: ${windows} windows of equal regression versions × ${n} (${name})`);
      const { worse, better } = judged(17 * n + name.length, windows, n, LAWS[law]!, 1, weighted);
      rows.push(
        plainRow(
          `detection.versions.false_worse.mae.${name}.n_${n}`,
          'share of windows of equal regression versions judged worse (α = 0.01)',
          round(worse),
          'value <= 0.01',
          worse <= 0.01,
        ),
        plainRow(
          `detection.versions.false_better.mae.${name}.n_${n}`,
          'share of windows of equal regression versions judged better (α = 0.01)',
          round(better),
        ),
      );
    }
  }
  for (const scale of [1.1, 1.25]) {
    for (const n of [300, 1000, 10_000]) {
      const windows = options.quick ? 200 : 1000;
      options.log(`versions: ${windows} windows, regression errors × ${scale}, n = ${n}`);
      const { worse } = judged(13 * n + 7, windows, n, LAWS['gamma']!, scale, false);
      const goal = scale === 1.1 && n >= 10_000;
      rows.push(
        plainRow(
          `detection.versions.power.mae_gamma_errors_x${scale}.n_${n}`,
          'share of windows judged worse',
          round(worse),
          goal ? 'value >= 0.95' : null,
          goal ? worse >= 0.95 : null,
        ),
      );
    }
  }
  return rows;
}
