import {
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
  ML_DRIFT_STATE_VALUE_NO_DRIFT,
} from '@mlmon/conventions';
import { describe, expect, it } from 'vitest';
import { compareSlices, sliceLabel } from './slice-label.js';
import { worstDriftState } from './summarize-window.js';
import { toPrometheusLabel } from './telemetry-names.js';
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
