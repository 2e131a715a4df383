import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureSegments, listCaptureSegments } from './capture-segments.js';

const KIB = 1024;

describe('capture segments', () => {
  it('stays within max_bytes + one segment under a burst of 10× the bound, oldest dropped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-capture-'));
    let now = 1_000;
    const settings = { maxBytes: 64 * KIB, segmentBytes: 8 * KIB, maxAgeSeconds: 3600 };
    const segments = new CaptureSegments(dir, settings, () => now);
    const line = (i: number) => `${JSON.stringify({ i, pad: 'x'.repeat(200) })}\n`;
    let written = 0;
    let i = 0;
    while (written < 10 * settings.maxBytes) {
      const batch = Array.from({ length: 5 }, () => line(i++)).join('');
      await segments.append(batch);
      written += batch.length;
      now += 10;
      const files = await listCaptureSegments(dir);
      const total = files.reduce((sum, f) => sum + statSync(f).size, 0);
      expect(total).toBeLessThanOrEqual(settings.maxBytes + settings.segmentBytes + batch.length);
    }
    // The newest records are kept, in order; the oldest were deleted.
    const files = await listCaptureSegments(dir);
    const last = readFileSync(files.at(-1)!, 'utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last).i).toBe(i - 1);
    const first = JSON.parse(readFileSync(files[0]!, 'utf8').split('\n')[0]!).i as number;
    expect(first).toBeGreaterThan(0);
  });

  it('deletes segments older than max_age', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-capture-'));
    let now = Date.now();
    const segments = new CaptureSegments(
      dir,
      { maxBytes: 1024 * KIB, segmentBytes: 100, maxAgeSeconds: 60 },
      () => now,
    );
    await segments.append(`${'a'.repeat(150)}\n`);
    expect(await listCaptureSegments(dir)).toHaveLength(1);
    now += 120_000; // two minutes later: the first segment (last written then) is too old
    await segments.append(`${'b'.repeat(150)}\n`);
    const files = await listCaptureSegments(dir);
    expect(files).toHaveLength(1);
    expect(readFileSync(files[0]!, 'utf8')).toMatch(/^b+\n$/);
  });
});
