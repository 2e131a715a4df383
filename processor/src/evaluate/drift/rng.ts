/**
 * A small seeded pseudo-random generator (xoshiro128**, Blackman & Vigna 2018) so that null
 * ladders are reproducible byte for byte from a seed. Not for cryptography.
 */

/** A source of uniform numbers in [0, 1). */
export interface Rng {
  /** Next uniform double in [0, 1) (32 bits of randomness, ample for resampling). */
  next(): number;
  /** Next integer in [0, bound). */
  nextInt(bound: number): number;
  /** Fills `out[0..count)` with uniform 32-bit integers (the hot path of resampling). */
  fillUint32(out: Uint32Array, count: number): void;
}

/** splitmix32 step: spreads a 32-bit seed over the xoshiro state (avoids the all-zero state). */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** xoshiro128** with its state in a typed array (fast in V8's hot loops). */
class Xoshiro128 implements Rng {
  private readonly s = new Uint32Array(4);

  constructor(seed: number) {
    const init = splitmix32(seed);
    for (let i = 0; i < 4; i++) this.s[i] = init();
  }

  next(): number {
    const out = new Uint32Array(1);
    this.fillUint32(out, 1);
    return out[0]! / 4294967296;
  }

  nextInt(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  fillUint32(out: Uint32Array, count: number): void {
    const s = this.s;
    let a = s[0]!;
    let b = s[1]!;
    let c = s[2]!;
    let d = s[3]!;
    for (let i = 0; i < count; i++) {
      const x = Math.imul(b, 5);
      out[i] = Math.imul((x << 7) | (x >>> 25), 9);
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
  }
}

/** Creates a deterministic generator from a 32-bit seed. */
export function createRng(seed: number): Rng {
  return new Xoshiro128(seed);
}

/** Derives a per-feature seed from a base seed and a name (FNV-1a), so features differ. */
export function seedFor(baseSeed: number, name: string): number {
  let h = (0x811c9dc5 ^ baseSeed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
