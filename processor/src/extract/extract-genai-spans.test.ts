import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_ML_SLICE,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { anInferenceSpan, tracesRequest } from '../../../test/fixtures/builders.js';
import type { Attributes, Span } from '../decode/otlp-types.js';
import { extract } from './extract.js';
import {
  REJECT_REASON_INVALID_DURATION,
  REJECT_REASON_INVALID_NUMBER,
  REJECT_REASON_MISSING_MODEL_NAME,
} from './reasons.js';

/** A GenAI client span: `anInferenceSpan`'s envelope with GenAI attributes only. */
function aChatSpan(attributes: Attributes, status = 0): Span {
  return {
    ...anInferenceSpan({ timeMs: 1_000 }),
    name: 'chat gpt-x',
    kind: 3,
    endTimeUnixNano: 1_000_000_000n + 1_250_000_000n,
    attributes: { [ATTR_GEN_AI_OPERATION_NAME]: 'chat', ...attributes },
    status: { message: '', code: status },
  };
}

describe('extract: GenAI client spans', () => {
  it('reads the call: requested model as the stream, usage, finish reasons, time to first chunk', () => {
    const res = extract(
      tracesRequest([
        aChatSpan({
          [ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-x',
          [ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-x-2026-01-01',
          [ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
          [ATTR_GEN_AI_RESPONSE_ID]: 'chatcmpl-1',
          [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 120n,
          [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 30,
          [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 100,
          [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['stop', 'length'],
          [ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]: 0.2,
          [ATTR_ML_SLICE('tenant')]: 'acme',
        }),
      ]),
      0,
    );
    expect(res.rejectedTotal).toBe(0);
    expect(res.records).toEqual([
      expect.objectContaining({
        type: 'genai_call',
        timeMs: 1_000,
        model: 'gpt-x',
        version: '',
        slices: [['tenant', 'acme']],
        operation: 'chat',
        provider: 'openai',
        responseModel: 'gpt-x-2026-01-01',
        responseId: 'chatcmpl-1',
        durationSeconds: 1.25,
        timeToFirstChunkSeconds: 0.2,
        tokens: {
          input: 120,
          output: 30,
          cacheRead: 100,
          cacheCreation: undefined,
          reasoning: undefined,
        },
        finishReasons: ['stop', 'length'],
        errorType: undefined,
        spanKey: '0af7651916cd43dd8448eb211c80319c:b7ad6b7169203331',
      }),
    ]);
  });

  it('counts a failed call with its error type, and rejects what cannot be a call', () => {
    const ok = extract(tracesRequest([aChatSpan({ [ATTR_GEN_AI_REQUEST_MODEL]: 'm' }, 2)]), 0);
    expect(ok.records).toMatchObject([{ type: 'genai_call', errorType: '_OTHER' }]);
    const bad = extract(
      tracesRequest([
        aChatSpan({}),
        aChatSpan({ [ATTR_GEN_AI_REQUEST_MODEL]: 'm', [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: -1 }),
        aChatSpan({ [ATTR_GEN_AI_REQUEST_MODEL]: 'm', [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 'many' }),
        { ...aChatSpan({ [ATTR_GEN_AI_REQUEST_MODEL]: 'm' }), endTimeUnixNano: 1n },
      ]),
      0,
    );
    expect(bad.records).toEqual([]);
    expect(bad.rejected).toEqual({
      [REJECT_REASON_MISSING_MODEL_NAME]: 1,
      [REJECT_REASON_INVALID_NUMBER]: 2,
      [REJECT_REASON_INVALID_DURATION]: 1,
    });
  });

  it('leaves spans that are neither ml.inference nor GenAI alone', () => {
    const span = { ...aChatSpan({}), attributes: { 'http.request.method': 'GET' } };
    const res = extract(tracesRequest([span]), 0);
    expect(res).toMatchObject({ records: [], rejectedTotal: 0 });
  });
});
