/**
 * Builds JSDoc blocks for generated constants (opentelemetry-js layout: brief, `@example`s,
 * `@note`, `@experimental`).
 */

/** What goes into one JSDoc block; empty parts are left out. */
export interface JsDocParts {
  brief: string;
  examples?: readonly unknown[];
  note?: string;
  /** Extra paragraphs after the brief (origin, instrument details, …). */
  extra?: readonly string[];
  /** Adds `@experimental` (items whose stability is not `stable`). */
  experimental?: boolean;
  /** Tags placed last, verbatim (e.g. `@param key …`). */
  tags?: readonly string[];
}

const WIDTH = 96;

/** Keeps comment text from closing the comment early. */
const escapeComment = (text: string): string => text.replace(/\*\//g, '*\\/');

/** Word-wraps one paragraph, keeping existing line breaks. */
function wrap(text: string, indent = ''): string[] {
  const lines: string[] = [];
  for (const rawLine of escapeComment(text).split('\n')) {
    let line = '';
    for (const word of rawLine.split(/\s+/).filter(Boolean)) {
      if (line !== '' && line.length + 1 + word.length > WIDTH) {
        lines.push(line);
        line = indent + word;
      } else {
        line = line === '' ? word : `${line} ${word}`;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Renders an example value as opentelemetry-js does: strings raw, everything else as JSON. */
export const formatExample = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

/** Renders a JSDoc block (no trailing newline). */
export function jsdoc(parts: JsDocParts): string {
  const sections: string[][] = [wrap(parts.brief)];
  // Extra paragraphs go before the tags: TSDoc folds text after `@note` into that tag.
  for (const paragraph of parts.extra ?? []) sections.push(wrap(paragraph));
  if (parts.examples && parts.examples.length > 0) {
    sections.push(parts.examples.map((e) => `@example ${escapeComment(formatExample(e))}`));
  }
  if (parts.note) sections.push(wrap(`@note ${parts.note}`));
  const tags = [...(parts.tags ?? [])];
  if (parts.experimental) {
    tags.push(
      '@experimental This item has stability `development` and may change in a minor release of `@mlmon/conventions`.',
    );
  }
  if (tags.length > 0) sections.push(tags.flatMap((tag) => wrap(tag)));
  const body = sections.map((lines) => lines.map((l) => (l ? ` * ${l}` : ' *')).join('\n'));
  return `/**\n${body.join('\n *\n')}\n */`;
}
