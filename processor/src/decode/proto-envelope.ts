import {
  emptyResource,
  emptyScope,
  pushMessage,
  readResource,
  readScope,
  resetAttributeStack,
} from './proto-common.js';
import { ProtoReader } from './proto-reader.js';
import type { SignalEnvelope } from './signal-envelopes.js';

/** Reads one length-prefixed message at the reader's position. */
type MessageReader<T> = (r: ProtoReader) => T;

/**
 * Decodes an `Export*ServiceRequest` (field 1: the resource groups) from protobuf bytes, reading
 * each item (`LogRecord`, `Span`, `Metric`) with `readItem`. Errors carry the field path
 * (`resourceLogs[0].scopeLogs[1]...`) and the byte offset.
 * @throws OtlpDecodeError at the first problem
 */
export function readProtoEnvelope<Item, ScopeGroup, ResourceGroup>(
  bytes: Uint8Array,
  envelope: SignalEnvelope<Item, ScopeGroup, ResourceGroup>,
  readItem: MessageReader<Item>,
): ResourceGroup[] {
  const readScopeGroup = (r: ProtoReader): ScopeGroup =>
    readGroup(r, readScope, readItem, envelope.itemsField, (scope, items, schemaUrl) =>
      envelope.scopeGroup(scope ?? emptyScope(), items, schemaUrl),
    );
  const readResourceGroup = (r: ProtoReader): ResourceGroup =>
    readGroup(r, readResource, readScopeGroup, envelope.scopesField, (resource, scopes, url) =>
      envelope.resourceGroup(resource ?? emptyResource(), scopes, url),
    );
  const r = new ProtoReader(bytes);
  resetAttributeStack();
  const groups: ResourceGroup[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    // 1 resource_*
    if (tag === 10) pushMessage(r, groups, readResourceGroup, envelope.resourcesField);
    else r.skip(tag);
  }
  return groups;
}

/**
 * Reads one level of the envelope, which has the same layout for resource and scope groups:
 * 1 the resource or scope, 2 the repeated children (scope groups or items), 3 schema_url.
 */
function readGroup<Head, Child, Group>(
  r: ProtoReader,
  readHead: MessageReader<Head>,
  readChild: MessageReader<Child>,
  childrenField: string,
  build: (head: Head | null, children: Child[], schemaUrl: string) => Group,
): Group {
  const end = r.lengthEnd();
  let head = null;
  const children: Child[] = [];
  let schemaUrl = '';
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: // 1 resource / scope
        head = readHead(r);
        break;
      case 18: // 2 scope_* / items
        pushMessage(r, children, readChild, childrenField);
        break;
      case 26: // 3 schema_url
        schemaUrl = r.string();
        break;
      default:
        r.skip(tag);
    }
  }
  r.checkEnd(end);
  return build(head, children, schemaUrl);
}
