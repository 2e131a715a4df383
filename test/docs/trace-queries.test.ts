/**
 * docs/traces.md against the spans the instrumentation really emits: `wrapPredict` on the real
 * OTel SDK with an in-memory exporter (support/emitted-telemetry.ts). Every TraceQL query
 * (`traceql` blocks, and `q` of the `tempo-api` examples) is read with Grafana's TraceQL
 * grammar and every Jaeger search (`jaeger-tags`: the UI's Tags field; `jaeger-api`:
 * `GET /api/traces`) as Jaeger reads it; each attribute, intrinsic and tag a query names must be
 * on the exported spans (span or resource attributes, span events), with the literal's type, and
 * each query must select at least one of them. The claims the document makes about what is *not*
 * on the spans are checked on the same telemetry.
 */
import { readFileSync } from 'node:fs';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_ML_FEATURES,
  ATTR_ML_PREDICTION_COUNT,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_SLICE,
  ATTR_SERVER_ADDRESS,
  EVENT_ML_PREDICTION,
  ML_ALERT_STATE_VALUE_FIRING,
} from '@mlmon/conventions';
import { beforeAll, describe, expect, it } from 'vitest';
import { alertEventAttributes } from '../../processor/src/alerts/alert-event-attributes.js';
import { sanitizeLabelName } from '../../processor/src/export/prometheus-text.js';
import { curlQueryParams } from './support/curl-params.js';
import { blockQueries, fencedBlocks, type DocQuery } from './support/doc-blocks.js';
import {
  emitProxyScenario,
  emitScenario,
  failedSpanWithSliceKeysOnly,
  RECIPE_FEATURE_ATTRIBUTE,
  SCENARIO,
  type EmittedTelemetry,
} from './support/emitted-telemetry.js';
import { checkSearch, checkTagsField } from './support/jaeger-check.js';
import { checkTraceQl } from './support/traceql-check.js';

const DOC = 'docs/traces.md';
const markdown = readFileSync(new URL(`../../${DOC}`, import.meta.url), 'utf8');
const blocks = fencedBlocks(markdown);

/** The queries of every block with this info string. */
function queries(lang: string, mode: 'paragraph' | 'line'): DocQuery[] {
  return blocks
    .filter((b) => b.lang === lang)
    .flatMap((b) => blockQueries(b, lang === 'traceql' ? '//' : '#', mode));
}

/** `docs/traces.md:LINE: query → problem` for every problem `check` finds. */
function findings(list: DocQuery[], check: (q: DocQuery) => string[]): string[] {
  return list.flatMap((q) => {
    let problems: string[];
    try {
      problems = check(q);
    } catch (error) {
      problems = [(error as Error).message];
    }
    return problems.map((p) => `${DOC}:${q.line}: ${q.text}\n    → ${p}`);
  });
}

/** Tempo search parameters a documented example may use. */
const TEMPO_SEARCH_PARAMS = new Set(['q', 'start', 'end', 'limit', 'spss']);

let emitted: EmittedTelemetry;
/** The spans of `wrapPredict`'s calls. */
let spans: readonly ReadableSpan[];
/** The spans of `mlmon proxy`'s calls. */
let proxySpans: readonly ReadableSpan[];
/** Everything the queries are checked against. */
let allSpans: readonly ReadableSpan[];

beforeAll(async () => {
  emitted = await emitScenario();
  spans = emitted.spans;
  proxySpans = await emitProxyScenario();
  allSpans = [...spans, ...proxySpans];
});

describe(`the trace queries in ${DOC}`, () => {
  it('are all in blocks the check reads', () => {
    expect(queries('traceql', 'paragraph').length).toBeGreaterThanOrEqual(8);
    expect(queries('tempo-api', 'line').length).toBeGreaterThanOrEqual(1);
    expect(queries('jaeger-tags', 'line').length).toBeGreaterThanOrEqual(5);
    expect(queries('jaeger-api', 'line').length).toBeGreaterThanOrEqual(3);
    // A search-API example outside a checked block would escape the check.
    const unchecked = blocks.filter(
      (b) =>
        !['tempo-api', 'jaeger-api'].includes(b.lang) &&
        b.lines.some((l) => l.includes('--data-urlencode')),
    );
    expect(unchecked.map((b) => `${DOC}:${b.line} (${b.lang})`)).toEqual([]);
  });

  it('TraceQL: every field is on the emitted spans with the literal type, every filter selects some', () => {
    expect(
      findings(queries('traceql', 'paragraph'), (q) => checkTraceQl(q.text, allSpans).problems),
    ).toEqual([]);
  });

  it('Tempo search API: the TraceQL of each example passes the same check', () => {
    const problems = findings(queries('tempo-api', 'line'), (q) => {
      const params = curlQueryParams(q.text, '/api/search');
      const out: string[] = [];
      for (const [name, value] of Object.entries(params)) {
        if (!TEMPO_SEARCH_PARAMS.has(name)) out.push(`${name} is not a Tempo search parameter`);
        if ((name === 'start' || name === 'end') && !/^(\$\w+|[0-9]+)$/.test(value)) {
          out.push(`${name}=${value} is not Unix seconds`);
        }
      }
      if (params.q === undefined) return [...out, 'no q (the TraceQL query)'];
      return [...out, ...checkTraceQl(params.q, allSpans).problems];
    });
    expect(problems).toEqual([]);
  });

  it('Jaeger Tags field: every tag is on the emitted spans as Jaeger stores them, and each search matches', () => {
    expect(
      findings(queries('jaeger-tags', 'line'), (q) => checkTagsField(q.text, allSpans)),
    ).toEqual([]);
  });

  it('Jaeger search API: service, operation, tags and durations match the emitted spans', () => {
    const problems = findings(queries('jaeger-api', 'line'), (q) =>
      checkSearch(curlQueryParams(q.text, '/api/traces'), allSpans),
    );
    expect(problems).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('TraceQL: a wrong name, type, value, scope or syntax is a problem', () => {
    const problems = (q: string): string[] => checkTraceQl(q, allSpans).problems;
    expect(problems('{ span.ml.prediction_id = "order-42" }')).toEqual([
      'span.ml.prediction_id is on none of the spans the instrumentation emits',
      'the filter selects none of the spans the instrumentation emits',
    ]);
    expect(problems('{ span.ml.model.version = 7 }')).toContain(
      'span.ml.model.version =: a number literal against a string value',
    );
    expect(problems('{ span.ml.model.version = "8" }')).toEqual([
      'the filter selects none of the spans the instrumentation emits',
    ]);
    expect(problems('{ span.ml.model.name = "loan-default" && status = ok }')).toEqual([
      'the filter selects none of the spans the instrumentation emits',
    ]);
    expect(problems('{ resource.ml.model.name = "loan-default" }')[0]).toBe(
      'resource.ml.model.name is on none of the spans the instrumentation emits',
    );
    expect(problems('{ link.ml.model.name = "loan-default" }')[0]).toMatch(/link scope/);
    expect(problems('{ span.ml.model.name = "loan-default" ')[0]).toMatch(/^syntax error/);
    expect(problems('{ event:name = "ml.prediction" }')).toEqual([
      'the filter selects none of the spans the instrumentation emits',
    ]);
    expect(problems('{ span.ml.model.name = "loan-default" && duration > 5s }')).toEqual([
      'the filter selects none of the spans the instrumentation emits',
    ]);
  });

  it('Jaeger: an unknown tag, a double, a mismatch or a malformed API call is a problem', () => {
    expect(checkTagsField('ml.feature.income=95', allSpans)).toEqual([
      'tag ml.feature.income is on none of the spans the instrumentation emits (as Jaeger stores them)',
    ]);
    expect(checkTagsField('ml.prediction.score=0.86', allSpans)).toEqual([
      'tag ml.prediction.score holds a double: Jaeger compares tag values as strings',
    ]);
    expect(checkTagsField('ml.model.version=7 ml.slice.country=FR', allSpans)).toEqual([
      'the tags match none of the spans the instrumentation emits',
    ]);
    expect(checkTagsField('event=ml.prediction', allSpans)).toEqual([
      'the tags match none of the spans the instrumentation emits',
    ]);
    // One extra parameter after `service=loan-scoring`, and what the check says about it.
    const searches: [string, string][] = [
      [
        `tags={"ml.prediction.count":1}`,
        'tags.ml.prediction.count must be a string (Jaeger: map of strings)',
      ],
      ['operation=predict loan', 'operation "predict loan" is the name of none of the spans'],
      ['minDuration=5s', 'the search matches none of the spans the instrumentation emits'],
      ['minDuration=500', 'minDuration=500 is not a duration Jaeger reads (e.g. 500ms, 1.5s)'],
    ];
    for (const [param, problem] of searches) {
      const command = `curl -G "$J/api/traces" --data-urlencode 'service=loan-scoring' --data-urlencode '${param}'`;
      expect(checkSearch(curlQueryParams(command, '/api/traces'), allSpans), param).toEqual([
        problem,
      ]);
    }
    expect(() =>
      curlQueryParams(`curl -G "$J/api/traces" --data-urlencode service=x`, '/api/traces'),
    ).toThrow(/must be quoted/);
  });
});

describe('what the document says about the spans', () => {
  it('feature values are never span attributes, even with captureFeatures', () => {
    const features = Object.keys(emitted.predictionEvents[0]?.attributes[ATTR_ML_FEATURES] ?? {});
    expect(features).toEqual(expect.arrayContaining(['income', 'age', 'country']));
    for (const span of spans) {
      const keys = Object.keys(span.attributes);
      expect(keys).not.toContain(ATTR_ML_FEATURES);
      // Only the attribute the document's recipe sets itself, on the call that follows it.
      expect(keys.filter((k) => k === RECIPE_FEATURE_ATTRIBUTE || features.includes(k))).toEqual(
        span.attributes[ATTR_ML_PREDICTION_ID] === SCENARIO.predictionId
          ? [RECIPE_FEATURE_ATTRIBUTE]
          : [],
      );
    }
  });

  it('the ml.prediction events are log records in the span context, not span events', () => {
    expect(emitted.predictionEvents).toHaveLength(1 + 1 + 3); // one row, slow row, a batch of 3
    for (const span of spans)
      expect(span.events.map((e) => e.name)).not.toContain(EVENT_ML_PREDICTION);
    const spanKeys = new Set(
      spans.map((s) => `${s.spanContext().traceId}/${s.spanContext().spanId}`),
    );
    for (const event of emitted.predictionEvents) {
      const ctx = event.spanContext;
      expect(ctx && spanKeys.has(`${ctx.traceId}/${ctx.spanId}`)).toBe(true);
    }
  });

  it('a batch span carries the count, no per-row id or score; the rows ids are on its events', () => {
    const batch = spans.find((s) => s.attributes[ATTR_ML_PREDICTION_COUNT] === 3);
    expect(batch).toBeDefined();
    expect(batch!.attributes[ATTR_ML_PREDICTION_ID]).toBeUndefined();
    expect(batch!.attributes[ATTR_ML_PREDICTION_SCORE]).toBeUndefined();
    const rows = emitted.predictionEvents.filter(
      (e) => e.spanContext?.spanId === batch!.spanContext().spanId,
    );
    expect(rows.map((e) => typeof e.attributes[ATTR_ML_PREDICTION_ID])).toEqual([
      'string',
      'string',
      'string',
    ]);
  });

  it('a failed call: error status and type, an exception event, no prediction id, slices from the hook only', async () => {
    const failed = spans.filter((s) => s.status.code === SpanStatusCode.ERROR);
    expect(failed).toHaveLength(1);
    const span = failed[0]!;
    expect(span.attributes[ATTR_ERROR_TYPE]).toBe('ModelTimeoutError');
    expect(span.status.message).toMatch(/did not answer/);
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
    expect(span.attributes[ATTR_ML_PREDICTION_ID]).toBeUndefined();
    expect(span.attributes[ATTR_ML_SLICE(SCENARIO.sliceKey)]).toBe(SCENARIO.slice);
    const withoutHook = await failedSpanWithSliceKeysOnly();
    expect(withoutHook.status.code).toBe(SpanStatusCode.ERROR);
    expect(withoutHook.attributes[ATTR_ML_SLICE(SCENARIO.sliceKey)]).toBeUndefined();
  });

  it('the proxy: CLIENT spans with the server address, the HTTP status as error.type, no slices', () => {
    expect(proxySpans.map((s) => s.kind)).toEqual([SpanKind.CLIENT, SpanKind.CLIENT]);
    const [ok, refused] = proxySpans;
    expect(ok!.attributes[ATTR_ML_PREDICTION_ID]).toBe(SCENARIO.predictionId);
    expect(ok!.attributes[ATTR_SERVER_ADDRESS]).toBe('127.0.0.1');
    expect(refused!.status.code).toBe(SpanStatusCode.ERROR);
    expect(refused!.attributes[ATTR_ERROR_TYPE]).toBe('503');
    expect(refused!.attributes[ATTR_ML_PREDICTION_ID]).toBeUndefined();
    expect(Object.keys(refused!.attributes).filter((k) => k.startsWith('ml.slice.'))).toEqual([]);
  });

  it("an alert's stream attributes are the span attributes of its inferences; Prometheus labels swap . for _", () => {
    const alert = alertEventAttributes({
      state: ML_ALERT_STATE_VALUE_FIRING,
      rule: 'feature_drift',
      severity: 'warning',
      statistic: 'drift.status',
      model: SCENARIO.model,
      version: SCENARIO.version,
      slice: { [SCENARIO.sliceKey]: SCENARIO.slice },
      feature: 'income',
      threshold: 1,
      value: 1,
      timeUnixMillis: 0,
      resource: {},
      runbookUrl: '/runbooks#feature-drift',
      impact: '',
    });
    const stream = Object.entries(alert).filter(
      ([k]) => k.startsWith('ml.model.') || k.startsWith('ml.slice.'),
    );
    expect(stream.map(([k]) => k).sort()).toEqual(
      ['ml.model.name', 'ml.model.version', ATTR_ML_SLICE(SCENARIO.sliceKey)].sort(),
    );
    const successful = spans.filter((s) => s.status.code !== SpanStatusCode.ERROR);
    for (const span of successful) {
      for (const [k, v] of stream) expect(span.attributes[k], k).toBe(v);
    }
    expect(stream.map(([k]) => sanitizeLabelName(k))).toEqual(
      stream.map(([k]) => k.replaceAll('.', '_')),
    );
    expect(sanitizeLabelName(ATTR_ML_SLICE(SCENARIO.sliceKey))).toBe('ml_slice_country');
  });
});
