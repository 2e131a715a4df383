/**
 * Recording a feature value that is an array of numbers as an embedding (see
 * `embeddings-acc.ts`) instead of counting it as a type mismatch of a scalar feature.
 */
import { EMBEDDINGS_KIND } from './embeddings-acc.js';
import type { WindowAcc } from './monitor-state.js';

/**
 * Records vector `vector` of embedding feature `name` in window `w`, weighing its prediction's
 * `weight` (1/`ml.sampling.probability`).
 */
export function recordEmbedding(
  w: WindowAcc,
  name: string,
  vector: readonly unknown[],
  weight = 1,
): void {
  const acc = (w.embeddings ??= EMBEDDINGS_KIND.forSetting(undefined, NO_CAPS).create());
  EMBEDDINGS_KIND.forState(acc, NO_CAPS).record(acc, { name, vector }, weight);
}

/** Embeddings are configured by nothing the state's caps hold. */
const NO_CAPS = { maxCategories: 1 };
