/**
 * The {@link Pipeline} over the real pure core: `ingest` into a `MonitorState`, `closeWindows`
 * from it, and its checkpoint hooks over the state's serialized form.
 */
import { ingest } from '../core.js';
import {
  closeNextWindow,
  closeWindows,
  finishClosing,
  sealWindows,
} from '../state/close-windows.js';
import { buildPendingCbpeStep, cbpePairsHeld } from '../state/cbpe-reference-pairs.js';
import { expireIdleStreams } from '../state/expire-idle-streams.js';
import type { MonitorState } from '../state/monitor-state.js';
import { resetReferences } from '../state/reset-references.js';
import type { SerializedState } from '../state/serialize-state.js';
import { restoreState, serializeState } from '../state/serialize-state.js';
import type { StateConfig } from '../state/state-config.js';
import { createState } from '../state/streams.js';
import type { Pipeline, PipelineGauges } from './pipeline.js';

/** Creates the pipeline with a fresh state; `restore` rebuilds it under the same options. */
export function createCorePipeline(options: Partial<StateConfig>): Pipeline {
  let state = createState(options);
  return {
    ingest: (request, nowMs) => ingest(state, request, nowMs),
    closeWindows: (nowMs) => closeWindows(state, nowMs),
    sealWindows: (nowMs) => {
      const sealedIn = state;
      const closing = sealWindows(sealedIn, nowMs);
      return {
        empty: closing.groups.length === 0,
        next: () => closeNextWindow(sealedIn, closing),
        finish: () => finishClosing(sealedIn, closing),
        buildStep: () => buildPendingCbpeStep(sealedIn),
      };
    },
    expireIdleStreams: (nowMs) => expireIdleStreams(state, nowMs),
    resetReferences: (model, version) => resetReferences(state, model, version),
    gauges: () => stateGauges(state),
    snapshot: (): SerializedState => serializeState(state),
    restore: (snapshot) => {
      state = restoreState(snapshot, options);
    },
  };
}

function stateGauges(state: MonitorState): PipelineGauges {
  let streams = 0;
  for (const mv of state.models.values()) {
    streams += 1; // the all-slices stream
    for (const stream of mv.streams.values()) if (stream.identity !== undefined) streams++;
  }
  let pendingLabels = 0;
  for (const p of state.pendingPredictions.values()) if (!p.joined) pendingLabels++;
  // Everything a cap turned away: records routed to overflow streams, feature values beyond
  // the feature cap, pending predictions and labels evicted by their caps.
  const c = state.counters;
  const overflowTotal =
    c.overflowRecords + c.featureOverflow + c.evictedPendingPredictions + c.evictedPendingLabels;
  return { streams, pendingLabels, overflowTotal, cbpeReferencePairs: cbpePairsHeld(state).pairs };
}
