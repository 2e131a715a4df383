import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aGroundTruth, aPrediction, logsRequest } from '../../../test/fixtures/builders.js';
import { captureDir, listCaptureSegments } from './capture-segments.js';
import { DEFAULT_CAPTURE } from './capture-settings.js';
import { CaptureStore } from './capture-store.js';

const T = 1_800_000_000_000;
const rows = async (dataDir: string): Promise<{ kind: string; predictionId?: string }[]> =>
  (await listCaptureSegments(captureDir(dataDir))).flatMap((f) =>
    readFileSync(f, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; predictionId?: string }),
  );

describe('the capture store', () => {
  it('samples by the prediction id at the model rate, and keeps the labels of what it kept', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlmon-capture-store-'));
    const store = new CaptureStore(
      dataDir,
      { ...DEFAULT_CAPTURE, sampleRate: 0, models: { fraud: 0.5 } },
      () => T,
    );
    const ids = Array.from({ length: 400 }, (_, i) => `p${i}`);
    store.offer(logsRequest(ids.map((id) => aPrediction({ id, timeMs: T, score: 0.5 }))), T);
    store.offer(logsRequest([aPrediction({ id: 'q', model: 'churn', timeMs: T })]), T);
    store.offer(
      logsRequest(ids.map((id) => aGroundTruth({ predictionId: id, value: 1, timeMs: T }))),
      T,
    );
    await store.flush();
    const kept = await rows(dataDir);
    const predictions = kept.filter((r) => r.kind === 'prediction');
    // About half of fraud, none of churn (rate 0); the same ids again would sample alike.
    expect(predictions.length).toBeGreaterThan(150);
    expect(predictions.length).toBeLessThan(250);
    expect(predictions.every((r) => r.predictionId!.startsWith('p'))).toBe(true);
    const labels = kept.filter((r) => r.kind === 'label').map((r) => r.predictionId);
    expect(labels).toEqual(predictions.map((r) => r.predictionId));
  });

  it('hands its unwritten lines to a checkpoint, and a restored store writes them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlmon-capture-store-'));
    const settings = { ...DEFAULT_CAPTURE, sampleRate: 1 };
    const store = new CaptureStore(dataDir, settings, () => T);
    store.offer(logsRequest([aPrediction({ id: 'a', timeMs: T })]), T);
    const backlog = store.backlog();
    expect(backlog).toHaveLength(1);
    // The process dies before its flush; the restored store writes the checkpoint's lines.
    const restored = new CaptureStore(dataDir, settings, () => T);
    restored.restoreBacklog(backlog);
    await restored.flush();
    expect((await rows(dataDir)).map((r) => r.predictionId)).toEqual(['a']);
  });

  it('keeps a burst beyond its queue (a replayed log) instead of dropping it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlmon-capture-store-'));
    const store = new CaptureStore(
      dataDir,
      { ...DEFAULT_CAPTURE, sampleRate: 1, queueRequests: 10 },
      () => T,
    );
    for (let i = 0; i < 25; i++)
      store.offer(logsRequest([aPrediction({ id: `b${i}`, timeMs: T })]), T);
    await store.flush();
    expect((await rows(dataDir)).map((r) => r.predictionId)).toEqual(
      Array.from({ length: 25 }, (_, i) => `b${i}`),
    );
    expect(store.counts).toEqual({
      captured: 25,
      labels: 0,
      droppedPredictions: 0,
      droppedLabels: 0,
    });
  });
});
