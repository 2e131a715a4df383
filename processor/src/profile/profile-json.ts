/**
 * Reference profiles to and from JSON text, with validation that reports every problem by its
 * path (`features[3].binEdges`), and an atomic file write (temp file + rename) so a failed run
 * never leaves a half-written profile.
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import { isDriftMethodId } from '../evaluate/drift/registry.js';
import { ladderFromData } from '../evaluate/drift/null-ladder.js';
import type { NullLadderData, ReferenceFeature } from '../evaluate/drift/types.js';
import { PROFILE_FORMAT, PROFILE_VERSION, type ReferenceProfile } from './reference-profile.js';

/**
 * Serialises a profile (typed arrays become plain arrays, ladders their rows of quantiles with
 * every rung derived; 2-space indent, stable order).
 */
export function profileToJson(profile: ReferenceProfile): string {
  const pretty = JSON.stringify(
    profile,
    (_key, value: unknown) => (value instanceof Float64Array ? [...value] : value),
    2,
  );
  // Arrays of numbers (samples, bins, quantiles) on one line each keep profiles small and diffable.
  return `${pretty.replace(/\[\s+(-?[\d.eE+-]+(?:,\s+-?[\d.eE+-]+)*)\s+\]/g, (_m, inner: string) => `[${inner.split(/,\s+/).join(', ')}]`)}\n`;
}

/** Writes a profile atomically. */
export async function writeProfileFile(path: string, profile: ReferenceProfile): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, profileToJson(profile));
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Thrown when a profile does not validate; `problems` lists every one. */
export class ProfileFormatError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid reference profile: ${problems.join('; ')}`);
    this.name = 'ProfileFormatError';
    this.problems = problems;
  }
}

/**
 * Parses and validates profile JSON text.
 * @throws ProfileFormatError listing every problem.
 */
export function parseProfile(text: string): ReferenceProfile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ProfileFormatError([`not JSON (${(error as Error).message})`]);
  }
  const problems: string[] = [];
  const obj = data as Record<string, unknown>;
  if (data === null || typeof data !== 'object')
    throw new ProfileFormatError(['not a JSON object']);
  if (obj.format !== PROFILE_FORMAT) problems.push(`format: expected '${PROFILE_FORMAT}'`);
  if (obj.version !== PROFILE_VERSION) {
    problems.push(
      `version: ${String(obj.version)} is not supported (this mlmon reads ${PROFILE_VERSION})`,
    );
  }
  const model = obj.model as Record<string, unknown> | undefined;
  if (typeof model?.name !== 'string' || typeof model.version !== 'string') {
    problems.push('model: needs string name and version');
  }
  for (const key of ['features', 'outputs'] as const) {
    if (!Array.isArray(obj[key])) {
      problems.push(`${key}: expected an array`);
      continue;
    }
    (obj[key] as unknown[]).forEach((f, i) => checkFeature(f, `${key}[${i}]`, problems));
  }
  if (obj.labeled !== undefined) checkLabeled(obj.labeled, problems);
  if (obj.labeledClasses !== undefined) checkLabeledClasses(obj.labeledClasses, problems);
  if (problems.length > 0) throw new ProfileFormatError(problems);
  // Ladders are stored as rows of quantiles (NullLadderData) and read into compact ladders.
  const revive = (f: ReferenceFeature): ReferenceFeature => {
    const nullLadders = (f.nullLadders as unknown as NullLadderData[]).map(ladderFromData);
    return f.kind === 'numeric'
      ? { ...f, sample: Float64Array.from(f.sample), nullLadders }
      : { ...f, nullLadders };
  };
  const profile = data as ReferenceProfile;
  return {
    ...profile,
    features: profile.features.map(revive),
    outputs: profile.outputs.map(revive),
  };
}

function isNumberArray(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((v) => typeof v === 'number' && Number.isFinite(v));
}

function checkFeature(f: unknown, path: string, problems: string[]): void {
  const o = f as Record<string, unknown>;
  if (f === null || typeof f !== 'object') {
    problems.push(`${path}: expected an object`);
    return;
  }
  if (typeof o.name !== 'string') problems.push(`${path}.name: expected a string`);
  if (typeof o.count !== 'number' || typeof o.missing !== 'number') {
    problems.push(`${path}: count and missing must be numbers`);
  }
  if (o.kind === 'numeric') {
    for (const key of ['mean', 'std', 'min', 'max']) {
      if (typeof o[key] !== 'number') problems.push(`${path}.${key}: expected a number`);
    }
    for (const key of ['binEdges', 'binProportions', 'sample']) {
      if (!isNumberArray(o[key])) problems.push(`${path}.${key}: expected an array of numbers`);
    }
    if (isNumberArray(o.binEdges) && isNumberArray(o.binProportions)) {
      if (o.binProportions.length !== o.binEdges.length + 1) {
        problems.push(`${path}.binProportions: needs binEdges.length + 1 entries`);
      }
    }
    if (typeof o.sampleExact !== 'boolean')
      problems.push(`${path}.sampleExact: expected a boolean`);
    if (o.lowCardinality !== undefined)
      checkFrequencies(o.lowCardinality, `${path}.lowCardinality`, problems);
  } else if (o.kind === 'categorical') {
    checkFrequencies(o, path, problems);
  } else {
    problems.push(`${path}.kind: expected 'numeric' or 'categorical'`);
  }
  if (!Array.isArray(o.nullLadders)) {
    problems.push(`${path}.nullLadders: expected an array`);
  } else {
    (o.nullLadders as unknown[]).forEach((l, i) =>
      checkLadder(l, `${path}.nullLadders[${i}]`, problems),
    );
  }
}

function checkLabeled(l: unknown, problems: string[]): void {
  const o = l as Record<string, unknown>;
  if (l === null || typeof l !== 'object') {
    problems.push('labeled: expected an object');
    return;
  }
  if (typeof o.threshold !== 'number' || !(o.threshold >= 0 && o.threshold <= 1)) {
    problems.push('labeled.threshold: expected a number in [0, 1]');
  }
  if (typeof o.rows !== 'number') problems.push('labeled.rows: expected a number');
  const { scores, labels } = o;
  if (!isNumberArray(scores) || !scores.every((s) => s >= 0 && s <= 1)) {
    problems.push('labeled.scores: expected an array of numbers in [0, 1]');
  } else if (!isNumberArray(labels) || !labels.every((y) => y === 0 || y === 1)) {
    problems.push('labeled.labels: expected an array of 0 and 1');
  } else if (labels.length !== scores.length) {
    problems.push('labeled.labels: needs one label per score');
  }
}

function checkLabeledClasses(l: unknown, problems: string[]): void {
  const o = l as Record<string, unknown>;
  if (l === null || typeof l !== 'object') {
    problems.push('labeledClasses: expected an object');
    return;
  }
  if (typeof o.rows !== 'number') problems.push('labeledClasses.rows: expected a number');
  const { classes, probabilities, labels } = o;
  if (
    !Array.isArray(classes) ||
    classes.length < 2 ||
    !classes.every((c) => typeof c === 'string')
  ) {
    problems.push('labeledClasses.classes: expected an array of at least two class names');
    return;
  }
  const k = classes.length;
  if (
    !Array.isArray(probabilities) ||
    probabilities.length !== k ||
    !probabilities.every((c) => isNumberArray(c) && c.every((p) => p >= 0 && p <= 1))
  ) {
    problems.push(`labeledClasses.probabilities: expected ${k} columns of numbers in [0, 1]`);
  } else if (
    !isNumberArray(labels) ||
    !labels.every((y) => Number.isInteger(y) && y >= 0 && y < k)
  ) {
    problems.push(`labeledClasses.labels: expected class indices in 0..${k - 1}`);
  } else if (!(probabilities as number[][]).every((c) => c.length === labels.length)) {
    problems.push('labeledClasses.probabilities: needs one probability per label in each column');
  }
}

function checkFrequencies(f: unknown, path: string, problems: string[]): void {
  const o = f as Record<string, unknown>;
  const cats = o.categories;
  if (!Array.isArray(cats) || !cats.every((c) => typeof c === 'string')) {
    problems.push(`${path}.categories: expected an array of strings`);
  }
  if (!isNumberArray(o.counts)) problems.push(`${path}.counts: expected an array of numbers`);
  else if (Array.isArray(cats) && cats.length !== o.counts.length) {
    problems.push(`${path}.counts: needs one count per category`);
  }
}

function checkLadder(l: unknown, path: string, problems: string[]): void {
  const o = l as Partial<Record<keyof NullLadderData, unknown>>;
  if (typeof o.method !== 'string' || !isDriftMethodId(o.method)) {
    problems.push(`${path}.method: not a drift method`);
  }
  if (!isNumberArray(o.sizes) || !isNumberArray(o.levels) || !isNumberArray(o.replicates)) {
    problems.push(`${path}: sizes, levels and replicates must be arrays of numbers`);
    return;
  }
  const q = o.quantiles;
  if (
    !Array.isArray(q) ||
    q.length !== o.sizes.length ||
    !q.every((row) => isNumberArray(row) && row.length === (o.levels as number[]).length)
  ) {
    problems.push(`${path}.quantiles: needs one row of levels.length numbers per size`);
  }
}
