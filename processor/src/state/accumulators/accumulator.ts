/**
 * The shape every streaming accumulator follows (after opentelemetry-js sdk-metrics
 * `Aggregator`): a factory configured once (bin edges, caps), whose states are plain mutable
 * objects recorded one value at a time, merged without mutating their inputs, summarised by a
 * snapshot, and checkpointed as JSON-safe plain objects.
 */
export interface Accumulator<State, Input, Snapshot, Json> {
  /** A new, empty state. */
  create(): State;
  /**
   * Adds one observation to `state` (mutates it). `weight` is its frequency weight
   * (1/`ml.sampling.probability`, 1 when absent) for the accumulators that weigh records;
   * the others count it once.
   */
  record(state: State, input: Input, weight?: number): void;
  /** A new state equal to having recorded everything of `a` and of `b`; inputs are untouched. */
  merge(a: State, b: State): State;
  /**
   * Adds `from` into `into` (mutated; `from` untouched): `into` becomes what `merge(into, from)`
   * returns. Offered by the accumulators whose states grow with what they hold (sketches,
   * values), so that a sum of thousands of states grown one at a time copies each input once,
   * not the sum at every step. `into` must be a state only its caller holds.
   */
  mergeInto?(into: State, from: State): void;
  /** Derived statistics of the state (does not mutate it). */
  snapshot(state: State): Snapshot;
  /** A JSON-safe plain object (no typed arrays, no Maps) for checkpoints. */
  toJSON(state: State): Json;
  /** Restores a state from {@link toJSON}'s output; throws `AccumulatorStateError` when malformed. */
  fromJSON(json: unknown): State;
}

/** A checkpoint that cannot be restored, with the field that is wrong. */
export class AccumulatorStateError extends Error {
  override readonly name = 'AccumulatorStateError';
}

/** Reads a finite number field of a checkpoint object or throws naming it. */
export function numberField(obj: Record<string, unknown>, key: string, where: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new AccumulatorStateError(`${where}: field "${key}" must be a finite number`);
  }
  return v;
}

/** Reads a number-array field of a checkpoint object or throws naming it. */
export function numberArrayField(
  obj: Record<string, unknown>,
  key: string,
  where: string,
): number[] {
  const v = obj[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new AccumulatorStateError(`${where}: field "${key}" must be an array of finite numbers`);
  }
  return v as number[];
}

/**
 * Checks that a checkpoint is an object of the expected kind and version (one of `version` when
 * a list: a reader that still restores the checkpoints of earlier versions).
 */
export function checkpointObject(
  json: unknown,
  kind: string,
  version: number | readonly number[],
): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new AccumulatorStateError(`${kind} checkpoint must be an object`);
  }
  const obj = json as Record<string, unknown>;
  if (obj['kind'] !== kind) {
    throw new AccumulatorStateError(
      `expected a "${kind}" checkpoint, got kind ${JSON.stringify(obj['kind'])}`,
    );
  }
  const accepted: readonly unknown[] = typeof version === 'number' ? [version] : version;
  if (!accepted.includes(obj['version'])) {
    throw new AccumulatorStateError(
      `${kind} checkpoint version ${JSON.stringify(obj['version'])} is not supported (expected ${accepted.join(' or ')})`,
    );
  }
  return obj;
}
