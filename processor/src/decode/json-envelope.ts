import type { JsonObject } from './json-common.js';
import { mapMessages, parseJsonBody, resource, scope, str } from './json-common.js';
import type { SignalEnvelope } from './signal-envelopes.js';

/**
 * Decodes an OTLP/JSON `Export*ServiceRequest`, reading each item object with `readItem`.
 * Errors carry the field path (`resourceLogs[0].scopeLogs[1]...`).
 * @throws OtlpDecodeError at the first problem
 */
export function readJsonEnvelope<Item, ScopeGroup, ResourceGroup>(
  body: Uint8Array | string,
  envelope: SignalEnvelope<Item, ScopeGroup, ResourceGroup>,
  readItem: (o: JsonObject) => Item,
): ResourceGroup[] {
  // Arguments evaluate left to right, so a group's fields are checked in the order they are
  // listed (resource or scope, then the nested list, then schemaUrl) and the first error wins.
  const scopeGroup = (o: JsonObject): ScopeGroup =>
    envelope.scopeGroup(
      scope(o),
      mapMessages(o, envelope.itemsField, readItem),
      str(o, 'schemaUrl'),
    );
  const resourceGroup = (o: JsonObject): ResourceGroup =>
    envelope.resourceGroup(
      resource(o),
      mapMessages(o, envelope.scopesField, scopeGroup),
      str(o, 'schemaUrl'),
    );
  return mapMessages(parseJsonBody(body), envelope.resourcesField, resourceGroup);
}
