import { describe, expect, it } from 'vitest';
import { findTelemetryLiterals, type NameIndex } from './find-telemetry-literals.js';

const index: NameIndex = {
  names: new Map([
    ['ml.model.name', 'ATTR_ML_MODEL_NAME'],
    ['error.type', 'ATTR_ERROR_TYPE'],
    ['ml.drift.score', 'METRIC_ML_DRIFT_SCORE'],
    ['ml_drift_status', 'DESCRIPTOR_ML_DRIFT_STATUS.prometheusName'],
    ['mlmon.processor.evaluation.duration', 'METRIC_MLMON_PROCESSOR_EVALUATION_DURATION'],
  ]),
  templatePrefixes: new Map([['ml.slice.', 'ATTR_ML_SLICE']]),
  namespaces: ['ml', 'mlmon'],
};

const scan = (source: string) => findTelemetryLiterals(source, index);

describe('findTelemetryLiterals', () => {
  it('flags registry names in any quote style, with line numbers and the constant to use', () => {
    const source = [
      "const a = { 'ml.model.name': name };",
      'span.setAttribute("error.type", e.name);',
      'meter.createGauge(`ml.drift.score`);',
      "const series = 'ml_drift_status';",
    ].join('\n');
    expect(scan(source)).toEqual([
      { line: 1, literal: "'ml.model.name'", suggestion: 'ATTR_ML_MODEL_NAME' },
      { line: 2, literal: '"error.type"', suggestion: 'ATTR_ERROR_TYPE' },
      { line: 3, literal: '`ml.drift.score`', suggestion: 'METRIC_ML_DRIFT_SCORE' },
      {
        line: 4,
        literal: "'ml_drift_status'",
        suggestion: 'DESCRIPTOR_ML_DRIFT_STATUS.prometheusName',
      },
    ]);
  });

  it('flags hand-built template keys and unknown names in the registry namespaces', () => {
    const source = [
      'attrs[`ml.slice.${key}`] = v;',
      "attrs['ml.slice.country'] = v;",
      "x('ml.model.owner');",
    ].join('\n');
    expect(scan(source).map((f) => [f.line, f.literal])).toEqual([
      [1, '`ml.slice.${…}'],
      [2, "'ml.slice.country'"],
      [3, "'ml.model.owner'"],
    ]);
    expect(scan(source)[0]?.suggestion).toBe('ATTR_ML_SLICE(key)');
  });

  it('does not flag file names, namespaces, comments, other namespaces or prose', () => {
    const source = [
      "readFileSync('ml.json');",
      "const scope = 'mlmon.processor.evaluation';",
      "// sets 'ml.model.name' on the span",
      ' * `ml.model.name` in JSDoc',
      "log('model.name is missing');",
      "const f = 'html.page';",
      "const s = 'ml model name';",
    ].join('\n');
    expect(scan(source)).toEqual([]);
  });
});
