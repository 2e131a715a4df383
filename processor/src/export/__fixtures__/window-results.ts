/**
 * Builders of window results for the export and service unit tests (`aWindowResult({...})`),
 * so tests state only what matters to them.
 */
import type { DriftResult, WindowResult } from '../../evaluate/window-result.js';

/** A drift result with defaults (a `no_drift` PSI decision on feature `amount`). */
export function aDriftResult(overrides: Partial<DriftResult> = {}): DriftResult {
  return {
    kind: 'feature',
    feature: 'amount',
    method: 'psi',
    primary: true,
    state: 'no_drift',
    score: 0.01,
    threshold: 0.2,
    effectiveThreshold: 0.05,
    nReference: 1000,
    nCurrent: 500,
    ...overrides,
  };
}

/** A window result of model `fraud` version `3` of service `checkout`, with defaults. */
export function aWindowResult(overrides: Partial<WindowResult> = {}): WindowResult {
  return {
    stream: {
      key: 'fraud\u00003',
      modelName: 'fraud',
      modelVersion: '3',
      task: 'binary_classification',
      slice: {},
      resource: { attributes: { 'service.name': 'checkout' }, key: 'service.name=checkout' },
    },
    startUnixMillis: 1_700_000_100_000,
    endUnixMillis: 1_700_000_400_000,
    referenceKind: 'fixed_window',
    referenceId: '1699999800000',
    samples: { reference: 1000, current: 500, labeled: 0 },
    drift: [aDriftResult()],
    dataQuality: [],
    quality: [],
    groundTruth: { labeled: 0, delays: {} },
    notes: [],
    ...overrides,
  };
}
