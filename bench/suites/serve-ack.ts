/**
 * Ack latency through `mlmon serve` while evaluation passes run. The real CLI (built, as
 * installed; its own defaults: durable write-ahead log in a fresh data directory) on
 * 127.0.0.1 receives OTLP/HTTP JSON logs from two clients: a bulk sender filling S streams × 20
 * numeric features every window, and a probe sending a small request every 50 ms, one at a
 * time, whose acknowledgement latency (request start → response end) is recorded. The service
 * logs every pass of a second or more ("evaluation pass: … in N ms"); a probe overlapping a
 * logged pass or the second after it (the checkpoint and export that follow) is "during", one
 * more than a second away from all of that is "between".
 * Goal: p99 during ≤ 2 × p99 between (the receivers are not blocked by the pass).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  ATTR_ML_FEATURES,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_LABEL,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_SLICE,
  EVENT_ML_PREDICTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
} from '@mlmon/conventions';
import { quantile } from '../lib/measure.js';
import { postOtlp } from '../lib/post-otlp.js';
import { plainRow, round, type SuiteOptions, type SuiteResult } from '../lib/row.js';
import { normalSource, NUMERIC_NAMES, seededRandom } from '../lib/synthetic.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The `mlmon` command as installed: the built CLI. */
const CLI = join(ROOT, 'processor/bin/mlmon.js');
const STREAMS = 1000;
const EVENTS_PER_STREAM = 30;
const BULK_EVENTS = 500;
const PROBE_EVENTS = 20;
const PROBE_EVERY_MS = 50;
const GOAL_RATIO = 2;
/** What follows a pass in the same flush (checkpoint, export), counted as part of it. */
const AFTER_PASS_MS = 1000;

/** One acknowledged probe: when it started and how long its acknowledgement took (ms). */
interface Probe {
  start: number;
  latency: number;
}

/** A logged pass, as [start, end] on this process's `performance.now()` clock. */
type Pass = [number, number];

/** An OTLP/HTTP JSON logs body of `events` predictions spread over the given streams. */
function logsBody(
  events: number,
  streamOf: (i: number) => number,
  nowMs: number,
  next: () => number,
): string {
  const kv = (key: string, value: object) => ({ key, value });
  const records = [];
  for (let i = 0; i < events; i++) {
    const score = (next() + 3) / 6;
    const t = String(BigInt(nowMs) * 1_000_000n);
    records.push({
      timeUnixNano: t,
      observedTimeUnixNano: t,
      severityNumber: 9,
      eventName: EVENT_ML_PREDICTION,
      attributes: [
        kv(ATTR_ML_MODEL_NAME, { stringValue: 'bench-serve' }),
        kv(ATTR_ML_MODEL_VERSION, { stringValue: '1' }),
        kv(ATTR_ML_MODEL_TASK, { stringValue: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION }),
        kv(ATTR_ML_PREDICTION_SCORE, { doubleValue: Math.min(1, Math.max(0, score)) }),
        kv(ATTR_ML_PREDICTION_LABEL, { stringValue: score >= 0.5 ? 'fraud' : 'legit' }),
        kv(ATTR_ML_SLICE('shard'), { stringValue: `s${streamOf(i)}` }),
        kv(ATTR_ML_FEATURES, {
          kvlistValue: {
            values: NUMERIC_NAMES.map((name, j) => kv(name, { doubleValue: j / 10 + next() })),
          },
        }),
      ],
    });
  }
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [kv('service.name', { stringValue: 'mlmon-bench' })] },
        scopeLogs: [{ scope: { name: 'bench' }, logRecords: records }],
      },
    ],
  });
}

/** POSTs an OTLP/HTTP JSON logs body; resolves with the status code. */
async function post(port: number, agent: Agent, body: string): Promise<number> {
  return (await postOtlp(port, agent, '/v1/logs', body, 'application/json')).status;
}

/** Runs the serve-ack suite. */
export async function runServeAck(options: SuiteOptions): Promise<SuiteResult> {
  const windowSeconds = options.quick ? 15 : 20;
  const windows = options.quick ? 4 : 6;
  const dataDir = mkdtempSync(join(tmpdir(), 'mlmon-bench-serve-'));
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--host',
      '127.0.0.1',
      '--otlp-http-port',
      '0',
      '--otlp-grpc-port',
      '0',
      '--prometheus-port',
      '0',
      '--window-seconds',
      String(windowSeconds),
      '--allowed-lateness-seconds',
      '0',
      '--data-dir',
      dataDir,
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const passes: Pass[] = [];
  const logLines: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`mlmon serve exited (${code}): ${logLines.join(' | ')}`)),
    );
    createInterface({ input: child.stderr! }).on('line', (line) => {
      const now = performance.now();
      logLines.push(line);
      const listening = /listening: OTLP\/HTTP [^:]+:(\d+)/.exec(line);
      if (listening) resolve(Number(listening[1]));
      const pass = /evaluation pass: .* in (\d+) ms/.exec(line);
      if (pass) passes.push([now - Number(pass[1]), now]);
    });
  });
  const probes: Probe[] = [];
  let refused = 0;
  try {
    const bulkAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const next = normalSource(seededRandom(5));
    const endAt = performance.now() + windows * windowSeconds * 1000;
    options.log(
      `serve-ack: ${STREAMS} streams × 20 features, ${EVENTS_PER_STREAM} events/stream/window, ${windows} windows of ${windowSeconds} s through mlmon serve`,
    );
    const bulk = (async () => {
      const perWindow = STREAMS * EVENTS_PER_STREAM;
      const requests = perWindow / BULK_EVENTS;
      // Spread each window's requests over its first two thirds.
      const gapMs = (windowSeconds * 1000 * 2) / 3 / requests;
      let sent = 0;
      while (performance.now() < endAt) {
        const offset = (sent % requests) * BULK_EVENTS;
        const body = logsBody(BULK_EVENTS, (i) => (offset + i) % STREAMS, Date.now(), next);
        const started = performance.now();
        const status = await post(port, bulkAgent, body);
        if (status !== 200) refused++;
        sent++;
        const wait = gapMs - (performance.now() - started);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    })();
    const probe = (async () => {
      let k = 0;
      while (performance.now() < endAt) {
        const body = logsBody(
          PROBE_EVENTS,
          (i) => (k * PROBE_EVENTS + i) % STREAMS,
          Date.now(),
          next,
        );
        const start = performance.now();
        const status = await post(port, probeAgent, body);
        const latency = performance.now() - start;
        if (status === 200) probes.push({ start, latency });
        else refused++;
        k++;
        const wait = PROBE_EVERY_MS - latency;
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    })();
    await Promise.all([bulk, probe]);
    bulkAgent.destroy();
    probeAgent.destroy();
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  // A pass is followed by the checkpoint and export of its results: "during" covers a second
  // after the logged end too; "between" keeps a second's distance from that span.
  const busy = passes.map(([s, e]): Pass => [s, e + AFTER_PASS_MS]);
  const during = probes.filter((p) =>
    busy.some(([s, e]) => p.start <= e && p.start + p.latency >= s),
  );
  const between = probes.filter((p) =>
    busy.every(([s, e]) => p.start + p.latency < s - 1000 || p.start > e + 1000),
  );
  const p99 = (list: Probe[]) =>
    list.length === 0
      ? null
      : quantile(
          list.map((p) => p.latency),
          0.99,
        );
  const pDuring = p99(during);
  const pBetween = p99(between);
  const ratio = pDuring !== null && pBetween !== null ? pDuring / pBetween : null;
  const passMs = passes.map(([s, e]) => Math.round(e - s));
  return {
    rows: [
      plainRow('streams.serve.ack_p99.during_pass', 'ms', round(pDuring)),
      plainRow('streams.serve.ack_p99.between_passes', 'ms', round(pBetween)),
      {
        name: 'streams.serve.ack_p99.during_vs_between',
        unit: 'ratio',
        value: round(pDuring),
        baseline: 'ack p99 between passes',
        baseline_value: round(pBetween),
        ratio: round(ratio),
        goal: `ratio <= ${GOAL_RATIO}`,
        met: ratio === null ? null : ratio <= GOAL_RATIO,
      },
    ],
    notes: [
      `serve-ack: ${STREAMS} streams through \`mlmon serve\` (durable, the built CLI), ${windows} windows of ${windowSeconds} s; logged passes (wall ms): ${passMs.join(', ') || 'none'}; probes ${probes.length} (${during.length} during a pass, ${between.length} between), refused requests ${refused}.` +
        (ratio === null
          ? ' No probe fell during (or between) a logged pass: the ratio is not measured.'
          : ''),
    ],
  };
}
