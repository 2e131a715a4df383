/**
 * Maps window results to the processor output metrics of the conventions (CONVENTIONS-PROPOSAL
 * §9.7), grouped by source service resource. The method, kind, reference and threshold kind
 * that produced each value travel as attributes, so a backend can re-judge every decision.
 */
import {
  ATTR_ERROR_TYPE,
  ATTR_ML_CALIBRATION_BIN,
  ATTR_ML_CALIBRATION_METHOD,
  ATTR_ML_DATA_QUALITY_CHECK,
  ATTR_ML_DRIFT_KIND,
  ATTR_ML_DRIFT_METHOD,
  ATTR_ML_DRIFT_STATE,
  ATTR_ML_DRIFT_THRESHOLD_KIND,
  ATTR_ML_FEATURE_NAME,
  ATTR_ML_GROUND_TRUTH_SOURCE,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_MONITOR_POPULATION,
  ATTR_ML_QUALITY_METRIC,
  ATTR_ML_REFERENCE_ID,
  ATTR_ML_REFERENCE_KIND,
  ATTR_ML_SERVICE_LATENCY_QUANTILE,
  ATTR_ML_SERVICE_LATENCY_SOURCE,
  ATTR_ML_SLICE,
  ATTR_OTEL_METRIC_OVERFLOW,
  DESCRIPTOR_ML_CALIBRATION_BIN_MEAN_SCORE,
  DESCRIPTOR_ML_CALIBRATION_BIN_POSITIVE_RATIO,
  DESCRIPTOR_ML_CALIBRATION_BIN_PREDICTIONS,
  DESCRIPTOR_ML_CALIBRATION_ERROR,
  DESCRIPTOR_ML_DATA_QUALITY_RATIO,
  DESCRIPTOR_ML_DRIFT_P_VALUE,
  DESCRIPTOR_ML_DRIFT_DETECTIONS,
  DESCRIPTOR_ML_DRIFT_SCORE,
  DESCRIPTOR_ML_DRIFT_STATUS,
  DESCRIPTOR_ML_DRIFT_THRESHOLD,
  DESCRIPTOR_ML_GROUND_TRUTH_COVERAGE,
  DESCRIPTOR_ML_GROUND_TRUTH_DELAY,
  DESCRIPTOR_ML_MONITOR_DECISION_AGE,
  DESCRIPTOR_ML_SERVICE_ERROR_RATIO,
  DESCRIPTOR_ML_SERVICE_ERRORS,
  DESCRIPTOR_ML_SERVICE_LATENCY,
  DESCRIPTOR_ML_SERVICE_REQUESTS,
  DESCRIPTOR_ML_SERVICE_THROUGHPUT,
  DESCRIPTOR_ML_MONITOR_SAMPLES,
  DESCRIPTOR_ML_MONITOR_SAMPLES_WEIGHTED,
  DESCRIPTOR_ML_QUALITY_ERROR,
  DESCRIPTOR_ML_QUALITY_SCORE,
  ML_DRIFT_STATE_VALUES,
  ML_DRIFT_THRESHOLD_KIND_VALUE_EFFECTIVE,
  ML_DRIFT_THRESHOLD_KIND_VALUE_NOMINAL,
  ML_MONITOR_POPULATION_VALUE_CURRENT,
  ML_MONITOR_POPULATION_VALUE_LABELED,
  ML_MONITOR_POPULATION_VALUE_REFERENCE,
  ML_REFERENCE_KIND_VALUE_PREVIOUS_WINDOW,
} from '@mlmon/conventions';
import { LATENCY_QUANTILES } from '../evaluate/service-slis.js';
import { addEvaluations } from './evaluation-metrics.js';
import { addGenAi } from './genai-metrics.js';
import { addCost } from './cost-metrics.js';
import { addEmbeddings } from './embedding-metrics.js';
import { addFairness } from './fairness-metrics.js';
import { addQualityAttribution } from './quality-attribution-metrics.js';
import { addEstimation } from './estimation-metrics.js';
import { addVersionComparison } from './version-metrics.js';
import type {
  DriftResult,
  Exemplar,
  SecondsHistogram,
  ServiceResult,
  WindowResult,
} from '../evaluate/window-result.js';
import type {
  HistogramPoint,
  MetricData,
  MetricDescriptorLike,
  NumberPoint,
  PointAttributes,
  ResourceMetricsData,
} from './metric-data.js';

/** Scope name of the model metrics (Prometheus `otel_scope_name`). */
export const MLMON_EVALUATION_SCOPE = 'mlmon.processor.evaluation';

/** A delay histogram with the start of its accumulation. */
export type StartedDelayHistogram = SecondsHistogram & { readonly startUnixMillis?: number };

/** A stream's count of drifted windows of one feature (`ml.drift.detections`). */
export interface DriftDetectionCount {
  readonly kind: DriftResult['kind'];
  readonly feature: string;
  readonly method: string;
  readonly count: number;
  /** The example requests of the latest drifted window. */
  readonly exemplars?: readonly Exemplar[];
}

/** The latest result of a stream plus the delay histograms to export with it. */
export interface StreamExport {
  readonly result: WindowResult;
  /**
   * Delay histograms by `ml.ground_truth.source`, already accumulated per the export temporality
   * (the service keeps cumulative sums); defaults to the result's own window delays.
   */
  readonly delays?: Readonly<Record<string, StartedDelayHistogram>>;
  /** Seconds since the newest window that made a drift decision (`ml.monitor.decision.age`). */
  readonly decisionAgeSeconds?: number;
  /** Drifted windows per feature since `countsSinceUnixMillis` (cumulative counters). */
  readonly driftDetections?: readonly DriftDetectionCount[];
  /** Start of the cumulative counts (the service's start). */
  readonly countsSinceUnixMillis?: number;
}

/**
 * Attributes identifying a stream on every series: model, version and slices. An overflow stream
 * carries `otel.metric.overflow=true` instead of the slices — and keeps its model and version
 * when it is one model version's slice overflow (so two versions' overflow series never
 * collide); the global overflow of model versions beyond the cap has no model to name.
 */
export function streamAttributes(result: WindowResult): Record<string, string | boolean> {
  const { stream } = result;
  if (stream.overflow && stream.modelName === '') return { [ATTR_OTEL_METRIC_OVERFLOW]: true };
  const attributes: Record<string, string | boolean> = { [ATTR_ML_MODEL_NAME]: stream.modelName };
  if (stream.modelVersion !== '') attributes[ATTR_ML_MODEL_VERSION] = stream.modelVersion;
  if (stream.overflow) {
    attributes[ATTR_OTEL_METRIC_OVERFLOW] = true;
    return attributes;
  }
  for (const key of Object.keys(stream.slice).sort()) {
    attributes[ATTR_ML_SLICE(key)] = stream.slice[key]!;
  }
  return attributes;
}

/** Builds the model metrics of the given streams, one resource per source service identity. */
export function windowMetrics(streams: readonly StreamExport[]): ResourceMetricsData[] {
  const byResource = new Map<string, { resource: PointAttributes; metrics: MetricCollector }>();
  for (const entry of streams) {
    const identity = entry.result.stream.resource;
    let group = byResource.get(identity.key);
    if (!group) {
      group = { resource: { ...identity.attributes }, metrics: new MetricCollector() };
      byResource.set(identity.key, group);
    }
    addStream(group.metrics, entry);
  }
  return [...byResource.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => ({
      resource: group.resource,
      scopes: [{ scope: MLMON_EVALUATION_SCOPE, metrics: group.metrics.toMetricData() }],
    }));
}

function addStream(out: MetricCollector, entry: StreamExport): void {
  const { result } = entry;
  const base = streamAttributes(result);
  const reference: Record<string, string> = {};
  if (result.referenceKind !== undefined) reference[ATTR_ML_REFERENCE_KIND] = result.referenceKind;
  // A previous-window reference changes every window: its id would start new series each
  // window (cardinality churn), so only stable references (training, fixed window) carry it.
  if (
    result.referenceId !== undefined &&
    result.referenceKind !== ML_REFERENCE_KIND_VALUE_PREVIOUS_WINDOW
  ) {
    reference[ATTR_ML_REFERENCE_ID] = result.referenceId;
  }

  for (const d of entry.driftDetections ?? []) {
    out.cumulative(
      DESCRIPTOR_ML_DRIFT_DETECTIONS,
      {
        ...base,
        [ATTR_ML_DRIFT_KIND]: d.kind,
        [ATTR_ML_DRIFT_METHOD]: d.method,
        [ATTR_ML_FEATURE_NAME]: d.feature,
      },
      d.count,
      entry.countsSinceUnixMillis,
      d.exemplars,
    );
  }
  for (const drift of result.drift) {
    addDriftPoints(out, base, drift, reference);
  }

  for (const dq of result.dataQuality) {
    out.number(
      DESCRIPTOR_ML_DATA_QUALITY_RATIO,
      { ...base, [ATTR_ML_FEATURE_NAME]: dq.feature, [ATTR_ML_DATA_QUALITY_CHECK]: dq.check },
      dq.ratio,
    );
  }

  const calibration = result.calibration;
  if (calibration) {
    if (calibration.ece !== undefined) {
      out.number(
        DESCRIPTOR_ML_CALIBRATION_ERROR,
        { ...base, [ATTR_ML_CALIBRATION_METHOD]: calibration.method },
        calibration.ece,
      );
    }
    if (calibration.mce !== undefined) {
      out.number(
        DESCRIPTOR_ML_CALIBRATION_ERROR,
        { ...base, [ATTR_ML_CALIBRATION_METHOD]: calibration.mceMethod },
        calibration.mce,
      );
    }
    for (const bin of calibration.bins) {
      const attributes = { ...base, [ATTR_ML_CALIBRATION_BIN]: bin.upperEdge.toFixed(1) };
      out.number(DESCRIPTOR_ML_CALIBRATION_BIN_PREDICTIONS, attributes, bin.count);
      if (bin.meanScore !== undefined) {
        out.number(
          DESCRIPTOR_ML_CALIBRATION_BIN_MEAN_SCORE,
          attributes,
          bin.meanScore,
          undefined,
          bin.exemplar !== undefined ? [bin.exemplar] : undefined,
        );
      }
      if (bin.positiveRatio !== undefined) {
        out.number(DESCRIPTOR_ML_CALIBRATION_BIN_POSITIVE_RATIO, attributes, bin.positiveRatio);
      }
    }
  }

  for (const quality of result.quality) {
    if (quality.value === undefined) continue;
    out.number(
      quality.instrument === 'score' ? DESCRIPTOR_ML_QUALITY_SCORE : DESCRIPTOR_ML_QUALITY_ERROR,
      { ...base, [ATTR_ML_QUALITY_METRIC]: quality.metric },
      quality.value,
      undefined,
      quality.exemplars,
    );
  }

  // Raw counts, and weighted by 1/p: the traffic they stand for (equal when nothing is sampled).
  const sampleSets = [
    [DESCRIPTOR_ML_MONITOR_SAMPLES, result.samples],
    [DESCRIPTOR_ML_MONITOR_SAMPLES_WEIGHTED, result.samples.weighted ?? result.samples],
  ] as const;
  for (const [descriptor, counts] of sampleSets) {
    const populations: [string, number][] = [
      [ML_MONITOR_POPULATION_VALUE_REFERENCE, counts.reference],
      [ML_MONITOR_POPULATION_VALUE_CURRENT, counts.current],
      [ML_MONITOR_POPULATION_VALUE_LABELED, counts.labeled],
    ];
    for (const [population, count] of populations) {
      out.number(descriptor, { ...base, [ATTR_ML_MONITOR_POPULATION]: population }, count);
    }
  }

  if (result.groundTruth.coverage !== undefined) {
    out.number(DESCRIPTOR_ML_GROUND_TRUTH_COVERAGE, base, result.groundTruth.coverage);
  }
  if (entry.decisionAgeSeconds !== undefined) {
    out.number(DESCRIPTOR_ML_MONITOR_DECISION_AGE, base, entry.decisionAgeSeconds);
  }

  if (result.service !== undefined) addService(out, base, result.service);
  if (result.evaluations !== undefined) addEvaluations(out, base, reference, result.evaluations);
  if (result.genai !== undefined) addGenAi(out, base, reference, result.genai);
  if (result.cost !== undefined) addCost(out, base, result.cost);
  if (result.embeddings !== undefined) addEmbeddings(out, base, result.embeddings);
  if (result.fairness !== undefined) addFairness(out, base, result.fairness);
  if (result.qualityAttribution !== undefined)
    addQualityAttribution(out, base, result.qualityAttribution);
  if (result.estimation !== undefined) addEstimation(out, base, reference, result.estimation);
  if (result.versionComparison !== undefined)
    addVersionComparison(out, base, result.versionComparison);

  // The delay histogram carries name, version and source only (no slices, per the conventions),
  // so it is exported from the all-slices stream alone to avoid duplicate series.
  if (Object.keys(result.stream.slice).length === 0) {
    const delays = entry.delays ?? result.groundTruth.delays;
    const identity: Record<string, string | boolean> = {};
    for (const key of [ATTR_ML_MODEL_NAME, ATTR_ML_MODEL_VERSION, ATTR_OTEL_METRIC_OVERFLOW]) {
      if (base[key] !== undefined) identity[key] = base[key];
    }
    for (const source of Object.keys(delays).sort()) {
      const h: StartedDelayHistogram = delays[source]!;
      const attributes =
        source === '' ? identity : { ...identity, [ATTR_ML_GROUND_TRUTH_SOURCE]: source };
      const point: HistogramPoint = {
        attributes,
        bounds: h.bounds,
        counts: h.counts,
        count: h.count,
        sum: h.sum,
        ...(h.min !== undefined ? { min: h.min } : {}),
        ...(h.max !== undefined ? { max: h.max } : {}),
        ...(h.startUnixMillis !== undefined ? { startUnixMillis: h.startUnixMillis } : {}),
      };
      out.histogram(DESCRIPTOR_ML_GROUND_TRUTH_DELAY, point);
    }
  }
}

/**
 * The points of one drift decision (score, p-value, status per state, nominal and effective
 * thresholds): the stream's attributes, the decision's kind, method and distribution, then
 * `extra` (the reference; an evaluator's name).
 */
export function addDriftPoints(
  out: MetricCollector,
  base: PointAttributes,
  drift: DriftResult,
  extra: PointAttributes,
): void {
  const attributes = {
    ...base,
    [ATTR_ML_DRIFT_KIND]: drift.kind,
    [ATTR_ML_DRIFT_METHOD]: drift.method,
    [ATTR_ML_FEATURE_NAME]: drift.feature,
    ...extra,
  };
  if (drift.score !== undefined)
    out.number(DESCRIPTOR_ML_DRIFT_SCORE, attributes, drift.score, undefined, drift.exemplars);
  if (drift.pValue !== undefined) out.number(DESCRIPTOR_ML_DRIFT_P_VALUE, attributes, drift.pValue);
  for (const state of ML_DRIFT_STATE_VALUES) {
    out.number(
      DESCRIPTOR_ML_DRIFT_STATUS,
      { ...attributes, [ATTR_ML_DRIFT_STATE]: state },
      state === drift.state ? 1 : 0,
    );
  }
  if (drift.threshold !== undefined) {
    out.number(
      DESCRIPTOR_ML_DRIFT_THRESHOLD,
      { ...attributes, [ATTR_ML_DRIFT_THRESHOLD_KIND]: ML_DRIFT_THRESHOLD_KIND_VALUE_NOMINAL },
      drift.threshold,
    );
  }
  if (drift.effectiveThreshold !== undefined) {
    out.number(
      DESCRIPTOR_ML_DRIFT_THRESHOLD,
      { ...attributes, [ATTR_ML_DRIFT_THRESHOLD_KIND]: ML_DRIFT_THRESHOLD_KIND_VALUE_EFFECTIVE },
      drift.effectiveThreshold,
    );
  }
}

/** Collects points per metric, keeping the first-seen metric order. */
export class MetricCollector {
  private readonly numbers = new Map<
    string,
    { descriptor: MetricDescriptorLike; points: NumberPoint[] }
  >();
  private readonly histograms = new Map<
    string,
    { descriptor: MetricDescriptorLike; points: HistogramPoint[] }
  >();
  private readonly order: string[] = [];
  /** Metrics whose points are cumulative whatever the export's temporality. */
  private readonly cumulativeOnly = new Set<string>();

  /** Adds a gauge / counter / up-down counter point. */
  number(
    descriptor: MetricDescriptorLike,
    attributes: PointAttributes,
    value: number,
    startUnixMillis?: number,
    exemplars?: readonly Exemplar[],
  ): void {
    let entry = this.numbers.get(descriptor.name);
    if (!entry) {
      entry = { descriptor, points: [] };
      this.numbers.set(descriptor.name, entry);
      this.order.push(descriptor.name);
    }
    entry.points.push({
      attributes,
      value,
      ...(startUnixMillis !== undefined ? { startUnixMillis } : {}),
      ...(exemplars !== undefined && exemplars.length > 0 ? { exemplars } : {}),
    });
  }

  /** Adds a counter point that is cumulative in every export (the value is a running total). */
  cumulative(
    descriptor: MetricDescriptorLike,
    attributes: PointAttributes,
    value: number,
    startUnixMillis?: number,
    exemplars?: readonly Exemplar[],
  ): void {
    this.cumulativeOnly.add(descriptor.name);
    this.number(descriptor, attributes, value, startUnixMillis, exemplars);
  }

  /** Adds a histogram point. */
  histogram(descriptor: MetricDescriptorLike, point: HistogramPoint): void {
    let entry = this.histograms.get(descriptor.name);
    if (!entry) {
      entry = { descriptor, points: [] };
      this.histograms.set(descriptor.name, entry);
      this.order.push(descriptor.name);
    }
    entry.points.push(point);
  }

  /** The collected metrics. */
  toMetricData(): MetricData[] {
    return this.order.map((name): MetricData => {
      const number = this.numbers.get(name);
      if (number) {
        return {
          descriptor: number.descriptor,
          kind: 'number',
          points: number.points,
          ...(this.cumulativeOnly.has(name) ? { temporality: 'cumulative' as const } : {}),
        };
      }
      const histogram = this.histograms.get(name)!;
      return { descriptor: histogram.descriptor, kind: 'histogram', points: histogram.points };
    });
  }
}

/** The service SLIs of a window: calls, failures by type, error ratio, throughput, latencies. */
function addService(out: MetricCollector, base: PointAttributes, service: ServiceResult): void {
  out.number(DESCRIPTOR_ML_SERVICE_REQUESTS, base, service.requests);
  for (const type of Object.keys(service.errorsByType).sort()) {
    out.number(
      DESCRIPTOR_ML_SERVICE_ERRORS,
      { ...base, [ATTR_ERROR_TYPE]: type },
      service.errorsByType[type]!,
    );
  }
  if (service.errorRatio !== undefined) {
    // The failed calls' traces ride on the error ratio.
    out.number(
      DESCRIPTOR_ML_SERVICE_ERROR_RATIO,
      base,
      service.errorRatio,
      undefined,
      service.errorExemplars,
    );
  }
  out.number(DESCRIPTOR_ML_SERVICE_THROUGHPUT, base, service.throughputPerSecond);
  const latency = service.latency;
  if (latency === undefined) return;
  for (const [name, q] of Object.entries(LATENCY_QUANTILES)) {
    const v = latency[name as keyof typeof LATENCY_QUANTILES];
    if (v === undefined) continue;
    out.number(
      DESCRIPTOR_ML_SERVICE_LATENCY,
      {
        ...base,
        [ATTR_ML_SERVICE_LATENCY_QUANTILE]: q,
        [ATTR_ML_SERVICE_LATENCY_SOURCE]: latency.source,
      },
      v,
      undefined,
      // The slowest calls' traces ride on the tail quantile.
      name === 'p99' ? latency.exemplars : undefined,
    );
  }
}
