/**
 * `mlmon demo --write-data DIR`: the demo's story as files for the batch CLI, so `mlmon
 * baseline`, `drift` and `evaluate` can be tried without data of one's own. `training.csv` is
 * the reference phase (both countries, outcomes follow the scores); `current.csv` is the last
 * phase (`income` drifted in `country=DE`, outcomes following a riskier true model).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEMO_COUNTRIES,
  DEMO_FEATURES,
  DEMO_SLICE_KEY,
  DemoTraffic,
  MISCALIBRATION_FROM_WINDOW,
  modelProbability,
  type DemoCountry,
} from './demo-scenario.js';

/** Rows per country in each file. */
export const DEMO_DATA_ROWS = 2000;

const HEADER = [...DEMO_FEATURES, DEMO_SLICE_KEY, 'score', 'label'];

function rowsFor(source: DemoTraffic, country: DemoCountry, window: number, n: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = source.nextRow(window);
    const label = source.outcome(row, window);
    const score = modelProbability(row).toFixed(6);
    lines.push([...DEMO_FEATURES.map((f) => String(row[f])), country, score, label].join(','));
  }
  return lines;
}

/** Writes `training.csv` and `current.csv` into `dir` (created if needed); returns their paths. */
export function writeDemoData(dir: string, seed: number): { training: string; current: string } {
  mkdirSync(dir, { recursive: true });
  const training = DEMO_COUNTRIES.flatMap((c) =>
    rowsFor(new DemoTraffic(seed, c), c, 0, DEMO_DATA_ROWS),
  );
  // Other streams (seed + 1), so current rows are not a continuation of the training rows.
  const current = DEMO_COUNTRIES.flatMap((c) =>
    rowsFor(new DemoTraffic(seed + 1, c), c, MISCALIBRATION_FROM_WINDOW, DEMO_DATA_ROWS),
  );
  const paths = { training: join(dir, 'training.csv'), current: join(dir, 'current.csv') };
  writeFileSync(paths.training, [HEADER.join(','), ...training].join('\n') + '\n');
  writeFileSync(paths.current, [HEADER.join(','), ...current].join('\n') + '\n');
  return paths;
}
