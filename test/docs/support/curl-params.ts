/**
 * The query parameters of a documented `curl -G <base><path> --data-urlencode 'name=value' …`
 * call, so the queries inside API examples are checked like the others.
 */

/**
 * The parameters of `command`, a curl call of `path`. Throws when it is not one, or when a
 * parameter is not a quoted `--data-urlencode` argument (so nothing is silently skipped).
 */
export function curlQueryParams(command: string, path: string): Record<string, string> {
  if (!/^curl\b/.test(command) || !command.includes(path)) {
    throw new Error(`not a curl call of ${path}: ${command}`);
  }
  const params: Record<string, string> = {};
  const args = [...command.matchAll(/--data-urlencode\s+(?:'([^']*)'|"([^"]*)")/g)];
  const declared = command.match(/--data-urlencode/g)?.length ?? 0;
  if (args.length !== declared) {
    throw new Error(`every --data-urlencode argument must be quoted: ${command}`);
  }
  for (const m of args) {
    const arg = (m[1] ?? m[2])!;
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new Error(`--data-urlencode '${arg}' is not name=value`);
    params[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  return params;
}
