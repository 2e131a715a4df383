/**
 * Integration (issue 4 "Done when": `mlmon drift` and the processor give the same decisions for
 * the same reference and window): `mlmon baseline` on a training CSV → profile.json →
 * in-process service with `--reference profile.json` → one window sent by the OTel SDK over
 * OTLP/HTTP → per-feature drift decisions on `/metrics`, compared with
 * `mlmon drift --reference profile.json --current window.csv --format json` on the same rows.
 *
 * Both decide with `decideDrift` on the profile's reference features (one parser,
 * `parseProfile`), with the profile's null ladders. What is exact and what is bounded:
 * - categorical features: exact counts → identical chi2 p-values and decisions;
 * - numeric binned statistics (PSI/JS/Hellinger): the processor counts each window into the
 *   profile's own decile bins (`ResolvedProfile.numericBinEdges`) → identical;
 * - KS/Wasserstein and the value counts of low-cardinality numerics come from the quantile
 *   sketch: exact while a feature has at most `sketchCapacity` (2048) values in the window,
 *   above that within the sketch's rank-error bound |F̂ − F| <= C / capacity (C = levels
 *   compacted). The window here has 5000 values, so these are estimates: the test checks the
 *   bound and that every such decision is far from its threshold, where the decisions agree.
 */
import {
  ATTR_ML_FEATURES,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_SCORE,
  EVENT_ML_PREDICTION,
} from '@mlmon/conventions';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli-files.js';
import { parsePrometheus, select } from './support/prometheus-parse.js';
import type { Sample } from './support/prometheus-parse.js';
import { closedAfter, seeded, T1, type ScenarioEvent } from './support/scenario.js';
import type { TestService } from './support/start-service.js';
import { sdkLogs, startTestService } from './support/start-service.js';

const TRAIN_ROWS = 3000;
const WINDOW_ROWS = 5000;
const FEATURES = ['amount', 'age', 'tier', 'channel', 'plan'] as const;

interface Row {
  amount: number;
  age: number;
  tier: number;
  channel: string;
  plan: string;
}

function pick<T>(u: () => number, values: readonly T[], shares: readonly number[]): T {
  let x = u();
  for (let i = 0; i < values.length - 1; i++) {
    if (x < shares[i]!) return values[i]!;
    x -= shares[i]!;
  }
  return values[values.length - 1]!;
}

/**
 * Rows: `amount` N(100, 10) (+5 = 0.5σ in the window when `shifted`), `age` N(40, 5), `tier`
 * 1/2/3 (low-cardinality numeric, tested as categorical), `channel` web/app/store 50/30/20 %
 * (web +10 points when `shifted`), `plan` free/pro 70/30 %.
 */
function rows(n: number, seed: number, shifted: boolean): Row[] {
  const u = seeded(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const channelShares = shifted ? [0.6, 0.24, 0.16] : [0.5, 0.3, 0.2];
  return Array.from({ length: n }, () => ({
    amount: Math.round((100 + (shifted ? 5 : 0) + 10 * normal()) * 100) / 100,
    age: Math.round((40 + 5 * normal()) * 10) / 10,
    tier: pick(u, [1, 2, 3], [0.5, 0.3, 0.2]),
    channel: pick(u, ['web', 'app', 'store'], channelShares),
    plan: pick(u, ['free', 'pro'], [0.7, 0.3]),
  }));
}

function toCsv(data: readonly Row[]): string {
  return [FEATURES.join(','), ...data.map((r) => FEATURES.map((f) => r[f]).join(',')), ''].join(
    '\n',
  );
}

interface CliColumn {
  name: string;
  method: string;
  score: number | null;
  threshold: number;
  effective_threshold: number | null;
  drifted: boolean | null;
  status: string;
  current_count: number;
  reference_count: number;
  kind: 'numeric' | 'categorical';
  statistics: Record<string, number | null>;
}

describe('mlmon drift and mlmon serve decide alike on the same profile and window', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-parity-'));
  const profilePath = join(dir, 'profile.json');
  let svc: TestService;
  let samples: Sample[];
  let cli: CliColumn[];

  beforeAll(async () => {
    writeFileSync(join(dir, 'train.csv'), toCsv(rows(TRAIN_ROWS, 11, false)));
    const baseline = runCli([
      'baseline',
      '--input',
      join(dir, 'train.csv'),
      '--model',
      'fraud',
      '--version',
      '1',
      '--categorical',
      'channel,plan',
      '--out',
      profilePath,
    ]);
    if (baseline.status !== 0) throw new Error(`mlmon baseline failed: ${baseline.stderr}`);

    const window = rows(WINDOW_ROWS, 22, true);
    writeFileSync(join(dir, 'window.csv'), toCsv(window));
    const drift = runCli([
      'drift',
      '--reference',
      profilePath,
      '--current',
      join(dir, 'window.csv'),
      '--format',
      'json',
    ]);
    if (drift.status !== 0) throw new Error(`mlmon drift failed: ${drift.stderr}`);
    cli = (JSON.parse(drift.stdout) as { columns: CliColumn[] }).columns;

    svc = await startTestService(T1, { reference: 'profile', referenceProfile: profilePath });
    const sdk = sdkLogs(svc.addresses, 'http/protobuf');
    const events: ScenarioEvent[] = window.map((r, i) => ({
      eventName: EVENT_ML_PREDICTION,
      timeMs: T1 + 1000 + Math.floor((i * 50_000) / WINDOW_ROWS),
      attributes: {
        [ATTR_ML_MODEL_NAME]: 'fraud',
        [ATTR_ML_MODEL_VERSION]: '1',
        [ATTR_ML_PREDICTION_ID]: `p-${i}`,
        [ATTR_ML_PREDICTION_SCORE]: 0.5,
        [ATTR_ML_FEATURES]: { ...r },
      },
    }));
    svc.clock.set(T1 + 55_000);
    await sdk.send(events);
    svc.clock.set(closedAfter(T1));
    await svc.service.flush();
    await sdk.shutdown();
    samples = parsePrometheus(await svc.metrics());
  });

  afterAll(async () => {
    await svc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the CLI decides away from the thresholds: drift for amount and channel only', () => {
    expect(cli.map((c) => [c.name, c.method, c.drifted])).toEqual([
      ['amount', 'wasserstein_normed', true],
      ['age', 'wasserstein_normed', false],
      ['tier', 'chi2', false],
      ['channel', 'chi2', true],
      ['plan', 'chi2', false],
    ]);
    for (const c of cli) {
      expect(c.current_count).toBe(WINDOW_ROWS);
      expect(c.reference_count).toBe(TRAIN_ROWS);
    }
  });

  it('the processor gives each feature the same method, state, score and thresholds', () => {
    const metric = (name: string, feature: string, method: string, extra = {}) =>
      select(samples, name, {
        ml_drift_kind: 'feature',
        ml_feature_name: feature,
        ml_drift_method: method,
        ml_reference_kind: 'training',
        ...extra,
      });
    for (const c of cli) {
      const state = metric('ml_drift_status', c.name, c.method).filter((s) => s.value === 1);
      expect(
        state.map((s) => [c.name, s.labels['ml_drift_state']]),
        `${c.name}: one state`,
      ).toEqual([[c.name, c.status]]);
      const isTest = c.method === 'chi2' || c.method === 'ks';
      const score = metric(isTest ? 'ml_drift_p_value' : 'ml_drift_score', c.name, c.method);
      expect(score).toHaveLength(1);
      if (c.method.startsWith('wasserstein')) {
        // Sketched: |F̂ − F| <= C / capacity per side (C levels compacted, <= 2 at 5000 values
        // and capacity 2048), so |Ŵ − W| / std <= 2 · (2 / 2048) · (max − min) / std ≈ 0.014
        // for these normals (range ≈ 7σ). The CLI's exact score stays far from the threshold.
        expect(Math.abs(score[0]!.value - c.score!), `${c.name} score`).toBeLessThan(0.014);
        expect(Math.abs(c.score! - c.effective_threshold!)).toBeGreaterThan(0.05);
      } else if (c.kind === 'numeric') {
        // A low-cardinality numeric tested as categorical: its value counts come from the same
        // sketch (each count within 2 · C · n / capacity ≈ 0.2 % of n here), so the p-value is
        // an estimate; both sides stay far above α (the decision is not near its boundary).
        expect(c.method).toBe('chi2');
        expect(c.score!).toBeGreaterThan(20 * c.effective_threshold!);
        expect(score[0]!.value, `${c.name} p-value`).toBeGreaterThan(20 * c.effective_threshold!);
      } else {
        expect(score[0]!.value, `${c.name} score`).toBeCloseTo(c.score!, 12);
      }
      const threshold = (kind: string) =>
        metric('ml_drift_threshold', c.name, c.method, { ml_drift_threshold_kind: kind }).map(
          (s) => s.value,
        );
      expect(threshold('nominal')).toEqual([c.threshold]);
      // The PSI companion: numeric windows counted into the profile's own decile bins (exact);
      // a low-cardinality numeric's PSI is over its sketched value counts (bounded).
      const psi = metric('ml_drift_score', c.name, 'psi').map((s) => s.value);
      const lowCardinality = c.kind === 'numeric' && c.method === 'chi2';
      expect(psi, `${c.name} psi`).toEqual([
        lowCardinality
          ? expect.closeTo(c.statistics['psi']!, 2)
          : expect.closeTo(c.statistics['psi']!, 12),
      ]);
      expect(threshold('effective')[0], `${c.name} effective threshold`).toBeCloseTo(
        c.effective_threshold!,
        12,
      );
    }
  });
});
