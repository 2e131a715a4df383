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

/**
 * `results` with the comparisons added to the compared versions' results (the others are
 * returned as they were). `digests` are keyed by {@link digestKey}; `baselineOf` gives the
 * model's baseline, `undefined` when it has none (no comparison).
 */
export function withVersionComparisons(
  results: readonly WindowResult[],
  digests: ReadonlyMap<string, VersionWindowDigest>,
  baselineOf: (model: string) => BaselineChoice | undefined,
  settingsOf: (model: string, version: string) => VersionComparisonSettings,
): WindowResult[] {
  const groups = new Map<string, WindowResult[]>();
  for (const result of results) {
    const { stream } = result;
    if (stream.overflow || stream.modelVersion === '') continue;
    const key = groupKey(result);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [result]);
    else group.push(result);
  }
  const compared = new Map<WindowResult, VersionComparisonResult>();
  for (const group of groups.values()) {
    const model = group[0]!.stream.modelName;
    const baseline = baselineOf(model);
    if (baseline === undefined) continue;
    const base = group.find((r) => r.stream.modelVersion === baseline.version);
    for (const candidate of group) {
      const version = candidate.stream.modelVersion;
      if (version === baseline.version) continue;
      const settings = settingsOf(model, version);
      compared.set(
        candidate,
        base === undefined
          ? withoutBaselineWindow(baseline, settings)
          : compareWindowVersions(
              { result: base, digest: digests.get(digestOf(base)) },
              { result: candidate, digest: digests.get(digestOf(candidate)) },
              baseline.source,
              settings,
            ),
      );
    }
  }
  if (compared.size === 0) return [...results];
  return results.map((r) => {
    const versionComparison = compared.get(r);
    return versionComparison !== undefined ? { ...r, versionComparison } : r;
  });
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
