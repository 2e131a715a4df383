/**
 * Seeded synthetic data shared by the suites: feature rows of 20 numeric and 3 categorical
 * features (two of which are the slices), the shape every row of the issue uses.
 */

/** One feature row: `f00`…`f19` numbers, `region`, `device`, `plan` strings. */
export type FeatureRow = Record<string, number | string>;

/** Number of numeric features. */
export const NUMERIC_FEATURES = 20;
/** Names of the numeric features. */
export const NUMERIC_NAMES: readonly string[] = Array.from(
  { length: NUMERIC_FEATURES },
  (_, i) => `f${String(i).padStart(2, '0')}`,
);
/** The categorical features and their values; `region` and `device` are the slice keys. */
export const CATEGORICAL: Readonly<Record<string, readonly string[]>> = {
  region: ['eu', 'us'],
  device: ['web', 'ios', 'android'],
  plan: ['free', 'pro', 'team', 'enterprise'],
};

/** mulberry32: a small, fast, seeded PRNG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller) from a uniform source. */
export function normalSource(uniform: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const a = 2 * Math.PI * uniform();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}

/** `n` seeded feature rows; numeric feature i is N(i / 10, 1 + i / 20). */
export function makeFeatureRows(n: number, seed: number): FeatureRow[] {
  const uniform = seededRandom(seed);
  const normal = normalSource(uniform);
  const rows: FeatureRow[] = [];
  for (let r = 0; r < n; r++) {
    const row: FeatureRow = {};
    NUMERIC_NAMES.forEach((name, i) => {
      row[name] = i / 10 + (1 + i / 20) * normal();
    });
    for (const [name, values] of Object.entries(CATEGORICAL)) {
      row[name] = values[Math.floor(uniform() * values.length)]!;
    }
    rows.push(row);
  }
  return rows;
}
