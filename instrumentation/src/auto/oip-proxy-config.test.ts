import { describe, expect, it } from 'vitest';
import { ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION } from '@mlmon/conventions';
import { parseOipProxyConfig } from './oip-proxy-config.js';

describe('parseOipProxyConfig', () => {
  it('accepts a full config', () => {
    const { config, errors } = parseOipProxyConfig({
      captureFeatures: true,
      featureDenyList: ['email'],
      eventSamplingProbability: 0.5,
      deterministicSampling: true,
      providerName: 'kserve',
      timeoutMillis: 5000,
      models: {
        fraud: {
          task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
          classes: ['legit', 'fraud'],
          threshold: 0.7,
          modelVersion: 3,
          featureNames: { input: ['amount', 'age'] },
          outputs: { probabilities: 'probs' },
          sliceKeys: ['age'],
        },
      },
    });
    expect(errors).toEqual([]);
    expect(config.models?.['fraud']).toEqual({
      task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
      classes: ['legit', 'fraud'],
      threshold: 0.7,
      modelVersion: '3',
      featureNames: { input: ['amount', 'age'] },
      outputs: { probabilities: 'probs' },
      sliceKeys: ['age'],
    });
    expect(config.eventSamplingProbability).toBe(0.5);
  });

  it.each<[string, unknown, string]>([
    [
      'unknown top-level key',
      { captureFeature: true },
      'captureFeature: unknown setting (valid: models, captureFeatures',
    ],
    [
      'bad probability',
      { eventSamplingProbability: 0 },
      'eventSamplingProbability: must be a number in (0, 1]',
    ],
    [
      'bad task',
      { models: { m: { task: 'classification' } } },
      'models.m.task: must be one of binary_classification',
    ],
    [
      'bad threshold',
      { models: { m: { threshold: 2 } } },
      'models.m.threshold: must be a number in [0, 1]',
    ],
    [
      'bad outputs key',
      { models: { m: { outputs: { probs: 'x' } } } },
      'models.m.outputs.probs: unknown setting',
    ],
    [
      'bad featureNames',
      { models: { m: { featureNames: 'a,b' } } },
      'models.m.featureNames: must be a list',
    ],
    ['not a mapping', ['x'], 'the config must be a mapping at the top level'],
  ])('reports %s', (_name, raw, message) => {
    expect(parseOipProxyConfig(raw).errors.some((e) => e.startsWith(message))).toBe(true);
  });

  it('reports every error at once', () => {
    const { errors } = parseOipProxyConfig({
      captureFeatures: 'yes',
      timeoutMillis: -1,
      models: { a: 1 },
    });
    expect(errors).toEqual([
      'captureFeatures: must be true or false',
      'timeoutMillis: must be a positive integer',
      'models.a: must be a mapping',
    ]);
  });
});
