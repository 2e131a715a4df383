import {
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_OPERATION_NAME,
  ATTR_ML_PREDICTION_LABEL,
  ATTR_ML_SLICE,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_OPERATION_NAME_VALUE_PREDICT,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import type { ResolvedModel } from './internal-types.js';
import { RowAttributeCache, sliceKeyName } from './row-attribute-cache.js';

const model = (): ResolvedModel => ({
  name: 'fraud',
  version: '7',
  task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
});

describe('RowAttributeCache', () => {
  it('builds every metric attribute object of a row', () => {
    const set = new RowAttributeCache().get(model(), { region: 'eu', device: 'ios' }, 'fraud');
    const slices = { [ATTR_ML_SLICE('region')]: 'eu', [ATTR_ML_SLICE('device')]: 'ios' };
    const identity = { [ATTR_ML_MODEL_NAME]: 'fraud', [ATTR_ML_MODEL_VERSION]: '7' };
    const task = { [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION };
    expect(set.slices).toEqual(slices);
    expect(set.duration).toEqual({
      ...identity,
      ...task,
      ...slices,
      [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
    });
    expect(set.predictions).toEqual({
      ...identity,
      ...task,
      ...slices,
      [ATTR_ML_PREDICTION_LABEL]: 'fraud',
    });
    expect(set.score).toEqual({ ...identity, ...slices, [ATTR_ML_PREDICTION_LABEL]: 'fraud' });
    expect(set.value).toEqual({ ...identity, ...slices });
  });

  it('leaves out absent version, task and label', () => {
    const set = new RowAttributeCache().get({ name: 'm' }, {}, undefined);
    expect(set.predictions).toEqual({ [ATTR_ML_MODEL_NAME]: 'm' });
    expect(set.duration).toEqual({
      [ATTR_ML_MODEL_NAME]: 'm',
      [ATTR_ML_OPERATION_NAME]: ML_OPERATION_NAME_VALUE_PREDICT,
    });
  });

  it('reuses the objects of a combination it has seen', () => {
    const cache = new RowAttributeCache();
    const m = model();
    const a = cache.get(m, { region: 'eu' }, 'fraud');
    expect(cache.get(m, { region: 'eu' }, 'fraud')).toBe(a);
    expect(cache.get(m, { region: 'eu' }, 'legit')).not.toBe(a);
    expect(cache.get(m, { region: 'us' }, 'fraud')).not.toBe(a);
    expect(cache.get(m, { region: 'eu' }, undefined)).not.toBe(a);
  });

  it('never confuses combinations whose parts concatenate alike', () => {
    const cache = new RowAttributeCache();
    const m = model();
    const a = cache.get(m, { a: 'bc' }, undefined);
    const b = cache.get(m, { ab: 'c' }, undefined);
    const c = cache.get(m, { a: 'b', c: '' }, undefined);
    expect(a.slices).toEqual({ [ATTR_ML_SLICE('a')]: 'bc' });
    expect(b.slices).toEqual({ [ATTR_ML_SLICE('ab')]: 'c' });
    expect(c.slices).toEqual({ [ATTR_ML_SLICE('a')]: 'b', [ATTR_ML_SLICE('c')]: '' });
    expect(cache.get(m, {}, '-').predictions[ATTR_ML_PREDICTION_LABEL]).toBe('-');
    expect(cache.get(m, {}, undefined).predictions[ATTR_ML_PREDICTION_LABEL]).toBeUndefined();
  });

  it('follows a model whose identity changes in place', () => {
    const cache = new RowAttributeCache();
    const m = model();
    cache.get(m, {}, undefined);
    m.version = '8';
    expect(cache.get(m, {}, undefined).value[ATTR_ML_MODEL_VERSION]).toBe('8');
  });

  it('keeps at most maxSets combinations per model, then starts over', () => {
    const cache = new RowAttributeCache(2);
    const m = model();
    const first = cache.get(m, { r: '1' }, undefined);
    cache.get(m, { r: '2' }, undefined);
    expect(cache.get(m, { r: '1' }, undefined)).toBe(first);
    cache.get(m, { r: '3' }, undefined); // third combination: the cache starts over
    const again = cache.get(m, { r: '1' }, undefined);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

describe('sliceKeyName', () => {
  it('is ATTR_ML_SLICE(key)', () => {
    expect(sliceKeyName('region')).toBe(ATTR_ML_SLICE('region'));
    expect(sliceKeyName('region')).toBe(ATTR_ML_SLICE('region'));
  });
});
