/**
 * One pass of the flush: close the windows the clock has passed (synchronously: the state's
 * consistency point), evaluate them, keep the results and apply the alert rules. Live passes
 * evaluate in slices that yield to ingest and report when they run past the next window close;
 * replay runs the same steps in one go.
 */
import { performance } from 'node:perf_hooks';
import type { AlertTransition } from '../alerts/evaluate-alerts.js';
import type { ServeConfig } from '../config/serve-config.js';
import type { WindowResult } from '../evaluate/window-result.js';
import type { Clock } from './clock.js';
import type { ServiceParts } from './create-service-parts.js';
import { drainSealed, evaluateClosedWindows, evaluateSealedSliced } from './evaluate-closed.js';
import type { Logger } from './logger.js';
import type { SealedWindows } from './pipeline.js';
import type { SelfTelemetry } from './self-telemetry.js';
import { windowCloseEpoch } from './window-close-epoch.js';

/** Passes at least this long (wall time, ms) are logged. */
const SLOW_PASS_MILLIS = 1000;

/** What a pass produced. */
export interface PassOutcome {
  readonly results: WindowResult[];
  readonly transitions: AlertTransition[];
}

/** Runs passes over the parts of one service. */
export class WindowPass {
  /** Replay: the closing sealed at the last `close-begin`, until its `close-end`. */
  private pending:
    { sealed: SealedWindows; resolved: AlertTransition[]; busyMillis: number } | undefined;

  constructor(
    private readonly parts: Pick<
      ServiceParts,
      'pipeline' | 'evaluateOptions' | 'results' | 'alerts' | 'versions'
    >,
    private readonly config: Pick<ServeConfig, 'windowSeconds' | 'allowedLatenessSeconds'>,
    private readonly telemetry: SelfTelemetry,
    private readonly logger: Logger,
    private readonly clock: Clock,
    /** Longest evaluation run before yielding to the event loop. */
    private readonly sliceMillis: number,
  ) {}

  /**
   * The live pass at `now`: seals the closed windows, then prepares and evaluates them in slices
   * that yield to ingest. `logClose` runs in the same turn as the seal (`close-begin`) and as
   * the closing's finish (`close-end`): the log's markers. `undefined` when nothing closed and
   * no alert resolved.
   */
  async run(
    now: number,
    logClose: (kind: 'close-begin' | 'close-end') => void,
  ): Promise<PassOutcome | undefined> {
    const started = performance.now();
    const sealed = this.seal(now);
    const resolved = this.expireIdleStreams(now);
    if (sealed.empty) {
      sealed.finish();
      return resolved.length > 0 ? { results: [], transitions: resolved } : undefined;
    }
    logClose('close-begin');
    const sealMillis = performance.now() - started;
    const pass = await evaluateSealedSliced(
      sealed,
      this.parts.evaluateOptions,
      this.logger,
      this.sliceMillis,
      () => logClose('close-end'),
      (window) => this.parts.versions.collect(window),
    );
    const compared = await this.parts.versions.attachSliced(pass.results, now, this.sliceMillis);
    const busyMillis = sealMillis + pass.busyMillis + compared.busyMillis;
    this.reportOverrun(now);
    this.reportSlowPass(pass.results.length, performance.now() - started, busyMillis);
    return this.keep(compared.results, busyMillis, resolved);
  }

  /** Replay's pass at `now` for a log written before sliced closing, in one go. */
  runAtOnce(now: number): PassOutcome {
    const earlier = this.beginAtOnce(now);
    const outcome = this.finishAtOnce();
    return {
      results: [...earlier.results, ...outcome.results],
      transitions: [...earlier.transitions, ...outcome.transitions],
    };
  }

  /**
   * Replay of `close-begin`: seals as the live pass did; {@link finishAtOnce} evaluates. A
   * closing still open (its process died before its `close-end`) is finished first: returned.
   */
  beginAtOnce(now: number): PassOutcome {
    const unfinished = this.finishAtOnce();
    const started = performance.now();
    const sealed = this.seal(now);
    const resolved = this.expireIdleStreams(now);
    this.pending = { sealed, resolved, busyMillis: performance.now() - started };
    return unfinished;
  }

  /** Replay of `close-end` (and the end of the log): the sealed closing, finished and evaluated. */
  finishAtOnce(): PassOutcome {
    const pending = this.pending;
    if (pending === undefined) return { results: [], transitions: [] };
    this.pending = undefined;
    const started = performance.now();
    const closed = drainSealed(pending.sealed);
    if (closed.length === 0) return { results: [], transitions: pending.resolved };
    const results = evaluateClosedWindows(closed, this.parts.evaluateOptions, this.logger, (w) =>
      this.parts.versions.collect(w),
    );
    const compared = this.parts.versions.attach(results, this.clock.now());
    const busyMillis = pending.busyMillis + performance.now() - started;
    return this.keep(compared, busyMillis, pending.resolved);
  }

  /** The pipeline's sealed closing, or its one-go closing in the same form. */
  private seal(now: number): SealedWindows {
    const { pipeline } = this.parts;
    if (pipeline.sealWindows) return pipeline.sealWindows(now);
    const closed = pipeline.closeWindows(now);
    let next = 0;
    return { empty: closed.length === 0, next: () => closed[next++], finish: () => {} };
  }

  /**
   * Ages out streams without data for the idle TTL: the state drops them, and with them go their
   * results (so their series leave `/metrics`, the OTLP export, the status API and the
   * checkpoint), their cached references and their alert memory. Runs on every tick, also when
   * no window closed, so series of a processor whose traffic stopped altogether still age out.
   * Returns the resolved transitions of alerts that were still firing on those streams.
   */
  private expireIdleStreams(now: number): AlertTransition[] {
    const expired = this.parts.pipeline.expireIdleStreams?.(now) ?? [];
    if (expired.length === 0) return [];
    this.parts.results.forget(expired);
    this.parts.evaluateOptions.cache?.forgetStreams(expired);
    this.telemetry.countExpiredStreams(expired.length);
    this.logger.info(`${expired.length} idle stream(s) aged out`);
    return this.parts.alerts.forgetStreams(expired, now);
  }

  /**
   * Keeps the results (their version comparisons made) and applies the alert rules to them
   * (after `earlier` transitions).
   */
  private keep(
    results: WindowResult[],
    busyMillis: number,
    earlier: readonly AlertTransition[],
  ): PassOutcome {
    this.telemetry.recordEvaluation(busyMillis / 1000);
    for (const result of results) this.parts.results.keep(result);
    return { results, transitions: [...earlier, ...this.parts.alerts.evaluate(results)] };
  }

  /**
   * Logs a pass that took at least {@link SLOW_PASS_MILLIS} from the close to its last result:
   * operators see what a window close costs at their stream count, and how much of it ran
   * between the slices given back to ingest.
   */
  private reportSlowPass(windows: number, wallMillis: number, busyMillis: number): void {
    if (wallMillis < SLOW_PASS_MILLIS) return;
    this.logger.info(
      `evaluation pass: ${windows} window(s) closed and evaluated in ${Math.round(wallMillis)} ms (${Math.round(busyMillis)} ms busy, the rest given to ingest)`,
    );
  }

  /** Counts and logs a pass that started at `startedMs` and ran past the next window close. */
  private reportOverrun(startedMs: number): void {
    const { windowSeconds, allowedLatenessSeconds } = this.config;
    const epoch = (ms: number) => windowCloseEpoch(ms, windowSeconds, allowedLatenessSeconds);
    const endedMs = this.clock.now();
    if (epoch(endedMs) === epoch(startedMs)) return;
    this.telemetry.countOverrun();
    this.logger.warn(
      `an evaluation pass ran ${endedMs - startedMs} ms, past the next window close; that close waits for the next flush`,
    );
  }
}
