/**
 * The GenAI points of a window result: token sums and per-call quantiles per token type, time
 * to first chunk quantiles, output tokens per second, finish-reason shares and their drift (the
 * `ml.drift.*` metrics, kind `prediction`, `ml.feature.name` = `gen_ai.response.finish_reasons`).
 */
import {
  ATTR_ML_GENAI_FINISH_REASON,
  ATTR_ML_GENAI_QUANTILE,
  ATTR_ML_GENAI_TOKEN_TYPE,
  DESCRIPTOR_ML_GENAI_FINISH_REASON_RATIO,
  DESCRIPTOR_ML_GENAI_OUTPUT_TOKENS_RATE,
  DESCRIPTOR_ML_GENAI_TIME_TO_FIRST_CHUNK,
  DESCRIPTOR_ML_GENAI_TOKENS,
  DESCRIPTOR_ML_GENAI_TOKENS_PER_CALL,
} from '@mlmon/conventions';
import { GENAI_QUANTILES } from '../evaluate/genai-calls.js';
import type { GenAiQuantiles, GenAiResult } from '../evaluate/window-result.js';
import type { PointAttributes } from './metric-data.js';
import { addDriftPoints, type MetricCollector } from './window-metrics.js';

/** Adds the GenAI points of a stream's window (`base`: the stream's attributes). */
export function addGenAi(
  out: MetricCollector,
  base: PointAttributes,
  reference: PointAttributes,
  genai: GenAiResult,
): void {
  for (const t of genai.tokens) {
    const attributes = { ...base, [ATTR_ML_GENAI_TOKEN_TYPE]: t.type };
    out.number(DESCRIPTOR_ML_GENAI_TOKENS, attributes, t.sum);
    if (t.perCall !== undefined)
      addQuantiles(out, DESCRIPTOR_ML_GENAI_TOKENS_PER_CALL, attributes, t.perCall);
  }
  if (genai.timeToFirstChunk !== undefined)
    addQuantiles(out, DESCRIPTOR_ML_GENAI_TIME_TO_FIRST_CHUNK, base, genai.timeToFirstChunk);
  if (genai.outputTokensPerSecond !== undefined)
    out.number(DESCRIPTOR_ML_GENAI_OUTPUT_TOKENS_RATE, base, genai.outputTokensPerSecond);
  for (const r of genai.finishReasons) {
    out.number(
      DESCRIPTOR_ML_GENAI_FINISH_REASON_RATIO,
      { ...base, [ATTR_ML_GENAI_FINISH_REASON]: r.value },
      r.ratio,
    );
  }
  for (const d of genai.finishReasonDrift) addDriftPoints(out, base, d, reference);
}

function addQuantiles(
  out: MetricCollector,
  descriptor: typeof DESCRIPTOR_ML_GENAI_TOKENS_PER_CALL,
  attributes: PointAttributes,
  q: GenAiQuantiles,
): void {
  for (const [name, quantile] of Object.entries(GENAI_QUANTILES)) {
    out.number(
      descriptor,
      { ...attributes, [ATTR_ML_GENAI_QUANTILE]: quantile },
      q[name as keyof typeof GENAI_QUANTILES],
    );
  }
}
