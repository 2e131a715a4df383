/**
 * Parses the serve config's `evaluators`: per evaluator (`gen_ai.evaluation.name`, optionally of
 * one model), when its verdict passes — by score (`passAtLeast`, `passAtMost`) or by its own
 * labels (`passLabels`, `failLabels`). Every problem names its path (`evaluators[1].passAtLeast`).
 */
import type { EvaluatorRule } from '../evaluate/evaluator-rules.js';
import { forEachConfigMap } from './config-list.js';

const KEYS = ['name', 'model', 'passAtLeast', 'passAtMost', 'passLabels', 'failLabels'];

/** Parses `raw` (the value of `evaluators`). */
export function parseEvaluators(
  raw: unknown,
  path = 'evaluators',
): { evaluators: EvaluatorRule[]; problems: string[] } {
  const problems: string[] = [];
  const evaluators: EvaluatorRule[] = [];
  const seen = new Set<string>();
  forEachConfigMap(raw, path, 'evaluator rules {name, pass rule}', problems, (m, at) => {
    const before = problems.length;
    for (const key of Object.keys(m)) {
      if (!KEYS.includes(key))
        problems.push(`${at}.${key}: unknown key (known: ${KEYS.join(', ')})`);
    }
    const name = m['name'];
    if (typeof name !== 'string' || name === '')
      problems.push(`${at}.name: must be an evaluator name, got ${JSON.stringify(name)}`);
    const model = m['model'];
    if (model !== undefined && (typeof model !== 'string' || model === ''))
      problems.push(`${at}.model: must be a model name, got ${JSON.stringify(model)}`);
    const rule: { -readonly [K in keyof EvaluatorRule]: EvaluatorRule[K] } = {
      name: name as string,
    };
    if (typeof model === 'string') rule.model = model;
    for (const key of ['passAtLeast', 'passAtMost'] as const) {
      const v = m[key];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v))
        problems.push(`${at}.${key}: must be a number, got ${JSON.stringify(v)}`);
      else rule[key] = v;
    }
    for (const key of ['passLabels', 'failLabels'] as const) {
      const v = m[key];
      if (v === undefined) continue;
      if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string' || x === ''))
        problems.push(`${at}.${key}: must be a list of labels, got ${JSON.stringify(v)}`);
      else rule[key] = v as string[];
    }
    const byScore = rule.passAtLeast !== undefined || rule.passAtMost !== undefined;
    const byLabel = rule.passLabels !== undefined || rule.failLabels !== undefined;
    if (byScore && byLabel) problems.push(`${at}: judges by score or by labels, not both`);
    if (!byScore && !byLabel && problems.length === before)
      problems.push(`${at}: names no pass rule (passAtLeast, passAtMost, passLabels, failLabels)`);
    if (
      rule.passAtLeast !== undefined &&
      rule.passAtMost !== undefined &&
      rule.passAtLeast > rule.passAtMost
    )
      problems.push(
        `${at}: passAtLeast ${rule.passAtLeast} is above passAtMost ${rule.passAtMost}`,
      );
    const key = `${rule.model ?? ''}\u0000${rule.name}`;
    if (problems.length === before && seen.has(key))
      problems.push(
        `${at}: a second rule for evaluator '${rule.name}'${rule.model !== undefined ? ` of model '${rule.model}'` : ''}`,
      );
    if (problems.length > before) return;
    seen.add(key);
    evaluators.push(rule);
  });
  return { evaluators: problems.length > 0 ? [] : evaluators, problems };
}
