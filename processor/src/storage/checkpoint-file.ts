/**
 * The checkpoint: the whole processor state as of an LSN, written atomically (temporary file,
 * `fsync`, `rename`, directory `fsync`), so a crash leaves either the old or the new checkpoint,
 * never a mix. Every WAL record with an LSN at or below the checkpoint's is in it; replay starts
 * after it (exactly once across a crash).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stringifySlicedParts } from './sliced-json.js';

/** Version of the checkpoint file format. */
export const CHECKPOINT_FORMAT_VERSION = 1;
/** File name of the checkpoint in the data directory. */
export const CHECKPOINT_FILE = 'checkpoint.json';
/**
 * The checkpoint before it, kept (with the log since it) so that a damaged checkpoint falls
 * back to it without losing anything.
 */
export const PREVIOUS_CHECKPOINT_FILE = 'checkpoint.prev.json';

/** Last line of a checkpoint file: the SHA-256 of everything before it (a flipped bit shows). */
const TRAILER = /\n#sha256:([0-9a-f]{64})\n$/;

/** A checkpoint as stored. */
export interface Checkpoint<T> {
  readonly format: 'mlmon-checkpoint';
  readonly version: number;
  /** Every WAL record up to and including this LSN is reflected in `data`. */
  readonly lsn: number;
  readonly writtenUnixMillis: number;
  readonly data: T;
}

/**
 * The checkpoint file's text for `data` as of `lsn`, in pieces (their concatenation is the
 * text), stringified in slices that yield to the event loop (see sliced-json.ts): `data` must
 * be a snapshot nothing else changes meanwhile.
 */
export function checkpointText<T>(
  lsn: number,
  data: T,
  nowMs: number,
  sliceMillis: number,
): Promise<string[]> {
  const checkpoint: Checkpoint<T> = {
    format: 'mlmon-checkpoint',
    version: CHECKPOINT_FORMAT_VERSION,
    lsn,
    writtenUnixMillis: nowMs,
    data,
  };
  return stringifySlicedParts(checkpoint, sliceMillis);
}

/**
 * Writes checkpoint text (the pieces from {@link checkpointText}) atomically. Asynchronous and
 * in batches of about a megabyte: a checkpoint of thousands of streams is tens of megabytes,
 * whose synchronous encoding, write and `fsync` held the receivers for half a second.
 */
export async function writeCheckpoint(dir: string, pieces: readonly string[]): Promise<void> {
  const path = join(dir, CHECKPOINT_FILE);
  const temporary = `${path}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  const hash = createHash('sha256');
  let complete = false;
  try {
    let batch: string[] = [];
    let length = 0;
    const flush = async (): Promise<void> => {
      const text = batch.join('');
      hash.update(text, 'utf8');
      await file.write(text);
      batch = [];
      length = 0;
    };
    for (const piece of pieces) {
      batch.push(piece);
      length += piece.length;
      if (length >= WRITE_BATCH_CHARS) await flush();
    }
    if (batch.length > 0) await flush();
    await file.write(`\n#sha256:${hash.digest('hex')}\n`);
    await file.sync();
    complete = true;
  } finally {
    await file.close();
    // A half-written temporary file (a full disk) would only hold on to the space.
    if (!complete) await rm(temporary, { force: true });
  }
  // The checkpoint it replaces becomes the previous one (a crash between the renames leaves only
  // the previous one, which the reader takes).
  if (existsSync(path)) await rename(path, join(dir, PREVIOUS_CHECKPOINT_FILE));
  await rename(temporary, path);
  await fsyncDirAsync(dir);
}

/** Characters written per batch. */
const WRITE_BATCH_CHARS = 1 << 20;

/** `fsync` of a directory (its entries: the rename) without blocking the event loop. */
async function fsyncDirAsync(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What reading the checkpoint found. */
export type CheckpointRead<T> =
  | { kind: 'none' }
  | { kind: 'ok'; checkpoint: Checkpoint<T> }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'newer'; reason: string };

/** Reads the checkpoint file `name` (the current one by default) of `dir`, if any. */
export function readCheckpoint<T>(dir: string, name = CHECKPOINT_FILE): CheckpointRead<T> {
  const path = join(dir, name);
  if (!existsSync(path)) return { kind: 'none' };
  let parsed: unknown;
  try {
    let text = readFileSync(path, 'utf8');
    const trailer = TRAILER.exec(text);
    if (trailer) {
      text = text.slice(0, trailer.index);
      if (createHash('sha256').update(text, 'utf8').digest('hex') !== trailer[1]) {
        return { kind: 'unreadable', reason: `${path}: checksum mismatch (the file is damaged)` };
      }
    }
    // Files written before the trailer existed have none; their JSON is still checked below.
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'unreadable', reason: `${path}: ${(error as Error).message}` };
  }
  const c = parsed as Partial<Checkpoint<T>> | null;
  if (c === null || typeof c !== 'object' || c.format !== 'mlmon-checkpoint') {
    return { kind: 'unreadable', reason: `${path}: not an mlmon checkpoint` };
  }
  if (typeof c.version === 'number' && c.version > CHECKPOINT_FORMAT_VERSION) {
    return {
      kind: 'newer',
      reason: `${path} was written by a newer mlmon (checkpoint format version ${c.version}; this mlmon reads ${CHECKPOINT_FORMAT_VERSION})`,
    };
  }
  if (c.version !== CHECKPOINT_FORMAT_VERSION) {
    return {
      kind: 'unreadable',
      reason: `${path}: checkpoint format version ${String(c.version)}, this mlmon reads ${CHECKPOINT_FORMAT_VERSION}`,
    };
  }
  if (typeof c.lsn !== 'number' || !Number.isSafeInteger(c.lsn) || c.lsn < 0) {
    return { kind: 'unreadable', reason: `${path}: invalid lsn` };
  }
  return { kind: 'ok', checkpoint: c as Checkpoint<T> };
}
