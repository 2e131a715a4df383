/** Types shared inside the package; never exported from the index. */
import type { Features, ModelTask, PredictionOutput, Slices } from './types.js';

/** Model identity of one call, after config, URL and response have been merged. */
export interface ResolvedModel {
  name: string;
  version?: string;
  alias?: string;
  id?: string;
  framework?: string;
  providerName?: string;
  task?: ModelTask;
  classes?: readonly string[];
  threshold?: number;
}

/** One scored row as the recorder emits it. */
export interface PredictionRow {
  id: string;
  output: PredictionOutput;
  /** Raw (unredacted) features; the recorder applies the capture policy. */
  features?: Features;
  /** Slices of this row (call-level slices already merged in). */
  slices: Slices;
}
