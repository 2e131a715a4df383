/**
 * SLOs as data, in OpenSLO's vocabulary where it fits: a ratio indicator (good events over total
 * events) of one model's streams, an objective `target` in (0, 1) over a rolling compliance
 * `period`, and the multiwindow, multi-burn-rate alerts of the SRE workbook (chapter 5,
 * table 5-8). Service indicators count calls; model indicators count windows (a window is one
 * event, good when its statistic meets the objective), as METRICS.md defines.
 */

/** What an SLO counts as good and total events. */
export type SloIndicator =
  /** Calls at or below `thresholdSeconds` over calls with a latency. */
  | { readonly kind: 'latency'; readonly thresholdSeconds: number }
  /** Calls that did not fail over all calls (`availability` is the same ratio). */
  | { readonly kind: 'errors' }
  /** Windows with ECE ≤ `max` over windows with an ECE. */
  | { readonly kind: 'calibration'; readonly max: number }
  /** Windows with `ml.quality.metric` `metric` ≥ `min` over windows with a value. */
  | { readonly kind: 'quality'; readonly metric: string; readonly min: number }
  /** Windows whose share of primary feature decisions that are not `drift` is ≥ `min`. */
  | { readonly kind: 'drift_free'; readonly min: number }
  /** Windows with label coverage ≥ `min` over windows with a coverage. */
  | { readonly kind: 'label_coverage'; readonly min: number }
  /** Windows whose cost `statistic` is ≤ `max` over windows with a cost (a budget as an SLO). */
  | { readonly kind: 'cost'; readonly statistic: CostStatistic; readonly max: number };

/** Which cost of a window a `cost` SLO bounds. */
export type CostStatistic = 'total' | 'per_request' | 'per_thousand_requests';

/** The cost statistics, as the config names them (`metric`). */
export const COST_STATISTICS: readonly CostStatistic[] = [
  'total',
  'per_request',
  'per_thousand_requests',
];

/** One multiwindow burn-rate alert: fires when both windows burn at ≥ `burnRate`. */
export interface BurnRateAlert {
  readonly longSeconds: number;
  readonly shortSeconds: number;
  /** Budget consumption rate: 1 spends exactly the budget over the period. */
  readonly burnRate: number;
  /** `ml.alert.severity`: `page` or `ticket` by default. */
  readonly severity: string;
}

/** One SLO. */
export interface SloDefinition {
  /** Unique name; the `ml.alert.rule` of its burn-rate alerts. */
  readonly name: string;
  readonly description?: string;
  /** The streams it applies to: a model, optionally one version and one slice. */
  readonly match: {
    readonly model: string;
    readonly version?: string;
    /** One slice stream; without it, the model's all-slices stream. */
    readonly slice?: Readonly<Record<string, string>>;
  };
  readonly indicator: SloIndicator;
  /** Objective: the good share to keep, in (0, 1). */
  readonly target: number;
  /** Rolling compliance period in seconds (OpenSLO `timeWindow`, e.g. `30d`). */
  readonly periodSeconds: number;
  readonly alerts: readonly BurnRateAlert[];
  /** Runbook of its alerts; the built-in SLO runbook when absent. */
  readonly runbookUrl?: string;
}

const HOUR = 3600;

/**
 * The workbook's alerts for a period: 2 % of the budget in 1 h (checked over 5 min) and 5 % in
 * 6 h (over 30 min) page, 10 % in 3 d (over 6 h) opens a ticket. The burn rates follow from the
 * period (14.4×, 6× and 1× for 30 days); a window longer than the period is left out.
 */
export function defaultBurnRateAlerts(periodSeconds: number): BurnRateAlert[] {
  const spec: [number, number, number, string][] = [
    [HOUR, 5 * 60, 0.02, 'page'],
    [6 * HOUR, 30 * 60, 0.05, 'page'],
    [3 * 24 * HOUR, 6 * HOUR, 0.1, 'ticket'],
  ];
  return spec
    .filter(([long]) => long <= periodSeconds)
    .map(([longSeconds, shortSeconds, budgetShare, severity]) => ({
      longSeconds,
      shortSeconds,
      burnRate: Math.round(((budgetShare * periodSeconds) / longSeconds) * 1000) / 1000,
      severity,
    }));
}

/** Every latency threshold of `slos` (seconds), to make their "share at or below T" exact. */
export function latencyThresholds(slos: readonly SloDefinition[]): number[] {
  return slos.flatMap((s) =>
    s.indicator.kind === 'latency' ? [s.indicator.thresholdSeconds] : [],
  );
}
