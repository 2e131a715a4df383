import { describe, expect, it } from 'vitest';
import { rankingKFor } from '../state/ranking-settings.js';
import { formatConfigIssue } from './config-issue.js';
import { resolveServeConfig } from './resolve-serve-config.js';

const resolve = (models: unknown) => resolveServeConfig({ flags: {}, env: {}, file: { models } });

describe('models[].ranking', () => {
  it('resolves k per model and version, alone or beside drift settings', () => {
    const result = resolve([
      { model: 'search', ranking: { k: 5 } },
      { model: 'search', version: 2, drift: { method: 'psi' }, ranking: { k: 20 } },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.modelRanking).toEqual([
      { model: 'search', k: 5 },
      { model: 'search', version: '2', k: 20 },
    ]);
    const all = result.config.modelRanking;
    expect(rankingKFor(all, 'search', '2')).toBe(20);
    expect(rankingKFor(all, 'search', '1')).toBe(5);
    expect(rankingKFor(all, 'other', '1')).toBe(10);
  });

  it('names a k that is not a positive integer and an unknown key by their paths', () => {
    const result = resolve([
      { model: 'search', ranking: { k: 0 } },
      { model: 'search', version: '2', ranking: { k: 2.5, cutoff: 3 } },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.issues.map(formatConfigIssue).join('\n');
    for (const expected of [
      'models[0].ranking.k": must be a positive integer, got 0',
      'models[1].ranking.k": must be a positive integer, got 2.5',
      'models[1].ranking.cutoff": unknown key; valid keys are k',
    ]) {
      expect(messages).toContain(expected);
    }
  });
});
