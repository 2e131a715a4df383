/**
 * Renders the registry as Markdown tables: `attributes.md`, `spans.md`, `events.md` and
 * `metrics.md` (with each metric's Prometheus rendering).
 */
import { formatExample } from './jsdoc.js';
import {
  attributeConstName,
  enumValueConstName,
  eventConstName,
  metricConstName,
  prometheusName,
  spanConstName,
} from './naming.js';
import type { AttributeDef, AttributeRef, Registry, RequirementLevel } from './registry-model.js';

const HEADER =
  '<!-- DO NOT EDIT: generated from conventions/model/ by conventions/scripts/generate.ts. ' +
  'Regenerate with `npm run generate -w conventions`. -->';

/** Makes text safe for one Markdown table cell. */
const cell = (text: string): string => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (text: string): string => `\`${text}\``;

/** `required` → `Required`; `{conditionally_required: x}` → `Conditionally Required: x`. */
export function requirementLevelText(level: RequirementLevel): string {
  const label = (name: string): string =>
    name === 'opt_in'
      ? 'Opt-In'
      : name
          .split('_')
          .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
          .join(' ');
  if (typeof level === 'string') return label(level);
  const [name, text] = Object.entries(level)[0] as [string, string];
  return `${label(name)}: ${text}`;
}

/** The key as users see it: templates as `prefix.<key>`. */
const displayKey = (attr: AttributeDef): string =>
  attr.type.startsWith('template[') ? `${attr.key}.<key>` : attr.key;

const displayType = (attr: AttributeDef): string =>
  attr.type === 'enum' ? `enum (${typeof attr.members?.[0]?.value})` : attr.type;

const describe = (brief: string, note: string | undefined): string =>
  cell(note ? `${brief} ${note}` : brief);

function attributeTable(attrs: readonly AttributeDef[], origin: boolean): string[] {
  const lines = [
    origin
      ? '| Key | Type | Stability | Description | Examples | Reused from |'
      : '| Key | Type | Stability | Description | Examples | Constant |',
    '|---|---|---|---|---|---|',
  ];
  for (const attr of attrs) {
    const examples = (attr.examples ?? []).map((e) => code(cell(formatExample(e)))).join(', ');
    const last = origin ? cell(attr.reusedFrom ?? '') : code(attributeConstName(attr.key));
    lines.push(
      `| ${code(displayKey(attr))} | ${displayType(attr)} | ${attr.stability} | ${describe(attr.brief, attr.note)} | ${examples} | ${last} |`,
    );
  }
  return lines;
}

function renderAttributes(registry: Registry): string {
  const out = [
    HEADER,
    '',
    '# Attributes',
    '',
    'Every attribute key of the mlmon registry, by namespace. Import the constants from',
    '`@mlmon/conventions`; never write the keys as string literals.',
    '',
  ];
  const own = registry.attributes.filter((a) => !a.reusedFrom);
  const namespaces = [...new Set(own.map((a) => a.key.split('.')[0] ?? ''))].sort();
  for (const ns of namespaces) {
    out.push(`## \`${ns}.*\``, '');
    out.push(
      ...attributeTable(
        own.filter((a) => a.key.split('.')[0] === ns),
        false,
      ),
      '',
    );
  }
  out.push(
    '## Reused OpenTelemetry attributes',
    '',
    'Defined upstream; copied into the registry (not redefined) so it resolves on its own.',
    '',
    ...attributeTable(
      registry.attributes.filter((a) => a.reusedFrom),
      true,
    ),
    '',
    '## Enum values',
    '',
  );
  for (const attr of registry.attributes.filter((a) => a.members)) {
    out.push(`### \`${attr.key}\``, '', '| Value | Constant | Description |', '|---|---|---|');
    for (const m of attr.members ?? []) {
      out.push(
        `| ${code(String(m.value))} | ${code(enumValueConstName(attr.key, m.id))} | ${describe(m.brief ?? '', m.note)} |`,
      );
    }
    out.push('');
  }
  if (registry.entities.length > 0) {
    out.push('## Entities', '');
    for (const entity of registry.entities) {
      out.push(`### \`${entity.type}\``, '', describe(entity.brief, entity.note), '');
      out.push('| Attribute | Role |', '|---|---|');
      for (const ref of entity.identity) out.push(`| ${code(ref.key)} | identity |`);
      for (const ref of entity.description) out.push(`| ${code(ref.key)} | description |`);
      out.push('');
    }
  }
  return out.join('\n');
}

function refTable(
  registry: Registry,
  refs: readonly AttributeRef[],
  withSampling: boolean,
): string[] {
  const byKey = new Map(registry.attributes.map((a) => [a.key, a]));
  const lines = withSampling
    ? [
        '| Attribute | Type | Requirement level | Sampling relevant | Description |',
        '|---|---|---|---|---|',
      ]
    : ['| Attribute | Type | Requirement level | Description |', '|---|---|---|---|'];
  for (const ref of refs) {
    const attr = byKey.get(ref.key);
    if (!attr) continue;
    const description = describe(ref.brief ?? attr.brief, ref.note);
    const level = cell(requirementLevelText(ref.requirementLevel));
    const sampling = withSampling ? ` ${ref.samplingRelevant ? 'yes' : ''} |` : '';
    lines.push(
      `| ${code(displayKey(attr))} | ${displayType(attr)} | ${level} |${sampling} ${description} |`,
    );
  }
  return lines;
}

function renderSpans(registry: Registry): string {
  const out = [HEADER, '', '# Spans', ''];
  for (const span of registry.spans) {
    out.push(
      `## \`${span.type}\``,
      '',
      `Constant: ${code(spanConstName(span.type))} · kind: ${code(span.kind)} · stability: ${span.stability}`,
      '',
      span.brief,
      '',
      span.nameNote,
      '',
    );
    if (span.note) out.push(span.note, '');
    out.push(...refTable(registry, span.attributes, true), '');
  }
  return out.join('\n');
}

function renderEvents(registry: Registry): string {
  const out = [
    HEADER,
    '',
    '# Events',
    '',
    'Log records with an `EventName` (not span events), emitted regardless of trace sampling.',
    '',
  ];
  for (const event of registry.events) {
    out.push(
      `## \`${event.name}\``,
      '',
      `Constant: ${code(eventConstName(event.name))} · stability: ${event.stability}` +
        (event.reusedFrom ? ` · reused from ${event.reusedFrom}` : ''),
      '',
      event.brief,
      '',
    );
    if (event.note) out.push(event.note, '');
    out.push(...refTable(registry, event.attributes, false), '');
  }
  return out.join('\n');
}

function renderMetrics(registry: Registry): string {
  const out = [
    HEADER,
    '',
    '# Metrics',
    '',
    "Prometheus names follow mlmon's rendering of the OTLP names: dots become `_`, unit `s` adds",
    '`_seconds`, unit `1` adds nothing, `{…}` annotation units are dropped, counters end in',
    '`_total`; histograms add `_bucket`, `_sum` and `_count`. Attribute keys render the same way',
    '(`ml.model.name` → `ml_model_name`).',
    '',
    '| Metric | Instrument | Unit | Value type | Prometheus name | Requirement level | Description |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const m of registry.metrics) {
    const level = m.requirementLevel ? cell(requirementLevelText(m.requirementLevel)) : '';
    out.push(
      `| ${code(m.name)} | ${m.instrument} | ${code(m.unit)} | ${m.valueType} | ${code(prometheusName(m.name, m.instrument, m.unit))} | ${level} | ${cell(m.brief)} |`,
    );
  }
  out.push('');
  for (const m of registry.metrics) {
    out.push(
      `## \`${m.name}\``,
      '',
      `Constants: ${code(metricConstName(m.name))}, ${code(metricConstName(m.name).replace(/^METRIC_/, 'DESCRIPTOR_'))} · ` +
        `instrument: ${code(m.instrument)} (${m.valueType}) · unit: ${code(m.unit)} · ` +
        `Prometheus: ${code(prometheusName(m.name, m.instrument, m.unit))} · stability: ${m.stability}`,
      '',
      m.brief,
      '',
    );
    if (m.note) out.push(m.note, '');
    if (m.advice) {
      out.push(
        `Bucket advice (explicit boundaries): ${m.advice.explicitBucketBoundaries.join(', ')}.`,
        '',
      );
    }
    out.push(...refTable(registry, m.attributes, false), '');
  }
  return out.join('\n');
}

/** Every doc file, path relative to `conventions/docs/` → content. */
export function renderDocs(registry: Registry): Map<string, string> {
  return new Map([
    ['attributes.md', renderAttributes(registry)],
    ['events.md', renderEvents(registry)],
    ['metrics.md', renderMetrics(registry)],
    ['spans.md', renderSpans(registry)],
  ]);
}
