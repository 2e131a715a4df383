/**
 * `mlmon baseline --label-column`: the profile keeps the labeled scores CBPE needs (the label
 * column is not profiled as a feature), evenly spaced above the cap; profiles without them stay
 * valid; a malformed `labeled` part is named by its path.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildBaseline } from '../../processor/src/cli/commands/baseline.js';
import { parseProfile, profileToJson } from '../../processor/src/profile/profile-json.js';
import { PROFILE_MAX_LABELED_ROWS } from '../../processor/src/profile/reference-profile.js';
import { failure, tempDir, writeCsv } from './cli-files.js';

const dir = tempDir('baseline-labeled');
afterAll(() => dir.remove());

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => [i % 7, ((i * 37) % 100) / 100, i % 3 === 0 ? 1 : 0]);

describe('mlmon baseline --label-column', () => {
  it('keeps every row’s score and label in file order, and no label feature', async () => {
    const input = writeCsv(dir.path('small.csv'), ['x', 'score', 'y'], rows(500));
    const profile = await buildBaseline({
      input,
      model: 'm',
      version: '1',
      scoreColumn: 'score',
      labelColumn: 'y',
      threshold: 0.3,
      now: new Date(0),
    });
    expect(profile.features.map((f) => f.name)).toEqual(['x']);
    expect(profile.labeled).toMatchObject({ threshold: 0.3, rows: 500 });
    expect(profile.labeled!.scores).toEqual(rows(500).map((r) => r[1]));
    expect(profile.labeled!.labels).toEqual(rows(500).map((r) => r[2]));
    // Round trip through the file format.
    expect(parseProfile(profileToJson(profile)).labeled).toEqual(profile.labeled);
    // An older profile without the part is still read.
    const { labeled: _dropped, ...older } = profile;
    expect(parseProfile(profileToJson(older)).labeled).toBeUndefined();
  });

  it('keeps evenly spaced rows above the cap', async () => {
    const n = PROFILE_MAX_LABELED_ROWS + PROFILE_MAX_LABELED_ROWS / 2;
    const input = writeCsv(
      dir.path('large.csv'),
      ['score', 'y'],
      rows(n).map((r) => r.slice(1)),
    );
    const profile = await buildBaseline({
      input,
      model: 'm',
      version: '1',
      scoreColumn: 'score',
      labelColumn: 'y',
      now: new Date(0),
    });
    const kept = profile.labeled!;
    expect(kept.rows).toBe(n);
    expect(kept.scores.length).toBe(PROFILE_MAX_LABELED_ROWS);
    // Row k·1.5 (floored) of the file: rows 0, 1, 3, 4, 6, …
    expect(kept.scores.slice(0, 4)).toEqual([0, 1, 3, 4].map((i) => ((i * 37) % 100) / 100));
  });

  it('needs the score column, 0/1 labels, and names a bad labeled part', async () => {
    const input = writeCsv(
      dir.path('bad.csv'),
      ['score', 'y'],
      [
        [0.2, 0],
        [0.4, 3],
      ],
    );
    const base = { input, model: 'm', version: '1', now: new Date(0) };
    expect((await failure(() => buildBaseline({ ...base, labelColumn: 'y' }))).message).toBe(
      '--label-column needs --score-column (binary) or --probability-columns (multiclass): ' +
        'the scores the labels go with',
    );
    expect(
      (await failure(() => buildBaseline({ ...base, probabilityColumns: ['score', 'y'] }))).message,
    ).toBe('--probability-columns needs --label-column (the true class of each row)');
    expect(
      (
        await failure(() =>
          buildBaseline({ ...base, probabilityColumns: ['score'], labelColumn: 'y' }),
        )
      ).message,
    ).toBe('--probability-columns needs at least two columns (one per class)');
    expect(
      (await failure(() => buildBaseline({ ...base, scoreColumn: 'score', labelColumn: 'y' })))
        .message,
    ).toBe(`${input} line 3, column 'y': label 3 is not 0 or 1`);
    const good = await buildBaseline({
      ...base,
      input: writeCsv(
        dir.path('ok.csv'),
        ['score', 'y'],
        [
          [0.2, 0],
          [0.4, 1],
        ],
      ),
      scoreColumn: 'score',
      labelColumn: 'y',
    });
    const text = profileToJson({ ...good, labeled: { ...good.labeled!, labels: [0, 2] } });
    expect(() => parseProfile(text)).toThrow(/labeled\.labels: expected an array of 0 and 1/);
  });
});
