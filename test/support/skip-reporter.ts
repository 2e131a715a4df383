import type { Reporter, TestCase, TestModule, TestSuite, Vitest } from 'vitest/node';

/** One skipped test and why, as the skip reporter prints it. */
export interface SkippedTest {
  /** The test file, relative to the project root. */
  readonly file: string;
  /** The test's full name (suites joined with `>`). */
  readonly name: string;
  /** The reason given with the skip, or a note saying none was given. */
  readonly reason: string;
}

const NO_REASON = 'no reason given (use needsBinary/skipWhen from test/support/skip-reason.ts)';

/** The reason recorded on a test or the nearest enclosing suite. */
function reasonOf(test: TestCase): string {
  // `ctx.skip(note)` inside a test records its note on the result.
  const result = test.result();
  if (result.state === 'skipped' && result.note !== undefined && result.note !== '') {
    return result.note;
  }
  let node: TestCase | TestSuite | TestModule = test;
  for (;;) {
    const reason = node.meta().skipReason;
    if (reason !== undefined) return reason;
    if (node.type === 'module') return NO_REASON;
    node = node.parent;
  }
}

/** Every skipped test of a run, in file order. */
export function skippedTests(modules: ReadonlyArray<TestModule>, root: string): SkippedTest[] {
  const skipped: SkippedTest[] = [];
  for (const module of modules) {
    const file = module.moduleId.startsWith(root)
      ? module.moduleId.slice(root.length).replace(/^\//, '')
      : module.moduleId;
    for (const test of module.children.allTests('skipped')) {
      skipped.push({ file, name: test.fullName, reason: reasonOf(test) });
    }
  }
  return skipped;
}

/** Groups skipped tests by file and reason into printable lines. */
export function formatSkipped(skipped: readonly SkippedTest[]): string[] {
  const groups = new Map<string, SkippedTest[]>();
  for (const test of skipped) {
    const key = `${test.file}\u0000${test.reason}`;
    const group = groups.get(key) ?? [];
    group.push(test);
    groups.set(key, group);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const what = group.length === 1 ? first.name : `${group.length} tests (${first.name}, …)`;
    lines.push(`  ${first.file}: ${what} — ${first.reason}`);
  }
  return lines;
}

/**
 * Prints, after the run, every skipped test with its file and the reason it was skipped, so a
 * "passed" run never hides suites that did not run. `.ci/run` fails when this list is not empty.
 */
export default class SkipReporter implements Reporter {
  private root = process.cwd();
  private filtered = false;

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
    // A run narrowed with -t marks every other test skipped; those need no reason.
    this.filtered = vitest.config.testNamePattern !== undefined;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = skippedTests(modules, this.root).filter(
      (test) => !this.filtered || test.reason !== NO_REASON,
    );
    if (skipped.length === 0) return;
    const lines = formatSkipped(skipped);
    process.stdout.write(`\nSkipped: ${skipped.length} test(s) did not run\n${lines.join('\n')}\n`);
  }
}
