/**
 * The scale-out topology of deploy/collector/scale-out.yaml, simulated on loopback: two real
 * processors behind a router that splits OTLP/HTTP JSON log requests record by record and
 * routes each record by the `ml.model.name` attribute on the loadbalancing exporter's
 * consistent-hash ring, as `routing_key: attributes` does. The application side is the real OTel
 * JS SDK. Each model's results must come from exactly one processor, with every prediction and
 * every label of the model there (the single-writer rule of docs/deployment.md).
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ATTR_ML_MODEL_NAME, ATTR_ML_PREDICTION_ID } from '@mlmon/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import {
  closedAfter,
  groundTruth,
  predictions,
  REGIONS,
  PER_REGION,
  T0,
  type ScenarioEvent,
} from '../processor/support/scenario.js';
import { sdkLogs, startTestService, type TestService } from '../processor/support/start-service.js';
import { attributesRoutingKey, LoadBalancingRing } from './load-balancing-ring.js';

/** The static resolver's hostnames from the shipped config: the ring is built over these names. */
const scaleOut = parse(
  readFileSync(new URL('../../deploy/collector/scale-out.yaml', import.meta.url), 'utf8'),
) as {
  exporters: Record<
    string,
    { routing_attributes: string[]; resolver: { static: { hostnames: string[] } } }
  >;
};
const lb = Object.entries(scaleOut.exporters).find(([name]) =>
  name.startsWith('loadbalancing'),
)![1];
const HOSTNAMES = lb.resolver.static.hostnames.slice(0, 2);
const ring = new LoadBalancingRing(HOSTNAMES);

const MODELS = ['fraud', 'churn', 'eta', 'ranker', 'spam', 'pricing'];
const ownerOf = (model: string): string =>
  ring.endpointFor(attributesRoutingKey(lb.routing_attributes.map((key) => [key, model] as const)));

interface OtlpJsonKeyValue {
  key: string;
  value: { stringValue?: string };
}
interface OtlpJsonLogs {
  resourceLogs: {
    resource?: unknown;
    scopeLogs: { scope?: unknown; logRecords: { attributes?: OtlpJsonKeyValue[] }[] }[];
  }[];
}

/** Splits a logs request by endpoint, keeping resource and scope around each record. */
function splitByOwner(body: OtlpJsonLogs): Map<string, OtlpJsonLogs> {
  const out = new Map<string, OtlpJsonLogs>();
  for (const rl of body.resourceLogs) {
    for (const sl of rl.scopeLogs) {
      for (const record of sl.logRecords) {
        const model =
          record.attributes?.find((a) => a.key === ATTR_ML_MODEL_NAME)?.value.stringValue ?? '';
        const endpoint = ownerOf(model);
        const request = out.get(endpoint) ?? { resourceLogs: [] };
        request.resourceLogs.push({
          resource: rl.resource,
          scopeLogs: [{ scope: sl.scope, logRecords: [record] }],
        });
        out.set(endpoint, request);
      }
    }
  }
  return out;
}

describe('scale-out: routing by ml.model.name over two processors', () => {
  const processors = new Map<string, TestService>();
  let router: Server;
  let routerPort: number;

  beforeAll(async () => {
    for (const [index, hostname] of HOSTNAMES.entries()) {
      processors.set(hostname, await startTestService(T0, { processorId: `mlmon-${index}` }));
    }
    // The router stands in for the Collector: it answers only after the processors did.
    router = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpJsonLogs;
        const forwards = [...splitByOwner(body)].map(async ([endpoint, request]) => {
          const port = processors.get(endpoint)!.addresses.otlpHttpPort;
          const answer = await fetch(`http://127.0.0.1:${port}/v1/logs`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(request),
          });
          if (answer.status !== 200) throw new Error(`${endpoint} answered ${answer.status}`);
        });
        Promise.all(forwards).then(
          () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
          (error: Error) => res.writeHead(503).end(error.message),
        );
      });
    });
    router.listen(0, '127.0.0.1');
    await once(router, 'listening');
    routerPort = (router.address() as AddressInfo).port;
  });

  afterAll(async () => {
    router?.close();
    for (const p of processors.values()) await p.stop();
  });

  it('the ring is consistent: dropping a processor moves only the models it owned', () => {
    const three = new LoadBalancingRing(['mlmon-0:4317', 'mlmon-1:4317', 'mlmon-2:4317']);
    const two = new LoadBalancingRing(['mlmon-0:4317', 'mlmon-1:4317']);
    let moved = 0;
    for (let i = 0; i < 3000; i += 1) {
      const key = attributesRoutingKey([[ATTR_ML_MODEL_NAME, `model-${i}`]]);
      const before = three.endpointFor(key);
      if (before === 'mlmon-2:4317') moved += 1;
      else expect(two.endpointFor(key)).toBe(before);
    }
    // About a third of the keys lived on the dropped processor (100 ring points each).
    expect(moved / 3000).toBeGreaterThan(0.2);
    expect(moved / 3000).toBeLessThan(0.47);
  });

  it('the ring spreads the test models over both processors', () => {
    expect(new Set(MODELS.map(ownerOf))).toEqual(new Set(HOSTNAMES));
  });

  it("puts each model's predictions and labels on exactly one processor", async () => {
    const events: ScenarioEvent[] = [];
    for (const [index, model] of MODELS.entries()) {
      const window = predictions(T0, 100 + index, 0);
      const labels = groundTruth(window.ids, T0 + 55_000, 200 + index);
      for (const e of [...window.events, ...labels.events]) {
        // Prediction ids are unique per process in real traffic; the scenario's are per model.
        const id = `${model}:${String(e.attributes[ATTR_ML_PREDICTION_ID])}`;
        events.push({
          ...e,
          attributes: { ...e.attributes, [ATTR_ML_MODEL_NAME]: model, [ATTR_ML_PREDICTION_ID]: id },
        });
      }
    }
    const sdk = sdkLogs(
      { otlpHttpPort: routerPort, otlpGrpcPort: null, prometheusPort: 0 },
      'http/json',
    );
    try {
      await sdk.send(events);
    } finally {
      await sdk.shutdown();
    }

    const results = new Map<string, WindowResult[]>();
    for (const [hostname, p] of processors) {
      p.clock.advance(closedAfter(T0) - p.clock.now());
      results.set(hostname, await p.service.flush());
    }
    for (const model of MODELS) {
      const holders = [...results].filter(([, list]) =>
        list.some((r) => r.stream.modelName === model),
      );
      expect(
        holders.map(([hostname]) => hostname),
        model,
      ).toEqual([ownerOf(model)]);
      const all = holders[0]![1].find(
        (r) => r.stream.modelName === model && Object.keys(r.stream.slice).length === 0,
      )!;
      expect(all.samples.current, model).toBe(REGIONS.length * PER_REGION);
      // Every label met its prediction: the labels followed the model to its processor.
      expect(all.groundTruth.labeled, model).toBe(REGIONS.length * PER_REGION);
      expect(all.groundTruth.coverage, model).toBe(1);
    }
  });
});
