/** The built-in runbook of the estimation alerts (served with the others by `runbooks.ts`). */
import type { Runbook } from './runbooks.js';

/** What an estimation alert means and what to do. */
export const ESTIMATION_RUNBOOK: Runbook = {
  anchor: 'quality-estimate',
  title: 'Quality estimated before labels (CBPE)',
  statistics: 'estimate.<metric>, estimate.<metric>.outside_band',
  meaning:
    "The quality mlmon estimates from the calibrated scores of the window's predictions (before any label arrives) left the band of the reference's quality (±3σ, σ over reference chunks of the window's size) for the rule's windows in a row: the inputs moved to where the model is expected to do worse (or better). The estimate assumes P(y|x) is unchanged; it cannot see concept shift.",
  confirm: [
    'Open the stream in the dashboard: the estimated-vs-realized chart shows the estimate, its band and, where labels already arrived, the realized value.',
    'Look at feature and score drift in the same windows: a covariate shift that explains the estimate shows there.',
    'Once labels arrive, read ml.quality.estimation_error: near 0 confirms the estimate; a lasting offset means P(y|x) changed and the estimate is not to be trusted until the reference is rebuilt.',
  ],
  act: [
    'A pipeline fault that moved the inputs: fix the producer; the alert resolves at the first window back inside the band.',
    'A real population change: decide with the model owners whether to retrain on recent data; rebuild the training profile (mlmon baseline --label-column) when the new population is the new normal.',
  ],
};
