/**
 * Cost of a window from the price table of the serve config (`prices`): per model, prices per
 * million input, cached-input (read and creation), output tokens and a price per request (for
 * classic models, or a GenAI call's fixed fee). Cached tokens are part of the input tokens
 * (`gen_ai.usage.input_tokens`), so input tokens are charged at the input price less the cached
 * ones, which are charged at their own price (the input price when the table names none).
 */
import type { ClosedWindow } from '../state/types.js';
import type { CostResult } from './window-result.js';

/** Prices of one model (`ml.model.name`; for GenAI calls `gen_ai.request.model`). */
export interface ModelPrice {
  readonly model: string;
  readonly inputPerMillionTokens?: number;
  readonly outputPerMillionTokens?: number;
  /** Price of input tokens read from the provider's cache; the input price when absent. */
  readonly cacheReadPerMillionTokens?: number;
  /** Price of input tokens written to the provider's cache; the input price when absent. */
  readonly cacheCreationPerMillionTokens?: number;
  /** Price per request (inference call, else prediction). */
  readonly perRequest?: number;
}

/** The price table of the serve config. */
export interface PriceTable {
  /** Currency code of every price (`ml.cost.currency`), e.g. `USD`. */
  readonly currency: string;
  readonly models: readonly ModelPrice[];
}

/** The cost of `closed` under `prices`; `undefined` when the table has no price for its model. */
export function windowCost(
  closed: ClosedWindow,
  prices: PriceTable | undefined,
): CostResult | undefined {
  const price = prices?.models.find((m) => m.model === closed.stream.model);
  if (prices === undefined || price === undefined) return undefined;
  // Calls when the window saw inference calls (GenAI calls are among them), else predictions.
  const requests = closed.service?.requests ?? closed.counts.weightedPredictions;
  const sums = closed.genai?.tokenSums;
  const input = sums?.input ?? 0;
  const cacheRead = sums?.cache_read ?? 0;
  const cacheCreation = sums?.cache_creation ?? 0;
  const inputPrice = price.inputPerMillionTokens ?? 0;
  const components = {
    input: (Math.max(0, input - cacheRead - cacheCreation) * inputPrice) / 1e6,
    cacheRead: (cacheRead * (price.cacheReadPerMillionTokens ?? inputPrice)) / 1e6,
    cacheCreation: (cacheCreation * (price.cacheCreationPerMillionTokens ?? inputPrice)) / 1e6,
    output: ((sums?.output ?? 0) * (price.outputPerMillionTokens ?? 0)) / 1e6,
    requests: requests * (price.perRequest ?? 0),
  };
  const total =
    components.input +
    components.cacheRead +
    components.cacheCreation +
    components.output +
    components.requests;
  return {
    currency: prices.currency,
    requests,
    total,
    ...(requests > 0
      ? { perRequest: total / requests, perThousandRequests: (1000 * total) / requests }
      : {}),
    components,
  };
}

/** The `cost` member of a result: present only when the model has a price. */
export function withCost(cost: CostResult | undefined): { cost?: CostResult } {
  return cost !== undefined ? { cost } : {};
}
