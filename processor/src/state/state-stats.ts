/**
 * Gauges and counters about the state itself, for self-telemetry
 * (`mlmon.processor.streams`, `mlmon.processor.pending_labels`, `mlmon.processor.overflow`).
 */
import { cbpePairsHeld } from './cbpe-reference-pairs.js';
import type { MonitorState, StateCounters } from './monitor-state.js';

/** A read-only summary of the state's size and its monotonic counters. */
export interface StateStats {
  /** Model versions tracked (including the global overflow one, if used). */
  readonly modelVersions: number;
  /** Emitted streams: all-slices streams plus slice and overflow streams. */
  readonly streams: number;
  /** Predictions waiting for their label (or remembered after the join, for deduplication). */
  readonly pendingPredictions: number;
  /** Labels waiting for their prediction. */
  readonly pendingLabels: number;
  /** Span-derived predictions held until their window closes. */
  readonly spanCandidates: number;
  /** Open windows over all streams. */
  readonly openWindows: number;
  /** Labeled pairs model versions hold for their CBPE calibration (`cbpe-reference-pairs.ts`). */
  readonly cbpeReferencePairs: number;
  /** Their memory: 8 bytes per stored number (a score, or k probabilities, and a label each). */
  readonly cbpeReferenceBytes: number;
  readonly counters: Readonly<StateCounters>;
}

/** The current {@link StateStats} (walks the model versions; cheap next to a window close). */
export function stateStats(state: MonitorState): StateStats {
  let streams = 0;
  let openWindows = 0;
  for (const mv of state.models.values()) {
    streams++;
    for (const s of mv.streams.values()) {
      if (s.identity !== undefined) streams++;
      openWindows += s.windows.size;
    }
  }
  const cbpe = cbpePairsHeld(state);
  return {
    modelVersions: state.models.size,
    streams,
    pendingPredictions: state.pendingPredictions.size,
    pendingLabels: state.pendingLabels.size,
    spanCandidates: state.spanCandidates.size,
    openWindows,
    cbpeReferencePairs: cbpe.pairs,
    cbpeReferenceBytes: 8 * cbpe.numbers,
    counters: { ...state.counters },
  };
}
