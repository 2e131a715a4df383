/**
 * Sums of window parts whose accumulators merge into new states (no `mergeInto`), for a window
 * summed from thousands of others (the all-slices window of a close). Folding them one at a time
 * into one growing state would copy the growing state at every step — quadratic for parts that
 * grow with what they hold (sketches inside GenAI or evaluation parts). As a binary counter,
 * only equal-sized partial sums are merged, so each input takes part in O(log inputs) merges of
 * sums its size.
 */
import type { AccumulatorCaps } from './accumulator-kinds.js';
import type { WindowAcc } from './monitor-state.js';
import { WINDOW_PARTS, type WindowPart } from './window-parts.js';

/** A sum of 2^rank inputs. */
interface Partial {
  readonly state: unknown;
  readonly rank: number;
}

/** Binary-counter sums of the parts added with {@link addPart}. */
export type PartSums = Map<WindowPart, Partial[]>;

/** Adds `state` (never mutated: these kinds' merges return new states) to the sum of `part`. */
export function addPart<P extends WindowPart>(
  sums: PartSums,
  part: P,
  state: NonNullable<WindowAcc[P]>,
  caps: AccumulatorCaps,
): void {
  let stack = sums.get(part);
  if (stack === undefined) sums.set(part, (stack = []));
  let top: Partial = { state, rank: 0 };
  while (stack.length > 0 && stack[stack.length - 1]!.rank === top.rank) {
    const below = stack.pop()!;
    top = { state: mergeOf(part, below.state, top.state, caps), rank: top.rank + 1 };
  }
  stack.push(top);
}

/** Sets each summed part of `into` to its total (a lone input stands for itself). */
export function writePartSums(sums: PartSums, into: WindowAcc, caps: AccumulatorCaps): void {
  for (const [part, stack] of sums) {
    let total = stack[stack.length - 1]!.state;
    for (let i = stack.length - 2; i >= 0; i--) total = mergeOf(part, stack[i]!.state, total, caps);
    (into as Record<WindowPart, unknown>)[part] = total;
  }
  sums.clear();
}

function mergeOf<P extends WindowPart>(
  part: P,
  a: unknown,
  b: unknown,
  caps: AccumulatorCaps,
): unknown {
  type State = NonNullable<WindowAcc[P]>;
  return WINDOW_PARTS[part].forState(a as State, caps).merge(a as State, b as State);
}
