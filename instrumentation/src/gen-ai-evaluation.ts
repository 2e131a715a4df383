/**
 * `recordEvaluation`: an evaluator's verdict on a generated response as the GenAI conventions'
 * `gen_ai.evaluation.result` event. `mlmon serve` keeps it under the evaluator's name and
 * attaches it to the response by `gen_ai.response.id`, or by the span it is emitted in.
 */
import { context as apiContext, type Context } from '@opentelemetry/api';
import { logs, SeverityNumber, type LoggerProvider } from '@opentelemetry/api-logs';
import {
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
  ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
  ATTR_GEN_AI_RESPONSE_ID,
  EVENT_GEN_AI_EVALUATION_RESULT,
} from '@mlmon/conventions';
import { INSTRUMENTATION_SCOPE_NAME, INSTRUMENTATION_SCOPE_VERSION } from './recorder.js';
import { guard } from './wrap-predict.js';

/** One evaluator's verdict. */
export interface GenAiEvaluation {
  /** `gen_ai.evaluation.name`, e.g. `relevance`, `faithfulness`. */
  readonly name: string;
  /** `gen_ai.evaluation.score.value`. */
  readonly scoreValue?: number;
  /** `gen_ai.evaluation.score.label`, e.g. `pass`, `fail`, `relevant`. */
  readonly scoreLabel?: string;
  /**
   * `gen_ai.response.id` of the judged response; without it the event must be emitted in the
   * response's span context (`context`, or the active one).
   */
  readonly responseId?: string;
}

/** Options of {@link recordEvaluation}. */
export interface RecordEvaluationOptions {
  /** The logger provider; the global one by default. */
  readonly loggerProvider?: LoggerProvider;
  /** The context to emit in (the judged call's span context); the active one by default. */
  readonly context?: Context;
}

/** Emits `gen_ai.evaluation.result` for `evaluation`. Never throws; problems go to `diag`. */
export function recordEvaluation(
  evaluation: GenAiEvaluation,
  options: RecordEvaluationOptions = {},
): void {
  guard(
    'recording an evaluation',
    () => {
      if (typeof evaluation.name !== 'string' || evaluation.name === '')
        throw new TypeError('an evaluation needs a name (gen_ai.evaluation.name)');
      if (evaluation.scoreValue === undefined && evaluation.scoreLabel === undefined)
        throw new TypeError(`evaluation ${evaluation.name} has neither a score value nor a label`);
      const attributes: Record<string, string | number> = {
        [ATTR_GEN_AI_EVALUATION_NAME]: evaluation.name,
      };
      if (evaluation.scoreValue !== undefined)
        attributes[ATTR_GEN_AI_EVALUATION_SCORE_VALUE] = evaluation.scoreValue;
      if (evaluation.scoreLabel !== undefined)
        attributes[ATTR_GEN_AI_EVALUATION_SCORE_LABEL] = evaluation.scoreLabel;
      if (evaluation.responseId !== undefined)
        attributes[ATTR_GEN_AI_RESPONSE_ID] = evaluation.responseId;
      (options.loggerProvider ?? logs.getLoggerProvider())
        .getLogger(INSTRUMENTATION_SCOPE_NAME, INSTRUMENTATION_SCOPE_VERSION)
        .emit({
          eventName: EVENT_GEN_AI_EVALUATION_RESULT,
          severityNumber: SeverityNumber.INFO,
          attributes,
          context: options.context ?? apiContext.active(),
        });
    },
    undefined,
  );
}
