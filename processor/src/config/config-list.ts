/**
 * Reading a config list of maps (`alerts`, `slos`): every item must be a map; each map is handed
 * to `visit` with its path (`slos[2]`), and every problem names its path.
 */

/** Calls `visit` for each map of the list `raw` at `path`; records a problem for anything else. */
export function forEachConfigMap(
  raw: unknown,
  path: string,
  listOf: string,
  problems: string[],
  visit: (item: Record<string, unknown>, at: string) => void,
): void {
  if (!Array.isArray(raw)) {
    problems.push(`${path}: must be a list of ${listOf}`);
    return;
  }
  raw.forEach((item: unknown, i) => {
    const at = `${path}[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push(`${at}: must be a map`);
      return;
    }
    visit(item as Record<string, unknown>, at);
  });
}
