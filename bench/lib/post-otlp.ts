/**
 * One OTLP/HTTP POST on loopback with a keep-alive agent, as the load generators send it:
 * resolves with the status code and the time from the request's start to the response's end.
 */
import { request, type Agent } from 'node:http';

/** POSTs `body` to `path` on 127.0.0.1:`port`. */
export function postOtlp(
  port: number,
  agent: Agent,
  path: string,
  body: Buffer | string,
  contentType: 'application/x-protobuf' | 'application/json',
): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}
