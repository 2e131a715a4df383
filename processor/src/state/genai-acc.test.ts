import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_ML_SLICE,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { anInferenceSpan, tracesRequest } from '../../../test/fixtures/builders.js';
import type { Span } from '../decode/otlp-types.js';
import { ingest } from '../core.js';
import { closeWindows } from './close-windows.js';
import { restoreState, serializeState } from './serialize-state.js';
import { createState } from './streams.js';

const W = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % W);
const OPTIONS = { windowSeconds: 60, allowedLatenessSeconds: 0 };

function chat(i: number, tenant: string): Span {
  const base = anInferenceSpan({ timeMs: T0 + i, spanId: `s${i}` });
  return {
    ...base,
    attributes: {
      [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
      [ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-x',
      [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 100 + i,
      [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 10 + (i % 7),
      [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: [i % 5 === 0 ? 'length' : 'stop'],
      ...(i % 2 === 0 ? { [ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]: 0.001 * i } : {}),
      [ATTR_ML_SLICE('tenant')]: tenant,
    },
  };
}

describe('GenAI window part', () => {
  it('sums slices into the all-slices stream and survives a checkpoint mid-window', () => {
    const direct = createState(OPTIONS);
    const interrupted = createState(OPTIONS);
    const first = Array.from({ length: 40 }, (_, i) => chat(i, i % 3 === 0 ? 'a' : 'b'));
    const second = Array.from({ length: 40 }, (_, i) => chat(40 + i, i % 2 === 0 ? 'a' : 'b'));
    ingest(direct, tracesRequest([...first, ...second]), T0 + 100);
    ingest(interrupted, tracesRequest(first), T0 + 100);
    const restored = restoreState(JSON.parse(JSON.stringify(serializeState(interrupted))), OPTIONS);
    ingest(restored, tracesRequest(second), T0 + 100);
    const a = closeWindows(direct, T0 + W + 1);
    const b = closeWindows(restored, T0 + W + 1);
    expect(b.map((w) => w.genai)).toEqual(a.map((w) => w.genai));
    const all = a.find((w) => w.stream.allSlices)!;
    expect(all.genai).toMatchObject({
      calls: 80,
      tokenSums: { input: 80 * 100 + (79 * 80) / 2, cache_read: 0 },
      // Σ (10 + i mod 7) over i < 80, every call 1 ms long.
      timedOutputTokens: 1034,
    });
    expect(all.genai!.timedSeconds).toBeCloseTo(0.08, 12);
    expect(all.genai!.finishReasons!.counts.get('length')).toBe(16);
    expect(all.genai!.timeToFirstChunk!.count).toBe(40);
    expect(all.service!.requests).toBe(80);
  });
});
