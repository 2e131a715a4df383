/**
 * Parses the serve config's `prices`: the currency and, per model, the prices that turn a
 * window's token usage and requests into its cost (`evaluate/cost.ts`). Every problem names its
 * path (`prices.models[1].outputPerMillionTokens`).
 */
import type { ModelPrice, PriceTable } from '../evaluate/cost.js';
import { forEachConfigMap } from './config-list.js';

const TOP_KEYS = ['currency', 'models'];
const PRICE_KEYS = [
  'inputPerMillionTokens',
  'outputPerMillionTokens',
  'cacheReadPerMillionTokens',
  'cacheCreationPerMillionTokens',
  'perRequest',
] as const;
const MODEL_KEYS = ['model', ...PRICE_KEYS];

/** Parses `raw` (the value of `prices`). */
export function parsePrices(
  raw: unknown,
  path = 'prices',
): { prices: PriceTable | undefined; problems: string[] } {
  const problems: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${path}: must be a map with currency and models`);
    return { prices: undefined, problems };
  }
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!TOP_KEYS.includes(key))
      problems.push(`${path}.${key}: unknown key (known: ${TOP_KEYS.join(', ')})`);
  }
  const currency = r['currency'];
  if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) {
    problems.push(
      `${path}.currency: must be a 3-letter currency code, got ${JSON.stringify(currency)}`,
    );
  }
  const models: ModelPrice[] = [];
  const seen = new Set<string>();
  forEachConfigMap(r['models'], `${path}.models`, 'models {model, prices}', problems, (m, at) => {
    const before = problems.length;
    for (const key of Object.keys(m)) {
      if (!MODEL_KEYS.includes(key))
        problems.push(`${at}.${key}: unknown key (known: ${MODEL_KEYS.join(', ')})`);
    }
    const model = m['model'];
    if (typeof model !== 'string' || model === '')
      problems.push(`${at}.model: must be a model name, got ${JSON.stringify(model)}`);
    else if (seen.has(model)) problems.push(`${at}.model: a second price for '${model}'`);
    const price: Record<string, number> = {};
    for (const key of PRICE_KEYS) {
      const v = m[key];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        problems.push(`${at}.${key}: must be a number >= 0, got ${JSON.stringify(v)}`);
      else price[key] = v;
    }
    if (Object.keys(price).length === 0 && problems.length === before)
      problems.push(`${at}: names no price (${PRICE_KEYS.join(', ')})`);
    if (problems.length > before) return;
    seen.add(model as string);
    models.push({ model: model as string, ...price });
  });
  if (problems.length > 0) return { prices: undefined, problems };
  return { prices: { currency: (currency as string).toUpperCase(), models }, problems };
}
