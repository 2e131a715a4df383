import type {
  InstrumentationScope,
  LogRecord,
  Metric,
  Resource,
  ResourceLogs,
  ResourceMetrics,
  ResourceSpans,
  ScopeLogs,
  ScopeMetrics,
  ScopeSpans,
  Span,
} from './otlp-types.js';

/**
 * How one signal nests its items, identically in protobuf and JSON:
 * `Export*ServiceRequest.resource*[]` → `{ resource, scope*[], schemaUrl }` →
 * `{ scope, items[], schemaUrl }`. Only the names and the item type differ between the three
 * signals, so the protobuf and JSON decoders each walk the envelope once, generically
 * (`proto-envelope.ts`, `json-envelope.ts`), and take the signal's item reader.
 */
export interface SignalEnvelope<Item, ScopeGroup, ResourceGroup> {
  /** JSON name of the request's repeated resource groups (also the first error-path segment). */
  readonly resourcesField: string;
  /** JSON name of a resource group's repeated scope groups. */
  readonly scopesField: string;
  /** JSON name of a scope group's repeated items. */
  readonly itemsField: string;
  /** Builds a decoded scope group (`ScopeLogs`, `ScopeSpans`, `ScopeMetrics`). */
  scopeGroup(scope: InstrumentationScope, items: Item[], schemaUrl: string): ScopeGroup;
  /** Builds a decoded resource group (`ResourceLogs`, `ResourceSpans`, `ResourceMetrics`). */
  resourceGroup(resource: Resource, scopes: ScopeGroup[], schemaUrl: string): ResourceGroup;
}

/** `ResourceLogs` → `ScopeLogs` → `LogRecord`. */
export const LOGS_ENVELOPE: SignalEnvelope<LogRecord, ScopeLogs, ResourceLogs> = {
  resourcesField: 'resourceLogs',
  scopesField: 'scopeLogs',
  itemsField: 'logRecords',
  scopeGroup: (scope, logRecords, schemaUrl) => ({ scope, logRecords, schemaUrl }),
  resourceGroup: (resource, scopeLogs, schemaUrl) => ({ resource, scopeLogs, schemaUrl }),
};

/** `ResourceSpans` → `ScopeSpans` → `Span`. */
export const TRACES_ENVELOPE: SignalEnvelope<Span, ScopeSpans, ResourceSpans> = {
  resourcesField: 'resourceSpans',
  scopesField: 'scopeSpans',
  itemsField: 'spans',
  scopeGroup: (scope, spans, schemaUrl) => ({ scope, spans, schemaUrl }),
  resourceGroup: (resource, scopeSpans, schemaUrl) => ({ resource, scopeSpans, schemaUrl }),
};

/** `ResourceMetrics` → `ScopeMetrics` → `Metric`. */
export const METRICS_ENVELOPE: SignalEnvelope<Metric, ScopeMetrics, ResourceMetrics> = {
  resourcesField: 'resourceMetrics',
  scopesField: 'scopeMetrics',
  itemsField: 'metrics',
  scopeGroup: (scope, metrics, schemaUrl) => ({ scope, metrics, schemaUrl }),
  resourceGroup: (resource, scopeMetrics, schemaUrl) => ({ resource, scopeMetrics, schemaUrl }),
};
