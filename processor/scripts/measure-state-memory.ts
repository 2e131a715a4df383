/**
 * Measures the heap held per stream by the monitoring state (issue 9 item 3 goal: <= 64 KiB per
 * stream with 20 features). Not a test: numbers depend on the V8 version, so this prints them.
 *
 * Each stream is one `ml.slice.shard` value of a binary-classification model; every prediction
 * carries 20 numeric features, 3 categorical features, a score and a predicted label (with
 * `--labels`, also an id and a matching `ml.ground_truth` event, so the labeled accumulators
 * fill too). Phases, each as heap bytes (heapUsed + arrayBuffers, after forced GCs) per stream:
 *   open        one open window of EVENTS predictions per stream
 *   steady      window 0 closed and kept as the first-window reference, window 1 open
 *   stateOnly   window 1 closed too (the state now also caches the reference's snapshots),
 *               window 2 open: everything the state holds per stream
 *   evaluated   window 2 closed and evaluated with a reference cache kept as a service keeps
 *               it (evaluate's built references, 20-replicate null ladders), window 3 open
 *
 * Usage: node --import tsx processor/scripts/measure-state-memory.ts [--labels] [STREAMS…]
 *        (default 1000 10000; each size runs in its own `node --expose-gc` child)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  ATTR_ML_FEATURES,
  ATTR_ML_GROUND_TRUTH_LABEL,
  ATTR_ML_MODEL_NAME,
  ATTR_ML_MODEL_TASK,
  ATTR_ML_MODEL_VERSION,
  ATTR_ML_PREDICTION_ID,
  ATTR_ML_PREDICTION_LABEL,
  ATTR_ML_PREDICTION_SCORE,
  ATTR_ML_SLICE,
  EVENT_ML_GROUND_TRUTH,
  EVENT_ML_PREDICTION,
  ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
} from '@mlmon/conventions';
import { ingest } from '../src/core.js';
import type { AnyValue, LogRecord, OtlpRequest } from '../src/decode/otlp-types.js';
import { evaluateWindow } from '../src/evaluate/evaluate-window.js';
import { ReferenceCache } from '../src/evaluate/reference-cache.js';
import { closeWindows } from '../src/state/close-windows.js';
import type { MonitorState } from '../src/state/monitor-state.js';
import { createState } from '../src/state/streams.js';

const EVENTS_PER_STREAM = 100;
const WINDOW_SECONDS = 60;
const T0 = 1_800_000_000_000;
const CATEGORIES: readonly (readonly string[])[] = [
  ['eu', 'us'],
  ['web', 'ios', 'android'],
  ['free', 'pro', 'team', 'enterprise'],
];

/** mulberry32: seeded uniform draws in [0, 1). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function logRecord(timeMs: number, attributes: Record<string, AnyValue>, event: string): LogRecord {
  const t = BigInt(timeMs) * 1_000_000n;
  return {
    timeUnixNano: t,
    observedTimeUnixNano: t,
    severityNumber: 9,
    severityText: 'INFO',
    body: undefined,
    attributes,
    droppedAttributesCount: 0,
    flags: 0,
    traceId: '',
    spanId: '',
    eventName: event,
  } as unknown as LogRecord;
}

function send(state: MonitorState, records: LogRecord[], nowMs: number): void {
  const request = {
    signal: 'logs',
    request: {
      resourceLogs: [
        {
          resource: { attributes: { 'service.name': 'measure' }, droppedAttributesCount: 0 },
          scopeLogs: [{ scope: { name: 'measure', version: '1' }, logRecords: records }],
        },
      ],
    },
  } as unknown as OtlpRequest;
  const r = ingest(state, request, nowMs);
  if (r.accepted !== records.length) {
    throw new Error(`only ${r.accepted}/${records.length} records accepted: ${JSON.stringify(r)}`);
  }
}

/** Fills window `k` with EVENTS_PER_STREAM predictions (and labels) per stream. */
function fill(state: MonitorState, k: number, streams: number, labels: boolean): void {
  const u = seeded(1000 + k);
  const start = T0 + k * WINDOW_SECONDS * 1000;
  const now = start + 2000;
  let batch: LogRecord[] = [];
  for (let e = 0; e < EVENTS_PER_STREAM; e++) {
    for (let s = 0; s < streams; s++) {
      const features: Record<string, AnyValue> = {};
      for (let i = 0; i < 20; i++) {
        // Normal-ish (sum of 3 uniforms) with a per-feature shift.
        features[`f${String(i).padStart(2, '0')}`] = i / 10 + (u() + u() + u() - 1.5) * 2;
      }
      CATEGORIES.forEach((values, i) => {
        features[`c${i}`] = values[Math.floor(u() * values.length)]!;
      });
      const score = u();
      const id = `${k}-${s}-${e}`;
      const common = {
        [ATTR_ML_MODEL_NAME]: 'measure',
        [ATTR_ML_MODEL_VERSION]: '1',
        [ATTR_ML_SLICE('shard')]: `s${s}`,
      };
      batch.push(
        logRecord(
          start + 500,
          {
            ...common,
            [ATTR_ML_MODEL_TASK]: ML_MODEL_TASK_VALUE_BINARY_CLASSIFICATION,
            [ATTR_ML_PREDICTION_SCORE]: score,
            [ATTR_ML_PREDICTION_LABEL]: score >= 0.5 ? '1' : '0',
            ...(labels ? { [ATTR_ML_PREDICTION_ID]: id } : {}),
            [ATTR_ML_FEATURES]: features,
          },
          EVENT_ML_PREDICTION,
        ),
      );
      if (labels) {
        batch.push(
          logRecord(
            start + 1000,
            {
              ...common,
              [ATTR_ML_PREDICTION_ID]: id,
              [ATTR_ML_GROUND_TRUTH_LABEL]: u() < score ? '1' : '0',
            },
            EVENT_ML_GROUND_TRUTH,
          ),
        );
      }
      if (batch.length >= 2000) {
        send(state, batch, now);
        batch = [];
      }
    }
  }
  if (batch.length > 0) send(state, batch, now);
}

function heapBytes(gc: () => void): { heap: number; arrayBuffers: number } {
  for (let i = 0; i < 4; i++) gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, arrayBuffers: m.arrayBuffers };
}

function child(streams: number, labels: boolean): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the child with node --expose-gc');
  const newState = (): MonitorState =>
    createState({
      windowSeconds: WINDOW_SECONDS,
      allowedLatenessSeconds: 0,
      maxSliceStreams: streams * 2 + 10,
    });
  const closeWindow = (state: MonitorState, k: number) =>
    closeWindows(state, T0 + (k + 1) * WINDOW_SECONDS * 1000 + 1);
  // Warm-up on a tiny state so compiled code and module caches are in the baseline.
  {
    const warm = newState();
    const cache = new ReferenceCache(100);
    fill(warm, 0, 2, labels);
    for (const w of closeWindow(warm, 0)) evaluateWindow(w, { cache });
    fill(warm, 1, 2, labels);
    for (const w of closeWindow(warm, 1)) evaluateWindow(w, { cache });
  }
  const base = heapBytes(gc);
  const per = (m: { heap: number; arrayBuffers: number }) => ({
    heapPerStream: Math.round((m.heap - base.heap) / streams),
    arrayBuffersPerStream: Math.round((m.arrayBuffers - base.arrayBuffers) / streams),
    totalPerStream: Math.round((m.heap + m.arrayBuffers - base.heap - base.arrayBuffers) / streams),
  });
  const state = newState();
  fill(state, 0, streams, labels);
  const open = per(heapBytes(gc));
  closeWindow(state, 0); // window 0 becomes each stream's reference (its accumulators are kept)
  fill(state, 1, streams, labels);
  const steady = per(heapBytes(gc));
  closeWindow(state, 1); // the reference's snapshot is now cached in the state too
  fill(state, 2, streams, labels);
  const stateOnly = per(heapBytes(gc));
  const cache = new ReferenceCache((streams + 1) * 30);
  const ladder = { reference: { ladder: { replicates: 20 } } };
  for (const w of closeWindow(state, 2)) evaluateWindow(w, { ...ladder, cache });
  fill(state, 3, streams, labels);
  const evaluated = per(heapBytes(gc));
  process.stdout.write(
    `${JSON.stringify({ streams, labels, events: EVENTS_PER_STREAM, open, steady, stateOnly, evaluated, keep: [state.models.size, cache.size] })}\n`,
  );
}

const args = process.argv.slice(2);
const childAt = args.indexOf('--child');
const labels = args.includes('--labels');
if (childAt >= 0) {
  child(Number(args[childAt + 1]), labels);
} else {
  const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
  const self = fileURLToPath(import.meta.url);
  console.log(
    `bytes per stream (heapUsed + arrayBuffers), ${EVENTS_PER_STREAM} predictions per stream per window, 20 numeric + 3 categorical features${labels ? ', labeled' : ''}`,
  );
  console.log('| streams | phase | heap | arrayBuffers | total | KiB |');
  console.log('|---:|---|---:|---:|---:|---:|');
  for (const n of sizes.length > 0 ? sizes : [1000, 10000]) {
    const r = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--max-old-space-size=6144',
        '--import',
        'tsx',
        self,
        '--child',
        String(n),
        ...(labels ? ['--labels'] : []),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (r.status !== 0) throw new Error(`child for ${n} streams failed (exit ${r.status})`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<
      string,
      { heapPerStream: number; arrayBuffersPerStream: number; totalPerStream: number }
    >;
    for (const phase of ['open', 'steady', 'stateOnly', 'evaluated']) {
      const p = out[phase]!;
      console.log(
        `| ${n} | ${phase} | ${p.heapPerStream} | ${p.arrayBuffersPerStream} | ${p.totalPerStream} | ${(p.totalPerStream / 1024).toFixed(1)} |`,
      );
    }
  }
}
