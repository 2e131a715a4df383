import { describe, expect, it } from 'vitest';
import * as conventions from '../src/index.js';
import { loadRegistry } from '../scripts/generate-files.js';
import { prometheusName } from '../scripts/naming.js';
import { parseRegistry, RegistryError } from '../scripts/parse-registry.js';

const registry = loadRegistry();
const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const SNAKE = /^[a-z][a-z0-9_]*$/;
const isTemplate = (type: string): boolean => type.startsWith('template[');

/** The conventions contract every package codes against (rules file, "Conventions contract"). */
const CONTRACT = {
  attributes: [
    ...['name', 'version', 'alias', 'id', 'framework', 'task', 'classes'].map(
      (k) => `ml.model.${k}`,
    ),
    'ml.provider.name',
    'ml.operation.name',
    ...['id', 'count', 'label', 'score', 'probabilities', 'value', 'threshold', 'rank'].map(
      (k) => `ml.prediction.${k}`,
    ),
    'ml.prediction.labels',
    'ml.prediction.ranking',
    'ml.ranking.k',
    'ml.features',
    'ml.feature.name',
    'ml.slice',
    'ml.sampling.probability',
    ...['label', 'value', 'source', 'id'].map((k) => `ml.ground_truth.${k}`),
    ...['labels', 'relevant_items', 'relevance'].map((k) => `ml.ground_truth.${k}`),
    'ml.drift.method',
    'ml.drift.kind',
    'ml.drift.state',
    'ml.drift.threshold.kind',
    'ml.reference.kind',
    'ml.reference.id',
    'ml.calibration.method',
    'ml.calibration.bin',
    'ml.quality.metric',
    'ml.quality.bound',
    'ml.data_quality.check',
    'ml.evaluation.statistic',
    'ml.genai.token.type',
    'ml.genai.quantile',
    'ml.genai.finish_reason',
    'ml.cost.currency',
    'ml.embedding.distance',
    'gen_ai.operation.name',
    'gen_ai.response.finish_reasons',
    'gen_ai.response.time_to_first_chunk',
    'gen_ai.token.type',
    'ml.feature.bin',
    'gen_ai.usage.input_tokens',
    'gen_ai.usage.output_tokens',
    'gen_ai.usage.cache_read.input_tokens',
    'gen_ai.usage.cache_creation.input_tokens',
    'gen_ai.usage.reasoning.output_tokens',
    'gen_ai.input.messages',
    'gen_ai.output.messages',
    'ml.monitor.population',
    ...['state', 'rule', 'severity', 'threshold', 'value'].map((k) => `ml.alert.${k}`),
    'mlmon.processor.outcome',
    'mlmon.processor.reason',
    'mlmon.signal',
    'mlmon.processor.id',
    'mlmon.capture.record_type',
    'error.type',
    'server.address',
    'server.port',
    'service.name',
    'service.namespace',
    'service.version',
    'service.instance.id',
    'deployment.environment.name',
    'otel.metric.overflow',
    'feature_flag.key',
    'feature_flag.result.variant',
    'gen_ai.response.id',
    'gen_ai.evaluation.name',
    'gen_ai.evaluation.score.value',
    'gen_ai.evaluation.score.label',
    'session.id',
    'user.id',
    'ml.version.baseline',
  ],
  enums: {
    'ml.model.task': [
      'binary_classification',
      'multiclass_classification',
      'multilabel_classification',
      'regression',
      'ranking',
      'anomaly_detection',
      'forecasting',
      'embedding',
    ],
    'ml.operation.name': ['predict'],
    'gen_ai.token.type': ['input', 'output'],
    'ml.ground_truth.source': ['human', 'system', 'user_feedback', 'delayed_outcome'],
    'ml.drift.method': [
      'ks',
      'wasserstein',
      'wasserstein_normed',
      'psi',
      'jensen_shannon',
      'hellinger',
      'chi2',
      'l_infinity',
      'new_category_ratio',
      'mmd',
    ],
    'ml.drift.kind': ['feature', 'prediction', 'ground_truth', 'error'],
    'ml.drift.state': ['no_drift', 'drift', 'insufficient_data'],
    'ml.drift.threshold.kind': ['nominal', 'effective'],
    'ml.reference.kind': [
      'training',
      'fixed_window',
      'previous_window',
      'seasonal_window',
      'rolling_window',
    ],
    'ml.calibration.method': ['ece', 'mce', 'ece_quantile', 'ece_top_label', 'mce_top_label'],
    'ml.quality.metric': [
      'accuracy',
      'precision',
      'recall',
      'f1',
      'macro_f1',
      'roc_auc',
      'brier_score',
      'log_loss',
      'mape',
      'r2',
      'mae',
      'rmse',
      'micro_f1',
      'micro_precision',
      'micro_recall',
      'subset_accuracy',
      'hamming_loss',
      'ndcg',
      'precision_at_k',
      'mrr',
      'specificity',
    ],
    'ml.quality.bound': ['lower', 'upper'],
    'ml.data_quality.check': ['missing', 'out_of_range', 'type_mismatch', 'new_category'],
    'ml.monitor.population': ['reference', 'current', 'labeled'],
    'ml.alert.state': ['firing', 'resolved'],
    'ml.evaluation.statistic': ['mean', 'p10', 'p50', 'p90'],
    'ml.genai.token.type': ['input', 'output', 'cache_read', 'cache_creation', 'reasoning'],
    'ml.embedding.distance': ['cosine', 'euclidean'],
    'ml.service.latency.source': ['sketch', 'histogram'],
    'mlmon.signal': ['traces', 'metrics', 'logs', 'alertmanager'],
    'mlmon.processor.outcome': ['accepted', 'rejected', 'dropped', 'late'],
    'mlmon.capture.record_type': ['prediction', 'ground_truth'],
    'ml.version.verdict': ['better', 'same', 'worse', 'insufficient_data'],
    'ml.version.comparison': [
      'accuracy',
      'ece',
      'brier_score',
      'log_loss',
      'error_ratio',
      'mae',
      'rmse',
      'score_mean',
    ],
    'ml.version.shadow.statistic': [
      'agreement',
      'score_difference_mean',
      'score_difference_abs_mean',
    ],
  } as Record<string, string[]>,
  events: ['ml.prediction', 'ml.ground_truth', 'ml.alert', 'gen_ai.evaluation.result'],
  spans: ['ml.inference'],
  // name → [instrument, unit]; undefined unit = the model's target unit.
  metrics: {
    'ml.inference.duration': ['histogram', 's'],
    'gen_ai.client.operation.duration': ['histogram', 's'],
    'ml.quality.attribution': ['gauge', '1'],
    'ml.quality.attribution.error': ['gauge', '{target}'],
    'gen_ai.client.token.usage': ['histogram', '{token}'],
    'gen_ai.client.operation.time_to_first_chunk': ['histogram', 's'],
    'ml.inference.active_requests': ['updowncounter', '{request}'],
    'ml.model.ready': ['gauge', '1'],
    'ml.inference.predictions': ['counter', '{prediction}'],
    'ml.inference.score': ['histogram', '1'],
    'ml.inference.value': ['histogram', undefined],
    'ml.ground_truth.received': ['counter', '{label}'],
    'ml.drift.score': ['gauge', '1'],
    'ml.drift.detections': ['counter', '{window}'],
    'ml.drift.p_value': ['gauge', '1'],
    'ml.drift.status': ['updowncounter', '1'],
    'ml.drift.threshold': ['gauge', '1'],
    'ml.calibration.error': ['gauge', '1'],
    'ml.calibration.bin.predictions': ['gauge', '{prediction}'],
    'ml.calibration.bin.mean_score': ['gauge', '1'],
    'ml.calibration.bin.positive_ratio': ['gauge', '1'],
    'ml.quality.score': ['gauge', '1'],
    'ml.quality.error': ['gauge', undefined],
    'ml.quality.estimate': ['gauge', '1'],
    'ml.quality.estimate.bound': ['gauge', '1'],
    'ml.quality.estimation_error': ['gauge', '1'],
    'ml.data_quality.ratio': ['gauge', '1'],
    'ml.monitor.samples': ['gauge', '{prediction}'],
    'ml.monitor.samples.weighted': ['gauge', '{prediction}'],
    'ml.monitor.decision.age': ['gauge', 's'],
    'ml.ground_truth.coverage': ['gauge', '1'],
    'ml.ground_truth.delay': ['histogram', 's'],
    'ml.service.requests': ['gauge', '{request}'],
    'ml.service.errors': ['gauge', '{request}'],
    'ml.service.error_ratio': ['gauge', '1'],
    'ml.service.latency': ['gauge', 's'],
    'ml.service.throughput': ['gauge', '{request}/s'],
    'ml.evaluation.count': ['gauge', '{evaluation}'],
    'ml.evaluation.score': ['gauge', '1'],
    'ml.evaluation.label.ratio': ['gauge', '1'],
    'ml.evaluation.pass.ratio': ['gauge', '1'],
    'ml.genai.tokens': ['gauge', '{token}'],
    'ml.genai.tokens.per_call': ['gauge', '{token}'],
    'ml.genai.time_to_first_chunk': ['gauge', 's'],
    'ml.genai.output_tokens.rate': ['gauge', '{token}/s'],
    'ml.genai.finish_reason.ratio': ['gauge', '1'],
    'ml.cost.window': ['gauge', '{currency}'],
    'ml.embedding.mean_distance': ['gauge', '1'],
    'ml.cost.per_request': ['gauge', '{currency}'],
    'ml.cost.per_thousand_requests': ['gauge', '{currency}'],
    'ml.slo.budget.remaining': ['gauge', '1'],
    'ml.slo.burn_rate': ['gauge', '1'],
    'ml.alert.status': ['updowncounter', '1'],
    'ml.fairness.group.rate': ['gauge', '1'],
    'ml.fairness.group.samples': ['gauge', '{prediction}'],
    'ml.fairness.group.calibration_error': ['gauge', '1'],
    'ml.fairness.disparity': ['gauge', '1'],
    'ml.fairness.disparity.p_value': ['gauge', '1'],
    'ml.version.status': ['updowncounter', '1'],
    'ml.version.delta': ['gauge', '1'],
    'ml.version.p_value': ['gauge', '1'],
    'ml.version.latency.delta': ['gauge', 's'],
    'ml.version.drift.score': ['gauge', '1'],
    'ml.version.drift.status': ['updowncounter', '1'],
    'ml.version.shadow.value': ['gauge', '1'],
    'ml.version.shadow.pairs': ['gauge', '{prediction}'],
    'mlmon.processor.records': ['counter', '{record}'],
    'mlmon.processor.streams': ['gauge', '{stream}'],
    'mlmon.processor.overflow': ['counter', '{record}'],
    'mlmon.processor.pending_labels': ['gauge', '{prediction}'],
    'mlmon.processor.cbpe.reference_pairs': ['gauge', '{pair}'],
    'mlmon.processor.export.failures': ['counter', '{failure}'],
    'mlmon.processor.evaluation.duration': ['histogram', 's'],
    'mlmon.processor.evaluation.overruns': ['counter', '{pass}'],
    'mlmon.processor.streams.expired': ['counter', '{stream}'],
    'mlmon.processor.alerts.dropped': ['counter', '{alert}'],
    'mlmon.processor.queue.depth': ['gauge', '{request}'],
    'mlmon.processor.export.queue.size': ['gauge', '{request}'],
    'mlmon.processor.export.queue.dropped': ['counter', '{request}'],
    'mlmon.processor.capture.records': ['counter', '{record}'],
  } as Record<string, [string, string | undefined]>,
};

describe('registry contents', () => {
  it('contains every attribute, enum member, event, span and metric of the contract', () => {
    const keys = new Set(registry.attributes.map((a) => a.key));
    expect(CONTRACT.attributes.filter((k) => !keys.has(k))).toEqual([]);
    for (const [key, values] of Object.entries(CONTRACT.enums)) {
      const attr = registry.attributes.find((a) => a.key === key);
      expect(
        attr?.members?.map((m) => m.value),
        key,
      ).toEqual(values);
    }
    expect(registry.events.map((e) => e.name)).toEqual(expect.arrayContaining(CONTRACT.events));
    expect(registry.spans.map((s) => s.type)).toEqual(CONTRACT.spans);
    for (const [name, [instrument, unit]] of Object.entries(CONTRACT.metrics)) {
      const metric = registry.metrics.find((m) => m.name === name);
      expect(metric?.instrument, name).toBe(instrument);
      if (unit !== undefined) expect(metric?.unit, name).toBe(unit);
    }
    expect(registry.metrics.map((m) => m.name).sort()).toEqual(
      Object.keys(CONTRACT.metrics).sort(),
    );
  });

  it('exports the contract constants with the contract values', () => {
    expect(conventions.ATTR_ML_MODEL_NAME).toBe('ml.model.name');
    expect(conventions.ATTR_ML_SLICE('country')).toBe('ml.slice.country');
    expect(conventions.ATTR_ML_SLICE_PREFIX).toBe('ml.slice.');
    expect(conventions.METRIC_ML_DRIFT_SCORE).toBe('ml.drift.score');
    expect(conventions.EVENT_ML_PREDICTION).toBe('ml.prediction');
    expect(conventions.EVENT_ML_ALERT).toBe('ml.alert');
    expect(conventions.EVENT_GEN_AI_EVALUATION_RESULT).toBe('gen_ai.evaluation.result');
    expect(conventions.SPAN_ML_INFERENCE).toBe('ml.inference');
    expect(conventions.ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION).toBe('binary_classification');
    expect(conventions.ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA).toBe('insufficient_data');
    expect(conventions.ML_DRIFT_STATE_VALUE_NO_DRIFT).toBe('no_drift');
    expect(conventions.DESCRIPTOR_ML_INFERENCE_DURATION).toEqual({
      name: 'ml.inference.duration',
      brief: 'Duration of model inference calls.',
      instrument: 'histogram',
      unit: 's',
      valueType: 'double',
      advice: {
        explicitBucketBoundaries: [
          0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
        ],
      },
      prometheusName: 'ml_inference_duration_seconds',
    });
    expect(conventions.DESCRIPTOR_ML_INFERENCE_SCORE.advice?.explicitBucketBoundaries).toEqual([
      0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
    ]);
  });

  it('lists every metric in METRIC_DESCRIPTORS, matching the YAML', () => {
    expect(conventions.METRIC_DESCRIPTORS.map((d) => d.name)).toEqual(
      registry.metrics.map((m) => m.name),
    );
    for (const metric of registry.metrics) {
      const d = conventions.METRIC_DESCRIPTORS.find((x) => x.name === metric.name);
      expect(d?.instrument, metric.name).toBe(metric.instrument);
      expect(d?.unit, metric.name).toBe(metric.unit);
      expect(d?.valueType, metric.name).toBe(metric.valueType);
      expect(d?.brief, metric.name).toBe(metric.brief);
    }
  });
});

describe('registry rules', () => {
  it('has unique, lowercase, dot-separated names', () => {
    const groups = {
      attribute: registry.attributes.map((a) => a.key),
      metric: registry.metrics.map((m) => m.name),
      event: registry.events.map((e) => e.name),
      span: registry.spans.map((s) => s.type),
    };
    for (const [kind, names] of Object.entries(groups)) {
      expect(new Set(names).size, `${kind} names are unique`).toBe(names.length);
      expect(
        names.filter((n) => !NAME.test(n)),
        `malformed ${kind} names`,
      ).toEqual([]);
    }
  });

  it('has no collision between a template prefix and a plain attribute', () => {
    const templates = registry.attributes.filter((a) => isTemplate(a.type));
    expect(templates.map((t) => t.key)).toContain('ml.slice');
    for (const template of templates) {
      const clashes = registry.attributes
        .filter(
          (a) => a !== template && (a.key === template.key || a.key.startsWith(`${template.key}.`)),
        )
        .map((a) => a.key);
      expect(clashes, `attributes under template ${template.key}.<key>`).toEqual([]);
    }
  });

  it('gives every metric an instrument, a unit and a value type', () => {
    for (const metric of registry.metrics) {
      expect(['counter', 'updowncounter', 'histogram', 'gauge'], metric.name).toContain(
        metric.instrument,
      );
      expect(metric.unit, metric.name).toMatch(/^(s|1|\{[a-z_]+\}|\{[a-z_]+\}\/s)$/);
      expect(['int', 'double'], metric.name).toContain(metric.valueType);
    }
  });

  it('documents every enum value with a snake_case value and a brief', () => {
    const enums = registry.attributes.filter((a) => a.type === 'enum');
    expect(enums.length).toBeGreaterThanOrEqual(Object.keys(CONTRACT.enums).length);
    for (const attr of enums) {
      expect(attr.members?.length, attr.key).toBeGreaterThan(0);
      for (const member of attr.members ?? []) {
        expect(member.brief ?? '', `${attr.key}=${member.id}`).not.toBe('');
        expect(String(member.value), `${attr.key}=${member.id}`).toMatch(SNAKE);
        expect(member.id, `${attr.key}=${member.id}`).toBe(member.value);
      }
    }
  });

  it('keeps mlmon-defined items in development and records the origin of reused ones', () => {
    const own = [
      ...registry.attributes.filter((a) => /^(ml|mlmon)\./.test(a.key)),
      ...registry.metrics,
      ...registry.spans,
      ...registry.events.filter((e) => !e.reusedFrom),
    ];
    expect(own.filter((item) => item.stability !== 'development')).toEqual([]);
    const reused = registry.attributes.filter((a) => !/^(ml|mlmon)\./.test(a.key));
    expect(reused.filter((a) => !a.reusedFrom).map((a) => a.key)).toEqual([]);
  });

  it('documents every attribute with a brief and examples', () => {
    const undocumented = registry.attributes.filter(
      (a) => a.brief === '' || (a.examples ?? []).length === 0,
    );
    expect(undocumented.map((a) => a.key)).toEqual([]);
  });
});

describe('Prometheus rendering', () => {
  it('follows the documented rule', () => {
    expect(prometheusName('ml.inference.duration', 'histogram', 's')).toBe(
      'ml_inference_duration_seconds',
    );
    expect(prometheusName('ml.inference.predictions', 'counter', '{prediction}')).toBe(
      'ml_inference_predictions_total',
    );
    expect(prometheusName('ml.drift.status', 'updowncounter', '1')).toBe('ml_drift_status');
    expect(prometheusName('ml.quality.score', 'gauge', '1')).toBe('ml_quality_score');
    expect(prometheusName('x.wait', 'counter', 's')).toBe('x_wait_seconds_total');
    expect(() => prometheusName('x.size', 'gauge', 'furlong')).toThrow(/unit "furlong"/);
  });

  it('is what every descriptor carries', () => {
    for (const d of conventions.METRIC_DESCRIPTORS) {
      expect(d.prometheusName, d.name).toBe(prometheusName(d.name, d.instrument, d.unit));
      expect(d.prometheusName.endsWith('_total'), d.name).toBe(d.instrument === 'counter');
    }
  });
});

describe('parseRegistry', () => {
  it('reports every problem at once, each naming its file', () => {
    const file = {
      path: 'bad/registry.yaml',
      text: [
        'file_format: definition/2',
        'attributes:',
        '  - key: x.a',
        '    type: string',
        '    stability: development',
        '  - key: x.a',
        '    type: strange',
        '    brief: again',
        '    stability: stable',
        'metrics:',
        '  - name: x.m',
        '    brief: A metric.',
        '    instrument: meter',
        '    stability: development',
        '    attributes:',
        '      - ref: x.missing',
      ].join('\n'),
    };
    let error: unknown;
    try {
      parseRegistry([file]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RegistryError);
    const problems = (error as RegistryError).problems;
    expect(problems).toEqual([
      'bad/registry.yaml: attribute "x.a" has no brief',
      'bad/registry.yaml: attribute "x.a": unknown type "strange"',
      'bad/registry.yaml: attribute "x.a" is already defined in bad/registry.yaml',
      'bad/registry.yaml: metric "x.m": reference to undefined attribute "x.missing"',
      'bad/registry.yaml: metric "x.m": instrument must be one of counter, updowncounter, histogram, gauge',
      'bad/registry.yaml: metric "x.m": unit is required',
      'bad/registry.yaml: metric "x.m": annotations.code_generation.metric_value_type must be int or double',
    ]);
  });

  it('rejects entity associations to entities the registry does not define', () => {
    const text = [
      'file_format: definition/2',
      'events:',
      '  - name: x.e',
      '    brief: An event.',
      '    stability: development',
      '    entity_associations:',
      '      - ref: k8s.pod',
    ].join('\n');
    expect(() => parseRegistry([{ path: 'e.yaml', text }])).toThrow(
      'e.yaml: event "x.e": unknown entity association "k8s.pod"',
    );
  });

  it('rejects a file without file_format definition/2', () => {
    expect(() => parseRegistry([{ path: 'a.yaml', text: 'attributes: []\n' }])).toThrow(
      /a\.yaml: file_format must be "definition\/2"/,
    );
  });
});
