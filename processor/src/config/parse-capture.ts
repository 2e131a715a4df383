/**
 * Parses the serve config's `capture` key: `capture: { sample_rate: 0.01, models: { fraud: 0.1 },
 * max_bytes: 268435456, max_age_hours: 168, segment_bytes: 16777216 }` (every key optional; the
 * defaults are `DEFAULT_CAPTURE`). Every problem names its path (`capture.sample_rate`).
 */
import { DEFAULT_CAPTURE, type CaptureSettings } from '../capture/capture-settings.js';

const KEYS = ['sample_rate', 'models', 'max_bytes', 'max_age_hours', 'segment_bytes'];

const isRate = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;
const isPositiveInteger = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Parses `raw` (the value of `capture`). */
export function parseCapture(
  raw: unknown,
  path = 'capture',
): { capture?: CaptureSettings; problems: string[] } {
  const problems: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problems: [`${path}: must be a map with ${KEYS.join(', ')}`] };
  }
  const m = raw as Record<string, unknown>;
  for (const key of Object.keys(m)) {
    if (!KEYS.includes(key))
      problems.push(`${path}.${key}: unknown key; valid keys are ${KEYS.join(', ')}`);
  }
  const rate = m['sample_rate'] ?? DEFAULT_CAPTURE.sampleRate;
  if (!isRate(rate))
    problems.push(`${path}.sample_rate: must be a number from 0 to 1, got ${JSON.stringify(rate)}`);
  const models: Record<string, number> = {};
  const rawModels = m['models'] ?? {};
  if (rawModels === null || typeof rawModels !== 'object' || Array.isArray(rawModels)) {
    problems.push(`${path}.models: must be a map of model name to sample rate`);
  } else {
    for (const [model, r] of Object.entries(rawModels)) {
      if (isRate(r)) models[model] = r;
      else
        problems.push(
          `${path}.models.${model}: must be a number from 0 to 1, got ${JSON.stringify(r)}`,
        );
    }
  }
  const number = (key: string, fallback: number, scale = 1): number => {
    const v = m[key];
    if (v === undefined) return fallback;
    if (!isPositiveInteger(v)) {
      problems.push(`${path}.${key}: must be a positive integer, got ${JSON.stringify(v)}`);
      return fallback;
    }
    return v * scale;
  };
  const capture: CaptureSettings = {
    ...DEFAULT_CAPTURE,
    sampleRate: isRate(rate) ? rate : DEFAULT_CAPTURE.sampleRate,
    models,
    maxBytes: number('max_bytes', DEFAULT_CAPTURE.maxBytes),
    maxAgeSeconds: number('max_age_hours', DEFAULT_CAPTURE.maxAgeSeconds, 3600),
    segmentBytes: number('segment_bytes', DEFAULT_CAPTURE.segmentBytes),
  };
  if (capture.segmentBytes > capture.maxBytes) {
    problems.push(`${path}.segment_bytes: must not exceed max_bytes (${capture.maxBytes})`);
  }
  return problems.length > 0 ? { problems } : { capture, problems };
}
