/**
 * Test support: a tiny Open Inference Protocol (KServe V2) REST model server on node:http, and
 * a raw HTTP client that returns the exact reply bytes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** What the model server received. */
export interface Received {
  path: string;
  traceparent: string | undefined;
  host: string | undefined;
  body: Buffer;
}

/** A tiny OIP V2 model server. */
export function startModelServer(): Promise<{
  server: http.Server;
  port: number;
  received: Received[];
}> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '';
      received.push({
        path,
        traceparent: req.headers.traceparent as string | undefined,
        host: req.headers.host,
        body,
      });
      const json = (status: number, payload: unknown, extra: Record<string, string> = {}): void => {
        // Deliberately odd formatting: a proxy that re-serialises would change these bytes.
        const text = JSON.stringify(payload, null, 1);
        res.writeHead(status, {
          'content-type': 'application/json',
          'x-model-server': 'test-v2',
          ...extra,
        });
        res.end(text);
      };
      if (req.method === 'GET' && path === '/v2/health/ready') return json(200, { ready: true });
      if (req.method === 'GET' && path === '/stream') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        let i = 0;
        const timer = setInterval(() => {
          res.write(`chunk-${i}\n`);
          if (++i === 3) {
            clearInterval(timer);
            res.end('end\n');
          }
        }, 5);
        return undefined;
      }
      const infer = /^\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?\/infer$/.exec(path);
      if (!infer || req.method !== 'POST') return json(404, { error: `no route ${path}` });
      const [, model, version] = infer;
      if (model === 'slow') return undefined; // never answers
      if (model === 'missing') return json(404, { error: 'model missing not found' });
      if (model === 'broken') return json(500, { error: 'model crashed' });
      let request: {
        id?: string;
        inputs: { name: string; shape: number[]; datatype: string; data: number[] | number[][] }[];
      };
      try {
        request = JSON.parse(body.toString('utf8')) as typeof request;
      } catch {
        return json(400, { error: 'request body is not JSON' });
      }
      const input = request.inputs[0]!;
      const flat = (input.data as unknown[]).flat() as number[];
      const n = input.shape[0]!;
      const k = input.shape[1] ?? 1;
      const rows = Array.from({ length: n }, (_, i) => flat.slice(i * k, (i + 1) * k));
      if (model === 'fraud' || model === 'gz') {
        const p = rows.map((r) => 1 / (1 + Math.exp(-(0.01 * r[0]! - 0.05 * r[1]!))));
        const payload = {
          model_name: model,
          model_version: '3',
          id: request.id,
          outputs: [
            {
              name: 'probabilities',
              datatype: 'FP32',
              shape: [n, 2],
              data: p.flatMap((q) => [1 - q, q]),
            },
          ],
        };
        if (model === 'gz') {
          const zipped = gzipSync(JSON.stringify(payload));
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          return res.end(zipped);
        }
        return json(200, payload);
      }
      if (model === 'price') {
        return json(200, {
          model_name: 'price',
          model_version: version ?? 'latest',
          outputs: [
            { name: 'predict', datatype: 'FP64', shape: [n], data: rows.map((r) => r[0]! * 2.5) },
          ],
        });
      }
      if (model === 'labeler') {
        return json(200, {
          model_name: 'labeler',
          outputs: [
            {
              name: 'label',
              datatype: 'BYTES',
              shape: [n],
              data: rows.map((r) => (r[0]! > 0 ? 'spam' : 'ham')),
            },
            { name: 'confidence', datatype: 'FP32', shape: [n, 1], data: rows.map(() => 0.75) },
          ],
        });
      }
      return json(404, { error: 'unknown' });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, received }),
    );
  });
}

/** A reply with its exact body bytes. */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends one request (no connection reuse) and collects the reply. */
export function send(
  base: string,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, base),
      { method, headers: { ...headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** An OIP infer request body with one FP32 input tensor. */
export const inferBody = (id: string | undefined, data: number[][], name = 'features'): string =>
  JSON.stringify({
    ...(id === undefined ? {} : { id }),
    inputs: [{ name, datatype: 'FP32', shape: [data.length, data[0]!.length], data: data.flat() }],
  });
