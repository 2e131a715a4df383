/** Small pure parsers shared by the config sources. */

/** Parses `k=v,k2=v2` (W3C baggage-like, values URL-decoded, as the OTLP exporter spec says) or a YAML map. */
export function parseHeaders(value: unknown): Record<string, string> | string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string' && typeof v !== 'number') return `header ${k} must be a string`;
      out[k] = String(v);
    }
    return out;
  }
  if (typeof value !== 'string')
    return `must be "key=value,key2=value2" or a mapping, got ${show(value)}`;
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return `must be "key=value,key2=value2", got ${show(part.trim())}`;
    try {
      out[decodeURIComponent(part.slice(0, eq).trim())] = decodeURIComponent(
        part.slice(eq + 1).trim(),
      );
    } catch {
      return `has an invalid percent-encoding in ${show(part.trim())}`;
    }
  }
  return out;
}

/** Appends `/v1/metrics` to a base endpoint, as the OTLP exporter spec does for the generic variable. */
export function appendSignalPath(base: string): string {
  return `${base.replace(/\/+$/, '')}/v1/metrics`;
}

/** True for an absolute http(s) URL. */
export function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Renders a raw config value for an error message. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
