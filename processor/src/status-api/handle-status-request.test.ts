import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ATTR_ML_FEATURE_NAME,
  ATTR_ML_SLICE_PREFIX,
  DESCRIPTOR_ML_DRIFT_SCORE,
  DESCRIPTOR_ML_QUALITY_ERROR,
  ML_ALERT_STATE_VALUE_FIRING,
  ML_ALERT_STATE_VALUE_RESOLVED,
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_METHOD_VALUE_PSI,
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
  ML_DRIFT_STATE_VALUE_NO_DRIFT,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
  ML_QUALITY_METRIC_VALUE_MAE,
  ML_QUALITY_METRIC_VALUE_R2,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFixtureStatusSource,
  FIXTURE_DRIFT_FROM,
  FIXTURE_DRIFTED_FEATURE,
  FIXTURE_MODEL,
  FIXTURE_VERSION,
  FIXTURE_WINDOWS,
} from './__fixtures__/fixture-status-source.js';
import type { WindowResult, WindowStream } from '../evaluate/window-result.js';
import { handleStatusRequest } from './handle-status-request.js';
import type {
  ModelsResponse,
  StatusErrorResponse,
  StatusSource,
  VersionDetailResponse,
} from './types.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 5);

/** A tiny source with awkward names, to check URL encoding round trips. */
function oddNamesSource(ready: boolean): StatusSource {
  const stream: WindowStream = {
    key: 'k',
    modelName: 'my model/α',
    modelVersion: '1.0 beta',
    slice: {},
    resource: { attributes: {}, key: '' },
  };
  const window: WindowResult = {
    stream,
    startUnixMillis: 0,
    endUnixMillis: 10,
    samples: { reference: 5, current: 3, labeled: 0 },
    drift: [],
    dataQuality: [],
    quality: [],
    groundTruth: { labeled: 0, delays: {} },
    notes: [],
  };
  return {
    listStreams: () => [stream],
    history: (key, n) => (key === 'k' ? [window].slice(-n) : []),
    alerts: () => [],
    readiness: () => (ready ? { ready } : { ready, reason: 'restoring state from the data dir' }),
  };
}

function startServer(source: StatusSource): Promise<Server> {
  const server = createServer((req, res) => {
    if (!handleStatusRequest(req, res, source, { now: () => NOW })) {
      res.writeHead(418).end('not mine');
    }
  });
  server.listen(0, '127.0.0.1');
  return once(server, 'listening').then(() => server);
}

function baseUrl(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('handleStatusRequest', () => {
  let server: Server;
  let odd: Server;
  let notReady: Server;

  beforeAll(async () => {
    server = await startServer(createFixtureStatusSource());
    odd = await startServer(oddNamesSource(true));
    notReady = await startServer(oddNamesSource(false));
  });
  afterAll(async () => {
    for (const s of [server, odd, notReady]) {
      s.close();
      await once(s, 'close');
    }
  });

  const get = (path: string, target = server): Promise<Response> =>
    fetch(`${baseUrl(target)}${path}`);

  it('lists models, versions and slices with the latest window summary and alert counts', async () => {
    const res = await get('/api/v1/models');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as ModelsResponse;
    expect(body.generatedAtUnixMillis).toBe(NOW);
    expect(body.models.map((m) => m.name)).toEqual(['eta-minutes', FIXTURE_MODEL]);
    const fraud = body.models[1]!;
    expect(fraud.versions.map((v) => v.version)).toEqual([FIXTURE_VERSION, '4']);
    const v3 = fraud.versions[0]!;
    expect(v3.href).toBe(`/api/v1/models/${FIXTURE_MODEL}/versions/${FIXTURE_VERSION}`);
    expect(v3.slices.map((s) => s.label)).toEqual(['all', 'country=DE', 'country=FR']);
    expect(v3.status).toBe(ML_DRIFT_STATE_VALUE_DRIFT);
    // feature_drift and calibration_ece in DE, and the DE availability SLO's page.
    expect(v3.alerts).toEqual({ firing: 3, resolved: 0 });
    const de = v3.slices[1]!;
    expect(de.latest?.status).toBe(ML_DRIFT_STATE_VALUE_DRIFT);
    expect(de.latest?.driftedFeatures).toContain(FIXTURE_DRIFTED_FEATURE);
    expect(de.latest?.decisions.total).toBe(5);
    expect(de.latest?.decisions.drift).toBe(de.latest?.driftedFeatures.length);
    const fr = v3.slices[2]!;
    expect(fr.latest?.status).toBe(ML_DRIFT_STATE_VALUE_NO_DRIFT);
    expect(fr.latest?.driftedFeatures).toEqual([]);
    // A version without a closed window has no summary and no verdict yet.
    const v4 = fraud.versions[1]!;
    expect(v4.slices[0]!.latest).toBeNull();
    expect(v4.status).toBe(ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA);
    // Alerts: firing ones first.
    expect(body.alerts.map((a) => a.state)).toEqual([
      ML_ALERT_STATE_VALUE_FIRING,
      ML_ALERT_STATE_VALUE_FIRING,
      ML_ALERT_STATE_VALUE_FIRING,
      ML_ALERT_STATE_VALUE_RESOLVED,
    ]);
  });

  it('returns aligned per-feature drift histories with the drifted feature first', async () => {
    const res = await get(`/api/v1/models/${FIXTURE_MODEL}/versions/${FIXTURE_VERSION}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as VersionDetailResponse;
    expect(body.model).toEqual({
      name: FIXTURE_MODEL,
      version: FIXTURE_VERSION,
      task: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
    });
    expect(body.windowsRequested).toBe(20);
    const de = body.slices.find((s) => s.label === 'country=DE')!;
    expect(de.windows).toHaveLength(FIXTURE_WINDOWS);
    const amount = de.features.find(
      (f) => f.feature === FIXTURE_DRIFTED_FEATURE && f.kind === ML_DRIFT_KIND_VALUE_FEATURE,
    )!;
    expect(de.features[0]!.latest.status).toBe(ML_DRIFT_STATE_VALUE_DRIFT);
    expect(amount.method).toBe(ML_DRIFT_METHOD_VALUE_PSI);
    expect(amount.latest.status).toBe(ML_DRIFT_STATE_VALUE_DRIFT);
    expect(amount.history).toHaveLength(FIXTURE_WINDOWS);
    expect(amount.history[FIXTURE_DRIFT_FROM - 1]?.status).toBe(ML_DRIFT_STATE_VALUE_NO_DRIFT);
    expect(amount.history[FIXTURE_DRIFT_FROM]?.status).toBe(ML_DRIFT_STATE_VALUE_DRIFT);
    // Undecidable windows keep their state and carry no score.
    const age = de.features.find((f) => f.feature === 'account_age_days')!;
    expect(age.history[0]).toEqual({
      status: ML_DRIFT_STATE_VALUE_INSUFFICIENT_DATA,
      nCurrent: 18,
    });
    // Reliability diagram of the latest window: ten bins, ascending edges.
    expect(de.calibration.latest?.bins.map((b) => b.upperEdge)).toEqual([
      0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1,
    ]);
    expect(de.calibration.history).toHaveLength(FIXTURE_WINDOWS);
    expect(de.groundTruth).toHaveLength(FIXTURE_WINDOWS);
    expect(body.alerts.every((a) => a.modelVersion === FIXTURE_VERSION)).toBe(true);
    expect(body.telemetry.metrics.driftScore).toEqual({
      otlp: DESCRIPTOR_ML_DRIFT_SCORE.name,
      prometheus: DESCRIPTOR_ML_DRIFT_SCORE.prometheusName,
      instrument: DESCRIPTOR_ML_DRIFT_SCORE.instrument,
      unit: DESCRIPTOR_ML_DRIFT_SCORE.unit,
    });
    expect(body.telemetry.attributes.featureName.prometheus).toBe(
      ATTR_ML_FEATURE_NAME.replaceAll('.', '_'),
    );
    expect(body.telemetry.slicePrefix.prometheus).toBe(ATTR_ML_SLICE_PREFIX.replaceAll('.', '_'));
  });

  it('limits the history to ?windows=N', async () => {
    const res = await get(`/api/v1/models/${FIXTURE_MODEL}/versions/${FIXTURE_VERSION}?windows=5`);
    const body = (await res.json()) as VersionDetailResponse;
    expect(body.windowsRequested).toBe(5);
    for (const slice of body.slices) {
      expect(slice.windows).toHaveLength(5);
      for (const feature of slice.features) expect(feature.history).toHaveLength(5);
    }
  });

  it('routes mae/rmse to ml.quality.error and the rest to ml.quality.score', async () => {
    const body = (await (
      await get('/api/v1/models/eta-minutes/versions/2024-06')
    ).json()) as VersionDetailResponse;
    const quality = body.slices[0]!.quality;
    expect(quality.find((q) => q.metric === ML_QUALITY_METRIC_VALUE_MAE)?.instrument).toBe('error');
    expect(quality.find((q) => q.metric === ML_QUALITY_METRIC_VALUE_R2)?.instrument).toBe('score');
    expect(body.telemetry.metrics.qualityError.otlp).toBe(DESCRIPTOR_ML_QUALITY_ERROR.name);
    expect(body.slices[0]!.calibration.latest).toBeNull();
  });

  it('answers 404 with the known names for an unknown model or version', async () => {
    const model = await get('/api/v1/models/nope/versions/1');
    expect(model.status).toBe(404);
    const modelBody = (await model.json()) as StatusErrorResponse;
    expect(modelBody.error.code).toBe('model_not_found');
    expect(modelBody.error.message).toContain('"nope"');
    expect(modelBody.error.message).toContain(`"${FIXTURE_MODEL}"`);

    const version = await get(`/api/v1/models/${FIXTURE_MODEL}/versions/9`);
    expect(version.status).toBe(404);
    const versionBody = (await version.json()) as StatusErrorResponse;
    expect(versionBody.error.code).toBe('version_not_found');
    expect(versionBody.error.message).toBe(
      `model "${FIXTURE_MODEL}" has no version "9"; known versions: "3", "4"`,
    );

    const other = await get('/api/v1/nothing');
    expect(other.status).toBe(404);
    expect(((await other.json()) as StatusErrorResponse).error.code).toBe('not_found');
  });

  it('round-trips percent-encoded model names and versions', async () => {
    const list = (await (await get('/api/v1/models', odd)).json()) as ModelsResponse;
    const href = list.models[0]!.versions[0]!.href;
    expect(href).toBe('/api/v1/models/my%20model%2F%CE%B1/versions/1.0%20beta');
    const detail = await get(href, odd);
    expect(detail.status).toBe(200);
    expect(((await detail.json()) as VersionDetailResponse).model.name).toBe('my model/α');
  });

  it('rejects bad parameters and methods with a message', async () => {
    for (const bad of ['0', '501', 'abc', '1.5']) {
      const res = await get(`/api/v1/models/${FIXTURE_MODEL}/versions/3?windows=${bad}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as StatusErrorResponse).error.message).toContain('"windows"');
    }
    const badEncoding = await get('/api/v1/models/%E0%A4%A/versions/1');
    expect(badEncoding.status).toBe(400);
    const post = await fetch(`${baseUrl(server)}/api/v1/models`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves /healthz and /readyz, and leaves other paths to the caller', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/readyz', odd)).status).toBe(200);
    const notReadyRes = await get('/readyz', notReady);
    expect(notReadyRes.status).toBe(503);
    expect(await notReadyRes.json()).toEqual({
      status: 'not_ready',
      reason: 'restoring state from the data dir',
    });
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(418);
    const head = await fetch(`${baseUrl(server)}/api/v1/models`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
