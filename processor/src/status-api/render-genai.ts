/**
 * The status API's rendering of GenAI call results ({@link GenAiResult}) and costs
 * ({@link CostResult}) per window of a slice.
 */
import type {
  CostResult,
  EmbeddingResult,
  GenAiResult,
  WindowResult,
} from '../evaluate/window-result.js';
import { renderDrift } from './render-window.js';
import type { StatusGenAi } from './types.js';

/** One window's GenAI calls; drift rendered with the window's reference kind. */
export function renderGenAi(result: GenAiResult, referenceKind: string | undefined): StatusGenAi {
  return {
    source: result.source,
    calls: result.calls,
    tokens: result.tokens.map((t) => ({
      ...t,
      ...(t.perCall ? { perCall: { ...t.perCall } } : {}),
    })),
    ...(result.timeToFirstChunk !== undefined
      ? { timeToFirstChunkSeconds: { ...result.timeToFirstChunk } }
      : {}),
    ...(result.outputTokensPerSecond !== undefined
      ? { outputTokensPerSecond: result.outputTokensPerSecond }
      : {}),
    finishReasons: result.finishReasons.map((s) => ({ ...s })),
    providers: result.providers.map((s) => ({ ...s })),
    operations: result.operations.map((s) => ({ ...s })),
    responseModels: result.responseModels.map((s) => ({ ...s })),
    finishReasonDrift: result.finishReasonDrift.map((d) => renderDrift(d, referenceKind)),
  };
}

/** One window's cost (a copy: the JSON never aliases the stored result). */
function renderCost(cost: CostResult): CostResult {
  return { ...cost, components: { ...cost.components } };
}

/**
 * The `genai`, `cost` and `embeddings` members of a slice detail, aligned with its windows (oldest first);
 * each absent when no window had one.
 */
export function genAiHistories(windows: readonly WindowResult[]): {
  genai?: readonly (StatusGenAi | null)[];
  cost?: readonly (CostResult | null)[];
  embeddings?: readonly (readonly EmbeddingResult[] | null)[];
} {
  const out: {
    genai?: (StatusGenAi | null)[];
    cost?: (CostResult | null)[];
    embeddings?: (readonly EmbeddingResult[] | null)[];
  } = {};
  if (windows.some((w) => w.embeddings !== undefined)) {
    out.embeddings = windows.map((w) => w.embeddings?.map((e) => ({ ...e })) ?? null);
  }
  if (windows.some((w) => w.genai !== undefined)) {
    out.genai = windows.map((w) =>
      w.genai === undefined ? null : renderGenAi(w.genai, w.referenceKind),
    );
  }
  if (windows.some((w) => w.cost !== undefined)) {
    out.cost = windows.map((w) => (w.cost === undefined ? null : renderCost(w.cost)));
  }
  return out;
}
