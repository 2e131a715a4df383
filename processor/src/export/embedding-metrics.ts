/** The embedding points of a window result: mean-embedding distances per embedding feature. */
import {
  ATTR_ML_EMBEDDING_DISTANCE,
  ATTR_ML_FEATURE_NAME,
  DESCRIPTOR_ML_EMBEDDING_MEAN_DISTANCE,
  ML_EMBEDDING_DISTANCE_VALUE_COSINE,
  ML_EMBEDDING_DISTANCE_VALUE_EUCLIDEAN,
} from '@mlmon/conventions';
import type { EmbeddingResult } from '../evaluate/window-result.js';
import type { PointAttributes } from './metric-data.js';
import type { MetricCollector } from './window-metrics.js';

/** Adds the mean-embedding distances of a stream's window (`base`: the stream's attributes). */
export function addEmbeddings(
  out: MetricCollector,
  base: PointAttributes,
  embeddings: readonly EmbeddingResult[],
): void {
  for (const e of embeddings) {
    const attributes = { ...base, [ATTR_ML_FEATURE_NAME]: e.feature };
    if (e.meanCosineDistance !== undefined) {
      out.number(
        DESCRIPTOR_ML_EMBEDDING_MEAN_DISTANCE,
        { ...attributes, [ATTR_ML_EMBEDDING_DISTANCE]: ML_EMBEDDING_DISTANCE_VALUE_COSINE },
        e.meanCosineDistance,
      );
    }
    if (e.meanEuclideanDistance !== undefined) {
      out.number(
        DESCRIPTOR_ML_EMBEDDING_MEAN_DISTANCE,
        { ...attributes, [ATTR_ML_EMBEDDING_DISTANCE]: ML_EMBEDDING_DISTANCE_VALUE_EUCLIDEAN },
        e.meanEuclideanDistance,
      );
    }
  }
}
