/**
 * The evaluator points of a window result: per `gen_ai.evaluation.name`, the verdict count, the
 * score mean and quantiles, the label shares, the pass rate and the drift decisions of scores
 * and labels (the `ml.drift.*` metrics with `ml.drift.kind` = `ground_truth`).
 */
import {
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
  ATTR_ML_EVALUATION_STATISTIC,
  DESCRIPTOR_ML_EVALUATION_COUNT,
  DESCRIPTOR_ML_EVALUATION_LABEL_RATIO,
  DESCRIPTOR_ML_EVALUATION_PASS_RATIO,
  DESCRIPTOR_ML_EVALUATION_SCORE,
  ML_EVALUATION_STATISTIC_VALUES,
} from '@mlmon/conventions';
import type { EvaluationResult } from '../evaluate/window-result.js';
import type { PointAttributes } from './metric-data.js';
import { addDriftPoints, type MetricCollector } from './window-metrics.js';

/** Adds the points of each evaluator of a stream's window (`base`: the stream's attributes). */
export function addEvaluations(
  out: MetricCollector,
  base: PointAttributes,
  reference: PointAttributes,
  evaluations: readonly EvaluationResult[],
): void {
  for (const e of evaluations) {
    const attributes = { ...base, [ATTR_GEN_AI_EVALUATION_NAME]: e.name };
    out.number(DESCRIPTOR_ML_EVALUATION_COUNT, attributes, e.count);
    if (e.score !== undefined) {
      for (const statistic of ML_EVALUATION_STATISTIC_VALUES) {
        out.number(
          DESCRIPTOR_ML_EVALUATION_SCORE,
          { ...attributes, [ATTR_ML_EVALUATION_STATISTIC]: statistic },
          e.score[statistic],
        );
      }
    }
    for (const l of e.labels) {
      out.number(
        DESCRIPTOR_ML_EVALUATION_LABEL_RATIO,
        { ...attributes, [ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: l.label },
        l.ratio,
      );
    }
    if (e.pass !== undefined)
      out.number(DESCRIPTOR_ML_EVALUATION_PASS_RATIO, attributes, e.pass.ratio);
    for (const d of e.drift) {
      addDriftPoints(out, base, d, { ...reference, [ATTR_GEN_AI_EVALUATION_NAME]: e.name });
    }
  }
}
