/**
 * The real promtool (Debian's `prometheus` package) for the tests that check Prometheus rules
 * and queries: its path, the skip options (required under MLMON_REQUIRE_E2E), and a runner that
 * fails with promtool's own output.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { needsBinary } from './skip-reason.js';

/** Where Debian installs promtool. */
export const PROMTOOL = '/usr/bin/promtool';

/** Skip options of a suite that needs promtool. */
export const needsPromtool = needsBinary(PROMTOOL, 'prometheus');

/** Runs promtool with `args` in `cwd`; throws with its output when it fails or is missing. */
export function promtool(args: string[], cwd: string): string {
  if (!existsSync(PROMTOOL)) {
    throw new Error(
      `MLMON_REQUIRE_E2E is set but ${PROMTOOL} is missing (apt-get install prometheus)`,
    );
  }
  try {
    return execFileSync(PROMTOOL, args, { cwd, encoding: 'utf8' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
