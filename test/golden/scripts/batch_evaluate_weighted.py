#!/usr/bin/python3
"""Golden values of `mlmon evaluate --sampling-probability-column` (METRICS.md "Weighted records
(sampling)"): a row sampled with probability p weighs w = 1/p in every metric, and the report
gives Sum w and Kish's effective size n_eff = (Sum w)^2 / Sum w^2.

Binary, multiclass and regression files with integer weights (p in {1, 1/2, 1/4, 1/5}). Every
metric is computed twice, with sklearn's sample_weight= and on the rows repeated w times
(np.repeat, no weights), and the script asserts the two agree: a weighted row is that row
repeated w times. Binary scores are on a 0.01 grid, so ROC AUC from the processor's 1000 fine
score bins is exact; reliability bins are the 10 equal-width right-closed bins of METRICS.md.

sklearn: brier_score_loss, log_loss, accuracy_score, precision_score, recall_score, f1_score,
roc_auc_score, mean_absolute_error, mean_squared_error, mean_absolute_percentage_error,
r2_score; NumPy: ECE/MCE and the multiclass Brier score (sum over classes).

Needs Debian's python3-sklearn, hence /usr/bin/python3.
Writes test/golden/batch_evaluate_weighted.json.
Run: /usr/bin/python3 test/golden/scripts/batch_evaluate_weighted.py
"""
import json
import os

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    brier_score_loss,
    f1_score,
    log_loss,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
)

rng = np.random.default_rng(20261204)
SAMPLING = np.array([1.0, 0.5, 0.25, 0.2])
INNER_EDGES = np.linspace(0, 1, 11)[1:-1]


def kish(w):
    return float(w.sum() ** 2 / np.sum(w**2))


def calibration(confidence, correct, w):
    """ECE and MCE over the 10 right-closed equal-width bins, bins weighted by Sum w."""
    b = np.searchsorted(INNER_EDGES, confidence, side="left")
    ece, mce = 0.0, 0.0
    for k in range(10):
        m = b == k
        if not m.any():
            continue
        gap = abs(np.average(confidence[m], weights=w[m]) - np.average(correct[m], weights=w[m]))
        ece += w[m].sum() / w.sum() * gap
        mce = max(mce, gap)
    return ece, mce


def binary_metrics(s, y, w):
    pred = (s >= 0.5).astype(int)
    ece, mce = calibration(s, y.astype(float), w)
    return {
        "brier_score": float(brier_score_loss(y, s, sample_weight=w)),
        "log_loss": float(log_loss(y, s, sample_weight=w, labels=[0, 1])),
        "ece": ece,
        "mce": mce,
        "roc_auc": float(roc_auc_score(y, s, sample_weight=w)),
        "accuracy": float(accuracy_score(y, pred, sample_weight=w)),
        "precision": float(precision_score(y, pred, sample_weight=w, zero_division=0)),
        "recall": float(recall_score(y, pred, sample_weight=w, zero_division=0)),
        "f1": float(f1_score(y, pred, sample_weight=w, zero_division=0)),
    }


def multiclass_metrics(P, y, w):
    k = P.shape[1]
    pred = np.argmax(P, axis=1)
    top = P[np.arange(len(y)), pred]
    ece, mce = calibration(top, (pred == y).astype(float), w)
    return {
        "accuracy": float(accuracy_score(y, pred, sample_weight=w)),
        "macro_f1": float(f1_score(y, pred, average="macro", labels=list(range(k)), sample_weight=w, zero_division=0)),
        "brier_score": float(np.average(np.sum((P - np.eye(k)[y]) ** 2, axis=1), weights=w)),
        "log_loss": float(log_loss(y, P, sample_weight=w, labels=list(range(k)))),
        "ece_top_label": ece,
        "mce_top_label": mce,
    }


def regression_metrics(pred, actual, w):
    return {
        "mae": float(mean_absolute_error(actual, pred, sample_weight=w)),
        "rmse": float(np.sqrt(mean_squared_error(actual, pred, sample_weight=w))),
        "mape": float(mean_absolute_percentage_error(actual, pred, sample_weight=w)),
        "r2": float(r2_score(actual, pred, sample_weight=w)),
    }


def checked(metrics, columns, p):
    """Metrics with weights 1/p, asserted equal to the same on rows repeated 1/p times."""
    w = 1.0 / p
    got = metrics(*columns, w)
    r = np.round(w).astype(int)
    assert np.allclose(w, r)
    repeated = metrics(*[np.repeat(c, r, axis=0) for c in columns], np.ones(r.sum()))
    for key in got:
        assert np.isclose(got[key], repeated[key], rtol=1e-12, atol=1e-12), key
    return {**got, "weight": float(w.sum()), "effective_count": kish(w)}


def binary_case(n):
    y = (rng.random(n) < 0.4).astype(int)
    s = np.clip(np.round(0.35 * y + 0.35 + rng.normal(0, 0.2, n), 2), 0.01, 0.99)
    p = rng.choice(SAMPLING, size=n)
    return {"scores": s.tolist(), "labels": y.tolist(), "p": p.tolist(), "expected": checked(binary_metrics, [s, y], p)}


def multiclass_case(n, k):
    P = rng.dirichlet(np.ones(k) * 0.7, size=n)
    y = np.array([rng.choice(k, p=0.5 * row + 0.5 / k) for row in P])
    p = rng.choice(SAMPLING, size=n)
    return {"probabilities": P.tolist(), "labels": y.tolist(), "p": p.tolist(), "expected": checked(multiclass_metrics, [P, y], p)}


def regression_case(n):
    actual = rng.normal(20, 5, n)
    pred = actual + rng.normal(0.3, 2, n)
    p = rng.choice(SAMPLING, size=n)
    return {"predicted": pred.tolist(), "actual": actual.tolist(), "p": p.tolist(), "expected": checked(regression_metrics, [pred, actual], p)}


out = {
    "generator": "sklearn 1.2 metrics with sample_weight=, checked against np.repeat; numpy",
    "binary": binary_case(400),
    "multiclass": multiclass_case(300, 3),
    "regression": regression_case(300),
}
path = os.path.join(os.path.dirname(__file__), "..", "batch_evaluate_weighted.json")
with open(path, "w") as f:
    json.dump(out, f)
    f.write("\n")
