/**
 * The built-in runbooks: one per family of alert statistics, served by the processor at
 * `/runbooks` so that every alert links to something a responder can follow even when the rule
 * names no runbook of its own. Each entry says what the alert means, how to confirm it and
 * what to do; the anchors are stable (`/runbooks#quality-drop`).
 */

/** One runbook section. */
import { FAIRNESS_RUNBOOK } from './fairness-runbook.js';
import { ESTIMATION_RUNBOOK } from './estimation-runbook.js';
import { VERSION_RUNBOOK } from './version-runbook.js';

export interface Runbook {
  /** The URL fragment. */
  readonly anchor: string;
  readonly title: string;
  /** The statistics it covers, as rules name them. */
  readonly statistics: string;
  readonly meaning: string;
  readonly confirm: readonly string[];
  readonly act: readonly string[];
}

/** The runbooks, in the order the page lists them. */
export const RUNBOOKS: readonly Runbook[] = [
  {
    anchor: 'feature-drift',
    title: 'Feature drift',
    statistics: 'drift.status, drift.score',
    meaning:
      "A feature's distribution in the window differs from its reference beyond the size-aware threshold (false alarms on stationary data are held at 1 % per decision).",
    confirm: [
      "Open the stream in the dashboard: compare the feature's reference and current histograms and the drift score over the last windows.",
      'Check whether the change is in one slice or all (the alert names its slice; the all-slices stream has none).',
      'Look at the example traces of the drifted feature, or query traces by ml.model.name, ml.model.version and the slice attributes in your trace backend.',
    ],
    act: [
      'A pipeline change (unit, encoding, missing values, a new upstream version): fix the producer; the alert resolves at the first window without drift.',
      'A real change in the population: check the quality figures once labels arrive; retrain or recalibrate if quality moved; when the new distribution is the new normal, reset the reference (POST /api/v1/models/{name}/reference/reset).',
    ],
  },
  {
    anchor: 'calibration',
    title: 'Calibration',
    statistics: 'calibration.ece, calibration.mce, calibration.brier, calibration.log_loss',
    meaning:
      "The model's scores no longer match observed outcome rates: ECE/MCE fire only when at least one reliability bin's positives are significantly off its mean score (exact binomial tests, Bonferroni over the bins) and the labeled count reaches the rule's minSamples.",
    confirm: [
      'Open the reliability diagram of the stream: the bins away from the diagonal are where scores lie.',
      'Check the ground-truth coverage and delay: labels arriving only for one kind of outcome bias every label-based statistic.',
    ],
    act: [
      'Decisions thresholded on the score (approve above 0.7): review the threshold against observed rates.',
      'Recalibrate (isotonic or Platt on recent labeled data) or retrain; reset the reference once the new model version is live.',
    ],
  },
  {
    anchor: 'quality-drop',
    title: 'Quality drop',
    statistics: 'quality.<metric>.drop',
    meaning:
      "A quality metric is below the stream's reference by more than the threshold. For accuracy the reference pools the stream's first 3000 labeled predictions and the drop must be significant (one-sided Fisher exact test at the rule's significance); other metrics compare with the first window that had 100 labels.",
    confirm: [
      'Compare quality per slice: a drop in one slice points at its data, a drop everywhere at the model or the labels.',
      'Check drift on the same stream in the same windows, and whether the label source or delay changed.',
    ],
    act: [
      'Roll back to the previous model version when the drop follows a deployment.',
      'Otherwise retrain on recent labeled data; raise the threshold or minSamples only when the drop is known and accepted.',
    ],
  },
  {
    anchor: 'quality',
    title: 'Quality below or above a bound',
    statistics: 'quality.<metric>',
    meaning:
      "A quality metric crossed an absolute bound. For accuracy the true rate must be beyond the bound significantly (exact binomial test); other metrics need the rule's minSamples labels.",
    confirm: [
      'Read the metric over the last windows and its labeled count: a value from few labels moves a lot.',
    ],
    act: [
      'As for a quality drop: find the slice, the change and the cause, then roll back or retrain.',
    ],
  },
  {
    anchor: 'ground-truth-coverage',
    title: 'Ground-truth coverage',
    statistics: 'ground_truth.coverage',
    meaning:
      "The share of a window's predictions that received a label crossed its bound, significantly (exact binomial test against the threshold).",
    confirm: [
      'Check the label pipeline: ml.ground_truth events still arriving, with prediction ids that match ml.prediction.id.',
      'Check the label delay histogram: coverage of recent windows rises as late labels arrive.',
    ],
    act: ['Fix the label feed; until it recovers, label-based alerts see fewer samples and wait.'],
  },
  {
    anchor: 'cost',
    title: 'Cost above budget',
    statistics: 'cost.total, cost.per_request, cost.per_thousand_requests',
    meaning:
      "A window's cost under the configured price table crossed the rule's budget. Cost is computed from the tokens and requests the window saw (no sampling error), so one window is evidence.",
    confirm: [
      'Read tokens per call (input, output, cached) and requests over the last windows: a longer prompt or answer raises cost per request, more traffic raises the total.',
      'Check the response models: a provider alias moved to a pricier model shows there.',
    ],
    act: [
      'Trim prompts or cap output tokens, route to a cheaper model, or raise the budget when the growth is intended.',
    ],
  },
  {
    anchor: 'slo-burn-rate',
    title: 'SLO burn rate',
    statistics: 'slo.burn_rate',
    meaning:
      "The service's error budget is burning faster than the alert's rate over both its long and short window, and the long window's bad events are significantly more than the objective allows.",
    confirm: [
      'Open the stream: errors by error.type and latency percentiles show which SLI moved.',
      'Query the failed or slow ml.inference spans of the model and version in your trace backend.',
    ],
    act: [
      'Page-severity burns exhaust the budget within days: mitigate first (roll back, shed load, scale).',
      'Ticket-severity burns: find the cause in working hours.',
    ],
  },
  FAIRNESS_RUNBOOK,
  ESTIMATION_RUNBOOK,
  VERSION_RUNBOOK,
];

/** The runbook anchor of a statistic (`quality.f1.drop` → `quality-drop`). */
export function runbookAnchor(statistic: string): string {
  if (statistic.startsWith('drift.')) return 'feature-drift';
  if (statistic.startsWith('calibration.')) return 'calibration';
  if (statistic === 'ground_truth.coverage') return 'ground-truth-coverage';
  if (statistic.startsWith('slo.')) return 'slo-burn-rate';
  if (statistic.startsWith('cost.')) return 'cost';
  if (statistic.startsWith('fairness.')) return 'fairness';
  if (statistic.startsWith('estimate.')) return ESTIMATION_RUNBOOK.anchor;
  if (statistic.startsWith('version.')) return VERSION_RUNBOOK.anchor;
  return statistic.endsWith('.drop') ? 'quality-drop' : 'quality';
}

/**
 * The runbook URL of an alert: the rule's own, else the built-in page under `baseUrl` (the
 * processor's external URL; a path alone when none is known).
 */
export function runbookUrl(baseUrl: string, statistic: string, own?: string): string {
  return own ?? `${baseUrl.replace(/\/+$/, '')}/runbooks#${runbookAnchor(statistic)}`;
}
