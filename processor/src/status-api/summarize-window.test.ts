import {
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
  ML_DRIFT_STATE_VALUE_NO_DRIFT,
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_METHOD_VALUE_KS,
  ML_DRIFT_METHOD_VALUE_PSI,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { compareSlices, sliceLabel } from './slice-label.js';
import { summarizeWindow, worstDriftState } from './summarize-window.js';
import { toPrometheusLabel } from './telemetry-names.js';
import type { DriftMethodId } from '../evaluate/drift/types.js';
import type { DriftResult, WindowResult } from '../evaluate/window-result.js';
import type { SliceValues } from './types.js';

describe('worstDriftState', () => {
  it.each([
    [[], ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA],
    [
      [ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA, ML_DRIFT_STATE_VALUE_NO_DRIFT],
      ML_DRIFT_STATE_VALUE_NO_DRIFT,
    ],
    [
      [
        ML_DRIFT_STATE_VALUE_NO_DRIFT,
        ML_DRIFT_STATE_VALUE_DRIFT,
        ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
      ],
      ML_DRIFT_STATE_VALUE_DRIFT,
    ],
  ] as const)('%j → %s', (states, expected) => {
    expect(worstDriftState(states)).toBe(expected);
  });
});

describe('sliceLabel / compareSlices', () => {
  it('labels slices with sorted keys and puts the all-slices stream first', () => {
    expect(sliceLabel({})).toBe('all');
    expect(sliceLabel({ region: 'eu', country: 'DE' })).toBe('country=DE, region=eu');
    const slices: SliceValues[] = [{ country: 'FR' }, {}, { country: 'DE' }];
    const sorted = slices.sort(compareSlices);
    expect(sorted.map(sliceLabel)).toEqual(['all', 'country=DE', 'country=FR']);
  });
});

describe('toPrometheusLabel', () => {
  it('replaces characters Prometheus labels cannot hold', () => {
    expect(toPrometheusLabel('ml.slice.country-code')).toBe('ml_slice_country_code');
    expect(toPrometheusLabel('9lives')).toBe('key_9lives');
  });
});

describe('summarizeWindow', () => {
  const decision = (
    feature: string,
    method: DriftMethodId,
    state: DriftResult['state'],
    primary: boolean,
  ): DriftResult => ({
    feature,
    kind: ML_DRIFT_KIND_VALUE_FEATURE,
    method,
    state,
    primary,
    nReference: 100,
    nCurrent: 100,
  });

  it('counts primary decisions only: a companion method does not decide', () => {
    const window: WindowResult = {
      stream: {
        key: 'k',
        modelName: 'm',
        modelVersion: '1',
        slice: {},
        resource: { attributes: {}, key: '' },
      },
      startUnixMillis: 0,
      endUnixMillis: 10,
      samples: { reference: 100, current: 100, labeled: 0 },
      drift: [
        decision('amount', ML_DRIFT_METHOD_VALUE_KS, ML_DRIFT_STATE_VALUE_NO_DRIFT, true),
        decision('amount', ML_DRIFT_METHOD_VALUE_PSI, ML_DRIFT_STATE_VALUE_DRIFT, false),
        decision('hour', ML_DRIFT_METHOD_VALUE_KS, ML_DRIFT_STATE_VALUE_DRIFT, true),
      ],
      dataQuality: [],
      quality: [],
      groundTruth: { labeled: 0, delays: {} },
      notes: [],
    };
    const summary = summarizeWindow(window);
    expect(summary.status).toBe(ML_DRIFT_STATE_VALUE_DRIFT);
    expect(summary.decisions).toEqual({ total: 2, drift: 1, noDrift: 1, insufficientData: 0 });
    expect(summary.driftedFeatures).toEqual(['hour']);
    expect(summary).not.toHaveProperty('ece');
  });
});
