import { describe, expect, it } from 'vitest';
import { replayWal, type ReplayTarget } from './replay-wal.js';
import { encodeWalRecord, readWalFrame, type WalRecord } from './wal-record.js';

const body = new TextEncoder().encode('{"resourceLogs":[]}');
const request = (lsn: number, at: number): WalRecord => ({
  kind: 'request',
  lsn,
  receiveUnixMillis: at,
  signal: 'logs',
  contentType: 'json',
  body,
});
const marker = (kind: 'close-windows' | 'close-begin' | 'close-end', lsn: number, at: number) =>
  ({ kind, lsn, receiveUnixMillis: at }) as WalRecord;

/** A target that records the calls in order. */
function recorder(): { target: ReplayTarget; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    target: {
      closeWindows: (now) => calls.push(`close ${now}`),
      beginClose: (now) => calls.push(`begin ${now}`),
      finishClose: () => calls.push('finish'),
      resetReference: (model, version) => calls.push(`reset ${model} ${version ?? '*'}`),
      ingest: (_request, now) => calls.push(`ingest ${now}`),
    },
  };
}

describe('write-ahead log markers', () => {
  it('round-trip through their frames', () => {
    for (const reset of [
      { kind: 'reset-reference', lsn: 9, receiveUnixMillis: 5, model: 'fraud', version: '7' },
      { kind: 'reset-reference', lsn: 10, receiveUnixMillis: 6, model: 'churn' },
    ] as const) {
      const frame = encodeWalRecord(reset);
      expect(readWalFrame(frame, 0)).toEqual({ kind: 'record', record: reset, next: frame.length });
    }
    for (const kind of ['close-windows', 'close-begin', 'close-end'] as const) {
      const frame = encodeWalRecord(marker(kind, 7, 1234.5));
      expect(readWalFrame(frame, 0)).toEqual({
        kind: 'record',
        record: { kind, lsn: 7, receiveUnixMillis: 1234.5 },
        next: frame.length,
      });
    }
  });

  it('replay seals, ingests what came between, finishes where the log says, and finishes a closing left open', () => {
    const { target, calls } = recorder();
    const replayed = replayWal(
      [
        request(1, 10),
        marker('close-begin', 2, 20),
        request(3, 21),
        marker('close-end', 4, 22),
        { kind: 'reset-reference', lsn: 5, receiveUnixMillis: 25, model: 'fraud', version: '7' },
        marker('close-windows', 5, 30),
        marker('close-begin', 6, 40),
        request(7, 41),
      ],
      target,
      { warn: () => {} },
    );
    expect(replayed).toBe(3);
    expect(calls).toEqual([
      'ingest 10',
      'begin 20',
      'ingest 21',
      'finish',
      'reset fraud 7',
      'close 30',
      'begin 40',
      'ingest 41',
      // The process died mid-closing: replay finishes it before live traffic.
      'finish',
    ]);
  });
});
