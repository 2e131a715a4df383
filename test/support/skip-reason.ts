import { existsSync } from 'node:fs';

declare module '@vitest/runner' {
  interface TaskMeta {
    /** Why this test or suite does not run here; printed by the skip reporter. */
    skipReason?: string;
  }
}

/** Options for `describe`/`it` that skip with a reason the skip reporter prints at the end. */
export interface SkipOptions {
  /** True when the suite cannot run on this machine. */
  readonly skip: boolean;
  /** Carries the reason to the reporter (vitest passes task meta from workers to reporters). */
  readonly meta: { skipReason?: string };
}

/** True when CI demands the end-to-end suites (`.ci/run` sets MLMON_REQUIRE_E2E). */
export function e2eRequired(): boolean {
  const value = process.env['MLMON_REQUIRE_E2E'];
  return value !== undefined && value !== '';
}

/**
 * Skip options for a suite that needs an external binary (Chromium, Prometheus, promtool).
 * It skips only when the binary is missing and MLMON_REQUIRE_E2E is unset; the reason names the
 * binary and the Debian package that provides it, so `npm test` says what to install.
 */
export function needsBinary(path: string, debianPackage: string): SkipOptions {
  const skip = !existsSync(path) && !e2eRequired();
  return {
    skip,
    meta: skip ? { skipReason: `${path} is missing (apt-get install ${debianPackage})` } : {},
  };
}

/** Skip options with an explicit condition and reason. */
export function skipWhen(skip: boolean, reason: string): SkipOptions {
  return { skip, meta: skip ? { skipReason: reason } : {} };
}
