/**
 * The resolved shape of the mlmon registry: what the generator and the registry tests work on,
 * after the YAML files (semantic-conventions `definition/2`) are parsed, merged and their
 * attribute references resolved.
 */

/** Stability levels of the v2 syntax. */
export type Stability = 'stable' | 'development' | 'alpha' | 'beta' | 'release_candidate';

/** A requirement level: plain, or with the condition or reason as text. */
export type RequirementLevel =
  | 'required'
  | 'recommended'
  | 'opt_in'
  | { conditionally_required: string }
  | { recommended: string }
  | { opt_in: string };

/** One member of an enum attribute. */
export interface EnumMember {
  id: string;
  value: string | number | boolean;
  brief?: string;
  note?: string;
  stability?: Stability;
}

/** An attribute definition from an `attributes:` section. */
export interface AttributeDef {
  key: string;
  /** Primitive or array type, `any`, `template[<type>]`, or `enum` (see `members`). */
  type: string;
  /** For `type: enum`, the members in definition order. */
  members?: EnumMember[];
  brief: string;
  note?: string;
  stability: Stability;
  examples?: unknown[];
  /** `annotations.mlmon.reused_from`: where a reused OTel attribute is defined upstream. */
  reusedFrom?: string;
  /** The model file, relative to the model directory, that defines the attribute. */
  file: string;
}

/** An attribute as referenced (and possibly refined) by a signal. */
export interface AttributeRef {
  key: string;
  requirementLevel: RequirementLevel;
  samplingRelevant: boolean;
  brief?: string;
  note?: string;
}

/** Histogram bucket advice, mirroring the OTel API's `MetricAdvice`. */
export interface MetricAdviceDef {
  explicitBucketBoundaries: number[];
}

/** The four synchronous/asynchronous instrument kinds of the v2 syntax. */
export type Instrument = 'counter' | 'updowncounter' | 'histogram' | 'gauge';

/** A metric definition. */
export interface MetricDef {
  name: string;
  brief: string;
  note?: string;
  instrument: Instrument;
  unit: string;
  valueType: 'int' | 'double';
  stability: Stability;
  advice?: MetricAdviceDef;
  /** The signal's own requirement level (`annotations.mlmon.requirement_level`). */
  requirementLevel?: RequirementLevel;
  attributes: AttributeRef[];
  file: string;
}

/** An event definition (a log record with an event name). */
export interface EventDef {
  name: string;
  brief: string;
  note?: string;
  stability: Stability;
  attributes: AttributeRef[];
  reusedFrom?: string;
  file: string;
}

/** A span definition. */
export interface SpanDef {
  type: string;
  kind: 'client' | 'server' | 'producer' | 'consumer' | 'internal';
  nameNote: string;
  brief: string;
  note?: string;
  stability: Stability;
  attributes: AttributeRef[];
  file: string;
}

/** An entity definition. */
export interface EntityDef {
  type: string;
  brief: string;
  note?: string;
  stability: Stability;
  identity: AttributeRef[];
  description: AttributeRef[];
  file: string;
}

/** The whole resolved registry; every list is sorted by name for deterministic output. */
export interface Registry {
  attributes: AttributeDef[];
  metrics: MetricDef[];
  events: EventDef[];
  spans: SpanDef[];
  entities: EntityDef[];
}
