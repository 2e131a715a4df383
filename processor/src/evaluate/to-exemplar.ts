/** A kept example as results carry it (see `state/exemplar-reservoir.ts`). */
import type { Exemplar } from './window-result.js';

/** `pick` with its span key split into trace and span id (and its category, if any). */
export function toExemplar(
  pick: { readonly value: number; readonly spanKey: string; readonly timeMs: number },
  category?: string,
): Exemplar {
  const [traceId = '', spanId = ''] = pick.spanKey.split(':');
  return {
    traceId,
    spanId,
    value: pick.value,
    timeUnixMillis: pick.timeMs,
    ...(category !== undefined ? { category } : {}),
  };
}
