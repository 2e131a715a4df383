/**
 * Feeding a window's fairness accumulator: a prediction's sensitive-attribute values (slice
 * attributes or features, read whether or not they slice the streams) and its binary decision
 * ŷ, and at the label join the labeled pair. Models without a `fairness` configuration cost one
 * lookup per model version.
 */
import type { PredictionRecord } from '../extract/types.js';
import { FAIRNESS_KIND } from './accumulator-kinds.js';
import { binaryActual } from './model-task.js';
import type {
  ModelVersionState,
  MonitorState,
  PendingPrediction,
  WindowAcc,
} from './monitor-state.js';
import {
  fairnessSettingsFor,
  sliceKeyOfAttribute,
  type FairnessSettings,
} from './fairness-settings.js';
import type { LabelFacts } from './join-label.js';

/** Decision threshold on the score when the prediction states none (METRICS.md). */
const DEFAULT_THRESHOLD = 0.5;

/** Settings per model version (`null`: none), looked up once. */
const settingsByVersion = new WeakMap<ModelVersionState, FairnessSettings | null>();

function settingsOf(state: MonitorState, mv: ModelVersionState): FairnessSettings | undefined {
  let s = settingsByVersion.get(mv);
  if (s === undefined) {
    s = mv.overflow
      ? null
      : (fairnessSettingsFor(state.config.fairness, mv.model, mv.version) ?? null);
    settingsByVersion.set(mv, s);
  }
  return s ?? undefined;
}

/** A value of a slice entry list or feature map as a group name; `undefined` when absent. */
function groupValue(r: PredictionRecord, attribute: string): string | undefined {
  const key = sliceKeyOfAttribute(attribute);
  if (key !== undefined) {
    for (const [k, v] of r.slices) if (k === key) return v;
    return undefined;
  }
  const v = r.features?.[attribute];
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

/**
 * ŷ of a prediction: score ≥ its threshold (0.5 when it states none), else its predicted label
 * read as binary (0/1, a boolean-like label, or one of two classes); `undefined` otherwise.
 */
export function binaryDecision(
  score: number | undefined,
  threshold: number | undefined,
  label: string | undefined,
  classes: readonly string[] | undefined,
): 0 | 1 | undefined {
  if (score !== undefined && score >= 0 && score <= 1)
    return score >= (threshold ?? DEFAULT_THRESHOLD) ? 1 : 0;
  return binaryActual(label, undefined, classes);
}

/**
 * Records prediction `r` into `w`'s fairness counts when its model is configured; returns its
 * attribute values (for the label join), or `undefined` when the model has no fairness settings.
 */
export function recordFairnessPrediction(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  r: PredictionRecord,
): readonly (string | undefined)[] | undefined {
  const settings = settingsOf(state, mv);
  if (settings === undefined) return undefined;
  const groups = settings.attributes.map((a) => groupValue(r, a.name));
  const caps = state.config;
  const acc = (w.fairness ??= FAIRNESS_KIND.forSetting(settings, caps).create());
  const decision = binaryDecision(r.score, r.threshold, r.label, r.classes ?? mv.classes);
  // Weighted by 1/p: a sampled prediction counts for the predictions it stands for.
  FAIRNESS_KIND.forState(acc, caps).record(acc, { kind: 'prediction', groups, decision }, r.weight);
  return groups;
}

/**
 * Records the labeled pair of `p` (joined in `w`): its decision and the label as 0/1; a label
 * that cannot be read as 0/1 is counted as rejected.
 */
export function recordFairnessLabel(
  state: MonitorState,
  mv: ModelVersionState,
  w: WindowAcc,
  p: PendingPrediction,
  label: LabelFacts,
): void {
  const groups = p.fairnessGroups;
  const settings = settingsOf(state, mv);
  if (groups === undefined || settings === undefined) return;
  const classes = p.classes ?? mv.classes;
  const caps = state.config;
  const acc = (w.fairness ??= FAIRNESS_KIND.forSetting(settings, caps).create());
  const record = FAIRNESS_KIND.forState(acc, caps).record;
  const actual = binaryActual(label.label, label.value, classes);
  const decision = binaryDecision(p.score, p.threshold, p.label, classes);
  if (actual === undefined) {
    record(acc, { kind: 'rejected_label' });
    return;
  }
  if (decision === undefined) return; // counted as undecided when the prediction arrived
  const score = p.score !== undefined && p.score >= 0 && p.score <= 1 ? p.score : undefined;
  record(acc, { kind: 'label', groups, decision, actual, score }, p.weight);
}
