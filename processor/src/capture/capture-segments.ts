/**
 * The capture store's files: JSON-lines segments `capture-<startMillis>-<seq>.jsonl` under
 * `<data dir>/capture/`, appended to one at a time; a segment past `segmentBytes` is closed and
 * a new one started, and after each write the oldest segments are deleted while the total passes
 * `maxBytes` or their last write is older than `maxAgeSeconds`. So the store stays within
 * `maxBytes + segmentBytes` whatever the rate of records.
 */
import { appendFile, mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaptureSettings } from './capture-settings.js';

/** The folder of the capture segments under a data directory. */
export const captureDir = (dataDir: string): string => join(dataDir, 'capture');

const SEGMENT = /^capture-(\d+)-(\d+)\.jsonl$/;

/** The segment files of `dir`, oldest first. */
export async function listCaptureSegments(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((name) => ({ name, m: SEGMENT.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]) || Number(a.m[2]) - Number(b.m[2]))
    .map((x) => join(dir, x.name));
}

/** Appends lines to the current segment, rotating and enforcing the bounds. */
export class CaptureSegments {
  private current: { path: string; bytes: number } | undefined;
  private seq = 0;

  constructor(
    private readonly dir: string,
    private readonly settings: Pick<CaptureSettings, 'maxBytes' | 'maxAgeSeconds' | 'segmentBytes'>,
    private readonly now: () => number,
  ) {}

  /** Appends `text` (whole lines) and then deletes what is beyond the bounds. */
  async append(text: string): Promise<void> {
    if (text === '') return;
    await mkdir(this.dir, { recursive: true });
    if (this.current === undefined || this.current.bytes >= this.settings.segmentBytes) {
      this.current = {
        path: join(this.dir, `capture-${this.now()}-${this.seq++}.jsonl`),
        bytes: 0,
      };
    }
    await appendFile(this.current.path, text);
    this.current.bytes += Buffer.byteLength(text);
    await this.enforceBounds();
  }

  /** Deletes the oldest segments beyond the byte bound, and those past the age bound. */
  async enforceBounds(): Promise<void> {
    const segments = await listCaptureSegments(this.dir);
    const sizes = await Promise.all(
      segments.map(async (path) => {
        const s = await stat(path);
        return { path, bytes: s.size, modifiedMs: s.mtimeMs };
      }),
    );
    let total = sizes.reduce((sum, s) => sum + s.bytes, 0);
    const oldest = this.now() - this.settings.maxAgeSeconds * 1000;
    for (const s of sizes) {
      if (s.path === this.current?.path) break;
      if (total <= this.settings.maxBytes && s.modifiedMs >= oldest) break;
      await unlink(s.path);
      total -= s.bytes;
    }
  }
}
