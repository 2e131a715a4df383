/**
 * Builds `GET /api/v1/models/{name}/versions/{version}`: per slice the last N windows as
 * aligned histories (drift per feature, data quality, calibration, quality, ground truth,
 * samples), the latest reliability bins, and the version's alerts. Pure.
 */
import { genAiHistories } from './render-genai.js';
import { qualityAttributionHistory } from './render-quality-attribution.js';
import { evaluatorHistories } from './render-evaluations.js';
import {
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
} from '@mlmon/conventions';
import { seriesKey } from '../keys/series-key.js';
import { groupStreams, taskOf } from './build-models-response.js';
import { compareSlices, compareStrings, sliceLabel } from './slice-label.js';
import { renderSlo } from './render-slo.js';
import { sortAlerts } from './sort-alerts.js';
import {
  renderCalibration,
  renderCalibrationPoint,
  renderDrift,
  renderDriftPoint,
  renderGroundTruth,
  renderService,
} from './render-window.js';
import { summarizeWindow } from './summarize-window.js';
import { renderFairness } from './render-fairness.js';
import { renderSetTasks } from './render-set-tasks.js';
import { renderEstimation } from './render-estimation.js';
import { renderVersions } from './render-versions.js';
import type { DriftResult, Exemplar, WindowResult } from '../evaluate/window-result.js';
import { TELEMETRY_NAMES } from './telemetry-names.js';
import type {
  DataQualityHistory,
  DriftState,
  FeatureDriftHistory,
  FeatureDriftPoint,
  QualityHistory,
  SliceDetail,
  StatusErrorResponse,
  StatusSource,
  StatusStream,
  VersionDetailResponse,
} from './types.js';

/** Sort rank of a feature row: drifted rows first, then rows without a decision. */
const ROW_RANK = (state: DriftState): number =>
  state === ML_DRIFT_STATE_VALUE_DRIFT
    ? 0
    : state === ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA
      ? 1
      : 2;

/** How many known names an error message lists before "…", so messages stay short. */
const MAX_NAMES_IN_MESSAGE = 20;

/** The outcome of a detail lookup: the response, or a 404 body. */
export type VersionDetailResult =
  | { readonly ok: true; readonly body: VersionDetailResponse }
  | { readonly ok: false; readonly body: StatusErrorResponse };

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES_IN_MESSAGE).map((name) => JSON.stringify(name));
  return names.length > MAX_NAMES_IN_MESSAGE ? `${shown.join(', ')}, …` : shown.join(', ');
}

function featureHistories(windows: readonly WindowResult[]): FeatureDriftHistory[] {
  const rows = new Map<
    string,
    { latest: WindowResult; decision: DriftResult; history: (FeatureDriftPoint | null)[] }
  >();
  windows.forEach((window, index) => {
    for (const decision of window.drift) {
      // NUL cannot appear in names coming from OTLP string attributes we accept as features.
      const key = seriesKey(decision.kind, decision.feature, decision.method);
      let row = rows.get(key);
      if (row === undefined) {
        row = { latest: window, decision, history: windows.map(() => null) };
        rows.set(key, row);
      }
      row.latest = window;
      row.decision = decision;
      row.history[index] = renderDriftPoint(decision);
    }
  });
  return [...rows.values()]
    .map(({ latest, decision, history }) => ({
      feature: decision.feature,
      kind: decision.kind,
      method: decision.method,
      latest: renderDrift(decision, latest.referenceKind),
      history,
    }))
    .sort(
      (a, b) =>
        ROW_RANK(a.latest.status) - ROW_RANK(b.latest.status) ||
        compareStrings(a.kind, b.kind) ||
        compareStrings(a.feature, b.feature) ||
        // The feature's primary method before its companions (e.g. KS before PSI).
        Number(a.latest.primary === false) - Number(b.latest.primary === false) ||
        compareStrings(a.method, b.method),
    );
}

function dataQualityHistories(windows: readonly WindowResult[]): DataQualityHistory[] {
  const rows = new Map<string, { feature: string; check: string; history: (number | null)[] }>();
  windows.forEach((window, index) => {
    for (const entry of window.dataQuality) {
      const key = seriesKey(entry.feature, entry.check);
      let row = rows.get(key);
      if (row === undefined) {
        row = { feature: entry.feature, check: entry.check, history: windows.map(() => null) };
        rows.set(key, row);
      }
      row.history[index] = entry.ratio;
    }
  });
  return [...rows.values()]
    .map((row) => ({ ...row, latest: row.history.findLast((v) => v !== null) ?? 0 }))
    .sort((a, b) => compareStrings(a.feature, b.feature) || compareStrings(a.check, b.check));
}

function qualityHistories(windows: readonly WindowResult[]): QualityHistory[] {
  const rows = new Map<
    string,
    {
      instrument: 'score' | 'error';
      history: (number | null)[];
      exemplars?: readonly Exemplar[] | undefined;
    }
  >();
  windows.forEach((window, index) => {
    for (const entry of window.quality) {
      let row = rows.get(entry.metric);
      if (row === undefined) {
        row = { instrument: entry.instrument, history: windows.map(() => null) };
        rows.set(entry.metric, row);
      }
      row.instrument = entry.instrument;
      row.history[index] = entry.value ?? null;
      // The examples of the latest window that has a value.
      if (entry.value !== undefined) row.exemplars = entry.exemplars;
    }
  });
  return [...rows.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([metric, { instrument, history, exemplars }]) => {
      const latest = history.findLast((v) => v !== null);
      return {
        metric,
        instrument,
        ...(latest !== undefined && latest !== null ? { latest } : {}),
        history,
        ...(exemplars !== undefined ? { exemplars } : {}),
      };
    });
}

/** Builds one slice's detail from its windows (oldest first). */
export function buildSliceDetail(
  stream: StatusStream,
  windows: readonly WindowResult[],
): SliceDetail {
  const last = windows.at(-1);
  const latestCalibration = windows.findLast((w) => w.calibration !== undefined)?.calibration;
  const fairness = renderFairness(windows);
  const estimation = renderEstimation(windows);
  const versions = renderVersions(windows);
  const calibrationHistory = windows.map((w) =>
    w.calibration === undefined ? null : renderCalibrationPoint(w.calibration),
  );
  return {
    slice: stream.slice,
    label: sliceLabel(stream.slice),
    windows: windows.map((w) => ({
      startUnixMillis: w.startUnixMillis,
      endUnixMillis: w.endUnixMillis,
    })),
    latest: last === undefined ? null : summarizeWindow(last),
    features: featureHistories(windows),
    dataQuality: dataQualityHistories(windows),
    calibration: {
      latest: latestCalibration === undefined ? null : renderCalibration(latestCalibration),
      history: calibrationHistory,
    },
    quality: qualityHistories(windows),
    groundTruth: windows.map((w) => renderGroundTruth(w.groundTruth)),
    samples: windows.map((w) => w.samples),
    service: windows.map((w) => (w.service === undefined ? null : renderService(w.service))),
    ...evaluatorHistories(windows),
    ...genAiHistories(windows),
    ...(fairness !== undefined ? { fairness } : {}),
    ...qualityAttributionHistory(windows),
    ...renderSetTasks(windows),
    ...(estimation !== undefined ? { estimation } : {}),
    ...(versions !== undefined ? { versions } : {}),
  };
}

/**
 * Builds the detail of model `name` version `version` over the last `windows` windows, or a
 * `model_not_found` / `version_not_found` error naming what is known.
 */
export function buildVersionDetail(
  source: StatusSource,
  name: string,
  version: string,
  windows: number,
  nowUnixMillis: number,
): VersionDetailResult {
  const grouped = groupStreams(source.listStreams());
  const versions = grouped.get(name);
  if (versions === undefined) {
    const known = [...grouped.keys()].sort(compareStrings);
    return {
      ok: false,
      body: {
        error: {
          code: 'model_not_found',
          message:
            known.length === 0
              ? `model ${JSON.stringify(name)} is not monitored: no model has reported data yet`
              : `model ${JSON.stringify(name)} is not monitored; known models: ${listNames(known)}`,
        },
      },
    };
  }
  const streams = versions.get(version);
  if (streams === undefined) {
    const known = [...versions.keys()].sort(compareStrings);
    return {
      ok: false,
      body: {
        error: {
          code: 'version_not_found',
          message: `model ${JSON.stringify(name)} has no version ${JSON.stringify(version)}; known versions: ${listNames(known)}`,
        },
      },
    };
  }
  const ordered = [...streams].sort((a, b) => compareSlices(a.slice, b.slice));
  const task = taskOf(ordered);
  return {
    ok: true,
    body: {
      generatedAtUnixMillis: nowUnixMillis,
      model: { name, version, ...(task !== undefined ? { task } : {}) },
      windowsRequested: windows,
      slices: ordered.map((stream) =>
        buildSliceDetail(stream, source.history(stream.key, windows)),
      ),
      alerts: sortAlerts(
        source.alerts().filter((a) => a.modelName === name && a.modelVersion === version),
      ),
      slos: (source.slos?.() ?? [])
        .filter((s) => s.stream.modelName === name && s.stream.modelVersion === version)
        .map(renderSlo)
        .sort(
          (a, b) =>
            compareStrings(a.name, b.name) ||
            compareStrings(sliceLabel(a.slice), sliceLabel(b.slice)),
        ),
      telemetry: TELEMETRY_NAMES,
      ...traceLink(source.traceUrlTemplate?.()),
    },
  };
}

function traceLink(template: string | undefined): { traceUrlTemplate?: string } {
  return template !== undefined ? { traceUrlTemplate: template } : {};
}
