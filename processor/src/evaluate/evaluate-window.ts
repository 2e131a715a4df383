/**
 * `evaluateWindow`: the pure step from a closed window to its {@link WindowResult}: feature
 * drift and data quality, prediction drift (score, predicted label, and the instrumentation's
 * score histogram), calibration and quality for the model's task, ground-truth coverage and
 * delay, and sample counts. No clock, no I/O; the only state is an optional memo of built
 * references, which never changes a result.
 */
import {
  ATTR_ML_PREDICTION_LABEL,
  ATTR_ML_PREDICTION_SCORE,
  METRIC_ML_INFERENCE_SCORE,
  ATTR_ML_GROUND_TRUTH_LABEL,
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_KIND_VALUE_GROUND_TRUTH,
  ML_DRIFT_KIND_VALUE_PREDICTION,
} from '@mlmon/conventions';
import type {
  ClosedWindow,
  DelayAccumulator,
  FeatureWindow,
  OutputsWindow,
  ScoreHistogramWindow,
  StreamReference,
} from '../state/types.js';
import { seriesKey } from '../keys/series-key.js';
import { labeledFamilyOf } from '../state/model-task.js';
import { dataQuality } from './data-quality.js';
import { categoryExemplars, driftExemplars } from './drift-exemplars.js';
import { withCallExemplars } from './service-exemplars.js';
import { withBinExemplars, withLossExemplars } from './calibration-exemplars.js';
import type { BuildReferenceOptions } from './drift/build-reference.js';
import { driftSettingsFor, type ModelDriftSettings } from './drift/model-drift-settings.js';
import type { ReferenceFeature } from './drift/types.js';
import {
  categoricalCurrent,
  categoricalReferenceFromCounts,
  decideFeatureDrift,
  numericCurrent,
  numericReferenceFromValues,
  type FeatureDriftOptions,
} from './feature-drift.js';
import type { OutputQuality } from './output-quality.js';
import { binaryQuality, multiclassQuality, regressionQuality } from './output-quality.js';
import { multilabelQuality, rankingQuality } from './set-quality.js';
import { labelCounts } from './label-distribution.js';
import { readProfile } from './read-profile.js';
import { ReferenceCache } from './reference-cache.js';
import {
  readBinary,
  readCategorical,
  readMulticlass,
  readNumeric,
  readRegression,
} from './snapshot-readers.js';
import type {
  DataQualityResult,
  SecondsHistogram,
  DriftKind,
  DriftResult,
  WindowResult,
} from './window-result.js';
import { serviceSlis } from './service-slis.js';
import { evaluationResults, withEvaluations } from './evaluations.js';
import type { EvaluatorRule } from './evaluator-rules.js';
import { genAiResult, withGenAi } from './genai-calls.js';
import { windowCost, withCost, type PriceTable } from './cost.js';
import { embeddingDrift } from './embedding-drift.js';
import { fairnessOfSnapshot } from './fairness.js';
import { qualityAttribution, withQualityAttribution } from './quality-attribution.js';
import { errorDrift } from './error-drift.js';
import { estimationOf, withEstimation } from './estimation.js';

/** Options of {@link evaluateWindow}. */
export interface EvaluateOptions {
  /** Memo of built references (keep one per service to reuse fixed references). */
  readonly cache?: ReferenceCache;
  /** Per-feature false-alarm rate of the size-aware thresholds. @default decideDrift's */
  readonly alpha?: number;
  /** Options of the reference builders (seed, sample size, null ladders). */
  readonly reference?: BuildReferenceOptions;
  /** Per-model method rules and α (`mlmon serve` config `models[].drift`). */
  readonly driftByModel?: readonly ModelDriftSettings[];
  /** Prices per model (`mlmon serve` config `prices`): the results' `cost`. */
  readonly prices?: PriceTable;
  /** Evaluators' pass rules (`mlmon serve` config `evaluators`); the default words when absent. */
  readonly evaluators?: readonly EvaluatorRule[];
}

/** Names of the output distributions in `ml.feature.name` of prediction drift. */
export const PREDICTION_SCORE_NAME = ATTR_ML_PREDICTION_SCORE;
export const PREDICTION_LABEL_NAME = ATTR_ML_PREDICTION_LABEL;
/** Name of the label distribution in label-drift results. */
export const GROUND_TRUTH_NAME = ATTR_ML_GROUND_TRUTH_LABEL;
export const SCORE_HISTOGRAM_NAME = METRIC_ML_INFERENCE_SCORE;

/** Evaluates one closed window. */
export function evaluateWindow(closed: ClosedWindow, options: EvaluateOptions = {}): WindowResult {
  const cache = options.cache ?? new ReferenceCache();
  const notes: string[] = [];
  const reference = closed.reference;
  const referenceFeatures = referenceFeaturesOf(closed, cache, options, notes);

  const drift: DriftResult[] = [];
  const quality: DataQualityResult[] = [];
  const driftOptions = featureOptions(closed, options);
  for (const feature of closed.features) {
    const ref = referenceFeatures.features(feature);
    // The closed window's own snapshot: its values are shared, not copied (read only here).
    const numeric = feature.kind === 'numeric' ? readNumeric(feature.snapshot, true) : undefined;
    const categorical =
      feature.kind === 'categorical' ? readCategorical(feature.snapshot) : undefined;
    for (const q of dataQuality(feature.name, feature, ref, { numeric, categorical })) {
      quality.push(q);
    }
    if (!ref) continue;
    const current = numeric
      ? numericCurrent(numeric, feature.missing, ref)
      : categorical
        ? categoricalCurrent(categorical, feature.missing)
        : undefined;
    if (!current) {
      notes.push(`drift of ${feature.name}: its window state cannot be read`);
      continue;
    }
    const decided = decideFeatureDrift(ML_DRIFT_KIND_VALUE_FEATURE, ref, current, driftOptions);
    const examples = closed.exemplars;
    for (const d of decided) {
      if (d.primary && d.state === 'drift' && examples !== undefined) {
        const exemplars =
          ref.kind === 'numeric'
            ? driftExemplars(examples, feature.name, ref)
            : categoryExemplars(examples, feature.name, ref);
        drift.push(exemplars.length > 0 ? { ...d, exemplars } : d);
      } else drift.push(d);
    }
  }
  drift.push(...predictionDrift(closed, referenceFeatures, options));
  const embeddings = embeddingDrift(closed, featureOptions(closed, options).alpha);
  drift.push(...embeddings.drift);
  notes.push(...embeddings.notes);
  drift.push(...groundTruthDrift(closed, referenceFeatures, options));
  drift.push(...errorDrift(closed, cache, options.reference ?? {}, outputOptions(closed, options)));

  const outputs = outputQuality(closed, notes);
  const samples = {
    reference: referenceSize(reference),
    current: closed.counts.predictions,
    labeled: closed.counts.labeled,
    weighted: {
      reference: referenceSize(reference, true),
      current: closed.counts.weightedPredictions,
      labeled: closed.counts.weightedLabeled,
    },
    ...effectiveLabeled(closed),
    ...effectiveCurrent(closed),
  };
  const delays: Record<string, SecondsHistogram> = {};
  for (const [source, h] of Object.entries(closed.labeled.delays)) delays[source] = toDelay(h);

  return {
    stream: {
      key: closed.stream.key,
      modelName: closed.stream.model,
      modelVersion: closed.stream.version,
      ...(closed.stream.task !== undefined ? { task: closed.stream.task } : {}),
      slice: closed.stream.slices,
      resource: closed.stream.resource,
      ...(closed.stream.overflow ? { overflow: true } : {}),
    },
    startUnixMillis: closed.startMs,
    endUnixMillis: closed.endMs,
    ...(reference ? { referenceKind: reference.kind, referenceId: reference.id } : {}),
    samples,
    drift,
    dataQuality: quality,
    ...(outputs.calibration
      ? { calibration: withBinExemplars(outputs.calibration, closed.exemplars) }
      : {}),
    quality: withLossExemplars(outputs.quality, closed.exemplars),
    ...(outputs.multilabel !== undefined ? { multilabel: outputs.multilabel } : {}),
    ...(outputs.ranking !== undefined ? { ranking: outputs.ranking } : {}),
    groundTruth: {
      ...(closed.counts.predictions > 0
        ? { coverage: closed.counts.weightedPredictionsLabeled / closed.counts.weightedPredictions }
        : {}),
      labeled: closed.counts.labeled,
      delays,
    },
    ...(closed.service !== undefined
      ? {
          service: withCallExemplars(
            serviceSlis(closed.service, (closed.endMs - closed.startMs) / 1000),
            closed.exemplars,
          ),
        }
      : {}),
    ...withCost(windowCost(closed, options.prices)),
    ...(embeddings.embeddings.length > 0 ? { embeddings: embeddings.embeddings } : {}),
    ...withGenAi(
      genAiResult(closed, cache, options.reference ?? {}, outputOptions(closed, options)),
    ),
    ...withEvaluations(
      evaluationResults(
        closed,
        cache,
        options.reference ?? {},
        outputOptions(closed, options),
        options.evaluators,
      ),
    ),
    ...withEstimation(estimationOf(closed, outputs.quality)),
    ...(closed.labeled.fairness !== undefined && closed.stream.allSlices
      ? { fairness: fairnessOfSnapshot(closed.labeled.fairness) }
      : {}),
    ...withQualityAttribution(qualityAttribution(closed)),
    notes: reference
      ? notes
      : [
          closed.isReference
            ? 'drift: this window is the reference (first-window)'
            : 'drift: no reference yet',
          ...notes,
        ],
  };
}

/** The model's rules and α for its features, as `mlmon drift --rule/--alpha` would apply them. */
function featureOptions(closed: ClosedWindow, options: EvaluateOptions): FeatureDriftOptions {
  const settings = driftSettingsFor(
    options.driftByModel ?? [],
    closed.stream.model,
    closed.stream.version,
  );
  const alpha = settings?.alpha ?? options.alpha;
  return {
    ...(alpha !== undefined ? { alpha } : {}),
    ...(settings !== undefined ? { rules: settings.rules } : {}),
  };
}

/** α for the outputs' drift (method rules name features, so they do not apply here). */
function outputOptions(closed: ClosedWindow, options: EvaluateOptions): FeatureDriftOptions {
  const { alpha } = featureOptions(closed, options);
  return alpha !== undefined ? { alpha } : {};
}

/** Reference features of the window, built lazily per feature (and memoised). */
interface ReferenceLookup {
  features(current: FeatureWindow): ReferenceFeature | undefined;
  output(name: string, current: 'numeric' | 'categorical'): ReferenceFeature | undefined;
  scoreHistogram(): ScoreHistogramWindow | undefined;
  /** The reference's label distribution (window references only: profiles carry no labels). */
  groundTruth(): ReferenceFeature | undefined;
}

function referenceFeaturesOf(
  closed: ClosedWindow,
  cache: ReferenceCache,
  options: EvaluateOptions,
  notes: string[],
): ReferenceLookup {
  const reference = closed.reference;
  const none: ReferenceLookup = {
    features: () => undefined,
    output: () => undefined,
    scoreHistogram: () => undefined,
    groundTruth: () => undefined,
  };
  if (!reference) return none;
  const build = options.reference ?? {};

  if (reference.kind === 'training') {
    const profile = readProfile(reference.profile);
    if (!profile) {
      notes.push(`drift: reference profile ${reference.id} has no readable features`);
      return none;
    }
    return {
      features: (f) => profile.features.get(f.name),
      output: (name) =>
        name === PREDICTION_SCORE_NAME ? profile.score : profile.outputs.get(name),
      scoreHistogram: () => undefined,
      groundTruth: () => undefined,
    };
  }

  // Made on the first miss only: in the steady state every feature is held by the cache.
  let byName: Map<string, FeatureWindow> | undefined;
  const stream = closed.stream.key;
  const referenceKey = seriesKey(reference.kind, reference.id);
  return {
    features: (current) =>
      // A feature the reference lacks is held as a miss too (`null`): nothing to build either way.
      cache.getOrBuildForStream(stream, referenceKey, 'feature', current.name, () => {
        byName ??= new Map(reference.features.map((f) => [f.name, f]));
        const ref = byName.get(current.name);
        return ref ? referenceFromWindowFeature(ref, build) : undefined;
      }),
    output: (name, kind) =>
      cache.getOrBuildForStream(stream, referenceKey, 'output', name, () =>
        referenceFromOutputs(reference.outputs, name, kind, build),
      ),
    scoreHistogram: () => reference.outputs.scoreHistogram,
    groundTruth: () =>
      cache.getOrBuildForStream(stream, referenceKey, 'output', GROUND_TRUTH_NAME, () => {
        const counts = labelCounts(reference.labeled);
        if (counts !== undefined)
          return categoricalReferenceFromCounts(
            GROUND_TRUTH_NAME,
            { counts, overflow: 0 },
            0,
            build,
          );
        // Regression: the label values, compared as a numeric distribution.
        const snapshot = reference.labeled.groundTruthValues;
        const values = snapshot !== undefined ? readNumeric(snapshot, true) : undefined;
        return values !== undefined && values.count > 0
          ? numericReferenceFromValues(GROUND_TRUTH_NAME, values, 0, build)
          : undefined;
      }),
  };
}

function referenceFromWindowFeature(
  feature: FeatureWindow,
  build: BuildReferenceOptions,
): ReferenceFeature | undefined {
  if (feature.kind === 'numeric') {
    const values = readNumeric(feature.snapshot, true);
    return values
      ? numericReferenceFromValues(feature.name, values, feature.missing, build)
      : undefined;
  }
  const counts = readCategorical(feature.snapshot);
  return counts
    ? categoricalReferenceFromCounts(feature.name, counts, feature.missing, build)
    : undefined;
}

function referenceFromOutputs(
  outputs: OutputsWindow,
  name: string,
  kind: 'numeric' | 'categorical',
  build: BuildReferenceOptions,
): ReferenceFeature | undefined {
  if (kind === 'numeric') {
    const snapshot = name === PREDICTION_SCORE_NAME ? outputs.score : outputs.value;
    const values = snapshot !== undefined ? readNumeric(snapshot, true) : undefined;
    return values ? numericReferenceFromValues(name, values, 0, build) : undefined;
  }
  const counts = outputs.label !== undefined ? readCategorical(outputs.label) : undefined;
  return counts ? categoricalReferenceFromCounts(name, counts, 0, build) : undefined;
}

/** Score and predicted-label distributions, and the score histogram sent as a metric. */
function predictionDrift(
  closed: ClosedWindow,
  refs: ReferenceLookup,
  options: EvaluateOptions,
): DriftResult[] {
  const out: DriftResult[] = [];
  const kind: DriftKind = ML_DRIFT_KIND_VALUE_PREDICTION;
  const score = closed.outputs.score !== undefined ? readNumeric(closed.outputs.score) : undefined;
  const scoreRef = score ? refs.output(PREDICTION_SCORE_NAME, 'numeric') : undefined;
  if (score && scoreRef) {
    // Named after the output, whatever the profile called the column it was built from.
    const decisions = decideFeatureDrift(
      kind,
      scoreRef,
      numericCurrent(score, 0, scoreRef),
      outputOptions(closed, options),
    );
    out.push(...decisions.map((d) => ({ ...d, feature: PREDICTION_SCORE_NAME })));
  }
  const label =
    closed.outputs.label !== undefined ? readCategorical(closed.outputs.label) : undefined;
  const labelRef = label ? refs.output(PREDICTION_LABEL_NAME, 'categorical') : undefined;
  if (label && labelRef) {
    const decisions = decideFeatureDrift(
      kind,
      labelRef,
      categoricalCurrent(label, 0),
      outputOptions(closed, options),
    );
    out.push(...decisions.map((d) => ({ ...d, feature: PREDICTION_LABEL_NAME })));
  }
  // Services that send only the instrumentation's score histogram: its fixed buckets are the
  // categories (the reference histogram must have the same bounds).
  const current = closed.outputs.scoreHistogram;
  const reference = refs.scoreHistogram();
  if (current && reference && sameBounds(current.explicitBounds, reference.explicitBounds)) {
    const ref = categoricalReferenceFromCounts(
      SCORE_HISTOGRAM_NAME,
      { counts: bucketMap(reference), overflow: 0 },
      0,
      { ...(options.reference ?? {}), ladder: false },
    );
    out.push(
      ...decideFeatureDrift(
        kind,
        ref,
        categoricalCurrent({ counts: bucketMap(current), overflow: 0 }, 0),
        outputOptions(closed, options),
      ),
    );
  }
  return out;
}

/**
 * Label drift: the labels of the pairs joined in the window against those joined in the
 * reference window — a categorical comparison (chi² by default) of classes, or for regression a
 * numeric one (KS by default) of the label values.
 */
function groundTruthDrift(
  closed: ClosedWindow,
  refs: ReferenceLookup,
  options: EvaluateOptions,
): DriftResult[] {
  const counts = labelCounts(closed.labeled);
  const snapshot = closed.labeled.groundTruthValues;
  const values = counts === undefined && snapshot !== undefined ? readNumeric(snapshot) : undefined;
  if (counts === undefined && (values === undefined || values.count === 0)) return [];
  const ref = refs.groundTruth();
  if (ref === undefined) return [];
  const current =
    counts !== undefined
      ? categoricalCurrent({ counts, overflow: 0 }, 0)
      : numericCurrent(values!, 0, ref);
  return decideFeatureDrift(
    ML_DRIFT_KIND_VALUE_GROUND_TRUTH,
    ref,
    current,
    outputOptions(closed, options),
  ).map((d) => ({ ...d, feature: GROUND_TRUTH_NAME }));
}

function bucketMap(h: ScoreHistogramWindow): Map<string, number> {
  const counts = new Map<string, number>();
  h.bucketCounts.forEach((n, i) => {
    if (n > 0) counts.set(i < h.explicitBounds.length ? `le ${h.explicitBounds[i]}` : 'le +Inf', n);
  });
  return counts;
}

function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Calibration and quality per `ml.model.task`, from the labeled pairs joined in the window: a
 * task is scored as the labeled family it feeds (`labeledFamilyOf`): anomaly detection as binary
 * classification of its anomaly score, forecasting as regression of its forecast value.
 */
function outputQuality(closed: ClosedWindow, notes: string[]): OutputQuality {
  const { binary, multiclass, regression } = closed.labeled;
  const task = closed.stream.task;
  const family = task === undefined ? undefined : labeledFamilyOf(task);
  if (binary !== undefined && (task === undefined || family === 'binary')) {
    const read = readBinary(binary);
    if (read) return binaryQuality(read);
  }
  if (multiclass !== undefined && (task === undefined || family === 'multiclass')) {
    const read = readMulticlass(multiclass);
    if (read) return multiclassQuality(read);
  }
  if (regression !== undefined && (task === undefined || family === 'regression')) {
    const read = readRegression(regression);
    if (read) return regressionQuality(read);
  }
  const sets = setTaskQuality(closed);
  if (sets !== undefined) return sets;
  if (closed.counts.labeled > 0)
    notes.push('quality: the labeled pairs of this window cannot be read');
  return { quality: [] };
}

/** Quality of a multilabel or ranking window (their accumulators are fed by those tasks only). */
function setTaskQuality(closed: ClosedWindow): OutputQuality | undefined {
  const { multilabel, ranking } = closed.labeled;
  const ml = multilabel !== undefined ? multilabelQuality(multilabel) : undefined;
  if (ml !== undefined) return { quality: ml.quality, multilabel: ml.table };
  const rk = ranking !== undefined ? rankingQuality(ranking) : undefined;
  if (rk !== undefined) return { quality: rk.quality, ranking: rk.table };
  return undefined;
}

/**
 * Kish's effective size of the labelled pairs of the window's task (binary, multiclass,
 * regression, multilabel or ranking, as `outputQuality` scores them) when they carry weights
 * (else nothing). Weights are 1/p ≥ 1, so the pairs carry weights exactly when Σw differs from
 * their count.
 */
function effectiveLabeled(closed: ClosedWindow): { effectiveLabeled?: number } {
  if (closed.counts.weightedLabeled === closed.counts.labeled) return {};
  const { binary, multiclass, regression, multilabel, ranking } = closed.labeled;
  const task = closed.stream.task;
  const family = task === undefined ? undefined : labeledFamilyOf(task);
  let effective: number | undefined;
  if (binary !== undefined && (family === undefined || family === 'binary')) {
    effective = readBinary(binary)?.effectiveCount;
  } else if (multiclass !== undefined && (family === undefined || family === 'multiclass')) {
    const read = readMulticlass(multiclass);
    effective = read?.ok ? read.value.effectiveCount : undefined;
  } else if (regression !== undefined && (family === undefined || family === 'regression')) {
    effective = readRegression(regression)?.effectiveCount;
  } else if (multilabel !== undefined && multilabel.count > 0) {
    effective = multilabel.effectiveCount;
  } else if (ranking !== undefined && ranking.count > 0) {
    effective = ranking.effectiveCount;
  }
  return effective !== undefined ? { effectiveLabeled: effective } : {};
}

/** Kish's effective size of the window's predictions when they carry weights (else nothing). */
function effectiveCurrent(closed: ClosedWindow): { effectiveCurrent?: number } {
  const { predictions, weightedPredictions, predictionWeight2 } = closed.counts;
  if (weightedPredictions === predictions || !(predictionWeight2 > 0)) return {};
  return { effectiveCurrent: (weightedPredictions * weightedPredictions) / predictionWeight2 };
}

/** Predictions behind the reference; `weighted`: weighted by 1/p (a profile's rows weigh 1). */
function referenceSize(reference: StreamReference | undefined, weighted = false): number {
  if (!reference) return 0;
  if (reference.kind !== 'training') {
    return weighted ? reference.counts.weightedPredictions : reference.counts.predictions;
  }
  return readProfile(reference.profile)?.rows ?? 0;
}

function toDelay(h: DelayAccumulator): SecondsHistogram {
  return {
    bounds: h.explicitBounds,
    counts: h.bucketCounts,
    count: h.count,
    sum: h.sum,
    ...(h.count > 0 ? { min: h.min, max: h.max } : {}),
  };
}
