/**
 * Expected quality and calibration of labeled pairs, computed here straight from the METRICS.md
 * definitions (never from mlmon's output).
 */
import type { LabeledPair } from './scenario.js';

/** Accuracy, precision, recall, F1 at 0.5, Brier, log loss, ECE and MCE of the pairs. */
export function expectedBinary(pairs: readonly LabeledPair[]) {
  const n = pairs.length;
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  let brier = 0;
  let logLoss = 0;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, score: 0, positive: 0 }));
  for (const { score, label } of pairs) {
    const predicted = score >= 0.5;
    if (predicted && label === 1) tp++;
    else if (predicted) fp++;
    else if (label === 1) fn++;
    else tn++;
    brier += (score - label) ** 2;
    const p = Math.min(Math.max(score, 1e-15), 1 - 1e-15);
    logLoss -= label * Math.log(p) + (1 - label) * Math.log(1 - p);
    // Scores lie strictly inside a bin (never on an edge k/10), so floor(10 s) is the bin.
    const bin = bins[Math.floor(score * 10)]!;
    bin.n++;
    bin.score += score;
    bin.positive += label;
  }
  let ece = 0;
  let mce = 0;
  for (const b of bins) {
    if (b.n === 0) continue;
    const gap = Math.abs(b.positive / b.n - b.score / b.n);
    ece += (b.n / n) * gap;
    mce = Math.max(mce, gap);
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return {
    accuracy: (tp + tn) / n,
    precision,
    recall,
    f1: 2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn),
    brier_score: brier / n,
    log_loss: logLoss / n,
    ece,
    mce,
  };
}
