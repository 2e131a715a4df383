import {
  ML_MODEL_TASK_VALUE_ANOMALY_DETECTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
  ML_MODEL_TASK_VALUE_RANKING,
  ML_MODEL_TASK_VALUE_REGRESSION,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { decodeRowOutput, isProbabilityVector, splitBatchResult } from './decode-output.js';
import type { ResolvedModel } from './internal-types.js';

const binary: ResolvedModel = {
  name: 'm',
  task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  classes: ['no', 'yes'],
};

const multilabel: ResolvedModel = {
  name: 'm',
  task: ML_MODEL_TASK_VALUE_MULTILABEL_CLASSIFICATION,
  classes: ['a', 'b', 'c'],
};
const ranking: ResolvedModel = { name: 'm', task: ML_MODEL_TASK_VALUE_RANKING };

describe('decodeRowOutput', () => {
  it.each<[string, unknown, ResolvedModel, object]>([
    ['multilabel label set', ['b', 'c'], multilabel, { labels: ['b', 'c'] }],
    ['multilabel empty label set', [], multilabel, { labels: [] }],
    [
      'multilabel probabilities thresholded into the label set',
      [0.9, 0.5, 0.1],
      { ...multilabel, threshold: 0.5 },
      { probabilities: [0.9, 0.5, 0.1], threshold: 0.5, labels: ['a', 'b'] },
    ],
    ['ranking item ids best first', ['d7', 'd2'], ranking, { ranking: ['d7', 'd2'] }],
    [
      'object with labels and ranking fields',
      { labels: ['a'], ranking: ['x'] },
      binary,
      { labels: ['a'], ranking: ['x'] },
    ],
    ['a list of strings of another task decodes to nothing', ['a', 'b'], binary, {}],
    ['binary score above threshold', 0.7, binary, { score: 0.7, label: 'yes', threshold: 0.5 }],
    [
      'binary score at custom threshold',
      0.7,
      { ...binary, threshold: 0.8 },
      { score: 0.7, label: 'no', threshold: 0.8 },
    ],
    [
      'binary probability pair',
      [0.2, 0.8],
      binary,
      { score: 0.8, label: 'yes', threshold: 0.5, probabilities: [0.2, 0.8] },
    ],
    [
      'binary without classes labels 0/1',
      0.2,
      { name: 'm', task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION },
      { score: 0.2, label: '0', threshold: 0.5 },
    ],
    [
      'multiclass probabilities',
      Float32Array.from([0.25, 0.25, 0.5]),
      { name: 'm', task: ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION, classes: ['a', 'b', 'c'] },
      { label: 'c', score: 0.5, probabilities: [0.25, 0.25, 0.5] },
    ],
    [
      'multiclass index',
      2,
      { name: 'm', task: ML_MODEL_TASK_VALUE_MULTICLASS_CLASSIFICATION, classes: ['a', 'b', 'c'] },
      { label: 'c' },
    ],
    ['regression', 12.5, { name: 'm', task: ML_MODEL_TASK_VALUE_REGRESSION }, { value: 12.5 }],
    ['unknown task number is a value', 3, { name: 'm' }, { value: 3 }],
    [
      'unknown task probability vector',
      [0.3, 0.7],
      { name: 'm' },
      { score: 0.7, label: '1', threshold: 0.5, probabilities: [0.3, 0.7] },
    ],
    [
      'anomaly score',
      0.93,
      { name: 'm', task: ML_MODEL_TASK_VALUE_ANOMALY_DETECTION },
      { score: 0.93 },
    ],
    ['string label', 'spam', binary, { label: 'spam' }],
    ['object', { label: 'yes', score: 0.9, extra: 1 }, binary, { label: 'yes', score: 0.9 }],
    ['unknown shape', Symbol('x'), binary, {}],
  ])('%s', (_name, raw, model, expected) => {
    expect(decodeRowOutput(raw, model)).toEqual(expected);
  });
});

describe('helpers', () => {
  it('recognises probability vectors', () => {
    expect(isProbabilityVector([0.5, 0.5])).toBe(true);
    expect(isProbabilityVector([0.5, 0.6])).toBe(false);
    expect(isProbabilityVector([1])).toBe(false);
    expect(isProbabilityVector([1.5, -0.5])).toBe(false);
  });
  it('splits batch results', () => {
    expect(splitBatchResult([1, 2])).toEqual([1, 2]);
    expect(splitBatchResult(Float32Array.from([1, 2]))).toEqual([1, 2]);
    expect(splitBatchResult(3)).toEqual([3]);
  });
});
