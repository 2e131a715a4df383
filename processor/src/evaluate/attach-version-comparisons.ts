/**
 * Puts the version comparisons into a pass's results: the results of the same model, window
 * start and slice are one group; within it every version other than the model's baseline gets
 * its `versionComparison` against the baseline's result of the group (or an
 * `insufficient_data` one when the baseline had no window of that slice). Pure.
 */
import type { VersionComparisonResult } from './version-comparison-result.js';
import {
  compareWindowVersions,
  withoutBaselineWindow,
  type BaselineChoice,
  type VersionComparisonSettings,
} from './version-comparison.js';
import type { VersionWindowDigest } from './version-digest.js';
import type { WindowResult } from './window-result.js';

/** Key of a digest: one stream's window (a pass may close several windows of one stream). */
export function digestKey(streamKey: string, startUnixMillis: number): string {
  return `${startUnixMillis}\u0000${streamKey}`;
}

/** One comparison to make: the compared version's result and the work that compares it. */
export interface PlannedComparison {
  readonly candidate: WindowResult;
  readonly compare: () => VersionComparisonResult;
}

/**
 * The comparisons of a pass's `results`, not yet made (each costs a drift decision, so the
 * service runs them in slices). `digests` are keyed by {@link digestKey}; `baselineOf` gives the
 * model's baseline, `undefined` when it has none (no comparison).
 */
export function planVersionComparisons(
  results: readonly WindowResult[],
  digests: ReadonlyMap<string, VersionWindowDigest>,
  baselineOf: (model: string) => BaselineChoice | undefined,
  settingsOf: (model: string, version: string) => VersionComparisonSettings,
): PlannedComparison[] {
  const groups = new Map<string, WindowResult[]>();
  for (const result of results) {
    const { stream } = result;
    if (stream.overflow || stream.modelVersion === '') continue;
    const key = groupKey(result);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [result]);
    else group.push(result);
  }
  const planned: PlannedComparison[] = [];
  for (const group of groups.values()) {
    const model = group[0]!.stream.modelName;
    const baseline = baselineOf(model);
    if (baseline === undefined) continue;
    const base = group.find((r) => r.stream.modelVersion === baseline.version);
    for (const candidate of group) {
      const version = candidate.stream.modelVersion;
      if (version === baseline.version) continue;
      const settings = settingsOf(model, version);
      planned.push({
        candidate,
        compare: () =>
          base === undefined
            ? withoutBaselineWindow(baseline, settings)
            : compareWindowVersions(
                { result: base, digest: digests.get(digestOf(base)) },
                { result: candidate, digest: digests.get(digestOf(candidate)) },
                baseline.source,
                settings,
              ),
      });
    }
  }
  return planned;
}

/** `results` with the comparisons made (`compared`: candidate result → its comparison). */
export function withComparisons(
  results: readonly WindowResult[],
  compared: ReadonlyMap<WindowResult, VersionComparisonResult>,
): WindowResult[] {
  if (compared.size === 0) return [...results];
  return results.map((r) => {
    const versionComparison = compared.get(r);
    return versionComparison !== undefined ? { ...r, versionComparison } : r;
  });
}

/** {@link planVersionComparisons}, made at once: the results with their comparisons. */
export function withVersionComparisons(
  results: readonly WindowResult[],
  digests: ReadonlyMap<string, VersionWindowDigest>,
  baselineOf: (model: string) => BaselineChoice | undefined,
  settingsOf: (model: string, version: string) => VersionComparisonSettings,
): WindowResult[] {
  const planned = planVersionComparisons(results, digests, baselineOf, settingsOf);
  return withComparisons(results, new Map(planned.map((p) => [p.candidate, p.compare()])));
}

const digestOf = (r: WindowResult): string => digestKey(r.stream.key, r.startUnixMillis);

/** Model, window start and slice (keys sorted): the versions of one group are comparable. */
function groupKey(result: WindowResult): string {
  const { stream } = result;
  const slice = Object.keys(stream.slice)
    .sort()
    .map((k) => `${k}=${stream.slice[k]}`)
    .join('\u0000');
  return `${stream.modelName}\u0001${result.startUnixMillis}\u0001${slice}`;
}
