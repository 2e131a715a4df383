/**
 * Parses the serve config's `models` list: per-model drift settings, the same choices
 * `mlmon drift` takes as flags. Keys per entry: `model`, `version` (optional), `drift` with
 * `method` (`--method`), `rules` (`--rule`: a list of `{feature, kind, method, threshold}`, or
 * of `PATTERN=METHOD[:THRESHOLD]` strings) and `alpha` (`--alpha`). `method` acts as a last
 * rule that matches every feature, as on the command line. Every problem names its path
 * (`models[0].drift.rules[1].method`).
 */
import { forEachConfigMap } from './config-list.js';
import type { ModelDriftSettings } from '../evaluate/drift/model-drift-settings.js';
import { driftMethodIds, isDriftMethodId } from '../evaluate/drift/registry.js';
import {
  parseDriftRuleText,
  validateDriftRules,
  type DriftMethodRule,
} from '../evaluate/drift/select-method.js';

const ENTRY_KEYS = ['model', 'version', 'drift', 'fairness', 'ranking', 'versions'];
const DRIFT_KEYS = ['method', 'rules', 'alpha'];
const RULE_KEYS = ['feature', 'kind', 'method', 'threshold'];

/** Parses `raw` (the value of `models`). */
export function parseModelDrift(
  raw: unknown,
  path = 'models',
): { models: ModelDriftSettings[]; problems: string[] } {
  const problems: string[] = [];
  const models: ModelDriftSettings[] = [];
  const seen = new Set<string>();
  forEachConfigMap(raw, path, 'models {model, version?, drift}', problems, (entry, at) => {
    const before = problems.length;
    unknownKeys(entry, ENTRY_KEYS, at, problems);
    const model = entry['model'];
    if (typeof model !== 'string' || model === '') {
      problems.push(`${at}.model: must be a model name, got ${show(model)}`);
    }
    const version = entry['version'];
    if (version !== undefined && typeof version !== 'string' && typeof version !== 'number') {
      problems.push(`${at}.version: must be a string, got ${show(version)}`);
    }
    const drift = entry['drift'];
    // An entry may configure fairness alone (`parse-model-fairness.ts` reads that key).
    if (drift === undefined && entry['fairness'] !== undefined) return;
    // Or the ranking cut-off alone (`parse-model-ranking.ts` reads that key).
    if (drift === undefined && entry['ranking'] !== undefined) return;
    // … or version comparison alone (`parse-model-versions.ts`).
    if (drift === undefined && entry['versions'] !== undefined) return;
    if (drift === null || typeof drift !== 'object' || Array.isArray(drift)) {
      problems.push(`${at}.drift: must be a map with ${DRIFT_KEYS.join(', ')}`);
      return;
    }
    const d = drift as Record<string, unknown>;
    unknownKeys(d, DRIFT_KEYS, `${at}.drift`, problems);
    const rules = readRules(d['rules'], `${at}.drift.rules`, problems);
    const method = d['method'];
    if (method !== undefined) {
      if (typeof method === 'string' && isDriftMethodId(method)) rules.push({ method });
      else problems.push(`${at}.drift.method: ${unknownMethod(method)}`);
    }
    const alpha = d['alpha'];
    if (alpha !== undefined && !(typeof alpha === 'number' && alpha > 0 && alpha < 1)) {
      problems.push(`${at}.drift.alpha: must be a number between 0 and 1, got ${show(alpha)}`);
    }
    if (problems.length > before) return;
    const key = `${String(model)}\u0000${version === undefined ? '*' : String(version)}`;
    if (seen.has(key)) {
      problems.push(
        `${at}: a second entry for model '${String(model)}'` +
          (version === undefined ? '' : ` version '${String(version)}'`),
      );
      return;
    }
    seen.add(key);
    models.push({
      model: model as string,
      ...(version !== undefined ? { version: String(version) } : {}),
      drift: { rules, ...(alpha !== undefined ? { alpha: alpha as number } : {}) },
    });
  });
  return { models, problems };
}

function readRules(raw: unknown, path: string, problems: string[]): DriftMethodRule[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(`${path}: must be a list of rules {feature, kind, method, threshold}`);
    return [];
  }
  const rules: DriftMethodRule[] = [];
  raw.forEach((item: unknown, i) => {
    const at = `${path}[${i}]`;
    const rule =
      typeof item === 'string' ? ruleFromText(item, at, problems) : ruleFromMap(item, at, problems);
    if (rule === undefined) return;
    // The registry's own checks (method applies to the kind, a threshold where none defaults).
    for (const error of validateDriftRules([rule])) {
      problems.push(`${at}: ${error.replace(/^rule 1: /, '')}`);
    }
    rules.push(rule);
  });
  return rules;
}

/** `PATTERN=METHOD[:THRESHOLD]`, the `--rule` syntax of `mlmon drift`. */
function ruleFromText(text: string, at: string, problems: string[]): DriftMethodRule | undefined {
  const rule = parseDriftRuleText(text);
  if ('error' in rule) {
    problems.push(`${at}: ${rule.error}, got '${text}'`);
    return undefined;
  }
  return ruleFromMap(rule, at, problems);
}

function ruleFromMap(item: unknown, at: string, problems: string[]): DriftMethodRule | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    problems.push(`${at}: must be a map {feature, kind, method, threshold} or 'PATTERN=METHOD'`);
    return undefined;
  }
  const r = item as Record<string, unknown>;
  const before = problems.length;
  unknownKeys(r, RULE_KEYS, at, problems);
  const { feature, kind, method, threshold } = r;
  if (feature !== undefined && (typeof feature !== 'string' || feature === '')) {
    problems.push(`${at}.feature: must be a feature name or a glob with *, got ${show(feature)}`);
  }
  if (kind !== undefined && kind !== 'numeric' && kind !== 'categorical') {
    problems.push(`${at}.kind: must be numeric or categorical, got ${show(kind)}`);
  }
  if (typeof method !== 'string' || !isDriftMethodId(method)) {
    problems.push(`${at}.method: ${unknownMethod(method)}`);
  }
  if (threshold !== undefined && !(typeof threshold === 'number' && Number.isFinite(threshold))) {
    problems.push(`${at}.threshold: must be a number, got ${show(threshold)}`);
  }
  if (problems.length > before) return undefined;
  return {
    method: method as string,
    ...(feature !== undefined ? { feature: feature as string } : {}),
    ...(kind !== undefined ? { kind: kind as 'numeric' | 'categorical' } : {}),
    ...(threshold !== undefined ? { threshold: threshold as number } : {}),
  };
}

function unknownMethod(method: unknown): string {
  return `unknown drift method ${show(method)}; valid methods: ${driftMethodIds().join(', ')}`;
}

function unknownKeys(
  map: Record<string, unknown>,
  known: readonly string[],
  at: string,
  problems: string[],
): void {
  for (const key of Object.keys(map)) {
    if (!known.includes(key)) {
      problems.push(`${at}.${key}: unknown key; valid keys are ${known.join(', ')}`);
    }
  }
}

function show(value: unknown): string {
  return value === undefined
    ? 'nothing'
    : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
}
