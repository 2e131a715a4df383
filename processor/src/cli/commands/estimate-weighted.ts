/**
 * The realized side of `mlmon estimate` on weighted rows, as the processor reads it beside a
 * window's estimate (`evaluate/estimation.ts`): binary models from the window's quality (the
 * binary outputs accumulator: weighted confusion counts, ROC AUC from its fine score bins),
 * multiclass models from the one-vs-rest macro values of the weighted confusion matrix.
 */
import { binaryOutputsAccumulator } from '../../state/accumulators/binary-outputs.js';
import { multiclassOutputsAccumulator } from '../../state/accumulators/multiclass-outputs.js';
import type { CbpeReference } from '../../stats/cbpe.js';
import { macroOfRealizedConfusion } from '../../stats/cbpe-confusion-sums.js';
import type { CbpeValues } from '../../stats/cbpe-estimate.js';
import type { Maybe } from '../../stats/maybe.js';

/** The realized CBPE metrics of labelled rows weighing `weights`. */
export function weightedRealized(
  reference: CbpeReference,
  scores: readonly Float64Array[],
  labels: Float64Array,
  weights: Float64Array,
): CbpeValues {
  if (reference.task === 'binary') {
    const acc = binaryOutputsAccumulator({ threshold: reference.threshold });
    const state = acc.create();
    const s = scores[0]!;
    for (let i = 0; i < s.length; i++)
      acc.record(state, { score: s[i]!, label: labels[i]! }, weights[i]!);
    const m = acc.snapshot(state);
    const out: CbpeValues = {};
    const put = (metric: keyof CbpeValues, v: Maybe<number>) => {
      if (v.ok) out[metric] = v.value;
    };
    put('accuracy', m.accuracy);
    put('precision', m.precision);
    put('recall', m.recall);
    put('f1', m.f1);
    put('specificity', m.specificity);
    if (m.rocAuc.ok) out.roc_auc = m.rocAuc.value.value;
    return out;
  }
  const acc = multiclassOutputsAccumulator(scores.length);
  const state = acc.create();
  for (let i = 0; i < labels.length; i++) {
    const probabilities = Float64Array.from(scores, (column) => column[i]!);
    acc.record(state, { probabilities, label: labels[i]! }, weights[i]!);
  }
  const m = acc.snapshot(state);
  return m.ok && m.value.confusion !== undefined ? macroOfRealizedConfusion(m.value.confusion) : {};
}
