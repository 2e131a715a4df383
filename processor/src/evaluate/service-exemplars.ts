/**
 * The example calls of a window's service SLIs: its slowest calls beside the latency figures and
 * a draw of its failed calls beside the errors (see `state/exemplar-reservoir.ts`).
 */
import type { ExemplarReservoir } from '../state/exemplar-reservoir.js';
import { toExemplar } from './to-exemplar.js';
import type { ServiceResult } from './window-result.js';

/** `service` with the window's example calls attached (unchanged without any). */
export function withCallExemplars(
  service: ServiceResult,
  reservoir: ExemplarReservoir | undefined,
): ServiceResult {
  if (reservoir === undefined) return service;
  const slowest = reservoir.slowest.map((pick) => toExemplar(pick));
  const failed = reservoir.failed.map((pick) => toExemplar(pick));
  return {
    ...service,
    ...(service.latency !== undefined && slowest.length > 0
      ? { latency: { ...service.latency, exemplars: slowest } }
      : {}),
    ...(failed.length > 0 ? { errorExemplars: failed } : {}),
  };
}
