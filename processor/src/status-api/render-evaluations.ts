/**
 * The status API's rendering of evaluator results ({@link EvaluationResult}): one window's
 * verdicts per evaluator, and each evaluator's history over a slice's windows.
 */
import type { EvaluationResult, WindowResult } from '../evaluate/window-result.js';
import { renderDrift } from './render-window.js';
import type { EvaluationPoint, EvaluatorHistory, StatusEvaluation } from './types.js';

/** One evaluator's verdicts of a window; drift rendered with the window's reference kind. */
export function renderEvaluation(
  result: EvaluationResult,
  referenceKind: string | undefined,
): StatusEvaluation {
  return {
    name: result.name,
    count: result.count,
    ...(result.score !== undefined ? { score: { ...result.score } } : {}),
    labels: result.labels.map((l) => ({ ...l })),
    ...(result.pass !== undefined ? { pass: { ...result.pass } } : {}),
    drift: result.drift.map((d) => renderDrift(d, referenceKind)),
  };
}

function point(result: EvaluationResult): EvaluationPoint {
  return {
    count: result.count,
    ...(result.score !== undefined ? { meanScore: result.score.mean } : {}),
    ...(result.pass !== undefined ? { passRatio: result.pass.ratio } : {}),
  };
}

/**
 * The `evaluations` member of a slice detail: every evaluator seen in `windows` (oldest first),
 * sorted by name; nothing when no window had verdicts.
 */
export function evaluatorHistories(windows: readonly WindowResult[]): {
  evaluations?: readonly EvaluatorHistory[];
} {
  const names = new Set<string>();
  for (const w of windows) for (const e of w.evaluations ?? []) names.add(e.name);
  if (names.size === 0) return {};
  const evaluations = [...names].sort().map((name): EvaluatorHistory => {
    const of = (w: WindowResult) => w.evaluations?.find((e) => e.name === name);
    const latestWindow = windows.findLast((w) => of(w) !== undefined);
    return {
      name,
      latest:
        latestWindow === undefined
          ? null
          : renderEvaluation(of(latestWindow)!, latestWindow.referenceKind),
      history: windows.map((w) => {
        const e = of(w);
        return e === undefined ? null : point(e);
      }),
    };
  });
  return { evaluations };
}
