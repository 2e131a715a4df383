/**
 * Timing helpers. The machines are shared and noisy, so every comparison is interleaved: each
 * round runs every variant once (in a rotating order), and the verdict is the median over rounds
 * of the per-round ratio, which cancels the slow drifts that absolute times suffer from.
 */

/** Median of a non-empty list (the mean of the two middle values for even lengths). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The p-quantile (0..1) by linear interpolation between order statistics (NumPy's default). */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('quantile of an empty list');
  const s = Float64Array.from(values).sort();
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

/** One contender: `run` performs one measured repetition and returns its cost (e.g. µs/op). */
export interface Variant {
  readonly name: string;
  readonly run: () => number | Promise<number>;
}

/** Costs per variant, one entry per round, in round order. */
export type RoundSamples = Map<string, number[]>;

/**
 * Runs `rounds` rounds; in round r the variants start at offset r (rotation), so that none is
 * always first after a pause or always last before one.
 */
export async function interleave(
  variants: readonly Variant[],
  rounds: number,
  onRound?: (round: number) => void,
): Promise<RoundSamples> {
  const out: RoundSamples = new Map(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(r + k) % variants.length]!;
      out.get(v.name)!.push(await v.run());
    }
    onRound?.(r);
  }
  return out;
}

/** Median over rounds of `samples[a][r] / samples[b][r]` (paired ratios). */
export function pairedRatio(samples: RoundSamples, a: string, b: string): number {
  const xs = samples.get(a);
  const ys = samples.get(b);
  if (!xs || !ys || xs.length !== ys.length) throw new Error(`no paired samples for ${a} / ${b}`);
  return median(xs.map((x, i) => x / ys[i]!));
}

/** Median of one variant's samples. */
export function medianOf(samples: RoundSamples, name: string): number {
  const xs = samples.get(name);
  if (!xs) throw new Error(`no samples for ${name}`);
  return median(xs);
}

/** Yields to the event loop (timers and I/O run, e.g. batch processors export). */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
