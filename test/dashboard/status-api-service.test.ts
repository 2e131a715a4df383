/**
 * The status API over a real in-process processor: the drift scenario (reference window, then a
 * window where only `amount` shifts, with labels) goes through the real OTel SDK over OTLP/HTTP;
 * the API, fed by `statusSourceFromResults` over the service's results, must report `amount`
 * as drifted in both slices, `age` and `channel` not, and full label coverage.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ML_DRIFT_KIND_VALUE_FEATURE,
  ML_DRIFT_STATE_VALUE_DRIFT,
  ML_DRIFT_STATE_VALUE_NO_DRIFT,
} from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleStatusRequest } from '../../processor/src/status-api/handle-status-request.js';
import { statusSourceFromResults } from '../../processor/src/status-api/status-source-from-results.js';
import type {
  ModelsResponse,
  VersionDetailResponse,
} from '../../processor/src/status-api/types.js';
import {
  closedAfter,
  driftScenario,
  MODEL,
  PER_REGION,
  REGIONS,
  SLICE_KEY,
  T0,
  T1,
  VERSION,
} from '../processor/support/scenario.js';
import { sdkLogs, startTestService, type TestService } from '../processor/support/start-service.js';

describe('status API over a real processor', () => {
  let svc: TestService;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const scenario = driftScenario();
    svc = await startTestService(T0);
    const sdk = sdkLogs(svc.addresses, 'http/protobuf');
    try {
      svc.clock.set(T0 + 55_000);
      await sdk.send(scenario.reference);
      svc.clock.set(closedAfter(T0));
      await svc.service.flush();
      svc.clock.set(T1 + 55_000);
      await sdk.send(scenario.current);
      await sdk.send(scenario.labels);
      svc.clock.set(closedAfter(T1));
      await svc.service.flush();
    } finally {
      await sdk.shutdown();
    }
    const source = statusSourceFromResults(svc.service);
    server = createServer((req, res) => {
      if (!handleStatusRequest(req, res, source, { now: () => svc.clock.now() })) {
        res.writeHead(404).end();
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server?.close();
    await svc?.stop();
  });

  it('lists the model, its version and slices with amount drifted in the latest window', async () => {
    const body = (await (await fetch(`${base}/api/v1/models`)).json()) as ModelsResponse;
    expect(body.generatedAtUnixMillis).toBe(closedAfter(T1));
    expect(body.models.map((m) => m.name)).toEqual([MODEL]);
    const version = body.models[0]!.versions[0]!;
    expect(version.version).toBe(VERSION);
    expect(version.slices.map((s) => s.label)).toEqual([
      'all',
      ...REGIONS.map((r) => `${SLICE_KEY}=${r}`),
    ]);
    for (const slice of version.slices) {
      expect(slice.latest?.startUnixMillis, slice.label).toBe(T1);
      expect(slice.latest?.status, slice.label).toBe(ML_DRIFT_STATE_VALUE_DRIFT);
      expect(slice.latest?.driftedFeatures, slice.label).toEqual(['amount']);
    }
    expect(version.status).toBe(ML_DRIFT_STATE_VALUE_DRIFT);
  });

  it('returns per-feature histories, reliability bins and coverage per slice', async () => {
    const res = await fetch(
      `${base}/api/v1/models/${encodeURIComponent(MODEL)}/versions/${encodeURIComponent(VERSION)}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as VersionDetailResponse;
    for (const slice of body.slices) {
      const n = slice.label === 'all' ? REGIONS.length * PER_REGION : PER_REGION;
      const last = slice.windows.length - 1;
      expect(slice.windows[last]?.startUnixMillis, slice.label).toBe(T1);
      const primary = (feature: string) =>
        slice.features.find(
          (f) =>
            f.feature === feature && f.kind === ML_DRIFT_KIND_VALUE_FEATURE && f.latest.primary,
        );
      expect(primary('amount')?.history[last]?.status, slice.label).toBe(
        ML_DRIFT_STATE_VALUE_DRIFT,
      );
      expect(primary('age')?.history[last]?.status, slice.label).toBe(
        ML_DRIFT_STATE_VALUE_NO_DRIFT,
      );
      expect(primary('amount')?.latest.nCurrent, slice.label).toBe(n);
      // Drifted rows first.
      expect(slice.features[0]?.latest.status, slice.label).toBe(ML_DRIFT_STATE_VALUE_DRIFT);
      const bins = slice.calibration.latest?.bins ?? [];
      expect(bins.map((b) => b.upperEdge)).toHaveLength(10);
      expect(
        bins.reduce((sum, b) => sum + b.count, 0),
        slice.label,
      ).toBe(n);
      expect(slice.groundTruth[last]?.coverage, slice.label).toBe(1);
      expect(slice.samples[last], slice.label).toMatchObject({ current: n, labeled: n });
    }
  });
});
