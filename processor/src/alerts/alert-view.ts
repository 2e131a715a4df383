/**
 * The read-only view of one alert instance that later stages (status API, demo summary) render.
 * It lives with the alerts because alerts run before the status API: the status API consumes
 * this shape, it does not define it.
 */
import type { MlAlertStateValue } from '@mlmon/conventions';
import type { SliceValues } from '../state/types.js';

/** One alert instance as the status API reports it. */
export interface StatusAlert {
  /** `ml.alert.rule`. */
  readonly rule: string;
  /** `ml.alert.state`. */
  readonly state: MlAlertStateValue;
  /** Severity from the rule (e.g. `warning`, `critical`). */
  readonly severity?: string;
  /** `ml.model.name`. */
  readonly modelName: string;
  /** `ml.model.version`. */
  readonly modelVersion: string;
  /** Slice the alert is about; empty for the all-slices stream. */
  readonly slice: SliceValues;
  /** `ml.feature.name` for feature-level rules. */
  readonly feature?: string;
  /** The statistic the rule watches: a drift method, calibration method or quality metric. */
  readonly statistic?: string;
  /** `ml.alert.threshold`. */
  readonly threshold?: number;
  /** `ml.alert.value`: the observed value when the state last changed. */
  readonly value?: number;
  /** `ml.alert.impact` of the last state change: samples, slice, change vs reference. */
  readonly impact?: string;
  /** `ml.alert.runbook.url`: where a responder reads what to do. */
  readonly runbookUrl?: string;
  /** When the alert entered its current state, Unix epoch milliseconds. */
  readonly sinceUnixMillis: number;
}
