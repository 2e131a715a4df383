/**
 * One-line summaries of a window: the worst drift state, decision counts, the drifted
 * features and the headline numbers (ECE, accuracy, coverage).
 */
import {
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
  ML_DRIFT_STATE_VALUE_NO_DRIFT,
  ML_QUALITY_METRIC_VALUE_ACCURACY,
} from '@mlmon/conventions';
import { renderService } from './render-window.js';
import { compareStrings } from './slice-label.js';
import type { WindowResult } from '../evaluate/window-result.js';
import type { DriftState, WindowSummary } from './types.js';

/** Severity order of drift states: a drift anywhere outranks a clean result, which outranks "no data". */
const STATE_RANK: Readonly<Record<DriftState, number>> = {
  [ML_DRIFT_STATE_VALUE_DRIFT]: 2,
  [ML_DRIFT_STATE_VALUE_NO_DRIFT]: 1,
  [ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA]: 0,
};

/** Rank of a state, for sorting (higher is worse). */
export function driftStateRank(state: DriftState): number {
  return STATE_RANK[state];
}

/** The worst of several states; `insufficient_data` when there are none. */
export function worstDriftState(states: Iterable<DriftState>): DriftState {
  let worst: DriftState = ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA;
  for (const state of states) {
    if (STATE_RANK[state] > STATE_RANK[worst]) worst = state;
  }
  return worst;
}

/** Summarises one window. */
export function summarizeWindow(window: WindowResult): WindowSummary {
  let drift = 0;
  let noDrift = 0;
  let insufficientData = 0;
  const drifted = new Set<string>();
  // Companion methods (primary: false) are context; the primary method decides.
  const decisive = window.drift.filter((decision) => decision.primary);
  for (const decision of decisive) {
    if (decision.state === ML_DRIFT_STATE_VALUE_DRIFT) {
      drift += 1;
      drifted.add(decision.feature);
    } else if (decision.state === ML_DRIFT_STATE_VALUE_NO_DRIFT) {
      noDrift += 1;
    } else {
      insufficientData += 1;
    }
  }
  const accuracy = window.quality.find(
    (metric) => metric.metric === ML_QUALITY_METRIC_VALUE_ACCURACY,
  )?.value;
  return {
    startUnixMillis: window.startUnixMillis,
    endUnixMillis: window.endUnixMillis,
    status: worstDriftState(decisive.map((decision) => decision.state)),
    samples: window.samples,
    decisions: { total: decisive.length, drift, noDrift, insufficientData },
    driftedFeatures: [...drifted].sort(compareStrings),
    ...(window.calibration?.ece !== undefined ? { ece: window.calibration.ece } : {}),
    ...(accuracy !== undefined ? { accuracy } : {}),
    ...(window.groundTruth.coverage !== undefined ? { coverage: window.groundTruth.coverage } : {}),
    ...(window.service !== undefined ? { service: renderService(window.service) } : {}),
  };
}
