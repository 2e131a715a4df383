/**
 * Row 2 (loopback): the real service (`MlmonService`, in a child process) receiving the fixed
 * 1000-event OTLP logs payload over OTLP/HTTP on 127.0.0.1 from a bounded load generator
 * (a fixed number of requests, a time limit, a fixed number in flight). Reports events/s and
 * the p50/p99 acknowledgment latency (request sent → response received), without the
 * write-ahead log (state in memory only) and with it (as `mlmon serve --data-dir DIR`: each
 * request is logged and acknowledged only once its record is synced). Prediction ids are
 * rewritten per request (same length, so the protobuf stays valid) so that every request
 * carries new predictions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildLogsPayload } from '../lib/logs-payload.js';
import { postOtlp } from '../lib/post-otlp.js';
import { median, quantile } from '../lib/measure.js';
import { CHILD_IMPORTS } from '../lib/child-node-args.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER = join(ROOT, 'bench/children/otlp-http-server.ts');
const IN_FLIGHT = 4;

/** What the data directory holds: write-ahead-log segment bytes and whether a checkpoint exists. */
function dataDirContents(dir: string): { walBytes: number; segments: number; checkpoint: boolean } {
  let walBytes = 0;
  let segments = 0;
  let checkpoint = false;
  for (const name of readdirSync(dir)) {
    if (/^wal-\d{16}\.log$/.test(name)) {
      walBytes += statSync(join(dir, name)).size;
      segments++;
    } else if (name.startsWith('checkpoint')) checkpoint = true;
  }
  return { walBytes, segments, checkpoint };
}

/** Starts the service child; resolves with its OTLP/HTTP port. */
async function startServer(
  dataDir?: string,
): Promise<{ child: ChildProcess; port: number; durable: boolean }> {
  const child = spawn(process.execPath, [...CHILD_IMPORTS, SERVER, ...(dataDir ? [dataDir] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ port: number; durable: boolean }>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the service child exited (${code}) before listening`)),
    );
    lines.once('line', (line) => resolve(JSON.parse(line) as { port: number; durable: boolean }));
  });
  return { child, ...ready };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Offsets of the 36-character UUIDs (prediction ids) in the payload. */
function uuidOffsets(bytes: Uint8Array): number[] {
  const text = Buffer.from(bytes).toString('latin1');
  const re = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  const out: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

/** A copy of the payload whose ids start with the request number in hex (unique per request). */
function withRequestIds(bytes: Uint8Array, offsets: readonly number[], n: number): Buffer {
  const copy = Buffer.from(bytes);
  const tag = Buffer.from(n.toString(16).padStart(8, '0'), 'latin1');
  for (const at of offsets) tag.copy(copy, at);
  return copy;
}

interface LoadResult {
  requests: number;
  failed: number;
  events: number;
  seconds: number;
  latenciesMs: number[];
  statuses: Record<string, number>;
}

/** POSTs up to `maxRequests` payloads (stopping after `maxSeconds`), `IN_FLIGHT` at a time. */
async function generateLoad(
  port: number,
  payload: Uint8Array,
  events: number,
  maxRequests: number,
  maxSeconds: number,
  first: number,
): Promise<LoadResult> {
  const offsets = uuidOffsets(payload);
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const result: LoadResult = {
    requests: 0,
    failed: 0,
    events: 0,
    seconds: 0,
    latenciesMs: [],
    statuses: {},
  };
  const deadline = performance.now() + maxSeconds * 1000;
  let next = 0;
  const post = (body: Buffer) => postOtlp(port, agent, '/v1/logs', body, 'application/x-protobuf');
  const worker = async (): Promise<void> => {
    while (next < maxRequests && performance.now() < deadline) {
      const body = withRequestIds(payload, offsets, first + next++);
      const { status, ms } = await post(body);
      result.requests++;
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      if (status === 200) {
        result.events += events;
        result.latenciesMs.push(ms);
      } else result.failed++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  result.seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return result;
}

/** One configuration's rows. */
function loadRows(prefix: string, r: LoadResult): BenchRow[] {
  const ok = r.latenciesMs.length > 0;
  return [
    plainRow(`${prefix}.throughput`, 'events/s', round(r.events / r.seconds)),
    plainRow(`${prefix}.ack_latency_p50`, 'ms', ok ? round(median(r.latenciesMs)) : null),
    plainRow(`${prefix}.ack_latency_p99`, 'ms', ok ? round(quantile(r.latenciesMs, 0.99)) : null),
  ];
}

/** Runs the loopback part of row 2. */
export async function runIngestHttp(options: SuiteOptions): Promise<SuiteResult> {
  const payload = buildLogsPayload(1000, 23);
  const maxRequests = options.quick ? 120 : 600;
  const maxSeconds = options.quick ? 20 : 60;
  const warmup = 10;
  const notes: string[] = [];
  const rows: BenchRow[] = [];

  const measure = async (prefix: string, dataDir?: string): Promise<void> => {
    const { child, port, durable } = await startServer(dataDir);
    try {
      if (durable !== (dataDir !== undefined)) {
        throw new Error(`${prefix}: the service child reports durable=${durable}`);
      }
      await generateLoad(port, payload.bytes, payload.events, warmup, 30, 0);
      options.log(
        `ingest-http ${prefix}: up to ${maxRequests} requests or ${maxSeconds} s, ${IN_FLIGHT} in flight`,
      );
      const r = await generateLoad(
        port,
        payload.bytes,
        payload.events,
        maxRequests,
        maxSeconds,
        warmup,
      );
      let wal = '';
      if (dataDir !== undefined) {
        // Proof that the rows measure a service that logs: the segments hold at least every
        // acknowledged request's body (unless a periodic checkpoint already dropped them).
        const d = dataDirContents(dataDir);
        const acknowledged = (warmup + r.requests - r.failed) * payload.bytes.length;
        if (d.walBytes < acknowledged && !d.checkpoint) {
          rows.push(...nullRows(prefix));
          notes.push(
            `${prefix}: NOT MEASURED — the data directory holds ${d.walBytes} B of write-ahead log for ${acknowledged} B of acknowledged request bodies, so the service did not log them.`,
          );
          return;
        }
        wal = ` Write-ahead log: ${d.segments} segment(s), ${round(d.walBytes / 1e6, 3)} MB on disk (ext4) for ${warmup + r.requests - r.failed} acknowledged requests${d.checkpoint ? ', a checkpoint was written' : ''}.`;
      }
      rows.push(...loadRows(prefix, r));
      notes.push(
        `${prefix}: ${r.requests} requests of ${payload.bytes.length} B (${payload.events} events) in ${round(r.seconds, 3)} s, ${IN_FLIGHT} in flight, statuses ${JSON.stringify(r.statuses)}, after ${warmup} warm-up requests; server in its own process${durable ? ' with durable: true and data-dir (as `mlmon serve`)' : ', state in memory only'}.${wal}`,
      );
    } finally {
      await stopServer(child);
    }
  };

  await measure('ingest.http_loopback.no_wal');
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-bench-wal-'));
  try {
    await measure('ingest.http_loopback.wal', dir);
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
  return { rows, notes };
}

/** The rows of a configuration that could not be measured. */
function nullRows(prefix: string): BenchRow[] {
  return [
    plainRow(`${prefix}.throughput`, 'events/s', null),
    plainRow(`${prefix}.ack_latency_p50`, 'ms', null),
    plainRow(`${prefix}.ack_latency_p99`, 'ms', null),
  ];
}
