/**
 * Builds `GET /api/v1/models`: every model, its versions and slices with the latest window's
 * summary, and the alert states. Pure: reads the source, keeps nothing.
 */
import { countAlerts, sortAlerts } from './sort-alerts.js';
import { compareSlices, compareStrings, sliceLabel } from './slice-label.js';
import { summarizeWindow, worstDriftState } from './summarize-window.js';
import type {
  ModelSummary,
  ModelsResponse,
  SliceSummary,
  StatusSource,
  StatusStream,
  VersionSummary,
} from './types.js';

/** The path of a version's detail resource; name and version are URL-encoded. */
export function versionHref(name: string, version: string): string {
  return `/api/v1/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`;
}

/** Groups streams by model name, then by version (insertion order is not relied upon). */
export function groupStreams(
  streams: readonly StatusStream[],
): Map<string, Map<string, StatusStream[]>> {
  const models = new Map<string, Map<string, StatusStream[]>>();
  for (const stream of streams) {
    let versions = models.get(stream.modelName);
    if (versions === undefined) {
      versions = new Map();
      models.set(stream.modelName, versions);
    }
    let list = versions.get(stream.modelVersion);
    if (list === undefined) {
      list = [];
      versions.set(stream.modelVersion, list);
    }
    list.push(stream);
  }
  return models;
}

/** The first known task among a version's streams. */
export function taskOf(streams: readonly StatusStream[]): string | undefined {
  return streams.find((stream) => stream.task !== undefined)?.task;
}

/** Builds the models list at time `nowUnixMillis`. */
export function buildModelsResponse(source: StatusSource, nowUnixMillis: number): ModelsResponse {
  const alerts = source.alerts();
  const models: ModelSummary[] = [];
  const grouped = groupStreams(source.listStreams());
  for (const name of [...grouped.keys()].sort(compareStrings)) {
    const versionsByName = grouped.get(name) ?? new Map<string, StatusStream[]>();
    const versions: VersionSummary[] = [];
    for (const version of [...versionsByName.keys()].sort(compareStrings)) {
      const streams = [...(versionsByName.get(version) ?? [])].sort((a, b) =>
        compareSlices(a.slice, b.slice),
      );
      const slices: SliceSummary[] = streams.map((stream) => {
        const last = source.history(stream.key, 1).at(-1);
        return {
          slice: stream.slice,
          label: sliceLabel(stream.slice),
          latest: last === undefined ? null : summarizeWindow(last),
        };
      });
      const task = taskOf(streams);
      versions.push({
        version,
        ...(task !== undefined ? { task } : {}),
        href: versionHref(name, version),
        slices,
        alerts: countAlerts(
          alerts.filter((alert) => alert.modelName === name && alert.modelVersion === version),
        ),
        status: worstDriftState(
          slices.flatMap((slice) => (slice.latest === null ? [] : [slice.latest.status])),
        ),
      });
    }
    models.push({ name, versions });
  }
  return { generatedAtUnixMillis: nowUnixMillis, models, alerts: sortAlerts(alerts) };
}
