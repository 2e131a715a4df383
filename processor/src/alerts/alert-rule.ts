/**
 * Alert rules as data: which statistic of a window result to watch, how to compare it, for how
 * many consecutive windows, how severe, and optionally which model, version, feature or slice.
 * Parsed from the `alerts` key of the serve config, with every problem named by its path.
 */
import { forEachConfigMap } from '../config/config-list.js';
import { isUrl } from '../config/config-values.js';
import { FAIRNESS_ALERT_RULES } from './fairness-alert-rules.js';
import { ESTIMATE_BAND_ALERT_RULE } from './estimation-alert-rule.js';
import { VERSION_WORSE_ALERT_RULE } from './version-alert-rule.js';

/** The statistics a rule can watch. */
export const ALERT_STATISTICS = [
  /** 1 when the feature's primary drift decision is `drift`, 0 for `no_drift` (per feature). */
  'drift.status',
  /** The primary drift method's score (per feature). */
  'drift.score',
  'calibration.ece',
  'calibration.mce',
  'calibration.brier',
  'calibration.log_loss',
  /** `quality.<metric>`: e.g. `quality.accuracy`, `quality.f1`, `quality.rmse`. */
  'quality.*',
  /** `quality.<metric>.drop`: the stream's first value of the metric minus the current one. */
  'quality.*.drop',
  'ground_truth.coverage',
  /** Cost of the window under the price table (`prices`): a budget, not a sampled statistic. */
  'cost.total',
  'cost.per_request',
  'cost.per_thousand_requests',
  /**
   * Disparities across a sensitive attribute's groups (per attribute; models with `fairness`),
   * judged by the exact test on the largest gap.
   */
  'fairness.demographic_parity_ratio',
  'fairness.demographic_parity_difference',
  'fairness.equal_opportunity_difference',
  'fairness.equalized_odds_difference',
  'fairness.calibration_error_spread',
  /** `estimate.<metric>`: quality estimated before labels (CBPE), e.g. `estimate.accuracy`. */
  'estimate.*',
  /** `estimate.<metric>.outside_band`: 1 when the estimate is > 3σ from the reference's value. */
  'estimate.*.outside_band',
  /**
   * 1 when the version's verdict against the model's baseline version is `worse`, 0 when
   * `same` or `better` (per version stream; models sending several versions).
   */
  'version.worse',
] as const;

/** Comparison operators. */
export type AlertOperator = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** One alert rule. */
export interface AlertRule {
  /** `ml.alert.rule`: unique name. */
  readonly name: string;
  /** A statistic of {@link ALERT_STATISTICS} (with the metric name in place of `*`). */
  readonly statistic: string;
  readonly operator: AlertOperator;
  readonly threshold: number;
  /** Consecutive windows the condition must hold before firing. @default 1 */
  readonly forWindows: number;
  /** `ml.alert.severity`. @default 'warning' */
  readonly severity: string;
  /**
   * Fewest samples behind the value for a window to count as evidence (labeled predictions for
   * quality and calibration, predictions for coverage, the current window's size for drift);
   * a window with fewer leaves the alert as it is. @default 100 (0 for drift statistics,
   * whose decisions are already size-aware)
   */
  readonly minSamples: number;
  /**
   * Level of the significance check that must also pass before the rule fires, where the
   * statistic has one (see {@link alertSignificance}); 1 turns the check off. @default 0.005
   */
  readonly significance: number;
  /** Where the responder reads what to do; the processor's own runbook page when absent. */
  readonly runbookUrl?: string;
  /** Only these model / version / feature / slice values (all given ones must match). */
  readonly match?: {
    readonly model?: string;
    readonly version?: string;
    readonly feature?: string;
    readonly slice?: Readonly<Record<string, string>>;
  };
}

/** Default {@link AlertRule.minSamples} of label and coverage statistics. */
export const DEFAULT_MIN_SAMPLES = 100;
/**
 * Default {@link AlertRule.significance}: two default rules with a check share the 1 % budget of
 * false alarms per stationary window.
 */
export const DEFAULT_SIGNIFICANCE = 0.005;

/** The default `minSamples` of a statistic: drift decisions are size-aware on their own. */
export function defaultMinSamples(statistic: string): number {
  // Fairness statistics leave small groups out on their own (`min_group_count`); cost is
  // computed, not estimated: every window's value counts.
  // The estimation band is sized to the window already (σ over chunks of its size).
  return statistic.startsWith('drift.') ||
    statistic.startsWith('fairness.') ||
    statistic.startsWith('cost.') ||
    statistic.startsWith('estimate.') ||
    statistic.startsWith('version.')
    ? 0
    : DEFAULT_MIN_SAMPLES;
}

/**
 * The rules used when the config has none: drift on any feature for 2 windows; ECE above 0.1
 * with the bins' miscalibration significant; accuracy more than 0.02 below the stream's
 * reference accuracy, significantly (a 2-point floor, so that a tiny drop at huge volume stays
 * quiet, while a true 5-point drop is caught at 1000 labels).
 */
export const DEFAULT_ALERT_RULES: readonly AlertRule[] = Object.freeze([
  {
    name: 'feature_drift',
    statistic: 'drift.status',
    operator: '==',
    threshold: 1,
    forWindows: 2,
    severity: 'warning',
    minSamples: 0,
    significance: DEFAULT_SIGNIFICANCE,
  },
  {
    name: 'calibration_ece_high',
    statistic: 'calibration.ece',
    operator: '>',
    threshold: 0.1,
    forWindows: 1,
    severity: 'warning',
    minSamples: DEFAULT_MIN_SAMPLES,
    significance: DEFAULT_SIGNIFICANCE,
  },
  {
    name: 'accuracy_drop',
    statistic: 'quality.accuracy.drop',
    operator: '>',
    threshold: 0.02,
    forWindows: 1,
    severity: 'warning',
    minSamples: DEFAULT_MIN_SAMPLES,
    significance: DEFAULT_SIGNIFICANCE,
  },
  ...FAIRNESS_ALERT_RULES,
  ESTIMATE_BAND_ALERT_RULE,
  VERSION_WORSE_ALERT_RULE,
]);

const OPERATORS: readonly AlertOperator[] = ['>', '>=', '<', '<=', '==', '!='];
const FIXED = new Set(ALERT_STATISTICS.filter((s) => !s.includes('*')));

/** True when `statistic` names something a rule can watch. */
export function isAlertStatistic(statistic: string): boolean {
  return (
    FIXED.has(statistic as never) ||
    /^quality\.[a-z0-9_]+(\.drop)?$/.test(statistic) ||
    /^estimate\.[a-z0-9_]+(\.outside_band)?$/.test(statistic)
  );
}

/** Compares an observed value with a rule's threshold. */
export function holds(value: number, operator: AlertOperator, threshold: number): boolean {
  switch (operator) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}

/**
 * Parses the config's `alerts` list. Keys per rule: `name`, `statistic`, `operator`, `threshold`,
 * `for` (windows), `severity`, `minSamples`, `significance`, `runbookUrl`, `model`, `version`,
 * `feature`, `slice` (map). Returns every problem, each naming its path (`alerts[2].threshold`).
 */
export function parseAlertRules(
  raw: unknown,
  path = 'alerts',
): { rules: AlertRule[]; problems: string[] } {
  const problems: string[] = [];
  const rules: AlertRule[] = [];
  const names = new Set<string>();
  forEachConfigMap(raw, path, 'rules', problems, (r, at) => {
    const known = [
      'name',
      'statistic',
      'operator',
      'threshold',
      'for',
      'severity',
      'minSamples',
      'significance',
      'runbookUrl',
      'model',
      'version',
      'feature',
      'slice',
    ];
    for (const key of Object.keys(r)) {
      if (!known.includes(key))
        problems.push(`${at}.${key}: unknown key (known: ${known.join(', ')})`);
    }
    const before = problems.length;
    const name = r['name'];
    if (typeof name !== 'string' || name === '')
      problems.push(`${at}.name: must be a non-empty string`);
    else if (names.has(name)) problems.push(`${at}.name: duplicate rule name "${name}"`);
    const statistic = r['statistic'];
    if (typeof statistic !== 'string' || !isAlertStatistic(statistic)) {
      problems.push(
        `${at}.statistic: must be one of ${ALERT_STATISTICS.join(', ')}, got ${JSON.stringify(statistic)}`,
      );
    }
    const operator = r['operator'] ?? '>';
    if (!OPERATORS.includes(operator as AlertOperator)) {
      problems.push(
        `${at}.operator: must be one of ${OPERATORS.join(' ')}, got ${JSON.stringify(operator)}`,
      );
    }
    const threshold = r['threshold'];
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
      problems.push(`${at}.threshold: must be a finite number`);
    }
    const forWindows = r['for'] ?? 1;
    if (typeof forWindows !== 'number' || !Number.isInteger(forWindows) || forWindows < 1) {
      problems.push(`${at}.for: must be an integer >= 1 (consecutive windows)`);
    }
    const severity = r['severity'] ?? 'warning';
    if (typeof severity !== 'string' || severity === '')
      problems.push(`${at}.severity: must be a string`);
    const minSamples =
      r['minSamples'] ?? (typeof statistic === 'string' ? defaultMinSamples(statistic) : 0);
    if (typeof minSamples !== 'number' || !Number.isInteger(minSamples) || minSamples < 0) {
      problems.push(`${at}.minSamples: must be an integer >= 0 (samples behind a window's value)`);
    }
    const significance = r['significance'] ?? DEFAULT_SIGNIFICANCE;
    if (typeof significance !== 'number' || !(significance > 0 && significance <= 1)) {
      problems.push(`${at}.significance: must be a number in (0, 1] (1 turns the check off)`);
    }
    const runbookUrl = r['runbookUrl'];
    if (runbookUrl !== undefined && (typeof runbookUrl !== 'string' || !isUrl(runbookUrl))) {
      problems.push(`${at}.runbookUrl: must be an http(s) URL, got ${JSON.stringify(runbookUrl)}`);
    }
    const match: Record<string, unknown> = {};
    for (const key of ['model', 'version', 'feature'] as const) {
      if (r[key] === undefined) continue;
      if (typeof r[key] !== 'string') problems.push(`${at}.${key}: must be a string`);
      else match[key] = r[key];
    }
    if (r['slice'] !== undefined) {
      const slice = r['slice'];
      if (
        slice === null ||
        typeof slice !== 'object' ||
        Array.isArray(slice) ||
        Object.values(slice).some((v) => typeof v !== 'string')
      ) {
        problems.push(`${at}.slice: must be a map of slice key to value`);
      } else match['slice'] = slice;
    }
    if (problems.length > before) return;
    names.add(name as string);
    rules.push({
      name: name as string,
      statistic: statistic as string,
      operator: operator as AlertOperator,
      threshold: threshold as number,
      forWindows: forWindows as number,
      severity: severity as string,
      minSamples: minSamples as number,
      significance: significance as number,
      ...(runbookUrl !== undefined ? { runbookUrl: runbookUrl as string } : {}),
      ...(Object.keys(match).length > 0 ? { match: match as AlertRule['match'] } : {}),
    });
  });
  return { rules, problems };
}
