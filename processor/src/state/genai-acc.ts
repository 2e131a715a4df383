/**
 * The GenAI calls of one window (spans with `gen_ai.operation.name`): exact token sums per token
 * type (what cost is computed from), the per-call token counts and times to first chunk as
 * numeric accumulators (quantiles), the output tokens and seconds of the calls that had both
 * (tokens per second), and the shares of finish reasons, providers, operations and response
 * models. Calls, failures and latency go to the window's service SLIs like any inference call.
 */
import { ML_GENAI_TOKEN_TYPE_VALUES, type MlGenaiTokenTypeValue } from '@mlmon/conventions';
import type { GenAiCallRecord, GenAiTokens } from '../extract/types.js';
import {
  AccumulatorStateError,
  checkpointObject,
  type Accumulator,
} from './accumulators/accumulator.js';
import {
  CATEGORICAL_KIND,
  NO_EDGES,
  NUMERIC_KIND,
  capsConfiguredKind,
  type AccumulatorCaps,
  type AccumulatorKind,
  type CategoricalAcc,
  type NumericAcc,
} from './accumulator-kinds.js';
import type { CategoricalSnapshot, NumericSnapshot } from './accumulator-types.js';
import {
  genAiMetricsParts,
  type GenAiMetricPoint,
  type GenAiMetricsAcc,
  type GenAiMetricsJson,
  type GenAiMetricsWindow,
} from './genai-metrics-acc.js';

/** A token type (`ml.genai.token.type`). */
export type TokenType = MlGenaiTokenTypeValue;

/** The {@link GenAiTokens} field of each token type. */
export const TOKEN_FIELDS: Readonly<Record<TokenType, keyof GenAiTokens>> = {
  input: 'input',
  output: 'output',
  cache_read: 'cacheRead',
  cache_creation: 'cacheCreation',
  reasoning: 'reasoning',
};

/** The categorical shares a window keeps of its calls. */
const SHARES = ['finishReasons', 'providers', 'operations', 'responseModels'] as const;
type Share = (typeof SHARES)[number];

/** Mutable GenAI state of a window. */
export interface GenAiAcc {
  /** GenAI calls recorded (failed ones included). */
  calls: number;
  /** Exact sums per token type, over the calls that reported the type. */
  tokenSums: Record<TokenType, number>;
  /** Per-call counts per token type (created by the first call reporting the type). */
  tokens: Partial<Record<TokenType, NumericAcc>>;
  /** Times to first chunk, seconds (streaming calls). */
  timeToFirstChunk: NumericAcc | undefined;
  /** Output tokens and seconds of the calls that reported both (tokens per second). */
  timedOutputTokens: number;
  timedSeconds: number;
  finishReasons: CategoricalAcc | undefined;
  providers: CategoricalAcc | undefined;
  operations: CategoricalAcc | undefined;
  responseModels: CategoricalAcc | undefined;
  /** What the GenAI client metrics gave (used when the window saw no GenAI span). */
  fromMetrics: GenAiMetricsAcc | undefined;
}

/** The GenAI calls of a window at close. */
export interface GenAiWindow {
  /**
   * Where the window's GenAI values come from: its GenAI spans, or — when it saw none — the GenAI
   * client metrics (then the per-call quantiles are read from `fromMetrics`' buckets).
   */
  readonly source: 'spans' | 'metrics';
  readonly calls: number;
  readonly tokenSums: Readonly<Record<TokenType, number>>;
  readonly tokens: Readonly<Partial<Record<TokenType, NumericSnapshot>>>;
  readonly timeToFirstChunk: NumericSnapshot | undefined;
  readonly timedOutputTokens: number;
  readonly timedSeconds: number;
  readonly finishReasons: CategoricalSnapshot | undefined;
  readonly providers: CategoricalSnapshot | undefined;
  readonly operations: CategoricalSnapshot | undefined;
  readonly responseModels: CategoricalSnapshot | undefined;
  /** The GenAI client metrics' histograms, when `source` is `metrics`. */
  readonly fromMetrics?: GenAiMetricsWindow;
}

/** What a window records of one call. */
export type GenAiObservation = Pick<
  GenAiCallRecord,
  | 'tokens'
  | 'timeToFirstChunkSeconds'
  | 'durationSeconds'
  | 'finishReasons'
  | 'provider'
  | 'operation'
  | 'responseModel'
>;

interface GenAiJson {
  kind: 'genai_calls';
  version: 1;
  calls: number;
  tokenSums: Record<TokenType, number>;
  tokens: [TokenType, unknown][];
  timeToFirstChunk: unknown;
  timedOutputTokens: number;
  timedSeconds: number;
  shares: [Share, unknown][];
  /** Absent in checkpoints written before the GenAI client metrics were read. */
  metrics?: GenAiMetricsJson;
}

function zeroSums(): Record<TokenType, number> {
  const out = {} as Record<TokenType, number>;
  for (const t of ML_GENAI_TOKEN_TYPE_VALUES) out[t] = 0;
  return out;
}

/** The GenAI accumulator (its numeric and categorical parts configured by `caps`). */
export function genAiAccumulator(
  caps: AccumulatorCaps,
): Accumulator<GenAiAcc, GenAiObservation, GenAiWindow, GenAiJson> {
  const numeric = NUMERIC_KIND.forSetting(NO_EDGES, caps);
  const categorical = CATEGORICAL_KIND.forSetting(undefined, caps);
  const metricParts = genAiMetricsParts(caps);
  const mergeNumeric = (a: NumericAcc | undefined, b: NumericAcc | undefined) =>
    b === undefined ? a : numeric.merge(a ?? numeric.create(), b);
  const mergeCategorical = (a: CategoricalAcc | undefined, b: CategoricalAcc | undefined) =>
    b === undefined ? a : categorical.merge(a ?? categorical.create(), b);
  const count = (s: GenAiAcc, share: Share, value: string | undefined) => {
    if (value === undefined || value === '') return;
    categorical.record((s[share] ??= categorical.create()), value);
  };
  return {
    create: () => ({
      calls: 0,
      tokenSums: zeroSums(),
      tokens: {},
      timeToFirstChunk: undefined,
      timedOutputTokens: 0,
      timedSeconds: 0,
      finishReasons: undefined,
      providers: undefined,
      operations: undefined,
      responseModels: undefined,
      fromMetrics: undefined,
    }),
    record(s, o) {
      s.calls++;
      for (const t of ML_GENAI_TOKEN_TYPE_VALUES) {
        const n = o.tokens[TOKEN_FIELDS[t]];
        if (n === undefined) continue;
        s.tokenSums[t] += n;
        numeric.record((s.tokens[t] ??= numeric.create()), n);
      }
      if (o.timeToFirstChunkSeconds !== undefined)
        numeric.record((s.timeToFirstChunk ??= numeric.create()), o.timeToFirstChunkSeconds);
      if (
        o.tokens.output !== undefined &&
        o.durationSeconds !== undefined &&
        o.durationSeconds > 0
      ) {
        s.timedOutputTokens += o.tokens.output;
        s.timedSeconds += o.durationSeconds;
      }
      for (const reason of o.finishReasons) count(s, 'finishReasons', reason);
      count(s, 'providers', o.provider);
      count(s, 'operations', o.operation);
      count(s, 'responseModels', o.responseModel);
    },
    merge(a, b) {
      const tokenSums = zeroSums();
      const tokens: Partial<Record<TokenType, NumericAcc>> = {};
      for (const t of ML_GENAI_TOKEN_TYPE_VALUES) {
        tokenSums[t] = a.tokenSums[t] + b.tokenSums[t];
        const merged = mergeNumeric(mergeNumeric(undefined, a.tokens[t]), b.tokens[t]);
        if (merged !== undefined) tokens[t] = merged;
      }
      const out: GenAiAcc = {
        calls: a.calls + b.calls,
        tokenSums,
        tokens,
        timeToFirstChunk: mergeNumeric(
          mergeNumeric(undefined, a.timeToFirstChunk),
          b.timeToFirstChunk,
        ),
        timedOutputTokens: a.timedOutputTokens + b.timedOutputTokens,
        timedSeconds: a.timedSeconds + b.timedSeconds,
        finishReasons: undefined,
        providers: undefined,
        operations: undefined,
        responseModels: undefined,
        fromMetrics:
          a.fromMetrics === undefined
            ? b.fromMetrics && metricParts.merge(metricParts.create(), b.fromMetrics)
            : b.fromMetrics === undefined
              ? metricParts.merge(metricParts.create(), a.fromMetrics)
              : metricParts.merge(a.fromMetrics, b.fromMetrics),
      };
      for (const share of SHARES)
        out[share] = mergeCategorical(mergeCategorical(undefined, a[share]), b[share]);
      return out;
    },
    snapshot(s) {
      const share = (x: CategoricalAcc | undefined) =>
        x === undefined ? undefined : categorical.snapshot(x);
      if (s.calls === 0 && s.fromMetrics !== undefined) {
        const m = metricParts.snapshot(s.fromMetrics);
        const tokenSums = zeroSums();
        tokenSums.input = m.histograms.input_tokens?.sum ?? 0;
        tokenSums.output = m.histograms.output_tokens?.sum ?? 0;
        return {
          source: 'metrics',
          calls: m.calls,
          tokenSums,
          tokens: {},
          timeToFirstChunk: undefined,
          timedOutputTokens: 0,
          timedSeconds: 0,
          finishReasons: undefined,
          providers: share(s.fromMetrics.providers),
          operations: share(s.fromMetrics.operations),
          responseModels: share(s.fromMetrics.responseModels),
          fromMetrics: m,
        };
      }
      const tokens: Partial<Record<TokenType, NumericSnapshot>> = {};
      for (const t of ML_GENAI_TOKEN_TYPE_VALUES) {
        const acc = s.tokens[t];
        if (acc !== undefined) tokens[t] = numeric.snapshot(acc);
      }
      return {
        source: 'spans',
        calls: s.calls,
        tokenSums: { ...s.tokenSums },
        tokens,
        timeToFirstChunk:
          s.timeToFirstChunk === undefined ? undefined : numeric.snapshot(s.timeToFirstChunk),
        timedOutputTokens: s.timedOutputTokens,
        timedSeconds: s.timedSeconds,
        finishReasons: share(s.finishReasons),
        providers: share(s.providers),
        operations: share(s.operations),
        responseModels: share(s.responseModels),
      };
    },
    toJSON: (s) => ({
      kind: 'genai_calls',
      version: 1,
      calls: s.calls,
      tokenSums: { ...s.tokenSums },
      tokens: ML_GENAI_TOKEN_TYPE_VALUES.filter((t) => s.tokens[t] !== undefined).map(
        (t): [TokenType, unknown] => [t, numeric.toJSON(s.tokens[t]!)],
      ),
      timeToFirstChunk:
        s.timeToFirstChunk === undefined ? null : numeric.toJSON(s.timeToFirstChunk),
      timedOutputTokens: s.timedOutputTokens,
      timedSeconds: s.timedSeconds,
      shares: SHARES.filter((x) => s[x] !== undefined).map((x): [Share, unknown] => [
        x,
        categorical.toJSON(s[x]!),
      ]),
      ...(s.fromMetrics !== undefined ? { metrics: metricParts.toJSON(s.fromMetrics) } : {}),
    }),
    fromJSON(json) {
      const j = checkpointObject(json, 'genai_calls', 1) as unknown as GenAiJson;
      if (typeof j.calls !== 'number' || !Array.isArray(j.tokens) || !Array.isArray(j.shares)) {
        throw new AccumulatorStateError(
          'genai_calls: fields "calls", "tokens", "shares" are required',
        );
      }
      const restoreNumeric = (x: unknown) => NUMERIC_KIND.forJSON(x, caps).fromJSON(x);
      const s: GenAiAcc = {
        calls: j.calls,
        tokenSums: { ...zeroSums(), ...j.tokenSums },
        tokens: {},
        timeToFirstChunk:
          j.timeToFirstChunk === null ? undefined : restoreNumeric(j.timeToFirstChunk),
        timedOutputTokens: j.timedOutputTokens,
        timedSeconds: j.timedSeconds,
        finishReasons: undefined,
        providers: undefined,
        operations: undefined,
        responseModels: undefined,
        fromMetrics: j.metrics === undefined ? undefined : metricParts.fromJSON(j.metrics),
      };
      for (const [t, x] of j.tokens) s.tokens[t] = restoreNumeric(x);
      for (const [share, x] of j.shares) s[share] = categorical.fromJSON(x);
      return s;
    },
  };
}

/** The window part: configured by the state's caps alone. */
export const GENAI_KIND: AccumulatorKind<GenAiAcc, GenAiObservation, GenAiWindow, void> =
  capsConfiguredKind(genAiAccumulator);

/** Adds one delta point of the GenAI client metrics to a window's GenAI state. */
export function recordGenAiMetricPoint(
  s: GenAiAcc,
  p: GenAiMetricPoint,
  caps: AccumulatorCaps,
): void {
  const parts = genAiMetricsParts(caps);
  parts.record((s.fromMetrics ??= parts.create()), p);
}
