#!/usr/bin/python3
"""Golden values of CBPE calibrated on a model version's own first labeled pairs (no labeled
profile; METRICS.md §"Performance estimation without labels"): the first 2 000 pairs joined
(in join order) calibrate — sklearn IsotonicRegression(out_of_bounds="clip"), kept only when it
lowers the held-out ECE, as cbpe.py decides — and their consecutive chunks give the band; the
next window is estimated from them. A binary model (with the expected ROC AUC, as cbpe.py
computes it) and a three-class model (macro, from cbpe_multiclass_stream.py's definitions).

Writes test/golden/cbpe-reference-pairs.json.
Run: /usr/bin/python3 test/golden/scripts/cbpe_reference_pairs.py
"""
import json
import os
import sys

import numpy as np
from sklearn.metrics import roc_auc_score

sys.path.insert(0, os.path.dirname(__file__))
from cbpe_multiclass_stream import choose_calibration, metrics_of, window  # noqa: E402

FIRST = 2000
BINARY = ["accuracy", "precision", "recall", "f1", "specificity", "roc_auc"]


def binary_metrics(tp, fp, fn, tn):
    out = metrics_of(tp, fp, fn, tn)
    out["accuracy"] = (tp + tn) / (tp + fp + fn + tn)
    return out


def binary_window(ref_s, ref_y, iso, s, y, threshold=0.5):
    p = iso.predict(s) if iso is not None else s
    yhat = s >= threshold
    est = binary_metrics(p[yhat].sum(), (1 - p[yhat]).sum(), p[~yhat].sum(), (1 - p[~yhat]).sum())
    n = len(s)
    est["roc_auc"] = roc_auc_score(np.r_[np.ones(n), np.zeros(n)], np.r_[s, s],
                                   sample_weight=np.r_[p, 1 - p])

    def realized(s, y):
        yhat = s >= threshold
        out = binary_metrics(float(np.sum(yhat & (y == 1))), float(np.sum(yhat & (y == 0))),
                             float(np.sum(~yhat & (y == 1))), float(np.sum(~yhat & (y == 0))))
        out["roc_auc"] = roc_auc_score(y, s)
        return out
    chunks = [realized(ref_s[j*n:(j+1)*n], ref_y[j*n:(j+1)*n]) for j in range(len(ref_s) // n)]
    sigma = {m: float(np.std([c[m] for c in chunks])) for m in BINARY} if len(chunks) >= 10 else {}
    return {"estimates": {k: float(v) for k, v in est.items()}, "sigma": sigma,
            "realized": realized(s, y)}


def main():
    rng = np.random.default_rng(31)
    sig = lambda z: 1 / (1 + np.exp(-z))
    # Binary, over-confident: P(y=1|x) = sigmoid(x), score sigmoid(2x); window 2 shifted.
    x1 = rng.normal(0, 1.5, FIRST); y1 = (rng.uniform(size=FIRST) < sig(x1)).astype(float)
    x2 = rng.normal(0.7, 1.5, 200); y2 = (rng.uniform(size=200) < sig(x2)).astype(float)
    s1, s2 = np.round(sig(2 * x1), 6), np.round(sig(2 * x2), 6)
    iso = choose_calibration(s1, y1)
    binary = {"window1": {"scores": s1.tolist(), "labels": y1.tolist()},
              "window2": {"scores": s2.tolist(), "labels": y2.tolist()},
              "calibrated": iso is not None,
              **binary_window(s1, y1, iso, s2, y2)}

    def softmax(z):
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def probs(z):
        P = np.round(softmax(1.8 * z), 6)
        P[:, 2] = np.round(1 - P[:, 0] - P[:, 1], 6)
        return P
    Z1 = rng.normal(0, 1.2, (FIRST, 3)); Z2 = rng.normal(0, 1.2, (200, 3)) + [0.6, 0, 0]
    c1 = np.array([rng.choice(3, p=r) for r in softmax(Z1)])
    c2 = np.array([rng.choice(3, p=r) for r in softmax(Z2)])
    P1, P2 = probs(Z1), probs(Z2)
    cals = [choose_calibration(P1[:, c], (c1 == c).astype(float)) for c in range(3)]
    multiclass = {"classes": ["cat", "dog", "fox"],
                  "window1": {"probs": P1.tolist(), "labels": c1.tolist()},
                  "window2": {"probs": P2.tolist(), "labels": c2.tolist()},
                  "calibrated": [c is not None for c in cals],
                  **window(P1, c1, cals, P2, c2, np.ones(200))}
    out = {"generator": "sklearn IsotonicRegression(out_of_bounds='clip'), roc_auc_score; numpy",
           "first_pairs": FIRST, "binary": binary, "multiclass": multiclass}
    path = os.path.join(os.path.dirname(__file__), "..", "cbpe-reference-pairs.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


main()
