#!/usr/bin/python3
"""Golden values of the multiclass one-vs-rest ROC AUC that streaming CBPE keeps in a grid of
score bins (METRICS.md §"Performance estimation without labels": multiclass is one-vs-rest per
class with each class's calibrated probability, macro averaged), from Debian's python3-sklearn
roc_auc_score and NumPy, computed on the exact scores (no bins: the tests hold mlmon's binned
area to its documented tolerance of these values).

Per case and class c, with the uncalibrated probabilities P, calibrated ones C, labels y and
record weights w = 1/ml.sampling.probability:
- expected AUC (NannyML's definition: rank by the uncalibrated P[:, c], expected TPR/FPR steps
  w·C[:, c] / Σ and w·(1 − C[:, c]) / Σ, ties one step, trapezoidal area) = roc_auc_score of every
  record counted twice, as a positive with weight w·C and as a negative with weight w·(1 − C);
- realized AUC = roc_auc_score(y == c, P[:, c], sample_weight=w); the macro one is
  roc_auc_score(y, P, multi_class="ovr", average="macro", sample_weight=w).

Cases: the stream window of cbpe-multiclass-stream.json (its isotonic calibration as
cbpe_multiclass_stream.py decides it; all slices and each slice), and synthetic softmax models
from near-chance to confident (calibrated = the true P(y|x), so calibration is not the subject).

Writes test/golden/cbpe-multiclass-auc.json.
Run: /usr/bin/python3 test/golden/scripts/cbpe_multiclass_auc.py
"""
import json
import os
import sys

import numpy as np
from sklearn.metrics import roc_auc_score

sys.path.insert(0, os.path.dirname(__file__))
from cbpe_multiclass_stream import choose_calibration  # noqa: E402

HERE = os.path.dirname(__file__)


def expected_auc(s, p, w):
    """NannyML's expected ROC AUC of scores s with calibrated probabilities p and weights w."""
    s2 = np.concatenate([s, s])
    y2 = np.concatenate([np.ones(len(s)), np.zeros(len(s))])
    w2 = np.concatenate([w * p, w * (1 - p)])
    keep = w2 > 0
    return float(roc_auc_score(y2[keep], s2[keep], sample_weight=w2[keep]))


def aucs(P, C, y, w):
    k = P.shape[1]
    exp = [expected_auc(P[:, c], C[:, c], w) for c in range(k)]
    real = [float(roc_auc_score((y == c).astype(int), P[:, c], sample_weight=w)) for c in range(k)]
    macro = float(roc_auc_score(y, P, multi_class="ovr", average="macro", sample_weight=w,
                                labels=list(range(k))))
    return {"expected": exp, "expected_macro": float(np.mean(exp)),
            "realized": real, "realized_macro": macro}


def stream_cases():
    src = json.load(open(os.path.join(HERE, "..", "cbpe-multiclass-stream.json")))
    ref_P = np.array(src["reference"]["probs"])
    ref_y = np.array(src["reference"]["labels"])
    P = np.array(src["current"]["probs"])
    y = np.array(src["current"]["labels"])
    w = 1 / np.array(src["current"]["sampling_probability"])
    k = P.shape[1]
    cals = [choose_calibration(ref_P[:, c], (ref_y == c).astype(float)) for c in range(k)]
    C = np.stack([cals[c].predict(P[:, c]) if cals[c] is not None else P[:, c]
                  for c in range(k)], axis=1)
    out = {"all": aucs(P, C, y, w)}
    for name, start in (("eu", 0), ("us", 1)):
        out[name] = aucs(P[start::2], C[start::2], y[start::2], w[start::2])
    return out


def synthetic_cases():
    rng = np.random.default_rng(31)

    def softmax(z):
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    cases = []
    # (name, classes, logit scale, model temperature): the model reports softmax(t·z) while
    # P(y|x) = softmax(z).
    for name, k, scale, temp in (("near_chance", 3, 0.3, 0.7), ("moderate", 3, 1.2, 1.8),
                                 ("confident", 4, 3.0, 3.0), ("very_confident", 3, 5.0, 4.0)):
        n = 1000
        Z = rng.normal(0, scale, (n, k))
        truth = softmax(Z)
        y = np.array([rng.choice(k, p=row) for row in truth])
        # Six significant digits (a small file; tiny probabilities keep their magnitude).
        P = np.vectorize(lambda v: float(f"{v:.6g}"))(softmax(temp * Z))
        truth = np.vectorize(lambda v: float(f"{v:.6g}"))(truth)
        w = rng.choice([1.0, 2.0, 4.0], n)
        cases.append({"name": name, "probs": P.tolist(), "calibrated": truth.tolist(),
                      "labels": y.tolist(), "weights": w.tolist(), **aucs(P, truth, y, w)})
    return cases


def main():
    out = {"generator": "sklearn roc_auc_score; numpy", "stream": stream_cases(),
           "cases": synthetic_cases()}
    with open(os.path.join(HERE, "..", "cbpe-multiclass-auc.json"), "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
