/**
 * Parses the serve config's `slos` list into {@link SloDefinition}s. Keys per SLO: `name`,
 * `description`, `model`, `version`, `slice` (map), `indicator` (`latency`, `errors`,
 * `availability`, `calibration`, `quality`, `drift_free`, `label_coverage`, `cost`), `threshold`
 * (seconds for latency; the bound of a model indicator), `metric` (the quality metric; the cost
 * statistic, `per_thousand_requests` by default), `target` (in (0, 1)),
 * `timeWindow` (e.g. `30d`), `alerts` (list of `long`, `short`, `burnRate`, `severity`),
 * `runbookUrl` (else the built-in runbook). Every
 * problem names its path (`slos[1].target`).
 */
import { forEachConfigMap } from './config-list.js';
import { isUrl } from './config-values.js';
import {
  COST_STATISTICS,
  defaultBurnRateAlerts,
  type CostStatistic,
  type BurnRateAlert,
  type SloDefinition,
  type SloIndicator,
} from '../evaluate/slo/slo-definition.js';

const KNOWN = [
  'name',
  'description',
  'model',
  'version',
  'slice',
  'indicator',
  'threshold',
  'metric',
  'target',
  'timeWindow',
  'alerts',
  'runbookUrl',
];
const INDICATORS = [
  'latency',
  'errors',
  'availability',
  'calibration',
  'quality',
  'drift_free',
  'label_coverage',
  'cost',
];
const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** `30d`, `6h`, `5m`, `90s`, `2w` → seconds; undefined when malformed. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(value.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * UNITS[m[2]!]!;
  return seconds > 0 ? seconds : undefined;
}

/** Parses `raw`; SLO windows must not be shorter than the processor window (`windowSeconds`). */
export function parseSlos(
  raw: unknown,
  windowSeconds: number,
  path = 'slos',
): { slos: SloDefinition[]; problems: string[] } {
  const problems: string[] = [];
  const slos: SloDefinition[] = [];
  const names = new Set<string>();
  forEachConfigMap(raw, path, 'SLOs', problems, (r, at) => {
    const before = problems.length;
    for (const key of Object.keys(r)) {
      if (!KNOWN.includes(key))
        problems.push(`${at}.${key}: unknown key (known: ${KNOWN.join(', ')})`);
    }
    const name = r['name'];
    if (typeof name !== 'string' || name === '')
      problems.push(`${at}.name: must be a non-empty string`);
    else if (names.has(name)) problems.push(`${at}.name: duplicate SLO name "${name}"`);
    const model = r['model'];
    if (typeof model !== 'string' || model === '')
      problems.push(`${at}.model: must be a model name`);
    if (r['version'] !== undefined && typeof r['version'] !== 'string') {
      problems.push(`${at}.version: must be a string`);
    }
    const slice = r['slice'];
    if (
      slice !== undefined &&
      (slice === null ||
        typeof slice !== 'object' ||
        Array.isArray(slice) ||
        Object.values(slice).some((v) => typeof v !== 'string'))
    ) {
      problems.push(`${at}.slice: must be a map of slice key to value`);
    }
    if (r['description'] !== undefined && typeof r['description'] !== 'string') {
      problems.push(`${at}.description: must be a string`);
    }
    const indicator = readIndicator(r, at, problems);
    const target = r['target'];
    if (typeof target !== 'number' || !(target > 0 && target < 1)) {
      problems.push(`${at}.target: must be a number in (0, 1), e.g. 0.99`);
    }
    const periodSeconds = parseDuration(r['timeWindow'] ?? '30d');
    if (periodSeconds === undefined) {
      problems.push(`${at}.timeWindow: must be a duration such as 30d, 7d or 12h`);
    } else if (periodSeconds < windowSeconds) {
      problems.push(`${at}.timeWindow: shorter than the processor window (${windowSeconds} s)`);
    }
    const alerts =
      r['alerts'] === undefined
        ? defaultBurnRateAlerts(periodSeconds ?? 30 * 86400)
        : readAlerts(r['alerts'], `${at}.alerts`, problems);
    for (const [j, a] of alerts.entries()) {
      if (a.shortSeconds < windowSeconds) {
        problems.push(
          `${at}.alerts[${j}].short: ${a.shortSeconds} s is shorter than the processor window (${windowSeconds} s): lengthen it or shorten window-seconds`,
        );
      }
    }
    const runbookUrl = r['runbookUrl'];
    if (runbookUrl !== undefined && (typeof runbookUrl !== 'string' || !isUrl(runbookUrl))) {
      problems.push(`${at}.runbookUrl: must be an http(s) URL, got ${JSON.stringify(runbookUrl)}`);
    }
    if (problems.length > before || indicator === undefined) return;
    names.add(name as string);
    slos.push({
      name: name as string,
      ...(typeof r['description'] === 'string' ? { description: r['description'] } : {}),
      match: {
        model: model as string,
        ...(typeof r['version'] === 'string' ? { version: r['version'] } : {}),
        ...(slice !== undefined ? { slice: slice as Record<string, string> } : {}),
      },
      indicator,
      target: target as number,
      periodSeconds: periodSeconds!,
      alerts,
      ...(typeof runbookUrl === 'string' ? { runbookUrl } : {}),
    });
  });
  return { slos, problems };
}

function readIndicator(
  r: Record<string, unknown>,
  at: string,
  problems: string[],
): SloIndicator | undefined {
  const kind = r['indicator'];
  if (typeof kind !== 'string' || !INDICATORS.includes(kind)) {
    problems.push(
      `${at}.indicator: must be one of ${INDICATORS.join(', ')}, got ${JSON.stringify(kind)}`,
    );
    return undefined;
  }
  if (kind === 'errors' || kind === 'availability') return { kind: 'errors' };
  const threshold = r['threshold'];
  if (kind === 'latency') {
    if (typeof threshold !== 'number' || !(threshold > 0) || !Number.isFinite(threshold)) {
      problems.push(`${at}.threshold: the latency bound in seconds, a positive number (e.g. 0.3)`);
      return undefined;
    }
    return { kind, thresholdSeconds: threshold };
  }
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    problems.push(`${at}.threshold: must be a number (the bound each window must meet)`);
    return undefined;
  }
  if (kind === 'calibration') return { kind, max: threshold };
  if (kind === 'cost') {
    const statistic = r['metric'] ?? 'per_thousand_requests';
    if (!COST_STATISTICS.includes(statistic as CostStatistic)) {
      problems.push(
        `${at}.metric: the cost statistic to bound, one of ${COST_STATISTICS.join(', ')}, got ${JSON.stringify(statistic)}`,
      );
      return undefined;
    }
    if (!(threshold >= 0)) {
      problems.push(`${at}.threshold: the cost bound, a number >= 0 (in the prices' currency)`);
      return undefined;
    }
    return { kind, statistic: statistic as CostStatistic, max: threshold };
  }
  if (kind === 'drift_free' || kind === 'label_coverage') {
    if (!(threshold >= 0 && threshold <= 1)) {
      problems.push(`${at}.threshold: a share in [0, 1]`);
      return undefined;
    }
    return { kind, min: threshold };
  }
  const metric = r['metric'];
  if (typeof metric !== 'string' || !/^[a-z0-9_]+$/.test(metric)) {
    problems.push(`${at}.metric: the ml.quality.metric to hold (e.g. accuracy)`);
    return undefined;
  }
  return { kind: 'quality', metric, min: threshold };
}

function readAlerts(raw: unknown, at: string, problems: string[]): BurnRateAlert[] {
  if (!Array.isArray(raw)) {
    problems.push(`${at}: must be a list of { long, short, burnRate, severity }`);
    return [];
  }
  const out: BurnRateAlert[] = [];
  raw.forEach((item: unknown, j) => {
    const a = (item ?? {}) as Record<string, unknown>;
    const longSeconds = parseDuration(a['long']);
    const shortSeconds = parseDuration(a['short']);
    const burnRate = a['burnRate'];
    const severity = a['severity'] ?? 'page';
    const before = problems.length;
    if (longSeconds === undefined) problems.push(`${at}[${j}].long: must be a duration such as 1h`);
    if (shortSeconds === undefined)
      problems.push(`${at}[${j}].short: must be a duration such as 5m`);
    else if (longSeconds !== undefined && shortSeconds > longSeconds) {
      problems.push(`${at}[${j}].short: must not be longer than long`);
    }
    if (typeof burnRate !== 'number' || !(burnRate > 0)) {
      problems.push(`${at}[${j}].burnRate: must be a positive number (e.g. 14.4)`);
    }
    if (typeof severity !== 'string' || severity === '') {
      problems.push(`${at}[${j}].severity: must be a string (e.g. page, ticket)`);
    }
    if (problems.length > before) return;
    out.push({
      longSeconds: longSeconds!,
      shortSeconds: shortSeconds!,
      burnRate: burnRate as number,
      severity: severity as string,
    });
  });
  return out;
}
