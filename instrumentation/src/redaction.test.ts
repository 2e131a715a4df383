import { describe, expect, it } from 'vitest';
import {
  CAPTURE_FEATURES_ENV,
  REDACTED_VALUE,
  createFeatureRedactor,
  readCaptureFeaturesEnv,
} from './redaction.js';

const features = { age: 41, zip: '10115', income: 52000 };

describe('createFeatureRedactor', () => {
  it.each([
    [{}, {}, undefined],
    [{ captureFeatures: true }, {}, features],
    [
      { captureFeatures: true, featureDenyList: ['zip'] },
      {},
      { age: 41, zip: REDACTED_VALUE, income: 52000 },
    ],
    [
      { captureFeatures: true, featureAllowList: ['age'] },
      {},
      { age: 41, zip: REDACTED_VALUE, income: REDACTED_VALUE },
    ],
    [{ captureFeatures: true }, { [CAPTURE_FEATURES_ENV]: 'false' }, undefined],
    [{ captureFeatures: false }, { [CAPTURE_FEATURES_ENV]: ' true ' }, features],
    [{ captureFeatures: true }, { [CAPTURE_FEATURES_ENV]: 'yes' }, features],
  ])('config %o with env %o', (config, env, expected) => {
    expect(createFeatureRedactor(config, env).redact(features)).toEqual(expected);
  });

  it('passes the features through without lists, copies them with lists', () => {
    expect(createFeatureRedactor({ captureFeatures: true }, {}).redact(features)).toBe(features);
    const denied = createFeatureRedactor(
      { captureFeatures: true, featureDenyList: ['nothing-here'] },
      {},
    ).redact(features);
    expect(denied).not.toBe(features);
    expect(denied).toEqual(features);
  });

  it('reads only true/false from the environment', () => {
    expect(readCaptureFeaturesEnv({})).toBeUndefined();
    expect(readCaptureFeaturesEnv({ [CAPTURE_FEATURES_ENV]: 'False' })).toBe(false);
    expect(readCaptureFeaturesEnv({ [CAPTURE_FEATURES_ENV]: '1' })).toBeUndefined();
  });
});
