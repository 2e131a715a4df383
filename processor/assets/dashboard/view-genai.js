// The GenAI card: tokens per window, time to first chunk, cost per 1000 requests, evaluator
// pass rates and finish reasons of the slice's LLM calls, on the same window axis as the
// service card, so "answers got longer", "answers got dearer" and "answers got worse" read
// side by side.
import { lineChart } from './charts.js';
import { h } from './dom.js';
import { count, duration, has, num, pct } from './format.js';
import { describeSeries } from './series.js';
import { card } from './view-common.js';

const TOKEN_TYPES = [
  ['input', 'c-p50'],
  ['output', 'c-p95'],
];
const EVALUATOR_CLASSES = ['c-p50', 'c-p95', 'c-p99'];

/** The GenAI card, or null when no window of this slice saw GenAI calls or evaluations. */
export function renderGenAi(ctx) {
  const { t, base, reg, slice } = ctx;
  const genai = slice.genai ?? [];
  const evaluations = slice.evaluations ?? [];
  const cost = slice.cost ?? [];
  if (genai.every((g) => g === null) && evaluations.length === 0 && cost.every((c) => c === null))
    return null;
  const last = genai.findLast((g) => g !== null);
  const tokenSum = (g, type) => g?.tokens.find((x) => x.type === type)?.sum ?? null;
  const body = [];
  if (last) {
    body.push(
      h(
        'div',
        { class: 'mini-title' },
        'Tokens per window ',
        ...TOKEN_TYPES.flatMap(([type], i) => [
          i > 0 ? ' · ' : '',
          reg.wrap(
            `${type} ${count(tokenSum(last, type) ?? 0)}`,
            describeSeries(t, `${type} tokens per window`, t.metrics.genaiTokens, base, [
              [t.attributes.genaiTokenType.otlp, type],
            ]),
            { class: 'small' },
          ),
        ]),
      ),
      lineChart(
        slice.windows,
        TOKEN_TYPES.map(([type, className]) => ({
          name: type,
          className,
          values: genai.map((g) => tokenSum(g, type)),
          format: (v) => count(v),
        })),
        { yMin: 0, height: 120, format: (v) => count(v), label: 'tokens per window over time' },
      ),
    );
    if (last.timeToFirstChunkSeconds) {
      const q = last.timeToFirstChunkSeconds;
      body.push(
        h(
          'div',
          { class: 'mini-title' },
          'Time to first chunk ',
          reg.wrap(
            `p50 ${duration(q.p50)} · p95 ${duration(q.p95)}`,
            describeSeries(t, 'Time to first chunk p95', t.metrics.genaiTimeToFirstChunk, base, [
              [t.attributes.genaiQuantile.otlp, 0.95],
            ]),
            { class: 'small' },
          ),
          has(last.outputTokensPerSecond)
            ? ` · ${num(last.outputTokensPerSecond, 1)} output tokens/s`
            : '',
        ),
      );
    }
    const reasons = last.finishReasons.map((r) => `${r.value} ${pct(r.ratio, 1)}`).join(', ');
    if (reasons) {
      body.push(
        h(
          'div',
          { class: 'mini-title' },
          'Finish reasons ',
          reg.wrap(
            reasons,
            describeSeries(t, 'Finish-reason shares', t.metrics.genaiFinishReasonRatio, base),
            { class: 'small' },
          ),
        ),
      );
    }
  }
  const lastCost = cost.findLast((c) => c !== null);
  if (lastCost && has(lastCost.perThousandRequests)) {
    body.push(
      h(
        'div',
        { class: 'mini-title' },
        `Cost per 1000 requests (${lastCost.currency}) `,
        reg.wrap(
          num(lastCost.perThousandRequests, 4),
          describeSeries(t, 'Cost per 1000 requests', t.metrics.costPerThousandRequests, base),
          { class: 'small' },
        ),
        ` · window total ${num(lastCost.total, 4)}`,
      ),
      lineChart(
        slice.windows,
        [
          {
            name: 'per 1000 requests',
            className: 'c-errors',
            values: cost.map((c) => c?.perThousandRequests ?? null),
            format: (v) => num(v, 4),
          },
        ],
        { yMin: 0, height: 110, format: (v) => num(v, 3), label: 'cost per 1000 requests' },
      ),
    );
  }
  const judged = evaluations.filter((e) => e.history.some((p) => has(p?.passRatio)));
  if (judged.length > 0) {
    body.push(
      h(
        'div',
        { class: 'mini-title' },
        'Evaluator pass rates ',
        ...judged.flatMap((e, i) => [
          i > 0 ? ' · ' : '',
          reg.wrap(
            `${e.name} ${pct(e.latest?.pass?.ratio, 1)}`,
            describeSeries(t, `${e.name} pass rate`, t.metrics.evaluationPassRatio, base, [
              [t.attributes.evaluationName.otlp, e.name],
            ]),
            { class: 'small' },
          ),
        ]),
      ),
      lineChart(
        slice.windows,
        judged.slice(0, EVALUATOR_CLASSES.length).map((e, i) => ({
          name: e.name,
          className: EVALUATOR_CLASSES[i],
          values: e.history.map((p) => p?.passRatio ?? null),
          format: (v) => pct(v, 1),
        })),
        { yMin: 0, yMax: 1, height: 110, format: (v) => pct(v, 0), label: 'pass rate over time' },
      ),
    );
  }
  // Quantiles read from the GenAI client metrics are bucket interpolations: say so.
  const subtitle = last
    ? `${count(last.calls)} calls in the last window` +
      (last.source === 'metrics' ? ' (from the GenAI client metrics)' : '')
    : `${count(evaluations.length)} evaluators`;
  return card('GenAI', subtitle, ...body);
}
