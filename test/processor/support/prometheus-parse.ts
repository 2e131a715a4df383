/** A tiny parser of the Prometheus text format, enough to query series in tests. */

/** One sample. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Parses every sample line (comments skipped). */
export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`unparsable line: ${line}`);
    const labels: Record<string, string> = {};
    const body = match[3] ?? '';
    const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      labels[m[1]!] = m[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    const raw = match[4]!;
    samples.push({
      name: match[1]!,
      labels,
      value: raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw),
    });
  }
  return samples;
}

/** Samples of `name` whose labels include `match` (a label set to `undefined` must be absent). */
export function select(
  samples: readonly Sample[],
  name: string,
  match: Readonly<Record<string, string | undefined>>,
): Sample[] {
  return samples.filter(
    (s) =>
      s.name === name &&
      Object.entries(match).every(([k, v]) =>
        v === undefined ? !(k in s.labels) : s.labels[k] === v,
      ),
  );
}
