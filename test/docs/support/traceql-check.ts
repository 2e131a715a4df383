/**
 * Reads TraceQL with Grafana's own TraceQL grammar (`@grafana/lezer-traceql`, the parser Grafana's
 * query editor uses) and checks a query against spans the SDK really exported: every attribute
 * and intrinsic it names must exist on them with the literal's type, and every `{ … }` filter
 * must select at least one of them (so a wrong value or a wrong status fails too).
 */
import { SpanKind, SpanStatusCode, type AttributeValue } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { parser } from '@grafana/lezer-traceql';
import { durationNanos } from './durations.js';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** A field a query reads: an attribute in a scope, or an intrinsic (`status`, `event:name`). */
export type FieldRef =
  | { readonly kind: 'attribute'; readonly scope: string; readonly name: string }
  | { readonly kind: 'intrinsic'; readonly name: string };

/** A literal on the right of a comparison. */
type Literal =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'duration'; readonly nanos: number }
  | { readonly type: 'keyword'; readonly value: string };

/** A spanset filter's expression. */
type Filter =
  | { readonly op: 'and' | 'or'; readonly left: Filter; readonly right: Filter }
  | { readonly op: 'not'; readonly operand: Filter }
  | {
      readonly op: 'compare';
      readonly field: FieldRef;
      readonly cmp: string;
      readonly literal: Literal;
    }
  | { readonly op: 'exists'; readonly field: FieldRef };

/** A value a field has on one span: a primitive, or a keyword (`error`, `client`). */
type FieldValue = string | number | boolean | { readonly keyword: string };

const STATUS: Record<SpanStatusCode, string> = {
  [SpanStatusCode.UNSET]: 'unset',
  [SpanStatusCode.OK]: 'ok',
  [SpanStatusCode.ERROR]: 'error',
};
const KIND: Record<SpanKind, string> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};
/** The keyword values of `status` and `kind`. */
const KEYWORDS = new Set([...Object.values(STATUS), ...Object.values(KIND)]);
/** Intrinsics whose value comes from the span itself (the `span:` prefix is optional for these). */
const SPAN_INTRINSICS = new Set(['name', 'status', 'statusMessage', 'kind', 'duration', 'id']);
/** Intrinsics that Tempo also accepts without the `span:` prefix. */
const UNPREFIXED_INTRINSICS = new Set(['name', 'status', 'statusMessage', 'kind', 'duration']);

/** What checking one query found. */
export interface TraceQlFindings {
  /** Everything wrong, each naming the field or construct. Empty when the query is right. */
  readonly problems: string[];
  /** Every field the query reads. */
  readonly fields: FieldRef[];
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Reads a query: its fields, its filters, and its syntax errors. */
function read(query: string): { fields: FieldRef[]; filters: Filter[]; problems: string[] } {
  const tree = parser.parse(query);
  const text = (n: SyntaxNode): string => query.slice(n.from, n.to);
  const fields: FieldRef[] = [];
  const filters: Filter[] = [];
  const problems: string[] = [];

  const fieldOf = (n: SyntaxNode): FieldRef => {
    if (n.name === 'IntrinsicField') return { kind: 'intrinsic', name: text(n) };
    const identifier = n.getChild('Identifier');
    const scope = n.firstChild && n.firstChild.name !== 'Identifier' ? n.firstChild.name : '';
    return {
      kind: 'attribute',
      scope: scope === '' ? 'unscoped' : scope.toLowerCase(),
      name: identifier ? text(identifier) : text(n),
    };
  };

  const literalOf = (n: SyntaxNode): Literal => {
    const inner = n.firstChild;
    const raw = text(inner ?? n);
    switch (inner?.name) {
      case 'String':
        return {
          type: 'string',
          value: JSON.parse(raw.startsWith('`') ? JSON.stringify(raw.slice(1, -1)) : raw) as string,
        };
      case 'Integer':
      case 'Float':
        return { type: 'number', value: Number(raw) };
      case 'Duration': {
        const nanos = durationNanos(raw);
        if (nanos === undefined) throw new Error(`unreadable duration ${raw}`);
        return { type: 'duration', nanos };
      }
      default:
        return { type: 'keyword', value: raw };
    }
  };

  const filterOf = (n: SyntaxNode): Filter => {
    const parts = children(n);
    const [a, b, c] = parts;
    if (parts.length === 3 && a && b && c && (b.name === 'And' || b.name === 'Or')) {
      return { op: b.name === 'And' ? 'and' : 'or', left: filterOf(a), right: filterOf(c) };
    }
    if (parts.length === 3 && a && b && c && b.name === 'FieldOp') {
      const field = children(a)[0];
      const value = children(c)[0];
      if (!field || !value || value.name !== 'Static') {
        throw new Error(`a comparison must be field OP literal: ${text(n)}`);
      }
      const literal = literalOf(value);
      const cmp = text(b);
      if (literal.type === 'keyword' && literal.value === 'nil') {
        const exists: Filter = { op: 'exists', field: fieldOf(field) };
        return cmp === '!=' ? exists : { op: 'not', operand: exists };
      }
      return { op: 'compare', field: fieldOf(field), cmp, literal };
    }
    if (parts.length === 1 && a?.name === 'FieldExpression') {
      const t = text(n).trimStart();
      if (t.startsWith('(')) return filterOf(a);
      if (t.startsWith('!')) return { op: 'not', operand: filterOf(a) };
    }
    if (parts.length === 1 && a && (a.name === 'AttributeField' || a.name === 'IntrinsicField')) {
      return { op: 'exists', field: fieldOf(a) };
    }
    throw new Error(`construct the check does not evaluate: ${text(n)}`);
  };

  tree.iterate({
    enter: (ref) => {
      if (ref.type.isError) {
        problems.push(
          `syntax error at offset ${ref.from}: …${query.slice(ref.from, ref.from + 20)}`,
        );
        return false;
      }
      if (ref.name === 'AttributeField' || ref.name === 'IntrinsicField')
        fields.push(fieldOf(ref.node));
      if (ref.name === 'SpansetFilter') {
        const expression = ref.node.getChild('FieldExpression');
        try {
          // `{ }` selects every span; `{ expr }` is the expression.
          filters.push(
            expression
              ? filterOf(expression)
              : { op: 'exists', field: { kind: 'intrinsic', name: 'name' } },
          );
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
      return undefined;
    },
  });
  return { fields, filters, problems };
}

function attributeValues(value: AttributeValue | undefined): FieldValue[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return [];
  return [value as string | number | boolean];
}

/** The values `field` has on `span` (several for event fields: one per event). */
function valuesOf(field: FieldRef, span: ReadableSpan): FieldValue[] {
  if (field.kind === 'attribute') {
    const { name } = field;
    switch (field.scope) {
      case 'span':
        return attributeValues(span.attributes[name]);
      case 'resource':
        return attributeValues(span.resource.attributes[name]);
      case 'unscoped': {
        const onSpan = attributeValues(span.attributes[name]);
        return onSpan.length > 0 ? onSpan : attributeValues(span.resource.attributes[name]);
      }
      case 'event':
        return span.events.flatMap((e) => attributeValues(e.attributes?.[name]));
      default:
        throw new Error(
          `the ${field.scope} scope (${field.scope}.${name}) is not on ml.inference spans`,
        );
    }
  }
  const prefixed = field.name.startsWith('span:');
  const name = prefixed ? field.name.slice(5) : field.name;
  if (
    prefixed ? !SPAN_INTRINSICS.has(name) : !UNPREFIXED_INTRINSICS.has(name) && !name.includes(':')
  ) {
    throw new Error(`intrinsic ${field.name} is not one the check knows`);
  }
  switch (name) {
    case 'name':
      return [span.name];
    case 'status':
      return [{ keyword: STATUS[span.status.code] }];
    case 'statusMessage':
      return [span.status.message ?? ''];
    case 'kind':
      return [{ keyword: KIND[span.kind] }];
    case 'duration':
      return [span.duration[0] * 1e9 + span.duration[1]];
    case 'id':
      return [span.spanContext().spanId];
    case 'trace:id':
      return [span.spanContext().traceId];
    case 'event:name':
      return span.events.map((e) => e.name);
    default:
      throw new Error(`intrinsic ${field.name} is not one the check knows`);
  }
}

function describeField(field: FieldRef): string {
  if (field.kind === 'intrinsic') return field.name;
  return field.scope === 'unscoped' ? `.${field.name}` : `${field.scope}.${field.name}`;
}

/** Why `literal` cannot be compared with `value` in Tempo, or undefined when it can. */
function typeMismatch(value: FieldValue, literal: Literal): string | undefined {
  const valueType =
    typeof value === 'object'
      ? `keyword ${value.keyword}`
      : typeof value === 'boolean'
        ? 'bool'
        : typeof value;
  const fits =
    (literal.type === 'string' && typeof value === 'string') ||
    (literal.type === 'number' && typeof value === 'number') ||
    (literal.type === 'duration' && typeof value === 'number') ||
    (literal.type === 'keyword' &&
      ((typeof value === 'boolean' && (literal.value === 'true' || literal.value === 'false')) ||
        (typeof value === 'object' && KEYWORDS.has(literal.value))));
  return fits ? undefined : `a ${literal.type} literal against a ${valueType} value`;
}

function compare(value: FieldValue, cmp: string, literal: Literal): boolean {
  const right: string | number | boolean =
    literal.type === 'duration'
      ? literal.nanos
      : literal.type === 'keyword'
        ? literal.value === 'true'
          ? true
          : literal.value === 'false'
            ? false
            : literal.value
        : literal.value;
  const left = typeof value === 'object' ? value.keyword : value;
  switch (cmp) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    default:
      throw new Error(`operator ${cmp} is not one the check evaluates`);
  }
}

function matches(filter: Filter, span: ReadableSpan): boolean {
  switch (filter.op) {
    case 'and':
      return matches(filter.left, span) && matches(filter.right, span);
    case 'or':
      return matches(filter.left, span) || matches(filter.right, span);
    case 'not':
      return !matches(filter.operand, span);
    case 'exists':
      return valuesOf(filter.field, span).length > 0;
    case 'compare':
      return valuesOf(filter.field, span).some((v) => compare(v, filter.cmp, filter.literal));
  }
}

function comparisons(filter: Filter): Extract<Filter, { op: 'compare' }>[] {
  switch (filter.op) {
    case 'and':
    case 'or':
      return [...comparisons(filter.left), ...comparisons(filter.right)];
    case 'not':
      return comparisons(filter.operand);
    case 'exists':
      return [];
    case 'compare':
      return [filter];
  }
}

/** Checks one TraceQL query against the exported spans. */
export function checkTraceQl(query: string, spans: readonly ReadableSpan[]): TraceQlFindings {
  const { fields, filters, problems } = read(query);
  for (const field of fields) {
    try {
      if (!spans.some((s) => valuesOf(field, s).length > 0)) {
        problems.push(`${describeField(field)} is on none of the spans the instrumentation emits`);
      }
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  for (const filter of filters) {
    try {
      for (const c of comparisons(filter)) {
        for (const s of spans) {
          for (const v of valuesOf(c.field, s)) {
            const mismatch = typeMismatch(v, c.literal);
            if (mismatch) problems.push(`${describeField(c.field)} ${c.cmp}: ${mismatch}`);
          }
        }
      }
      if (!spans.some((s) => matches(filter, s))) {
        problems.push('the filter selects none of the spans the instrumentation emits');
      }
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return { problems: [...new Set(problems)], fields };
}
