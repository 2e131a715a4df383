/**
 * The identifying subset of a source resource, kept on mlmon's output series.
 */
import {
  ATTR_DEPLOYMENT_ENVIRONMENT_NAME,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_NAMESPACE,
  ATTR_SERVICE_VERSION,
} from '@mlmon/conventions';
import type { Attributes } from '../decode/otlp-types.js';
import { KEY_SEPARATOR } from '../keys/series-key.js';
import { readString } from './any-value.js';
import type { ResourceIdentity } from './types.js';

/**
 * The resource attributes that identify a service rather than one of its instances. Per-pod
 * attributes (`service.instance.id`, `host.name`, `k8s.pod.*`) are excluded on purpose.
 */
export const IDENTIFYING_RESOURCE_KEYS: readonly string[] = [
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_NAMESPACE,
  ATTR_SERVICE_VERSION,
  ATTR_DEPLOYMENT_ENVIRONMENT_NAME,
];

/** Picks the identifying attributes of a resource (computed once per resource, not per record). */
export function resourceIdentity(attributes: Attributes): ResourceIdentity {
  const picked: Record<string, string> = {};
  let key = '';
  for (const k of IDENTIFYING_RESOURCE_KEYS) {
    const v = readString(attributes[k]);
    if (v === undefined) continue;
    picked[k] = v;
    key += (key === '' ? '' : KEY_SEPARATOR) + k + '=' + v;
  }
  return { attributes: picked, key };
}
