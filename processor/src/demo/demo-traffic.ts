/**
 * The demo's clients: every tick each country sends a small batch of applicants to the model
 * server, and each prediction's outcome is reported a few seconds later with `recordGroundTruth`
 * (as a loan system would once the repayment is known). Ticks are scheduled against the wall
 * clock from the first window boundary, and the story's phase comes from the tick number, so a
 * seed fixes the whole sequence of rows and labels.
 */
import { ML_GROUND_TRUTH_SOURCE_VALUE_DELAYED_OUTCOME } from '@mlmon/conventions';
import { recordGroundTruth } from '@mlmon/instrumentation';
import type { DemoPrediction, DemoProviders } from './demo-model-server.js';
import {
  DEMO_COUNTRIES,
  DEMO_MODEL_NAME,
  DEMO_MODEL_VERSION,
  DemoTraffic,
  type DemoFault,
  type DemoRow,
} from './demo-scenario.js';

/** Options of {@link startDemoTraffic}. */
export interface DemoTrafficOptions {
  /** Model server base URL. */
  readonly modelUrl: string;
  readonly providers: DemoProviders;
  readonly seed: number;
  /** Window length; the story advances one phase per window. */
  readonly windowSeconds: number;
  /** Start of window 0 (the reference window), Unix epoch milliseconds. */
  readonly startUnixMillis: number;
  /** Predictions per second per country. */
  readonly ratePerSecond: number;
  /** Called when a request fails (the demo keeps going). */
  readonly onError: (message: string) => void;
}

/** Running traffic. */
export interface DemoTrafficHandle {
  /** Predictions sent so far. */
  readonly sent: () => number;
  /** Stops sending; outcomes not yet due are dropped. */
  stop(): void;
}

const TICK_MILLIS = 250;

/** Starts the clients (the first tick fires at `startUnixMillis`). */
export function startDemoTraffic(options: DemoTrafficOptions): DemoTrafficHandle {
  const sources = DEMO_COUNTRIES.map((c) => new DemoTraffic(options.seed, c));
  const rowsPerTick = Math.max(1, Math.round((options.ratePerSecond * TICK_MILLIS) / 1000));
  const ticksPerWindow = (options.windowSeconds * 1000) / TICK_MILLIS;
  const labelTimers = new Set<NodeJS.Timeout>();
  let tickTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  let sent = 0;
  let tick = 0;

  const send = async (
    source: DemoTraffic,
    rows: DemoRow[],
    labels: string[],
    delays: number[],
    fault: DemoFault,
  ) => {
    const response = await fetch(`${options.modelUrl}/v1/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        country: source.country,
        rows,
        ...(fault.delayMs > 0 || fault.fail ? { fault } : {}),
      }),
    });
    const body = (await response.json()) as { predictions?: DemoPrediction[]; error?: string };
    // An injected timeout is the story, not a problem of the demo.
    if (fault.fail && response.status === 503) return;
    if (!response.ok || !body.predictions) {
      throw new Error(
        `model server answered ${response.status}: ${body.error ?? 'no predictions'}`,
      );
    }
    sent += body.predictions.length;
    body.predictions.forEach((prediction, i) => {
      const timer = setTimeout(() => {
        labelTimers.delete(timer);
        recordGroundTruth(
          prediction.id,
          { label: labels[i]!, source: ML_GROUND_TRUTH_SOURCE_VALUE_DELAYED_OUTCOME },
          { modelName: DEMO_MODEL_NAME, modelVersion: DEMO_MODEL_VERSION, ...options.providers },
        );
      }, delays[i]! * 1000);
      labelTimers.add(timer);
    });
  };

  const runTick = (): void => {
    if (stopped) return;
    const windowIndex = Math.floor(tick / ticksPerWindow);
    for (const source of sources) {
      // Draw everything now, in a fixed order, so the sequence does not depend on I/O timing.
      const rows: DemoRow[] = [];
      const labels: string[] = [];
      const delays: number[] = [];
      for (let i = 0; i < rowsPerTick; i++) {
        const row = source.nextRow(windowIndex);
        rows.push(row);
        labels.push(source.outcome(row, windowIndex));
        delays.push(source.labelDelaySeconds());
      }
      const fault = source.nextFault(windowIndex);
      send(source, rows, labels, delays, fault).catch((error: Error) => {
        if (!stopped) options.onError(`traffic (${source.country}): ${error.message}`);
      });
    }
    tick++;
    const next = options.startUnixMillis + tick * TICK_MILLIS;
    tickTimer = setTimeout(runTick, Math.max(0, next - Date.now()));
  };
  tickTimer = setTimeout(runTick, Math.max(0, options.startUnixMillis - Date.now()));

  return {
    sent: () => sent,
    stop() {
      stopped = true;
      clearTimeout(tickTimer);
      for (const timer of labelTimers) clearTimeout(timer);
      labelTimers.clear();
    },
  };
}
