#!/usr/bin/python3
"""Golden values of streaming multiclass CBPE (METRICS.md §"Performance estimation without
labels", multiclass: one-vs-rest per class with each class's calibrated probability, macro
averaged), from Debian's python3-sklearn IsotonicRegression(out_of_bounds="clip") and NumPy.

Computed per record, from the definition, with each prediction's sampling weight
w = 1/ml.sampling.probability: class c's expected TP = Σ_{ŷ=c} w·p̂_c, FP = Σ_{ŷ=c} w·(1−p̂_c),
FN = Σ_{ŷ≠c} w·p̂_c, TN = Σ_{ŷ≠c} w·(1−p̂_c); expected accuracy Σ w·p̂_ŷ / Σ w. The realized
values are the same definitions on the labels (weighted); the band's σ is the population std of
the realized macro metrics over disjoint reference chunks of the window's effective size: Kish's
(Σw)²/Σw² of its predictions rounded to whole records (a sampled window varies as much as that
many unweighted records, not as its prediction count).
The calibration decision is the one of cbpe.py (same deterministic stratified splits).

Writes test/golden/cbpe-multiclass-stream.json.
Run: /usr/bin/python3 test/golden/scripts/cbpe_multiclass_stream.py
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import cbpe  # noqa: E402  (its calibration decision and confusion metrics)

METRICS = ["accuracy", "precision", "recall", "f1", "specificity"]


def choose_calibration(s, y):
    """cbpe.py's decision: the fitted IsotonicRegression, or None."""
    return cbpe.choose_calibration(s, y)[0]


def metrics_of(tp, fp, fn, tn):
    """cbpe.py's metrics of a confusion matrix, without the accuracy (macro needs none)."""
    out = cbpe.metrics_of(tp, fp, fn, tn)
    out.pop("accuracy", None)
    return out


def macro(per_class):
    return {m: float(np.mean([v[m] for v in per_class]))
            for m in METRICS[1:] if all(m in v for v in per_class)}


def expected(P, C, w):
    """P: uncalibrated (n×k), C: calibrated (n×k), w: weights."""
    pred = P.argmax(axis=1)
    per = []
    for c in range(P.shape[1]):
        yes = pred == c
        p = C[:, c]
        per.append(metrics_of((w * p)[yes].sum(), (w * (1 - p))[yes].sum(),
                              (w * p)[~yes].sum(), (w * (1 - p))[~yes].sum()))
    out = macro(per)
    out["accuracy"] = float((w * C[np.arange(len(pred)), pred]).sum() / w.sum())
    return out


def realized(P, y, w):
    pred = P.argmax(axis=1)
    per = []
    for c in range(P.shape[1]):
        yes, pos = pred == c, y == c
        per.append(metrics_of(w[yes & pos].sum(), w[yes & ~pos].sum(),
                              w[~yes & pos].sum(), w[~yes & ~pos].sum()))
    out = macro(per)
    out["accuracy"] = float(w[pred == y].sum() / w.sum())
    return out


def sigma(ref_P, ref_y, n):
    chunks = [realized(ref_P[j*n:(j+1)*n], ref_y[j*n:(j+1)*n], np.ones(n))
              for j in range(len(ref_y) // n)]
    out = {}
    for m in METRICS:
        v = [c[m] for c in chunks if m in c]
        if len(chunks) >= 10 and len(v) >= 10:
            out[m] = float(np.std(v))
    return out


def window(ref_P, ref_y, cals, P, y, w):
    C = np.stack([cals[c].predict(P[:, c]) if cals[c] is not None else P[:, c]
                  for c in range(P.shape[1])], axis=1)
    n_eff = max(1, int(np.round(w.sum() ** 2 / np.sum(w**2))))
    return {"estimates": expected(P, C, w), "sigma": sigma(ref_P, ref_y, n_eff),
            "realized": realized(P, y, w)}


def main():
    rng = np.random.default_rng(23)

    def softmax(z):
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    # Over-confident model: true P(y|x) = softmax(z), predicted softmax(1.8 z); the current
    # window's logits are shifted (covariate shift: P(y|x) unchanged).
    Z_ref = rng.normal(0, 1.2, (2000, 3))
    y_ref = np.array([rng.choice(3, p=row) for row in softmax(Z_ref)])
    Z_cur = rng.normal(0, 1.2, (200, 3)) + [0.6, 0, 0]
    y_cur = np.array([rng.choice(3, p=row) for row in softmax(Z_cur)])
    ref_P = np.round(softmax(1.8 * Z_ref), 6)
    ref_P[:, 2] = np.round(1 - ref_P[:, 0] - ref_P[:, 1], 6)
    cur_P = np.round(softmax(1.8 * Z_cur), 6)
    cur_P[:, 2] = np.round(1 - cur_P[:, 0] - cur_P[:, 1], 6)
    # Every fourth prediction sampled at probability 0.5: it counts twice.
    prob = np.where(np.arange(200) % 4 == 3, 0.5, 1.0)
    w = 1 / prob
    cals = [choose_calibration(ref_P[:, c], (y_ref == c).astype(float)) for c in range(3)]
    out = {
        "generator": "sklearn IsotonicRegression(out_of_bounds='clip'); numpy",
        "classes": ["cat", "dog", "fox"],
        "reference": {"probs": ref_P.tolist(), "labels": y_ref.tolist()},
        "current": {"probs": cur_P.tolist(), "labels": y_cur.tolist(),
                    "sampling_probability": prob.tolist()},
        "calibrated": [c is not None for c in cals],
        "all": window(ref_P, y_ref, cals, cur_P, y_cur, w),
        "slices": {name: window(ref_P, y_ref, cals, cur_P[start::2], y_cur[start::2], w[start::2])
                   for name, start in (("eu", 0), ("us", 1))},
    }
    path = os.path.join(os.path.dirname(__file__), "..", "cbpe-multiclass-stream.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
