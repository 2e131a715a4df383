/**
 * Finds string literals in TypeScript source that spell a telemetry name instead of using the
 * `@mlmon/conventions` constant. Deliberately narrow, so it does not flag file names or prose:
 * a literal counts when it is exactly a registry name (attribute, metric, event, span or
 * Prometheus series name), starts with a template prefix (`ml.slice.`), or is a dotted lowercase
 * name in a registry namespace (`ml.*`, `mlmon.*`) that is neither a file name nor a namespace
 * (a proper prefix of registry names, e.g. the instrumentation scope `mlmon.processor.evaluation`).
 */

/** What the scanner knows about the registry. */
export interface NameIndex {
  /** Exact name → the constant to use instead. */
  names: ReadonlyMap<string, string>;
  /** Template prefix with trailing dot (`ml.slice.`) → the template function. */
  templatePrefixes: ReadonlyMap<string, string>;
  /** Namespaces owned by the registry; unknown dotted names in them are flagged too. */
  namespaces: readonly string[];
}

/** One literal that should be a constant. */
export interface TelemetryLiteral {
  line: number;
  literal: string;
  suggestion: string;
}

const FILE_EXTENSION =
  /\.(json|ya?ml|ts|js|mjs|cjs|md|txt|csv|onnx|proto|pb|html|log|bin|gz|tgz|lock)$/;
const DOTTED = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
// A single-, double- or back-quoted literal without escapes or interpolation, or the head of a
// template literal up to its first `${`.
const LITERAL = /(['"`])([a-z][a-z0-9_.]*)(\1|\$\{)/g;

/** Whether a source line is a comment line (prose may mention names freely). */
const isCommentLine = (line: string): boolean => /^\s*(\/\/|\/\*|\*)/.test(line);

function classify(text: string, interpolated: boolean, index: NameIndex): string | undefined {
  for (const [prefix, constant] of index.templatePrefixes) {
    if (text.startsWith(prefix) || (interpolated && text === prefix)) return `${constant}(key)`;
  }
  if (interpolated) return undefined;
  const exact = index.names.get(text);
  if (exact) return exact;
  const namespace = text.split('.')[0] ?? '';
  const isNamespace = [...index.names.keys()].some((name) => name.startsWith(`${text}.`));
  if (
    DOTTED.test(text) &&
    index.namespaces.includes(namespace) &&
    !FILE_EXTENSION.test(text) &&
    !isNamespace
  ) {
    return 'a constant (add the name to conventions/model/ first if it is new)';
  }
  return undefined;
}

/** Scans one file's text; line numbers are 1-based. */
export function findTelemetryLiterals(source: string, index: NameIndex): TelemetryLiteral[] {
  const found: TelemetryLiteral[] = [];
  const lines = source.split('\n');
  lines.forEach((line, i) => {
    if (isCommentLine(line)) return;
    // Drop a trailing `//` comment (outside a string is good enough for this check).
    const code = line.replace(/\s\/\/\s.*$/, '');
    for (const match of code.matchAll(LITERAL)) {
      const text = match[2] ?? '';
      const suggestion = classify(text, match[3] === '${', index);
      if (suggestion) {
        const literal = match[3] === '${' ? `${match[1]}${text}\${…}` : match[0];
        found.push({ line: i + 1, literal, suggestion });
      }
    }
  });
  return found;
}
