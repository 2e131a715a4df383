/**
 * The fairness golden cases (`fairness.json`, from `scripts/fairness.py`) and a comparison of a
 * {@link FairnessResult} with a case's expected values, shared by the statistics test and the
 * CLI test.
 */
import { readFileSync } from 'node:fs';
import type { FairnessResult } from '../../processor/src/evaluate/fairness-result.js';
import { toleranceMiss } from './tolerance.js';

interface ExpectedRate {
  value: number;
  successes: number;
  trials: number;
  low: number;
  high: number;
}

interface ExpectedGap {
  value: number;
  high: string;
  low: string;
  p_value?: number;
  significant?: boolean;
}

/** One golden case: rows of (group, score, label) and the NumPy/SciPy values. */
export interface FairnessCase {
  name: string;
  max_groups: number;
  min_group_count: number;
  alpha: number;
  groups: (string | null)[];
  scores: number[];
  labels: (0 | 1 | null)[];
  expected: {
    groups: Record<
      string,
      {
        predictions: number;
        labeled: number;
        positives: number;
        negatives: number;
        selection_rate: ExpectedRate | null;
        true_positive_rate: ExpectedRate | null;
        false_positive_rate: ExpectedRate | null;
        ece: number | null;
      }
    >;
  } & Record<string, ExpectedGap | null>;
}

/** The golden cases. */
export const FAIRNESS_CASES: FairnessCase[] = (
  JSON.parse(readFileSync(new URL('./fairness.json', import.meta.url), 'utf8')) as {
    cases: FairnessCase[];
  }
).cases;

const METRICS = [
  'demographic_parity_difference',
  'demographic_parity_ratio',
  'equal_opportunity_difference',
  'equalized_odds_difference',
  'calibration_error_spread',
] as const;

/** Every difference between `result` and the case's expected values, each with its path. */
export function fairnessMisses(result: FairnessResult, c: FairnessCase): string[] {
  const misses: string[] = [];
  const check = (path: string, actual: number | undefined, expected: number | null, p = false) => {
    const miss = toleranceMiss(actual, expected, { pValue: p });
    if (miss !== null) misses.push(`${c.name} ${path}: ${miss}`);
  };
  const expectedGroups = Object.keys(c.expected.groups).sort();
  const actualGroups = result.groups.map((g) => g.group).sort();
  if (JSON.stringify(expectedGroups) !== JSON.stringify(actualGroups))
    misses.push(`${c.name} groups: expected ${expectedGroups.join(',')}, got ${actualGroups.join(',')}`);
  for (const g of result.groups) {
    const e = c.expected.groups[g.group];
    if (e === undefined) continue;
    for (const k of ['predictions', 'labeled', 'positives', 'negatives'] as const) {
      if (g[k] !== e[k]) misses.push(`${c.name} ${g.group}.${k}: expected ${e[k]}, got ${g[k]}`);
    }
    const rates = [
      ['selection_rate', g.selectionRate, e.selection_rate],
      ['true_positive_rate', g.truePositiveRate, e.true_positive_rate],
      ['false_positive_rate', g.falsePositiveRate, e.false_positive_rate],
    ] as const;
    for (const [name, actual, expected] of rates) {
      if (expected === null) {
        if (actual !== undefined) misses.push(`${c.name} ${g.group}.${name}: expected none`);
        continue;
      }
      for (const f of ['value', 'low', 'high', 'successes', 'trials'] as const)
        check(`${g.group}.${name}.${f}`, actual?.[f], expected[f]);
    }
    check(`${g.group}.ece`, g.calibrationError, e.ece);
  }
  for (const metric of METRICS) {
    const e = c.expected[metric] ?? null;
    const d = result.disparities.find((x) => x.metric === metric);
    if (e === null) {
      if (d?.value !== undefined) misses.push(`${c.name} ${metric}: expected none, got ${d.value}`);
      else if (d?.reason === undefined) misses.push(`${c.name} ${metric}: no reason given`);
      continue;
    }
    check(`${metric}.value`, d?.value, e.value);
    if (d?.highGroup !== e.high || d?.lowGroup !== e.low)
      misses.push(`${c.name} ${metric}: groups ${d?.highGroup}/${d?.lowGroup}, expected ${e.high}/${e.low}`);
    if (e.p_value !== undefined) check(`${metric}.p_value`, d?.pValue, e.p_value, true);
    if (e.significant !== undefined && d?.significant !== e.significant)
      misses.push(`${c.name} ${metric}.significant: expected ${e.significant}`);
  }
  return misses;
}
