import { ATTR_ML_SLICE } from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { formatConfigIssue } from './config-issue.js';
import { resolveServeConfig } from './resolve-serve-config.js';

const GENDER = ATTR_ML_SLICE('gender');

const resolve = (models: unknown) => resolveServeConfig({ flags: {}, env: {}, file: { models } });

describe('models[].fairness', () => {
  it('resolves attributes, reference groups and defaults, beside drift settings', () => {
    const result = resolve([
      {
        model: 'loan',
        fairness: { attributes: [GENDER, 'age_band'], reference_group: { [GENDER]: 'male' } },
      },
      {
        model: 'loan',
        version: 3,
        drift: { method: 'psi' },
        fairness: { attributes: ['age_band'], min_group_count: 100, max_groups: 5, alpha: 0.001 },
      },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.modelFairness).toEqual([
      {
        model: 'loan',
        fairness: {
          attributes: [{ name: GENDER, referenceGroup: 'male' }, { name: 'age_band' }],
          minGroupCount: 30,
          maxGroups: 20,
          alpha: 0.01,
        },
      },
      {
        model: 'loan',
        version: '3',
        fairness: {
          attributes: [{ name: 'age_band' }],
          minGroupCount: 100,
          maxGroups: 5,
          alpha: 0.001,
        },
      },
    ]);
    expect(result.config.modelDrift).toEqual([
      { model: 'loan', version: '3', drift: { rules: [{ method: 'psi' }] } },
    ]);
  });

  it('names every wrong key by its path', () => {
    const result = resolve([
      {
        model: 'loan',
        fairness: {
          attributes: [],
          reference_group: { age_band: 'x' },
          min_group_count: 0,
          max_groups: 1,
          alpha: 2,
          bins: 3,
        },
      },
      { model: 'loan', version: '2', fairness: { attributes: [GENDER, GENDER] } },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.issues.map(formatConfigIssue).join('\n');
    for (const expected of [
      'models[0].fairness.bins": unknown key',
      'models[0].fairness.attributes": must be a non-empty list',
      'models[0].fairness.reference_group.age_band": not one of the attributes',
      'models[0].fairness.min_group_count": must be an integer >= 1',
      'models[0].fairness.max_groups": must be an integer from 2 to 1000, got 1',
      'models[0].fairness.alpha": must be a number between 0 and 1, got 2',
      'models[1].fairness.attributes": lists an attribute twice',
    ]) {
      expect(messages).toContain(expected);
    }
  });
});
