/**
 * Resetting a model version's references: every stream of it forgets its stored reference
 * window, so the next window with predictions becomes the reference again (`first-window`), or
 * the comparison starts over (`previous-window`; `seasonal` forgets the season kept so far). For operators who changed something on
 * purpose (a new feature pipeline, a market launch) and do not want every later window judged
 * against what came before. Pure apart from mutating `state`; a training profile (configuration)
 * is not reset here.
 */
import type { MonitorState } from './monitor-state.js';

/** What a reset did. */
export interface ReferenceReset {
  /** Model versions found (0: nothing matched). */
  readonly modelVersions: number;
  /** Of those, model versions compared with a training profile (configuration: not reset). */
  readonly withProfile: number;
  /** Series keys of the streams whose stored reference was dropped. */
  readonly streams: string[];
}

/**
 * Drops the stored references of model `model` version `version` (every version when
 * `version` is undefined).
 */
export function resetReferences(
  state: MonitorState,
  model: string,
  version: string | undefined,
): ReferenceReset {
  let modelVersions = 0;
  let withProfile = 0;
  const streams: string[] = [];
  for (const mv of state.models.values()) {
    if (mv.model !== model || (version !== undefined && mv.version !== version)) continue;
    modelVersions++;
    if (mv.profile !== undefined && state.config.reference === 'profile') withProfile++;
    streams.push(...new Set([...mv.references.keys(), ...mv.keptWindows.keys()]));
    mv.references.clear();
    mv.keptWindows.clear();
    // The quality baseline is the labeled counterpart of the reference: it starts anew too.
    mv.qualityBaselines?.clear();
    // So is the CBPE calibration learnt from the model version's own labeled pairs.
    mv.cbpePairs = undefined;
  }
  return { modelVersions, withProfile, streams };
}
