import { describe, expect, it } from 'vitest';
import type { EvaluateOptions } from '../evaluate/evaluate-window.js';
import { drainSealed, evaluateSealedSliced } from './evaluate-closed.js';
import type { Logger } from './logger.js';
import type { SealedWindows } from './pipeline.js';

/** A closing with no window left whose deferred work takes `steps` steps, logging each call. */
function closing(log: string[], steps: number): SealedWindows {
  let left = steps;
  return {
    empty: false,
    next: () => undefined,
    finish: () => log.push('finish'),
    buildStep: () => {
      log.push('step');
      // What ingest would do between turns: it runs only if the step yields after it.
      setImmediate(() => log.push('ingest'));
      return --left > 0;
    },
  };
}

describe('the deferred steps of a closing', () => {
  it('run after the close ends, each in its own event-loop turn', async () => {
    const log: string[] = [];
    await evaluateSealedSliced(closing(log, 3), {} as EvaluateOptions, {} as Logger, 50, () => {
      log.push('close-end');
      setImmediate(() => log.push('ingest'));
    });
    expect(log).toEqual([
      'finish',
      'close-end',
      'ingest',
      'step',
      'ingest',
      'step',
      'ingest',
      'step',
    ]);
  });

  it('run at once in replay', () => {
    const log: string[] = [];
    drainSealed(closing(log, 3));
    expect(log).toEqual(['finish', 'step', 'step', 'step']);
  });
});
