/**
 * Row 4: `mlmon drift` on a generated CSV pair (1,000,000 rows × 20 numeric columns; 100,000
 * with --quick) against bench/baselines/drift_scipy.py computing the same statistics with
 * NumPy/SciPy from the same files. Both run as fresh processes, as a user would run them, in
 * interleaved repetitions; their statistics are cross-checked so that the row compares equal
 * work. Skipped with a note when python3 with numpy and scipy is absent.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { interleave, medianOf, pairedRatio } from '../lib/measure.js';
import { plainRow, round, type BenchRow, type SuiteOptions, type SuiteResult } from '../lib/row.js';
import { normalSource, seededRandom } from '../lib/synthetic.js';

const run = promisify(execFile);
const COLUMNS = 20;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PYTHON_SCRIPT = join(ROOT, 'bench/baselines/drift_scipy.py');
const CLI = join(ROOT, 'processor/src/cli/main.ts');

/** Writes `rows` × 20 columns; column j is N(j/10, 1), shifted by `shift`σ in even columns. */
async function writeCsv(path: string, rows: number, seed: number, shift: number): Promise<void> {
  const tmp = `${path}.partial`;
  const out = createWriteStream(tmp);
  const normal = normalSource(seededRandom(seed));
  const header = Array.from({ length: COLUMNS }, (_, j) => `x${String(j).padStart(2, '0')}`);
  const write = (chunk: string): Promise<void> =>
    out.write(chunk) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve));
  await write(`${header.join(',')}\n`);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < COLUMNS; j++) {
      const x = j / 10 + normal() + (j % 2 === 0 ? shift : 0);
      buf += (j === 0 ? '' : ',') + x.toFixed(6);
    }
    buf += '\n';
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
  renameSync(tmp, path);
}

/** The CSV pair for `rows`, generated once and kept in the OS temp directory. */
async function csvPair(
  rows: number,
  log: (m: string) => void,
): Promise<{ reference: string; current: string }> {
  const dir = join(tmpdir(), 'mlmon-bench');
  mkdirSync(dir, { recursive: true });
  const reference = join(dir, `reference-${rows}x${COLUMNS}.csv`);
  const current = join(dir, `current-${rows}x${COLUMNS}.csv`);
  if (!existsSync(reference)) {
    log(`cli: writing ${reference}`);
    await writeCsv(reference, rows, 101, 0);
  }
  if (!existsSync(current)) {
    log(`cli: writing ${current}`);
    await writeCsv(current, rows, 202, 0.05);
  }
  return { reference, current };
}

/** Whether python3 can import numpy and scipy; the reason when not. */
function pythonProblem(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import numpy, scipy'], { encoding: 'utf8' });
  if (r.error) return `python3 not runnable (${r.error.message})`;
  if (r.status !== 0)
    return `python3 cannot import numpy/scipy: ${r.stderr.trim().split('\n').pop()}`;
  return undefined;
}

interface MlmonColumn {
  name: string;
  statistics: Record<string, number | null>;
}
interface ScipyColumn {
  column: string;
  ks: number;
  p_value: number;
  wasserstein: number;
  wasserstein_normed: number | null;
  psi: number;
  jensen_shannon: number;
  hellinger: number;
}

/** Largest relative difference between the two outputs' statistics, over all columns. */
function crossCheck(mlmonJson: string, scipyJson: string): { maxRelDiff: number; worst: string } {
  const m = (JSON.parse(mlmonJson) as { columns: MlmonColumn[] }).columns;
  const s = JSON.parse(scipyJson) as ScipyColumn[];
  let maxRelDiff = 0;
  let worst = '';
  for (const col of s) {
    const mine = m.find((c) => c.name === col.column);
    if (!mine) throw new Error(`mlmon drift output has no column ${col.column}`);
    const pairs: [string, number | null | undefined, number | null][] = [
      ['ks_statistic', mine.statistics.ks_statistic, col.ks],
      ['wasserstein', mine.statistics.wasserstein, col.wasserstein],
      ['wasserstein_normed', mine.statistics.wasserstein_normed, col.wasserstein_normed],
      ['psi', mine.statistics.psi, col.psi],
      ['jensen_shannon', mine.statistics.jensen_shannon, col.jensen_shannon],
      ['hellinger', mine.statistics.hellinger, col.hellinger],
    ];
    for (const [name, a, b] of pairs) {
      if (a == null || b == null) continue;
      const d = Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
      if (d > maxRelDiff) {
        maxRelDiff = d;
        worst = `${col.column}.${name} mlmon ${a} vs scipy ${b}`;
      }
    }
  }
  return { maxRelDiff, worst };
}

/** Runs row 4. */
export async function runBatchCli(options: SuiteOptions): Promise<SuiteResult> {
  const rows = options.quick ? 100_000 : 1_000_000;
  const name = `cli.drift_${rows >= 1e6 ? `${rows / 1e6}M` : `${rows / 1e3}k`}x${COLUMNS}`;
  const problem = pythonProblem();
  const { reference, current } = await csvPair(rows, options.log);
  const mlmonArgs = [
    '--import',
    'tsx',
    CLI,
    'drift',
    '--reference',
    reference,
    '--current',
    current,
    '--format',
    'json',
  ];
  const exec = async (
    file: string,
    args: string[],
  ): Promise<{ seconds: number; stdout: string }> => {
    const t0 = performance.now();
    const { stdout } = await run(file, args, {
      cwd: ROOT,
      maxBuffer: 64 << 20,
      timeout: 20 * 60_000,
    });
    return { seconds: (performance.now() - t0) / 1000, stdout };
  };
  if (problem !== undefined) {
    const mine = await exec(process.execPath, mlmonArgs);
    return {
      rows: [
        {
          ...plainRow(name, 's', round(mine.seconds)),
          baseline: 'python3 numpy/scipy (absent)',
          goal: 'ratio <= 1.0',
        },
      ],
      notes: [`cli: SciPy baseline skipped: ${problem}.`],
    };
  }
  let lastMlmon = '';
  let lastScipy = '';
  const rounds = 3;
  const mb = (statSync(reference).size + statSync(current).size) / 1e6;
  options.log(
    `cli: ${rounds} interleaved rounds, ${rows} rows × ${COLUMNS} columns (${mb.toFixed(0)} MB of CSV)`,
  );
  const samples = await interleave(
    [
      {
        name: 'mlmon',
        run: async () => {
          const r = await exec(process.execPath, mlmonArgs);
          lastMlmon = r.stdout;
          return r.seconds;
        },
      },
      {
        name: 'scipy',
        run: async () => {
          const r = await exec('python3', [PYTHON_SCRIPT, reference, current]);
          lastScipy = r.stdout;
          return r.seconds;
        },
      },
    ],
    rounds,
    (r) => options.log(`cli: round ${r + 1}/${rounds}`),
  );
  const check = crossCheck(lastMlmon, lastScipy);
  const startup = await exec(process.execPath, ['--import', 'tsx', CLI, '--version']);
  const ratio = pairedRatio(samples, 'mlmon', 'scipy');
  const row: BenchRow = {
    name,
    unit: 's',
    value: round(medianOf(samples, 'mlmon')),
    baseline:
      'python3 numpy/scipy script (ks_2samp, wasserstein_distance, decile PSI/JS/Hellinger)',
    baseline_value: round(medianOf(samples, 'scipy')),
    ratio: round(ratio),
    goal: 'ratio <= 1.0',
    met: ratio <= 1.0,
  };
  return {
    rows: [row],
    notes: [
      `cli: ${rows} rows × ${COLUMNS} columns per file (${mb.toFixed(0)} MB), median of ${rounds} interleaved runs each as a fresh process; mlmon runs from source through tsx (its startup alone, \`mlmon --version\`, took ${round(startup.seconds, 3)} s); mlmon also derives the size-aware thresholds (null ladders) the SciPy script does not. Statistics agree to a relative ${check.maxRelDiff.toExponential(2)} at most (${check.worst || 'all equal'}).`,
    ],
  };
}
