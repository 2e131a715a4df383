import { describe, expect, it } from 'vitest';
import { parseModelDrift } from './parse-model-drift.js';
import { parseModelVersions } from './parse-model-versions.js';

describe('models[].versions', () => {
  it('reads the baseline, alpha and min_samples of an entry alone', () => {
    const raw = [{ model: 'fraud', versions: { baseline: 7, alpha: 0.05, min_samples: 100 } }];
    expect(parseModelVersions(raw)).toEqual({
      models: [{ model: 'fraud', baseline: '7', alpha: 0.05, minSamples: 100 }],
      problems: [],
    });
    // The drift parser accepts the entry (no drift key needed).
    expect(parseModelDrift(raw).problems).toEqual([]);
  });

  it('names every problem with its path', () => {
    const { models, problems } = parseModelVersions([
      { model: 'fraud', version: '2', versions: { alpha: 2, min_samples: 0, base: '1' } },
      { model: 'churn', versions: 'v1' },
    ]);
    expect(models).toEqual([]);
    expect(problems).toEqual([
      'models[0].versions.base: unknown key; valid keys are baseline, alpha, min_samples',
      'models[0].versions: compares all versions of the model, so its entry must not name a version (move it to an entry with model only)',
      'models[0].versions.alpha: must be a number between 0 and 1, got 2',
      'models[0].versions.min_samples: must be an integer >= 1, got 0',
      'models[1].versions: must be a map with baseline, alpha, min_samples',
    ]);
  });
});
