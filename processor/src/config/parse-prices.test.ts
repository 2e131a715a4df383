import { describe, expect, it } from 'vitest';
import { parsePrices } from './parse-prices.js';

describe('parsePrices', () => {
  it('reads the currency and each model price', () => {
    expect(
      parsePrices({
        currency: 'usd',
        models: [
          { model: 'gpt-x', inputPerMillionTokens: 2.5, outputPerMillionTokens: 10 },
          { model: 'fraud', perRequest: 0.0002 },
        ],
      }),
    ).toEqual({
      prices: {
        currency: 'USD',
        models: [
          { model: 'gpt-x', inputPerMillionTokens: 2.5, outputPerMillionTokens: 10 },
          { model: 'fraud', perRequest: 0.0002 },
        ],
      },
      problems: [],
    });
  });

  it('names every problem by its path', () => {
    const { prices, problems } = parsePrices({
      currency: 'dollars',
      models: [
        { model: 'a', inputPerMillionTokens: -1 },
        { model: 'a', perRequest: 1 },
        { model: 'b' },
        { model: 'c', perRequest: 1, outputPerMilionTokens: 2 },
        'd',
      ],
      extra: 1,
    });
    expect(prices).toBeUndefined();
    expect(problems).toEqual([
      'prices.extra: unknown key (known: currency, models)',
      'prices.currency: must be a 3-letter currency code, got "dollars"',
      'prices.models[0].inputPerMillionTokens: must be a number >= 0, got -1',
      'prices.models[2]: names no price (inputPerMillionTokens, outputPerMillionTokens, cacheReadPerMillionTokens, cacheCreationPerMillionTokens, perRequest)',
      'prices.models[3].outputPerMilionTokens: unknown key (known: model, inputPerMillionTokens, outputPerMillionTokens, cacheReadPerMillionTokens, cacheCreationPerMillionTokens, perRequest)',
      'prices.models[4]: must be a map',
    ]);
  });
});
