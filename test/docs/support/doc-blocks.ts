/**
 * Fenced code blocks of a Markdown document, by info string, with the line each starts on, so a
 * failing check can point at the query in the document.
 */

/** One fenced block. */
export interface DocBlock {
  /** The info string's first word (```traceql → `traceql`). */
  readonly lang: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The lines between the fences. */
  readonly lines: readonly string[];
}

/** One query inside a block, with its own 1-based line in the document. */
export interface DocQuery {
  readonly line: number;
  readonly text: string;
}

/** A fence may be indented (code blocks inside list items). */
const OPENING = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/;

/** Every fenced block of `markdown` (CommonMark fences: ``` or ~~~, closed by a run as long). */
export function fencedBlocks(markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j]!)) body.push(lines[j++]!);
    blocks.push({ lang: open[2]!, line: i + 1, lines: body });
    i = j;
  }
  return blocks;
}

/**
 * The queries of a block. `paragraph`: runs of lines separated by blank lines are one query;
 * `line`: each line is one, except that a line ending in a backslash continues on the next (as in
 * a shell). Lines starting with `comment` are dropped.
 */
export function blockQueries(
  block: DocBlock,
  comment: string,
  mode: 'paragraph' | 'line',
): DocQuery[] {
  const queries: DocQuery[] = [];
  let current: string[] = [];
  let start = 0;
  const flush = (): void => {
    if (current.length > 0) queries.push({ line: start, text: current.join(' ') });
    current = [];
  };
  block.lines.forEach((raw, k) => {
    const text = raw.trim();
    if (text === '') return flush();
    if (text.startsWith(comment)) return;
    if (current.length === 0) start = block.line + 1 + k;
    const continues = text.endsWith('\\');
    current.push(continues ? text.slice(0, -1).trim() : text);
    if (mode === 'line' && !continues) flush();
  });
  flush();
  return queries;
}
