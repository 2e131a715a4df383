/**
 * The drift scenario shared by the processor's golden and integration tests: model `fraud`
 * v`1` (binary classification) in two slices; a reference window, then a window where only
 * `amount` shifts and ground truth arrives for every prediction. Deterministic (seeded).
 */
import {
  ATTR_ML_FEATURES,
  ATTR_ML_GROUND_TRUTH_SOURCE,
  ATTR_ML_GROUND_TRUTH_VALUE,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_SLICE,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
  ML_GROUND_TRUTH_SOURCE_VALUE_HUMAN,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
} from '@mlmon/conventions';

/** Window length of the scenario, seconds. */
export const WINDOW_SECONDS = 60;
/** Allowed lateness of the scenario, seconds. */
export const LATENESS_SECONDS = 5;
/** Start of the reference window (a multiple of the window length). */
export const T0 = 1_800_000_000_000;
/** Start of the drifted window. */
export const T1 = T0 + WINDOW_SECONDS * 1000;
/** Clock time at which window `start` has closed. */
export const closedAfter = (start: number): number =>
  start + (WINDOW_SECONDS + LATENESS_SECONDS) * 1000 + 1;

export const MODEL = 'fraud';
export const VERSION = '1';
export const REGIONS = ['eu', 'us'] as const;
export const SLICE_KEY = 'region';
/** Predictions per region per window. */
export const PER_REGION = 200;

/** One log event to send. */
export interface ScenarioEvent {
  readonly eventName: string;
  readonly timeMs: number;
  readonly attributes: Record<
    string,
    string | number | Record<string, string | number> | string[] | number[]
  >;
}

/** One prediction with its label, as the test remembers it to compute expectations. */
export interface LabeledPair {
  readonly region: string;
  readonly score: number;
  readonly label: 0 | 1;
}

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** Predictions of one window; `amountShift` moves the mean of `amount`. */
export function predictions(
  windowStart: number,
  seed: number,
  amountShift: number,
): { events: ScenarioEvent[]; ids: { id: string; region: string; score: number }[] } {
  const u = seeded(seed);
  const events: ScenarioEvent[] = [];
  const ids: { id: string; region: string; score: number }[] = [];
  for (const region of REGIONS) {
    for (let i = 0; i < PER_REGION; i++) {
      const id = `${windowStart}-${region}-${i}`;
      // Scores on a 1/1000 grid away from the reliability-bin edges, independent of features.
      const score = (Math.floor(u() * 1000) + 0.5) / 1000;
      const amount = Math.round((100 + amountShift + 10 * normal(u)) * 100) / 100;
      const age = Math.round((40 + 5 * normal(u)) * 10) / 10;
      const channel = u() < 0.6 ? 'web' : 'app';
      events.push({
        eventName: EVENT_ML_PREDICTION,
        timeMs: windowStart + 1000 + Math.floor((i * 50_000) / PER_REGION),
        attributes: {
          [ATTR_ML_MODEL_NAME]: MODEL,
          [ATTR_ML_MODEL_VERSION]: VERSION,
          [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
          [ATTR_ML_PREDICTION_ID]: id,
          [ATTR_ML_PREDICTION_SCORE]: score,
          [ATTR_ML_SLICE(SLICE_KEY)]: region,
          [ATTR_ML_FEATURES]: { amount, age, channel },
        },
      });
      ids.push({ id, region, score });
    }
  }
  return { events, ids };
}

/** Ground truth for every prediction, drawn as Bernoulli(score), sent at `timeMs`. */
export function groundTruth(
  ids: readonly { id: string; region: string; score: number }[],
  timeMs: number,
  seed: number,
): { events: ScenarioEvent[]; pairs: LabeledPair[] } {
  const u = seeded(seed);
  const events: ScenarioEvent[] = [];
  const pairs: LabeledPair[] = [];
  for (const p of ids) {
    const label: 0 | 1 = u() < p.score ? 1 : 0;
    events.push({
      eventName: EVENT_ML_GROUND_TRUTH,
      timeMs,
      attributes: {
        [ATTR_ML_MODEL_NAME]: MODEL,
        [ATTR_ML_MODEL_VERSION]: VERSION,
        [ATTR_ML_PREDICTION_ID]: p.id,
        [ATTR_ML_GROUND_TRUTH_VALUE]: label,
        [ATTR_ML_GROUND_TRUTH_SOURCE]: ML_GROUND_TRUTH_SOURCE_VALUE_HUMAN,
      },
    });
    pairs.push({ region: p.region, score: p.score, label });
  }
  return { events, pairs };
}

/** The whole scenario: reference window, drifted window with labels. */
export function driftScenario() {
  const reference = predictions(T0, 11, 0);
  const current = predictions(T1, 22, 30);
  const labels = groundTruth(current.ids, T1 + 55_000, 33);
  return {
    reference: reference.events,
    current: current.events,
    labels: labels.events,
    pairs: labels.pairs,
  };
}
