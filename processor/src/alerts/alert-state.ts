/**
 * The alert engine's memory: one instance per (rule, stream, feature) with its consecutive-window
 * count and whether it fires, plus each stream's quality references (for `quality.<metric>.drop`:
 * pooled labeled counts for accuracy, the first well-labeled window's value otherwise). Plain data, serialized into checkpoints so that alerts neither
 * repeat nor get lost across restarts.
 */
import type { SloMemory } from './evaluate-slos.js';
import type { AlertSubject } from './alert-subject.js';

/** One rule applied to one stream (and feature, for per-feature statistics). */
export interface AlertInstance {
  readonly rule: string;
  readonly severity: string;
  readonly statistic: string;
  readonly threshold: number;
  readonly streamKey: string;
  readonly model: string;
  readonly version: string;
  readonly slice: Readonly<Record<string, string>>;
  readonly feature?: string;
  /** The source service's identifying resource attributes (for the `ml.alert` event). */
  readonly resource: Readonly<Record<string, string>>;
  /** Consecutive evaluated windows in which the condition held. */
  consecutive: number;
  firing: boolean;
  /** True once it has fired at least once (resolved instances stay listed). */
  everFired: boolean;
  /** When the current state began (window end), Unix epoch milliseconds. */
  sinceUnixMillis: number;
  /** The observed value at the last state change. */
  value?: number;
  /** The impact line of the last state change (samples, slice, change vs reference). */
  impact?: string;
  /** The runbook of the rule, as sent with the last state change. */
  runbookUrl?: string;
  /** Which method or metric the statistic was at the last state change. */
  subject?: AlertSubject;
}

/** Correct predictions among labeled ones, pooled over a stream's first windows. */
export interface PooledAccuracy {
  correct: number;
  labeled: number;
}

/** The whole alert memory. */
export interface AlertState {
  readonly instances: Map<string, AlertInstance>;
  /**
   * Stream key → metric → the value of the first window with enough labels (the reference of
   * `quality.<metric>.drop` for metrics other than accuracy).
   */
  readonly firstQuality: Map<string, Record<string, number>>;
  /** Stream key → the pooled accuracy reference (complete once it holds enough labels). */
  readonly accuracyReference: Map<string, PooledAccuracy>;
  /** (SLO, stream) → its event rings (see `evaluate-slos.ts`). */
  readonly slos: Map<string, SloMemory>;
}

/** Serialized {@link AlertState} (JSON-compatible); `slos` is absent in older checkpoints. */
export interface SerializedAlertState {
  readonly version: 1;
  readonly instances: [string, AlertInstance][];
  readonly firstQuality: [string, Record<string, number>][];
  /** Absent in older checkpoints: the accuracy reference is pooled again. */
  readonly accuracyReference?: [string, PooledAccuracy][];
  readonly slos?: [string, SloMemory][];
}

/** An empty alert memory. */
export function createAlertState(): AlertState {
  return {
    instances: new Map(),
    firstQuality: new Map(),
    accuracyReference: new Map(),
    slos: new Map(),
  };
}

/** The alert memory as JSON-compatible data. */
export function serializeAlertState(state: AlertState): SerializedAlertState {
  return {
    version: 1,
    instances: [...state.instances].map(([k, v]) => [k, { ...v }]),
    firstQuality: [...state.firstQuality].map(([k, v]) => [k, { ...v }]),
    accuracyReference: [...state.accuracyReference].map(([k, v]) => [k, { ...v }]),
    slos: [...state.slos].map(([k, v]) => [k, structuredClone(v)]),
  };
}

/** Restores {@link serializeAlertState}'s output; anything else yields an empty memory. */
export function restoreAlertState(data: unknown): AlertState {
  const s = data as Partial<SerializedAlertState> | null | undefined;
  if (!s || s.version !== 1 || !Array.isArray(s.instances) || !Array.isArray(s.firstQuality)) {
    return createAlertState();
  }
  return {
    instances: new Map(s.instances),
    firstQuality: new Map(s.firstQuality),
    accuracyReference: new Map(Array.isArray(s.accuracyReference) ? s.accuracyReference : []),
    slos: new Map(Array.isArray(s.slos) ? s.slos : []),
  };
}
