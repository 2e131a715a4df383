/** The built-in runbook of the version alert (served with the others by `runbooks.ts`). */
import type { Runbook } from './runbooks.js';

/** What a `version.worse` alert means and what to do. */
export const VERSION_RUNBOOK: Runbook = {
  anchor: 'version-worse',
  title: 'A model version worse than its baseline',
  statistics: 'version.worse',
  meaning:
    "The version named in the alert (ml.model.version) did significantly worse than the model's baseline version in the same windows and slice: its labeled accuracy is lower, its mean absolute error higher (regression), or its inference calls fail more often, by a one-sided test at the verdict's level split over its tests. The alert's impact line names the baseline and the test that decided.",
  confirm: [
    'Open the version in the dashboard: the "Versus baseline" card shows both versions\' counts, the p-values, the quality, calibration and latency deltas, and the prediction drift against the baseline\'s window.',
    'Check that both versions see the same traffic in that slice: a canary routed only to one region or client compares unlike populations (the all-slices verdict mixes them).',
    'Check the label coverage of both versions: labels arriving for one version only, or later for one, make its accuracy or error count other predictions.',
  ],
  act: [
    'Halt or roll back the rollout (the Argo Rollouts and Flagger gates in deploy/rollouts/ read the same verdict).',
    'If the version is meant to differ (a new threshold, another class balance), set it as the baseline in the serve config (models[].versions.baseline) once accepted, so later versions are compared with it.',
  ],
};
