/**
 * Parses the registry's YAML files (the subset of semantic-conventions `definition/2` that mlmon
 * uses: attributes, attribute_groups, spans, events, metrics, entities, enums, templates,
 * requirement levels) into a resolved {@link Registry}. Weaver is not installable here, so this is
 * the validator too: every problem is collected and reported at once, each naming its file.
 */
import { parse } from 'yaml';
import type {
  AttributeDef,
  AttributeRef,
  EntityDef,
  EnumMember,
  EventDef,
  Instrument,
  MetricDef,
  Registry,
  RequirementLevel,
  SpanDef,
  Stability,
} from './registry-model.js';

/** One model file: its path relative to the model directory and its text. */
export interface ModelFile {
  path: string;
  text: string;
}

/** Thrown when the registry is invalid; `problems` lists every problem found. */
export class RegistryError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid conventions registry:\n  - ${problems.join('\n  - ')}`);
    this.name = 'RegistryError';
  }
}

type Yaml = Record<string, unknown>;

const STABILITIES: readonly string[] = [
  'stable',
  'development',
  'alpha',
  'beta',
  'release_candidate',
];
const INSTRUMENTS: readonly string[] = ['counter', 'updowncounter', 'histogram', 'gauge'];
const SPAN_KINDS: readonly string[] = ['client', 'server', 'producer', 'consumer', 'internal'];
const PRIMITIVE_TYPES: readonly string[] = [
  'string',
  'int',
  'double',
  'boolean',
  'string[]',
  'int[]',
  'double[]',
  'boolean[]',
  'any',
];
const TOP_LEVEL_KEYS: readonly string[] = [
  'file_format',
  'attributes',
  'attribute_groups',
  'spans',
  'events',
  'metrics',
  'entities',
];

const isObject = (v: unknown): v is Yaml =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const optString = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() : undefined;

/** Reads `annotations.mlmon.<field>` if present. */
const mlmonAnnotation = (node: Yaml, field: string): unknown => {
  const annotations = node['annotations'];
  if (!isObject(annotations)) return undefined;
  const mlmon = annotations['mlmon'];
  return isObject(mlmon) ? mlmon[field] : undefined;
};

/** Parses and validates the model files; throws {@link RegistryError} listing every problem. */
export function parseRegistry(files: readonly ModelFile[]): Registry {
  const problems: string[] = [];
  const attributes = new Map<string, AttributeDef>();
  const groups = new Map<string, { file: string; refs: unknown[] }>();
  const rawSignals: { kind: 'metric' | 'event' | 'span' | 'entity'; file: string; node: Yaml }[] =
    [];

  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    let doc: unknown;
    try {
      doc = parse(file.text);
    } catch (error) {
      problems.push(`${file.path}: YAML does not parse: ${(error as Error).message}`);
      continue;
    }
    if (!isObject(doc)) {
      problems.push(`${file.path}: expected a YAML mapping at the top level`);
      continue;
    }
    if (doc['file_format'] !== 'definition/2') {
      problems.push(`${file.path}: file_format must be "definition/2"`);
    }
    for (const key of Object.keys(doc)) {
      if (!TOP_LEVEL_KEYS.includes(key)) problems.push(`${file.path}: unknown section "${key}"`);
    }
    for (const node of asList(doc['attributes'])) {
      const def = parseAttribute(file.path, node, problems);
      if (!def) continue;
      if (attributes.has(def.key)) {
        problems.push(
          `${file.path}: attribute "${def.key}" is already defined in ${attributes.get(def.key)?.file}`,
        );
      } else {
        attributes.set(def.key, def);
      }
    }
    for (const node of asList(doc['attribute_groups'])) {
      if (!isObject(node) || typeof node['id'] !== 'string') {
        problems.push(`${file.path}: attribute group without an id`);
        continue;
      }
      if (groups.has(node['id'])) problems.push(`${file.path}: duplicate group "${node['id']}"`);
      groups.set(node['id'], { file: file.path, refs: asList(node['attributes']) });
    }
    const sections = [
      ['metrics', 'metric'],
      ['events', 'event'],
      ['spans', 'span'],
      ['entities', 'entity'],
    ] as const;
    for (const [section, kind] of sections) {
      for (const node of asList(doc[section])) {
        if (isObject(node)) rawSignals.push({ kind, file: file.path, node });
        else problems.push(`${file.path}: ${section} entries must be mappings`);
      }
    }
  }

  /** Expands group references and merges refinements of the same key (later wins). */
  const resolveRefs = (where: string, list: unknown[], depth = 0): AttributeRef[] => {
    const out = new Map<string, AttributeRef>();
    for (const item of list) {
      if (!isObject(item)) {
        problems.push(`${where}: attribute reference must be a mapping`);
        continue;
      }
      if (typeof item['ref_group'] === 'string') {
        const group = groups.get(item['ref_group']);
        if (!group || depth > 2) {
          problems.push(`${where}: unknown attribute group "${item['ref_group']}"`);
          continue;
        }
        for (const ref of resolveRefs(where, group.refs, depth + 1)) {
          if (out.has(ref.key)) {
            problems.push(`${where}: group "${item['ref_group']}" repeats "${ref.key}"`);
          }
          out.set(ref.key, ref);
        }
        continue;
      }
      const key = item['ref'];
      if (typeof key !== 'string' || !attributes.has(key)) {
        problems.push(`${where}: reference to undefined attribute "${String(key)}"`);
        continue;
      }
      const previous = out.get(key);
      const level =
        item['requirement_level'] === undefined
          ? undefined
          : parseRequirementLevel(`${where} ${key}`, item['requirement_level'], problems);
      const ref: AttributeRef = {
        key,
        requirementLevel: level ?? previous?.requirementLevel ?? 'recommended',
        samplingRelevant:
          item['sampling_relevant'] === true || (previous?.samplingRelevant ?? false),
      };
      const brief = optString(item['brief']) ?? previous?.brief;
      const note = optString(item['note']) ?? previous?.note;
      if (brief !== undefined) ref.brief = brief;
      if (note !== undefined) ref.note = note;
      out.set(key, ref);
    }
    return [...out.values()];
  };

  const metrics: MetricDef[] = [];
  const events: EventDef[] = [];
  const spans: SpanDef[] = [];
  const entities: EntityDef[] = [];
  const signalNames = new Map<string, string>();
  for (const { kind, file, node } of rawSignals) {
    const name = kind === 'span' || kind === 'entity' ? node['type'] : node['name'];
    if (typeof name !== 'string') {
      problems.push(`${file}: ${kind} without a ${kind === 'span' ? 'type' : 'name'}`);
      continue;
    }
    const where = `${file}: ${kind} "${name}"`;
    const seen = signalNames.get(`${kind}:${name}`);
    if (seen) problems.push(`${where} is already defined in ${seen}`);
    signalNames.set(`${kind}:${name}`, file);
    const brief = optString(node['brief']);
    if (!brief) problems.push(`${where} has no brief`);
    const stability = parseStability(where, node['stability'], problems);
    const note = optString(node['note']);
    const common = { brief: brief ?? '', stability, file, ...(note ? { note } : {}) };
    const attrs = resolveRefs(where, asList(node['attributes']));
    if (kind === 'metric') {
      metrics.push(parseMetric(where, name, node, common, attrs, problems));
    } else if (kind === 'event') {
      const reusedFrom = optString(mlmonAnnotation(node, 'reused_from'));
      events.push({ name, ...common, attributes: attrs, ...(reusedFrom ? { reusedFrom } : {}) });
    } else if (kind === 'span') {
      const spanKind = node['kind'];
      if (typeof spanKind !== 'string' || !SPAN_KINDS.includes(spanKind)) {
        problems.push(`${where}: kind must be one of ${SPAN_KINDS.join(', ')}`);
      }
      const nameNote = isObject(node['name']) ? optString(node['name']['note']) : undefined;
      if (!nameNote) problems.push(`${where}: name.note (the span-name pattern) is required`);
      spans.push({
        type: name,
        kind: spanKind as SpanDef['kind'],
        nameNote: nameNote ?? '',
        ...common,
        attributes: attrs,
      });
    } else {
      entities.push({
        type: name,
        ...common,
        identity: resolveRefs(`${where} identity`, asList(node['identity'])),
        description: resolveRefs(`${where} description`, asList(node['description'])),
      });
    }
  }

  // Entity associations may name only entities this registry defines (or copies).
  const entityTypes = new Set(entities.map((e) => e.type));
  for (const { kind, file, node } of rawSignals) {
    for (const item of asList(node['entity_associations'])) {
      const ref = isObject(item) ? item['ref'] : undefined;
      if (typeof ref !== 'string' || !entityTypes.has(ref)) {
        const name = String(node['name'] ?? node['type']);
        problems.push(
          `${file}: ${kind} "${name}": unknown entity association ${JSON.stringify(ref)}`,
        );
      }
    }
  }

  if (problems.length > 0) throw new RegistryError(problems);
  const byKey =
    <T>(get: (t: T) => string) =>
    (a: T, b: T) =>
      get(a) < get(b) ? -1 : get(a) > get(b) ? 1 : 0;
  return {
    attributes: [...attributes.values()].sort(byKey((a) => a.key)),
    metrics: metrics.sort(byKey((m) => m.name)),
    events: events.sort(byKey((e) => e.name)),
    spans: spans.sort(byKey((s) => s.type)),
    entities: entities.sort(byKey((e) => e.type)),
  };
}

function parseStability(where: string, value: unknown, problems: string[]): Stability {
  if (typeof value !== 'string' || !STABILITIES.includes(value)) {
    problems.push(`${where}: stability must be one of ${STABILITIES.join(', ')}`);
    return 'development';
  }
  return value as Stability;
}

function parseRequirementLevel(
  where: string,
  value: unknown,
  problems: string[],
): RequirementLevel | undefined {
  if (value === 'required' || value === 'recommended' || value === 'opt_in') return value;
  if (isObject(value) && Object.keys(value).length === 1) {
    const [level, text] = Object.entries(value)[0] as [string, unknown];
    if (typeof text === 'string' && text.trim() !== '') {
      if (level === 'conditionally_required') return { conditionally_required: text.trim() };
      if (level === 'recommended') return { recommended: text.trim() };
      if (level === 'opt_in') return { opt_in: text.trim() };
    }
  }
  problems.push(`${where}: invalid requirement_level ${JSON.stringify(value)}`);
  return undefined;
}

function parseAttribute(file: string, node: unknown, problems: string[]): AttributeDef | undefined {
  if (!isObject(node) || typeof node['key'] !== 'string') {
    problems.push(`${file}: attribute without a key`);
    return undefined;
  }
  const key = node['key'];
  const where = `${file}: attribute "${key}"`;
  const brief = optString(node['brief']);
  if (!brief) problems.push(`${where} has no brief`);
  const stability = parseStability(where, node['stability'], problems);
  const def: AttributeDef = { key, type: 'string', brief: brief ?? '', stability, file };
  const rawType = node['type'];
  if (typeof rawType === 'string') {
    const template = /^template\[(.+)\]$/.exec(rawType);
    const inner = template ? template[1] : rawType;
    if (inner === undefined || !PRIMITIVE_TYPES.includes(inner)) {
      problems.push(`${where}: unknown type "${rawType}"`);
    }
    def.type = rawType;
  } else if (isObject(rawType) && Array.isArray(rawType['members'])) {
    def.type = 'enum';
    def.members = parseMembers(where, rawType['members'], problems);
  } else {
    problems.push(`${where}: type is required (a type name, or {members: [...]})`);
  }
  const note = optString(node['note']);
  if (note) def.note = note;
  if (Array.isArray(node['examples'])) def.examples = node['examples'];
  const reusedFrom = optString(mlmonAnnotation(node, 'reused_from'));
  if (reusedFrom) def.reusedFrom = reusedFrom;
  return def;
}

function parseMembers(where: string, list: unknown[], problems: string[]): EnumMember[] {
  const members: EnumMember[] = [];
  const ids = new Set<string>();
  for (const item of list) {
    if (!isObject(item) || typeof item['id'] !== 'string') {
      problems.push(`${where}: enum member without an id`);
      continue;
    }
    const value = item['value'];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      problems.push(`${where}: enum member "${item['id']}" has no value`);
      continue;
    }
    if (ids.has(item['id'])) problems.push(`${where}: duplicate enum member "${item['id']}"`);
    ids.add(item['id']);
    const member: EnumMember = { id: item['id'], value };
    const brief = optString(item['brief']);
    const note = optString(item['note']);
    if (brief) member.brief = brief;
    if (note) member.note = note;
    if (item['stability'] !== undefined) {
      member.stability = parseStability(
        `${where} member "${item['id']}"`,
        item['stability'],
        problems,
      );
    }
    members.push(member);
  }
  return members;
}

function parseMetric(
  where: string,
  name: string,
  node: Yaml,
  common: Pick<MetricDef, 'brief' | 'stability' | 'file' | 'note'>,
  attributes: AttributeRef[],
  problems: string[],
): MetricDef {
  const instrument = node['instrument'];
  if (typeof instrument !== 'string' || !INSTRUMENTS.includes(instrument)) {
    problems.push(`${where}: instrument must be one of ${INSTRUMENTS.join(', ')}`);
  }
  const unit = node['unit'];
  if (typeof unit !== 'string' || unit === '') problems.push(`${where}: unit is required`);
  const annotations = isObject(node['annotations']) ? node['annotations'] : {};
  const codeGeneration = isObject(annotations['code_generation'])
    ? annotations['code_generation']
    : {};
  const valueType = codeGeneration['metric_value_type'];
  if (valueType !== 'int' && valueType !== 'double') {
    problems.push(`${where}: annotations.code_generation.metric_value_type must be int or double`);
  }
  const metric: MetricDef = {
    name,
    ...common,
    instrument: instrument as Instrument,
    unit: typeof unit === 'string' ? unit : '',
    valueType: valueType === 'int' ? 'int' : 'double',
    attributes,
  };
  const buckets = mlmonAnnotation(node, 'explicit_bucket_boundaries');
  if (buckets !== undefined) {
    const valid =
      Array.isArray(buckets) &&
      buckets.length > 0 &&
      buckets.every((b, i) => typeof b === 'number' && (i === 0 || b > (buckets[i - 1] as number)));
    if (!valid) problems.push(`${where}: explicit_bucket_boundaries must be increasing numbers`);
    else if (instrument !== 'histogram')
      problems.push(`${where}: bucket advice on a non-histogram`);
    else metric.advice = { explicitBucketBoundaries: buckets as number[] };
  }
  const level = mlmonAnnotation(node, 'requirement_level');
  if (level !== undefined) {
    const parsed = parseRequirementLevel(where, level, problems);
    if (parsed) metric.requirementLevel = parsed;
  }
  return metric;
}
