import { describe, expect, it } from 'vitest';
import {
  cbpeSumsAccumulator as acc,
  cbpeSumsEffectiveCount,
  createCbpeSums,
} from './cbpe-sums-acc.js';

const calibrated = [0.6, 0.3, 0.1];

describe('CBPE sums', () => {
  it("keep Σw², so a sampled window's band counts Kish's effective size", () => {
    const a = createCbpeSums(3);
    const b = createCbpeSums(3);
    // Weights 1, 1, 4 (Σw = 6, Σw² = 18) in one slice, 2 (Σw = 2, Σw² = 4) in the other.
    acc.record(a, { calibrated, predicted: 0 });
    acc.record(a, { calibrated, predicted: 1 });
    acc.record(a, { calibrated, predicted: 0 }, 4);
    acc.record(b, { calibrated, predicted: 2 }, 2);
    expect(cbpeSumsEffectiveCount(a)).toBeCloseTo(36 / 18, 12);
    const all = acc.merge(a, b);
    expect(all.count).toBe(4);
    expect(cbpeSumsEffectiveCount(all)).toBeCloseTo(64 / 22, 12);
    const json = JSON.parse(JSON.stringify(acc.toJSON(all))) as Record<string, unknown>;
    expect(cbpeSumsEffectiveCount(acc.fromJSON(json as never))).toBeCloseTo(64 / 22, 12);
    // A checkpoint written before Σw² was kept: the band keeps counting the predictions.
    delete json['weight2'];
    expect(cbpeSumsEffectiveCount(acc.fromJSON(json as never))).toBeCloseTo(4, 12);
  });
});
