/**
 * Multilabel and ranking models through a real in-process `mlmon serve`, fed by the real OTel
 * JS SDK over OTLP/HTTP protobuf: the golden cases of test/golden/scripts/multilabel_ranking.py
 * (sklearn) as `ml.prediction` and `ml.ground_truth` events, sampled (1/p weights) and split
 * over two slices. Ranking queries of k = 5 leave `ml.ranking.k` out and take the configured
 * `models[].ranking.k`; the others state theirs. /metrics, the window results and the status
 * API carry the golden values; a durable service that dies before the close replays them from
 * its write-ahead log to the same values.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeOtlpRequest } from '../../processor/src/decode/decode-otlp-request.js';
import type { WindowResult } from '../../processor/src/evaluate/window-result.js';
import { ManualClock } from '../../processor/src/service/clock.js';
import { logsRequestJson } from './support/otlp-json.js';
import {
  GOLDEN,
  MULTILABEL_METRICS,
  pick,
  qualityMisses,
  rankingCounts,
  rankingMeans,
} from '../golden/multilabel-ranking-golden-data.js';
import { select, type Sample } from './support/prometheus-parse.js';
import { multilabelPairs, rankingPairs } from './support/sampled-pairs.js';
import { closedAfter, T0, type ScenarioEvent } from './support/scenario.js';
import { startTestService, type TestService } from './support/start-service.js';
import { sendOneWindow } from './support/one-window.js';

const MULTILABEL = GOLDEN.multilabel.find((c) => c.name === 'weighted')!;
const RANKING = GOLDEN.ranking.find((c) => c.name === 'mixed_k_weighted_short_lists')!;

function events(): ScenarioEvent[] {
  const pairs = [
    ...multilabelPairs('topics', MULTILABEL.rows),
    // k = 5 comes from the configuration (not the default 10).
    ...rankingPairs('search', RANKING.queries, 5),
  ];
  return [...pairs.map(([p]) => p), ...pairs.map(([, t]) => t)];
}

const RANKING_EXPECTED = rankingMeans(RANKING);

describe('multilabel and ranking quality through mlmon serve with the OTel SDK', () => {
  let svc: TestService;
  let results: WindowResult[];
  let samples: Sample[];

  beforeAll(async () => {
    svc = await startTestService(T0, { modelRanking: [{ model: 'search', k: 5 }] });
    ({ results, samples } = await sendOneWindow(svc, T0, events()));
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
  });

  const allSlices = (model: string): WindowResult =>
    results.find((r) => r.stream.modelName === model && Object.keys(r.stream.slice).length === 0)!;

  it('scores the multilabel model as sklearn does, on the all-slices merge of both slices', () => {
    const r = allSlices('topics');
    expect(qualityMisses(r.quality, pick(MULTILABEL, MULTILABEL_METRICS))).toEqual([]);
    expect(r.multilabel?.pairs).toBe(MULTILABEL.rows.length);
    expect(r.multilabel?.labels.map((l) => l.label)).toEqual(MULTILABEL.labels.map((l) => l.label));
  });

  it('scores the ranking model as sklearn ndcg_score and NumPy do, k from the event or the config', () => {
    const r = allSlices('search');
    expect(qualityMisses(r.quality, RANKING_EXPECTED)).toEqual([]);
    expect(r.ranking).toEqual(rankingCounts(RANKING));
  });

  it('exports the values as ml.quality.score on /metrics', () => {
    const value = (model: string, metric: string) =>
      select(samples, 'ml_quality_score', {
        ml_model_name: model,
        ml_quality_metric: metric,
        ml_slice_region: undefined,
      })[0]?.value;
    for (const metric of MULTILABEL_METRICS) {
      expect(
        qualityMisses([{ metric, instrument: 'score', value: value('topics', metric)! }], {
          [metric]: MULTILABEL[metric],
        }),
      ).toEqual([]);
    }
    for (const [metric, expected] of Object.entries(RANKING_EXPECTED)) {
      expect(
        qualityMisses([{ metric, instrument: 'score', value: value('search', metric)! }], {
          [metric]: expected,
        }),
      ).toEqual([]);
    }
  });

  it('serves the per-label table and the query counts on the status API', async () => {
    const detail = async (model: string) =>
      (await (
        await fetch(
          `http://127.0.0.1:${svc.addresses.prometheusPort}/api/v1/models/${model}/versions/1`,
        )
      ).json()) as {
        slices: {
          label: string;
          multilabel?: { labels: { label: string; support: number; f1: number }[] };
          ranking?: ({ queries: number } | null)[];
        }[];
      };
    const topics = (await detail('topics')).slices.find((s) => s.label === 'all')!;
    expect(topics.multilabel!.labels.map((l) => [l.label, l.f1])).toEqual(
      MULTILABEL.labels.map((l) => [l.label, expect.closeTo(l.f1, 12)]),
    );
    const search = (await detail('search')).slices.find((s) => s.label === 'all')!;
    expect(search.ranking).toEqual([expect.objectContaining({ queries: RANKING.scored })]);
  });
});

describe('multilabel and ranking pairs replayed from the write-ahead log', () => {
  it('gives the golden values after a crash between ingest and the close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-set-tasks-'));
    const clock = new ManualClock(T0 + 55_000);
    const config = { dataDir: dir, modelRanking: [{ model: 'search', k: 5 }] };
    const first = await startTestService(T0, config, { durable: true, clock });
    try {
      const body = logsRequestJson(events());
      const reply = await first.service.sink.accept(decodeOtlpRequest('logs', body, 'json'), {
        body,
        contentType: 'json',
      });
      expect(reply).toEqual({ rejected: 0 });
      // The process dies here (no stop, no checkpoint): a new one replays the log.
      const again = await startTestService(T0, config, { durable: true, clock });
      clock.set(closedAfter(T0));
      const replayed = await again.service.flush();
      await again.stop();
      const of = (model: string) =>
        replayed.find(
          (r) => r.stream.modelName === model && Object.keys(r.stream.slice).length === 0,
        )!;
      expect(qualityMisses(of('topics').quality, pick(MULTILABEL, MULTILABEL_METRICS))).toEqual([]);
      expect(qualityMisses(of('search').quality, RANKING_EXPECTED)).toEqual([]);
    } finally {
      await first.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
