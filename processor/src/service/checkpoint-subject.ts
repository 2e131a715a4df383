/**
 * What a checkpoint of the service holds and how it is put back: the pipeline's state (through
 * its own `snapshot`/`restore` hooks, so recovery restores into the pipeline the service holds),
 * the alert memory and the result history (which also seeds the version traffic memory), and
 * the capture store's lines not yet written.
 */
import type { CheckpointSubject } from './durability.js';
import type { ServiceParts } from './create-service-parts.js';

/** The checkpoint subject over the parts of one service. */
export function checkpointSubject(
  parts: Pick<ServiceParts, 'pipeline' | 'alerts' | 'results' | 'versions' | 'capture'>,
): CheckpointSubject {
  const { pipeline, alerts, results, versions, capture } = parts;
  const snapshot = pipeline.snapshot?.bind(pipeline);
  return {
    capture: snapshot
      ? () => ({
          state: snapshot(),
          alerts: alerts.serialize(),
          history: results.allHistories(),
          ...(capture !== undefined ? { capture: capture.backlog() } : {}),
        })
      : undefined,
    restore: (checkpoint) => {
      if (!pipeline.restore) throw new Error('the pipeline cannot restore a checkpoint');
      // In this order, as written: a part that fails leaves the later ones empty.
      pipeline.restore(checkpoint.state);
      alerts.restore(checkpoint.alerts);
      results.restoreHistories(checkpoint.history ?? []);
      versions.restore(results.allHistories());
      capture?.restoreBacklog(checkpoint.capture ?? []);
    },
  };
}
