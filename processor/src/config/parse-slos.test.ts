import { describe, expect, it } from 'vitest';
import { parseDuration, parseSlos } from './parse-slos.js';

describe('parseSlos', () => {
  it('reads an SLO with the workbook alerts by default and custom alerts when given', () => {
    const { slos, problems } = parseSlos(
      [
        { name: 'lat', model: 'fraud', indicator: 'latency', threshold: 0.3, target: 0.99 },
        {
          name: 'acc',
          model: 'fraud',
          version: '7',
          slice: { country: 'DE' },
          indicator: 'quality',
          metric: 'accuracy',
          threshold: 0.8,
          target: 0.95,
          timeWindow: '7d',
          alerts: [{ long: '6h', short: '30m', burnRate: 4, severity: 'ticket' }],
        },
      ],
      60,
    );
    expect(problems).toEqual([]);
    expect(slos[0]).toMatchObject({
      indicator: { kind: 'latency', thresholdSeconds: 0.3 },
      periodSeconds: 30 * 86400,
    });
    expect(slos[0]!.alerts.map((a) => a.burnRate)).toEqual([14.4, 6, 1]);
    expect(slos[1]).toMatchObject({
      match: { model: 'fraud', version: '7', slice: { country: 'DE' } },
      indicator: { kind: 'quality', metric: 'accuracy', min: 0.8 },
      periodSeconds: 7 * 86400,
      alerts: [{ longSeconds: 21600, shortSeconds: 1800, burnRate: 4, severity: 'ticket' }],
    });
  });

  it('names the key of every problem', () => {
    const { slos, problems } = parseSlos(
      [
        { name: 'a', model: 'm', indicator: 'latency', target: 1.5, colour: 'red' },
        { name: 'a', model: 'm', indicator: 'errors', target: 0.99, timeWindow: '30x' },
        {
          name: 'b',
          model: 'm',
          indicator: 'errors',
          target: 0.99,
          alerts: [{ long: '1h', short: '30s', burnRate: 14.4 }],
        },
        { name: 'c', indicator: 'nope', target: 0.9 },
      ],
      60,
    );
    expect(slos).toEqual([]);
    expect(problems).toEqual([
      'slos[0].colour: unknown key (known: name, description, model, version, slice, indicator, threshold, metric, target, timeWindow, alerts, runbookUrl)',
      'slos[0].threshold: the latency bound in seconds, a positive number (e.g. 0.3)',
      'slos[0].target: must be a number in (0, 1), e.g. 0.99',
      'slos[1].timeWindow: must be a duration such as 30d, 7d or 12h',
      'slos[2].alerts[0].short: 30 s is shorter than the processor window (60 s): lengthen it or shorten window-seconds',
      'slos[3].model: must be a model name',
      'slos[3].indicator: must be one of latency, errors, availability, calibration, quality, drift_free, label_coverage, cost, got "nope"',
    ]);
  });

  it('reads durations', () => {
    expect([
      parseDuration('30d'),
      parseDuration('5m'),
      parseDuration('1.5h'),
      parseDuration('2w'),
    ]).toEqual([2_592_000, 300, 5400, 1_209_600]);
    expect(parseDuration('30')).toBeUndefined();
    expect(parseDuration('0m')).toBeUndefined();
  });
});
