#!/usr/bin/env python3
"""Golden values of weighted labelled pairs (METRICS.md "Weighted records (sampling)"): a
multiclass or regression prediction sampled with probability p weighs w = 1/p, its label
carries the weight, every quality metric is the weighted one and size-aware decisions read
Kish's effective sample size n_eff = (sum w)^2 / sum w^2 of the pairs.

Where the weights are whole numbers every metric is computed twice, on the pairs repeated w
times (np.repeat, then the plain formula) and with NumPy's weights= (np.average, np.bincount),
and the script checks that the two agree. The quality-attribution case gives the one-sided
Fisher test of a bin's misclassification rate at each cell's effective size (SciPy).

Writes test/golden/weighted_labeled_pairs.json.
Run: python3 test/golden/scripts/weighted_labeled_pairs.py
"""
import json
import os

import numpy as np
from scipy.stats import fisher_exact

RNG = np.random.default_rng(20261204)


def kish(w):
    return float(w.sum() ** 2 / np.sum(w**2))


def multiclass_metrics(P, y, w):
    k = P.shape[1]
    pred = np.argmax(P, axis=1)
    onehot = np.eye(k)[y]
    brier = np.sum((P - onehot) ** 2, axis=1)
    logloss = -np.log(np.clip(P[np.arange(len(y)), y], 1e-15, 1))
    confusion = np.zeros((k, k))
    np.add.at(confusion, (y, pred), w)
    f1 = []
    for c in range(k):
        tp = confusion[c, c]
        fp = confusion[:, c].sum() - tp
        fn = confusion[c, :].sum() - tp
        f1.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return {
        "accuracy": float(np.average(pred == y, weights=w)),
        "macro_f1": float(np.mean(f1)),
        "brier": float(np.average(brier, weights=w)),
        "log_loss": float(np.average(logloss, weights=w)),
        "class_weights": np.bincount(y, weights=w, minlength=k).tolist(),
    }


def regression_metrics(pred, actual, w):
    e = actual - pred
    mean = np.average(actual, weights=w)
    return {
        "mae": float(np.average(np.abs(e), weights=w)),
        "rmse": float(np.sqrt(np.average(e**2, weights=w))),
        "mape": float(np.average(np.abs(e) / np.maximum(np.abs(actual), 1e-9), weights=w)),
        "r2": float(1 - np.sum(w * e**2) / np.sum(w * (actual - mean) ** 2)),
    }


def same(a, b, name):
    for key in a:
        assert np.allclose(a[key], b[key], rtol=1e-12, atol=1e-12), (name, key)


def multiclass_case(name, n, k, probabilities):
    P = RNG.dirichlet(np.ones(k), size=n)
    y = RNG.integers(0, k, size=n)
    p = np.asarray(probabilities, dtype=float)
    w = 1.0 / p
    got = multiclass_metrics(P, y, w)
    if np.all(np.abs(w - np.round(w)) < 1e-12):
        r = np.round(w).astype(int)
        same(got, multiclass_metrics(np.repeat(P, r, axis=0), np.repeat(y, r), np.ones(r.sum())), name)
    return {
        "name": name,
        "probabilities": P.tolist(),
        "labels": y.tolist(),
        "sampling_probabilities": p.tolist(),
        "expected": {**got, "weight": float(w.sum()), "effective_count": kish(w)},
    }


def regression_case(name, n, probabilities):
    actual = RNG.normal(10, 3, size=n)
    pred = actual + RNG.normal(0.5, 1.5, size=n)
    p = np.asarray(probabilities, dtype=float)
    w = 1.0 / p
    got = regression_metrics(pred, actual, w)
    if np.all(np.abs(w - np.round(w)) < 1e-12):
        r = np.round(w).astype(int)
        same(got, regression_metrics(np.repeat(pred, r), np.repeat(actual, r), np.ones(r.sum())), name)
    return {
        "name": name,
        "predicted": pred.tolist(),
        "actual": actual.tolist(),
        "sampling_probabilities": p.tolist(),
        "expected": {**got, "weight": float(w.sum()), "effective_count": kish(w)},
    }


def attribution_case():
    """One bin, baseline unweighted (200 pairs, 20 wrong), window weighted (w = 4 on 40 pairs,
    1 on 40): its Fisher test at the cell's n_eff, the errors in proportion."""
    w = np.array([4.0] * 40 + [1.0] * 40)
    wrong = np.array([1] * 12 + [0] * 28 + [1] * 6 + [0] * 34)
    n_eff = kish(w)
    n = int(round(n_eff))
    errors = int(round(np.sum(w * wrong) / w.sum() * n))
    _, p = fisher_exact([[n - errors, errors], [180, 20]], alternative="less")
    return {
        "weights": w.tolist(),
        "wrong": wrong.tolist(),
        "baseline": {"pairs": 200, "wrong": 20},
        "expected": {
            "error": float(np.sum(w * wrong) / w.sum()),
            "effective_count": n_eff,
            "p_value": float(p),
        },
    }


def coverage_case():
    """Ground-truth coverage of sampled predictions: the share of the traffic (sum w) whose
    prediction got a label, and the predictions' n_eff its binomial check counts; the binomial
    p-value that coverage is below 0.9 at n_eff (successes in proportion, rounded)."""
    from scipy.stats import binom

    p = RNG.choice([1, 0.5, 0.25], size=50)
    labelled = RNG.random(50) < 0.7
    w = 1.0 / p
    coverage = float(np.sum(w * labelled) / w.sum())
    r = np.round(w).astype(int)
    assert abs(np.mean(np.repeat(labelled, r)) - coverage) < 1e-12
    n = int(round(kish(w)))
    return {
        "sampling_probabilities": p.tolist(),
        "labelled": labelled.astype(int).tolist(),
        "expected": {
            "coverage": coverage,
            "effective_count": kish(w),
            "p_value_below_0.9": float(binom.cdf(round(coverage * n), n, 0.9)),
        },
    }


def evaluation_case():
    """Evaluator verdicts on sampled predictions: each verdict weighs its prediction's 1/p. The
    score mean and lower empirical quantiles (NumPy inverted_cdf) on the verdicts repeated w
    times, checked against np.average(weights=); label shares as shares of sum w."""
    p = RNG.choice([1, 0.5, 0.25], size=30)
    w = 1.0 / p
    scores = np.round(RNG.random(30), 3)
    labels = np.where(scores >= 0.4, "pass", "fail")
    r = np.round(w).astype(int)
    rep = np.repeat(scores, r)
    mean = float(np.average(scores, weights=w))
    assert abs(np.mean(rep) - mean) < 1e-12
    shares = {k: float(w[labels == k].sum() / w.sum()) for k in ("fail", "pass")}
    return {
        "sampling_probabilities": p.tolist(),
        "scores": scores.tolist(),
        "labels": labels.tolist(),
        "expected": {
            "mean": mean,
            **{f"p{q}": float(np.quantile(rep, q / 100, method="inverted_cdf")) for q in (10, 50, 90)},
            "label_shares": shares,
            "pass_ratio": shares["pass"],
        },
    }


def embedding_case():
    """Mean embedding of sampled predictions: sum w x / sum w (the mean of the vectors repeated
    w times)."""
    p = RNG.choice([1, 0.5, 0.25], size=20)
    w = 1.0 / p
    x = np.round(RNG.normal(size=(20, 4)), 4)
    mean = np.average(x, axis=0, weights=w)
    assert np.allclose(np.mean(np.repeat(x, np.round(w).astype(int), axis=0), axis=0), mean)
    return {
        "sampling_probabilities": p.tolist(),
        "vectors": x.tolist(),
        "expected": {"mean": mean.tolist()},
    }


def main():
    out = {
        "multiclass": [
            multiclass_case("whole weights", 40, 3, RNG.choice([1, 0.5, 0.25], size=40)),
            multiclass_case("fractional p", 60, 4, RNG.choice([1, 0.3, 0.7], size=60)),
        ],
        "regression": [
            regression_case("whole weights", 40, RNG.choice([1, 0.5, 0.2], size=40)),
            regression_case("fractional p", 60, RNG.choice([1, 0.3, 0.7], size=60)),
        ],
        "attribution": attribution_case(),
        "coverage": coverage_case(),
        "evaluation": evaluation_case(),
        "embedding": embedding_case(),
    }
    path = os.path.join(os.path.dirname(__file__), "..", "weighted_labeled_pairs.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
