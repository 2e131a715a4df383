import {
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_REGRESSION,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import {
  MAX_FEATURES_PER_TENSOR,
  decodeOutputTensors,
  featuresFromTensors,
  type NamedTensor,
} from './tensor-predictions.js';

const t = (
  name: string,
  kind: NamedTensor['kind'],
  shape: number[],
  data: NamedTensor['data'],
): NamedTensor => ({
  name,
  kind,
  shape,
  data,
});

describe('featuresFromTensors', () => {
  it('names columns from the config, else {tensor}_{j}; one-wide tensors by their name', () => {
    const inputs = [
      t('x', 'float', [2, 2], [1, 2, 3, 4]),
      t('country', 'bytes', [2, 1], ['DE', 'FR']),
    ];
    expect(featuresFromTensors(inputs, { x: ['amount'] })).toEqual([
      { amount: 1, x_1: 2, country: 'DE' },
      { amount: 3, x_1: 4, country: 'FR' },
    ]);
  });
  it('skips tensors too wide to be features (images, embeddings)', () => {
    const width = MAX_FEATURES_PER_TENSOR + 1;
    const image = t('img', 'float', [1, width], new Float32Array(width));
    expect(
      featuresFromTensors([image, t('id', 'int', [1], [BigInt(5) as unknown as number])]),
    ).toEqual([{ id: 5 }]);
  });
});

describe('decodeOutputTensors', () => {
  it('infers multiclass from [n, k] probabilities and maps class indices', () => {
    const { outputs, inferredTask } = decodeOutputTensors(
      [t('p', 'float', [1, 3], [0.2, 0.5, 0.3])],
      { name: 'm', classes: ['a', 'b', 'c'] },
    );
    expect(inferredTask).toBe(ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION);
    expect(outputs).toEqual([{ label: 'b', score: 0.5, probabilities: [0.2, 0.5, 0.3] }]);
  });
  it('does not take [n, k] floats that are not probabilities as probabilities', () => {
    const { outputs, inferredTask } = decodeOutputTensors([t('emb', 'float', [1, 2], [3, 4])], {
      name: 'm',
    });
    expect(inferredTask).toBeUndefined();
    expect(outputs).toEqual([]);
  });
  it('reads an int label with class names, beside a score', () => {
    const { outputs } = decodeOutputTensors(
      [t('label', 'int', [2], [1, 0]), t('s', 'float', [2, 1], [0.9, 0.2])],
      {
        name: 'm',
        classes: ['no', 'yes'],
      },
    );
    expect(outputs).toEqual([
      { label: 'yes', score: 0.9 },
      { label: 'no', score: 0.2 },
    ]);
  });
  it('treats a lone [n] float as a regression value', () => {
    const { outputs, inferredTask } = decodeOutputTensors([t('y', 'float', [2], [1.5, 2.5])], {
      name: 'm',
    });
    expect(inferredTask).toBe(ML_MODEL_TASK_VALUE_REGRESSION);
    expect(outputs).toEqual([{ value: 1.5 }, { value: 2.5 }]);
  });
  it('follows an explicit mapping and the configured task', () => {
    const { outputs } = decodeOutputTensors(
      [t('a', 'float', [1, 1], [0.8]), t('b', 'float', [1, 2], [0.5, 0.5])],
      { name: 'm', task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION, threshold: 0.9 },
      { score: 'a' },
    );
    expect(outputs).toEqual([{ score: 0.8, label: '0', threshold: 0.9 }]);
  });
});
