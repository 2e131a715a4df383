/**
 * The consistent-hash ring of the Collector's `loadbalancing` exporter, re-implemented from its
 * documented algorithm (exporter/loadbalancingexporter, consistent_hashing.go) so tests can
 * route like the exporter does:
 * - the ring has 36,000 positions; each endpoint takes 100 of them, position i being
 *   crc32(endpoint bytes ‖ uint32 little-endian i) mod 36,000, moved forward by linear probing
 *   (at most 10 steps) when taken, and skipped when no free slot is found;
 * - a routing key goes to crc32(key) mod 36,000 and is served by the first ring item at or after
 *   that position, wrapping around to the first item;
 * - with `routing_key: attributes`, the key is `name=value|` for each configured attribute.
 */
import { crc32 } from 'node:zlib';

const MAX_POSITIONS = 36_000;
const WEIGHT = 100;
const PROBE_LIMIT = 10;

interface RingItem {
  readonly position: number;
  readonly endpoint: string;
}

/** An immutable ring over the given endpoints (as the resolver lists them, e.g. `mlmon-0:4317`). */
export class LoadBalancingRing {
  private readonly items: RingItem[];

  constructor(endpoints: readonly string[]) {
    const taken = new Set<number>();
    const items: RingItem[] = [];
    for (const endpoint of endpoints) {
      const name = Buffer.from(endpoint, 'utf8');
      for (let i = 0; i < WEIGHT; i += 1) {
        const index = Buffer.alloc(4);
        index.writeUInt32LE(i);
        let position = crc32(Buffer.concat([name, index])) % MAX_POSITIONS;
        let probes = 0;
        while (taken.has(position) && probes < PROBE_LIMIT) {
          position = (position + 1) % MAX_POSITIONS;
          probes += 1;
        }
        if (probes >= PROBE_LIMIT) continue;
        taken.add(position);
        items.push({ position, endpoint });
      }
    }
    this.items = items.sort((a, b) => a.position - b.position);
  }

  /** The endpoint serving `key`. */
  endpointFor(key: string): string {
    const position = crc32(Buffer.from(key, 'utf8')) % MAX_POSITIONS;
    const item = this.items.find((candidate) => candidate.position >= position) ?? this.items[0];
    if (item === undefined) throw new Error('the ring has no endpoints');
    return item.endpoint;
  }
}

/** The routing key of `routing_key: attributes` for the given attribute values. */
export function attributesRoutingKey(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([name, value]) => `${name}=${value}|`).join('');
}
