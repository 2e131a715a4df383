/**
 * The demo's story, as pure seeded functions: a loan-default model scored for two countries,
 * where after two windows the applicants' `income` in `country=DE` shifts (feature drift in one
 * slice), and one window later the outcomes stop following the model (the true default rate is
 * higher than the scores say: calibration degrades in every slice). Meanwhile the service
 * serving `country=FR` degrades from the drift window on — slower calls and a burst of timeouts —
 * while its model stays right, so "the model broke" (DE) and "the service broke" (FR) show side by
 * side. Time enters only as the
 * window index the caller passes in, so a seed fixes every row and label.
 */
import { createRng, type Rng } from '../evaluate/drift/rng.js';
import { defaultBurnRateAlerts, type SloDefinition } from '../evaluate/slo/slo-definition.js';

/** `ml.model.name` of the demo model. */
export const DEMO_MODEL_NAME = 'loan-default';
/** `ml.model.version` of the demo model. */
export const DEMO_MODEL_VERSION = '1';
/** The slice key (`ml.slice.country`). */
export const DEMO_SLICE_KEY = 'country';
/** The two slices. */
export const DEMO_COUNTRIES = ['DE', 'FR'] as const;
/** A slice value. */
export type DemoCountry = (typeof DEMO_COUNTRIES)[number];
/** Feature names, in the column order of the model's input tensor. */
export const DEMO_FEATURES = ['income', 'age', 'debt_ratio'] as const;
/** The feature that drifts. */
export const DEMO_DRIFTED_FEATURE = 'income';
/** The slice it drifts in. */
export const DEMO_DRIFTED_COUNTRY: DemoCountry = 'DE';
/** Class labels of the binary model: `'1'` = the applicant defaults. */
export const DEMO_CLASSES = ['0', '1'] as const;

/** Model weights over {@link DEMO_FEATURES} (income in thousands, age in years, debt ratio). */
export const DEMO_WEIGHTS = [-0.06, -0.02, 4] as const;
/** Model intercept: P(default) ≈ 0.27 for a typical applicant. */
export const DEMO_BIAS = 1.4;

/** Window index (0 = the reference window) from which `income` in DE drifts. */
export const DRIFT_FROM_WINDOW = 2;
/** Window index from which the outcomes follow a shifted true model. */
export const MISCALIBRATION_FROM_WINDOW = 3;
/** The slice whose serving degrades (latency regression and error burst). */
export const DEMO_DEGRADED_COUNTRY: DemoCountry = 'FR';
/** Window index from which the serving of {@link DEMO_DEGRADED_COUNTRY} degrades. */
export const DEGRADED_FROM_WINDOW = 2;
/** Extra latency of a degraded call: uniform in [min, min + spread) milliseconds. */
const DEGRADED_LATENCY_MS = { min: 30, spread: 40 } as const;
/** Share of degraded calls that time out. */
const DEGRADED_FAILURE_RATE = 0.15;

/** How much the mean `income` (thousands) of {@link DEMO_DRIFTED_COUNTRY} moves once it drifts. */
export const INCOME_SHIFT = -20;

/** Log-odds the true model adds once miscalibrated (scores then understate the risk). */
const TRUE_LOGIT_SHIFT = 1.6;

/** One applicant. */
export interface DemoRow {
  income: number;
  age: number;
  debt_ratio: number;
}

/** The phase of the story in a window. */
export interface DemoPhase {
  /** `income` in DE is shifted. */
  readonly drift: boolean;
  /** Outcomes follow the shifted true model. */
  readonly miscalibrated: boolean;
  /** The serving of {@link DEMO_DEGRADED_COUNTRY} is slow and fails now and then. */
  readonly degraded: boolean;
}

/** What the model server should do to one call: the demo's injected serving fault. */
export interface DemoFault {
  /** Milliseconds to wait inside the predict call. */
  readonly delayMs: number;
  /** The call times out (the predict function throws). */
  readonly fail: boolean;
}

/** The phase of window `windowIndex` (0 = reference). */
export function phaseOf(windowIndex: number): DemoPhase {
  return {
    drift: windowIndex >= DRIFT_FROM_WINDOW,
    miscalibrated: windowIndex >= MISCALIBRATION_FROM_WINDOW,
    degraded: windowIndex >= DEGRADED_FROM_WINDOW,
  };
}

/** Standard normal draw (Box–Muller; the second value is discarded for simplicity). */
function gaussian(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** The model's probability of default for a row (what the ONNX model computes). */
export function modelProbability(row: DemoRow): number {
  const logit =
    DEMO_WEIGHTS[0] * row.income + DEMO_WEIGHTS[1] * row.age + DEMO_WEIGHTS[2] * row.debt_ratio;
  return 1 / (1 + Math.exp(-(logit + DEMO_BIAS)));
}

/** A seeded source of applicants and outcomes; one per slice keeps slices independent. */
export class DemoTraffic {
  private readonly rng: Rng;
  /** Faults draw from their own stream, so the rows and outcomes do not depend on them. */
  private readonly faultRng: Rng;

  /** @param seed the demo seed; @param country the slice this source feeds */
  constructor(
    seed: number,
    readonly country: DemoCountry,
  ) {
    this.rng = createRng((seed * 31 + DEMO_COUNTRIES.indexOf(country) + 1) >>> 0);
    this.faultRng = createRng((seed * 31 + DEMO_COUNTRIES.indexOf(country) + 101) >>> 0);
  }

  /** The serving fault of the next call (one call per batch) in window `windowIndex`. */
  nextFault(windowIndex: number): DemoFault {
    if (!phaseOf(windowIndex).degraded || this.country !== DEMO_DEGRADED_COUNTRY) {
      return { delayMs: 0, fail: false };
    }
    const delayMs = DEGRADED_LATENCY_MS.min + DEGRADED_LATENCY_MS.spread * this.faultRng.next();
    return { delayMs: Math.round(delayMs), fail: this.faultRng.next() < DEGRADED_FAILURE_RATE };
  }

  /** The next applicant in window `windowIndex`. */
  nextRow(windowIndex: number): DemoRow {
    const { drift } = phaseOf(windowIndex);
    const shifted = drift && this.country === DEMO_DRIFTED_COUNTRY;
    // Incomes fall when the drift starts, so the model declines more applicants: its decisions
    // at the 0.5 threshold include positives in every slice and phase (precision, recall and F1
    // have something to measure; a rise would leave DE with almost no predicted defaults).
    const incomeMean = (this.country === 'DE' ? 52 : 48) + (shifted ? INCOME_SHIFT : 0);
    return {
      income: round(clamp(incomeMean + 12 * gaussian(this.rng), 5, 250), 2),
      age: round(clamp(41 + 11 * gaussian(this.rng), 18, 90), 0),
      debt_ratio: round(clamp(0.35 + 0.12 * gaussian(this.rng), 0, 1), 3),
    };
  }

  /**
   * The outcome of an applicant scored in window `windowIndex`: drawn from the model itself
   * (well calibrated) until the miscalibration phase, then from a riskier true model.
   */
  outcome(row: DemoRow, windowIndex: number): '0' | '1' {
    const p = modelProbability(row);
    const truth = phaseOf(windowIndex).miscalibrated ? shiftLogit(p, TRUE_LOGIT_SHIFT) : p;
    return this.rng.next() < truth ? '1' : '0';
  }

  /** Seconds until the outcome is known: uniform in [1, 3). */
  labelDelaySeconds(): number {
    return 1 + 2 * this.rng.next();
  }
}

function shiftLogit(p: number, by: number): number {
  const logit = Math.log(p / (1 - p)) + by;
  return 1 / (1 + Math.exp(-logit));
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * The demo's SLOs, per slice: 99 % of calls succeed, 99 % finish within 25 ms (onnxruntime
 * answers in about a millisecond), each over 30 days with the workbook's burn-rate alerts — so the
 * degraded slice pages within a few windows while the drifting one stays within its SLOs.
 */
export function demoSlos(): SloDefinition[] {
  const period = 30 * 86400;
  return DEMO_COUNTRIES.flatMap((country): SloDefinition[] => {
    const match = {
      model: DEMO_MODEL_NAME,
      version: DEMO_MODEL_VERSION,
      slice: { [DEMO_SLICE_KEY]: country },
    };
    return [
      {
        name: `availability-${country}`,
        description: `99 % of ${country}'s scoring calls succeed`,
        match,
        indicator: { kind: 'errors' },
        target: 0.99,
        periodSeconds: period,
        alerts: defaultBurnRateAlerts(period),
      },
      {
        name: `latency-${country}`,
        description: `99 % of ${country}'s scoring calls finish within 25 ms`,
        match,
        indicator: { kind: 'latency', thresholdSeconds: 0.025 },
        target: 0.99,
        periodSeconds: period,
        alerts: defaultBurnRateAlerts(period),
      },
    ];
  });
}
