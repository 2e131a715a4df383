// Number and time formatting. Absent values render as an em dash, never "NaN".

export const DASH = '—';

/** True for a finite number. */
export function has(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A statistic with 3 significant digits (scientific for tiny p-values). */
export function num(value, digits = 3) {
  if (!has(value)) return DASH;
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs < 1e-3) return value.toExponential(1);
  if (abs >= 1e4) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toString();
}

/** A share in [0, 1] as a percentage. */
export function pct(value, digits = 1) {
  return has(value) ? `${(value * 100).toFixed(digits)}%` : DASH;
}

/** A count: 1234 → 1,234; 123456 → 123k. */
export function count(value) {
  if (!has(value)) return DASH;
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (value >= 1e5) return `${Math.round(value / 1e3)}k`;
  return Math.round(value).toLocaleString('en-US');
}

/** Seconds as a short duration. */
export function duration(seconds) {
  if (!has(seconds)) return DASH;
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 120) return `${num(seconds, 2)} s`;
  if (seconds < 7200) return `${num(seconds / 60, 2)} min`;
  if (seconds < 172800) return `${num(seconds / 3600, 2)} h`;
  return `${num(seconds / 86400, 2)} d`;
}

/** Clock time of an epoch-millisecond instant, HH:MM:SS local. */
export function clock(ms) {
  return new Date(ms).toLocaleTimeString('en-GB', { hour12: false });
}

/** A window as "12:00:00–12:00:10". */
export function windowRange(w) {
  return `${clock(w.startUnixMillis)}–${clock(w.endUnixMillis)}`;
}

/** How long ago, from now. */
export function ago(ms, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** Human label of a drift/alert state value (`no_drift` → "no drift"). */
export function stateLabel(state) {
  return String(state).replaceAll('_', ' ');
}
