/**
 * Renders the resolved registry as TypeScript constants in the opentelemetry-js scheme
 * (`ATTR_*`, `*_VALUE_*`, template functions, `METRIC_*` + `DESCRIPTOR_*`, `EVENT_*`, `SPAN_*`)
 * and the package's explicit export list. The output is unformatted; generate-files runs prettier.
 */
import { jsdoc } from './jsdoc.js';
import {
  attributeConstName,
  descriptorConstName,
  enumTypeName,
  enumValueConstName,
  enumValuesConstName,
  eventConstName,
  metricConstName,
  prometheusName,
  spanConstName,
} from './naming.js';
import type { AttributeDef, MetricDef, Registry } from './registry-model.js';

/** The header every generated file starts with. */
export const GENERATED_HEADER = [
  '// DO NOT EDIT: generated from conventions/model/ by conventions/scripts/generate.ts.',
  '// Regenerate with `npm run generate -w conventions`.',
].join('\n');

/** One generated TypeScript module: its path under `conventions/src/` and its exports. */
export interface TsModule {
  path: string;
  text: string;
  values: string[];
  types: string[];
}

const quote = (value: string | number | boolean): string => JSON.stringify(value);
const experimental = (stability: string): boolean => stability !== 'stable';

function renderAttribute(attr: AttributeDef, out: string[], values: string[], types: string[]) {
  const name = attributeConstName(attr.key);
  const extra = attr.reusedFrom ? [`Reused from ${attr.reusedFrom}.`] : [];
  const template = /^template\[(.+)\]$/.exec(attr.type);
  if (template) {
    const prefix = `${attr.key}.`;
    out.push(
      jsdoc({
        brief: attr.brief,
        ...(attr.examples ? { examples: attr.examples } : {}),
        ...(attr.note ? { note: attr.note } : {}),
        extra: [...extra, `Template attribute: the key is \`${attr.key}.<key>\`.`],
        experimental: experimental(attr.stability),
        tags: ['@param key The `<key>` part of the attribute key.'],
      }),
      `export const ${name} = (key: string): \`${prefix}\${string}\` => \`${prefix}\${key}\`;`,
      '',
      jsdoc({
        brief: `Prefix of every \`${attr.key}.<key>\` attribute key (see {@link ${name}}).`,
        experimental: experimental(attr.stability),
      }),
      `export const ${name}_PREFIX = ${quote(prefix)} as const;`,
      '',
    );
    values.push(name, `${name}_PREFIX`);
    return;
  }
  out.push(
    jsdoc({
      brief: attr.brief,
      ...(attr.examples ? { examples: attr.examples } : {}),
      ...(attr.note ? { note: attr.note } : {}),
      extra,
      experimental: experimental(attr.stability),
    }),
    `export const ${name} = ${quote(attr.key)} as const;`,
    '',
  );
  values.push(name);
  if (!attr.members) return;
  const memberNames: string[] = [];
  for (const member of attr.members) {
    const memberName = enumValueConstName(attr.key, member.id);
    memberNames.push(memberName);
    out.push(
      jsdoc({
        brief: `Enum value ${quote(member.value)} for attribute {@link ${name}}: ${member.brief ?? ''}`,
        ...(member.note ? { note: member.note } : {}),
        experimental: experimental(member.stability ?? attr.stability),
      }),
      `export const ${memberName} = ${quote(member.value)} as const;`,
      '',
    );
  }
  const listName = enumValuesConstName(attr.key);
  const typeName = enumTypeName(attr.key);
  out.push(
    jsdoc({
      brief: `Every documented value of {@link ${name}}, in registry order.`,
      experimental: experimental(attr.stability),
    }),
    `export const ${listName} = [${memberNames.join(', ')}] as const;`,
    '',
    jsdoc({
      brief: `A documented value of {@link ${name}}.`,
      experimental: experimental(attr.stability),
    }),
    `export type ${typeName} = (typeof ${listName})[number];`,
    '',
  );
  values.push(...memberNames, listName);
  types.push(typeName);
}

function renderAttributes(registry: Registry): TsModule {
  const out: string[] = [GENERATED_HEADER, ''];
  const values: string[] = [];
  const types: string[] = [];
  for (const attr of registry.attributes) renderAttribute(attr, out, values, types);
  return { path: 'generated/attributes.ts', text: out.join('\n'), values, types };
}

function renderMetric(metric: MetricDef, out: string[], values: string[]): void {
  const name = metricConstName(metric.name);
  const descriptor = descriptorConstName(metric.name);
  const promName = prometheusName(metric.name, metric.instrument, metric.unit);
  const details = [
    `Instrument: \`${metric.instrument}\` (${metric.valueType}), unit: \`${metric.unit}\`, Prometheus: \`${promName}\`.`,
  ];
  if (metric.advice) {
    details.push(`Bucket advice: [${metric.advice.explicitBucketBoundaries.join(', ')}].`);
  }
  out.push(
    jsdoc({
      brief: metric.brief,
      ...(metric.note ? { note: metric.note } : {}),
      extra: details,
      experimental: experimental(metric.stability),
    }),
    `export const ${name} = ${quote(metric.name)} as const;`,
    '',
    jsdoc({
      brief: `Descriptor of {@link ${name}}: instrument, unit, value type, advice and Prometheus name.`,
      experimental: experimental(metric.stability),
    }),
    `export const ${descriptor}: MetricDescriptor = {`,
    `  name: ${name},`,
    `  brief: ${quote(metric.brief)},`,
    `  instrument: ${quote(metric.instrument)},`,
    `  unit: ${quote(metric.unit)},`,
    `  valueType: ${quote(metric.valueType)},`,
    ...(metric.advice
      ? [
          `  advice: { explicitBucketBoundaries: [${metric.advice.explicitBucketBoundaries.join(', ')}] },`,
        ]
      : []),
    `  prometheusName: ${quote(promName)},`,
    '};',
    '',
  );
  values.push(name, descriptor);
}

function renderMetrics(registry: Registry): TsModule {
  const out: string[] = [
    GENERATED_HEADER,
    '',
    "import type { MetricDescriptor } from '../metric-descriptor.js';",
    '',
  ];
  const values: string[] = [];
  for (const metric of registry.metrics) renderMetric(metric, out, values);
  out.push(
    jsdoc({ brief: 'Descriptors of every metric in the registry, sorted by name.' }),
    'export const METRIC_DESCRIPTORS: readonly MetricDescriptor[] = [',
    ...registry.metrics.map((m) => `  ${descriptorConstName(m.name)},`),
    '];',
    '',
  );
  values.push('METRIC_DESCRIPTORS');
  return { path: 'generated/metrics.ts', text: out.join('\n'), values, types: [] };
}

function renderEvents(registry: Registry): TsModule {
  const out: string[] = [GENERATED_HEADER, ''];
  const values: string[] = [];
  for (const event of registry.events) {
    const name = eventConstName(event.name);
    out.push(
      jsdoc({
        brief: event.brief,
        ...(event.note ? { note: event.note } : {}),
        extra: event.reusedFrom ? [`Reused from ${event.reusedFrom}.`] : [],
        experimental: experimental(event.stability),
      }),
      `export const ${name} = ${quote(event.name)} as const;`,
      '',
    );
    values.push(name);
  }
  return { path: 'generated/events.ts', text: out.join('\n'), values, types: [] };
}

function renderSpans(registry: Registry): TsModule {
  const out: string[] = [GENERATED_HEADER, ''];
  const values: string[] = [];
  for (const span of registry.spans) {
    const name = spanConstName(span.type);
    out.push(
      jsdoc({
        brief: span.brief,
        ...(span.note ? { note: span.note } : {}),
        extra: [`Span kind: \`${span.kind}\`. ${span.nameNote}`],
        experimental: experimental(span.stability),
      }),
      `export const ${name} = ${quote(span.type)} as const;`,
      '',
    );
    values.push(name);
  }
  return { path: 'generated/spans.ts', text: out.join('\n'), values, types: [] };
}

/** The package's explicit export list over the generated modules (no `export *`). */
function renderIndex(modules: readonly TsModule[]): TsModule {
  const out: string[] = [
    GENERATED_HEADER,
    '',
    '/**',
    ' * @mlmon/conventions: the names of mlmon telemetry (attributes, metrics, events, spans) as',
    ' * constants generated from the registry in `conventions/model/`.',
    ' *',
    ' * @packageDocumentation',
    ' */',
    "export type { MetricDescriptor, MetricInstrument, MetricValueType } from './metric-descriptor.js';",
  ];
  for (const module of modules) {
    const from = `./${module.path.replace(/\.ts$/, '.js')}`;
    if (module.values.length > 0)
      out.push(`export { ${module.values.join(', ')} } from '${from}';`);
    if (module.types.length > 0)
      out.push(`export type { ${module.types.join(', ')} } from '${from}';`);
  }
  out.push('');
  return { path: 'index.ts', text: out.join('\n'), values: [], types: [] };
}

/** Renders every TypeScript module, paths relative to `conventions/src/`. */
export function renderTypeScript(registry: Registry): TsModule[] {
  const modules = [
    renderAttributes(registry),
    renderEvents(registry),
    renderMetrics(registry),
    renderSpans(registry),
  ];
  return [...modules, renderIndex(modules)];
}
