#!/usr/bin/env python3
"""Golden values of weighted records (METRICS.md "Weighted records (sampling)"): a record
sampled with probability p weighs w = 1/p, used as a frequency weight, and size-aware
decisions read Kish's effective sample size n_eff = (sum w)^2 / sum w^2.

Every weighted statistic is computed twice where the weights are whole numbers: on the sample
with each record repeated w times (np.repeat, then the plain SciPy/NumPy function) and with
NumPy/SciPy's own weights (np.average, scipy.stats.wasserstein_distance(u_weights=...),
np.bincount(weights=...)); the script checks the two agree. Cases with fractional weights
(p = 0.3) use the weights= form alone.

Writes test/golden/weighted_statistics.json. Run: python3 test/golden/scripts/weighted_statistics.py
"""
import json
import os

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import chi2_contingency, ks_2samp, kstwo, wasserstein_distance


def bins_of(edges, x):
    """Bin index per METRICS.md: bin i is (e_{i-1}, e_i]."""
    return np.searchsorted(edges, x, side="left")


def weighted_ecdf_ks(r, c, w):
    """sup |F_R - F_C| with F_C the weighted ECDF of c (values <= x)."""
    grid = np.union1d(r, c)
    fr = np.searchsorted(np.sort(r), grid, side="right") / len(r)
    order = np.argsort(c, kind="stable")
    cs, ws = c[order], w[order]
    cum = np.concatenate([[0.0], np.cumsum(ws)])
    fc = cum[np.searchsorted(cs, grid, side="right")] / ws.sum()
    return float(np.max(np.abs(fr - fc)))


def psi(p, q):
    p = np.where(p == 0, 1e-4, p)
    q = np.where(q == 0, 1e-4, q)
    return float(np.sum((q - p) * np.log(q / p)))


def hellinger(p, q):
    return float(np.sqrt(0.5 * np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)))


def numeric_case(name, reference, current, probabilities):
    r = np.asarray(reference, dtype=float)
    c = np.asarray(current, dtype=float)
    p = np.asarray(probabilities, dtype=float)
    w = 1.0 / p
    whole = bool(np.all(np.abs(w - np.round(w)) < 1e-12))
    edges = np.unique(np.quantile(r, np.arange(1, 10) / 10))
    ref_prop = np.bincount(bins_of(edges, r), minlength=len(edges) + 1) / len(r)
    cur_counts = np.bincount(bins_of(edges, c), weights=w, minlength=len(edges) + 1)
    cur_prop = cur_counts / w.sum()
    mean = float(np.average(c, weights=w))
    std = float(np.sqrt(np.average((c - mean) ** 2, weights=w)))
    ks = weighted_ecdf_ks(r, c, w)
    wd = float(wasserstein_distance(r, c, v_weights=w))
    if whole:
        rep = np.repeat(c, np.round(w).astype(int))
        assert abs(ks_2samp(r, rep).statistic - ks) < 1e-12, name
        assert abs(wasserstein_distance(r, rep) - wd) < 1e-9, name
        assert abs(np.mean(rep) - mean) < 1e-9 and abs(np.std(rep) - std) < 1e-9, name
        rep_prop = np.bincount(bins_of(edges, rep), minlength=len(edges) + 1) / len(rep)
        assert np.allclose(rep_prop, cur_prop, rtol=0, atol=1e-12), name
    n_eff = float(w.sum() ** 2 / np.sum(w**2))
    # The KS test at the effective size: SciPy's asymptotic branch of ks_2samp with n_C = n_eff.
    en = len(r) * n_eff / (len(r) + n_eff)
    ks_p = float(kstwo.sf(ks, np.round(en)))
    return {
        "name": name,
        "reference": r.tolist(),
        "current": c.tolist(),
        "probabilities": p.tolist(),
        "expected": {
            "weight": float(w.sum()),
            "effective_count": n_eff,
            "ks_p_value_at_n_eff": ks_p,
            "mean": mean,
            "std": std,
            "ks_statistic": ks,
            "wasserstein": wd,
            "bin_edges": edges.tolist(),
            "reference_proportions": ref_prop.tolist(),
            "current_bin_weights": cur_counts.tolist(),
            "current_proportions": cur_prop.tolist(),
            "psi": psi(ref_prop, cur_prop),
            "jensen_shannon": float(jensenshannon(ref_prop, cur_prop, base=2)),
            "hellinger": hellinger(ref_prop, cur_prop),
        },
    }


def categorical_case(name, reference, current, probabilities):
    p = np.asarray(probabilities, dtype=float)
    w = 1.0 / p
    cats = sorted(set(reference) | set(current))
    ref_counts = np.array([reference.count(k) for k in cats], dtype=float)
    cur_w = np.array([w[[x == k for x in current]].sum() for k in cats])
    n_eff = w.sum() ** 2 / np.sum(w**2)
    # chi2 at the effective size: the weighted proportions times n_eff.
    scaled = cur_w / w.sum() * n_eff
    statistic, p_value, dof, _ = chi2_contingency([ref_counts, scaled], correction=False)
    if bool(np.all(np.abs(w - np.round(w)) < 1e-12)):
        rep = [x for x, k in zip(current, np.round(w).astype(int)) for _ in range(k)]
        assert np.allclose([rep.count(k) for k in cats], cur_w), name
    pr = ref_counts / ref_counts.sum()
    pc = cur_w / w.sum()
    return {
        "name": name,
        "reference": reference,
        "current": current,
        "probabilities": p.tolist(),
        "expected": {
            "categories": cats,
            "current_weights": cur_w.tolist(),
            "weight": float(w.sum()),
            "effective_count": float(n_eff),
            "psi": psi(pr, pc),
            "hellinger": hellinger(pr, pc),
            "chi2_statistic": float(statistic),
            "chi2_p_value": float(p_value),
            "chi2_dof": int(dof),
        },
    }


def binary_metrics(s, y, w):
    """Weighted binary quality and calibration (METRICS.md definitions, weights as frequencies)."""
    pred = (s >= 0.5).astype(float)
    tp = float(np.sum(w * (pred == 1) * (y == 1)))
    fp = float(np.sum(w * (pred == 1) * (y == 0)))
    fn = float(np.sum(w * (pred == 0) * (y == 1)))
    clipped = np.clip(s, 1e-15, 1 - 1e-15)
    bins = np.searchsorted(np.linspace(0, 1, 11)[1:-1], s, side="left")
    ece = 0.0
    bin_weights = []
    for b in range(10):
        m = bins == b
        wb = float(w[m].sum())
        bin_weights.append(wb)
        if wb > 0:
            ece += wb / w.sum() * abs(np.average(y[m], weights=w[m]) - np.average(s[m], weights=w[m]))
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    return {
        "brier_score": float(np.average((s - y) ** 2, weights=w)),
        "log_loss": float(np.average(-(y * np.log(clipped) + (1 - y) * np.log(1 - clipped)), weights=w)),
        "accuracy": float(np.average(pred == y, weights=w)),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
        "ece": ece,
        "reliability_bin_weights": bin_weights,
        "positives": float(np.sum(w * y)),
    }


def binary_case(name, probabilities):
    brng = np.random.default_rng(9)
    scores = np.round(brng.uniform(0, 1, 200), 4)
    labels = (brng.uniform(0, 1, 200) < scores * 0.8 + 0.1).astype(float)
    p = np.asarray(probabilities, dtype=float)
    w = 1.0 / p
    expected = binary_metrics(scores, labels, w)
    if bool(np.all(np.abs(w - np.round(w)) < 1e-12)):
        k = np.round(w).astype(int)
        rep = binary_metrics(np.repeat(scores, k), np.repeat(labels, k), np.ones(int(k.sum())))
        for key, value in rep.items():
            assert np.allclose(value, expected[key], rtol=1e-12, atol=1e-12), (name, key)
    expected["weight"] = float(w.sum())
    expected["effective_count"] = float(w.sum() ** 2 / np.sum(w**2))
    return {
        "name": name,
        "scores": scores.tolist(),
        "labels": labels.tolist(),
        "probabilities": p.tolist(),
        "expected": expected,
    }


def regression_case(name, probabilities):
    rrng = np.random.default_rng(11)
    actual = np.round(rrng.normal(10, 3, 150), 4)
    predicted = np.round(actual + rrng.normal(0, 1, 150), 4)
    w = 1.0 / np.asarray(probabilities, dtype=float)
    e = actual - predicted
    mean = np.average(actual, weights=w)
    expected = {
        "mae": float(np.average(np.abs(e), weights=w)),
        "rmse": float(np.sqrt(np.average(e**2, weights=w))),
        "mape": float(np.average(np.abs(e) / np.maximum(np.abs(actual), np.finfo(float).eps), weights=w)),
        "r2": float(1 - np.sum(w * e**2) / np.sum(w * (actual - mean) ** 2)),
    }
    return {
        "name": name,
        "actual": actual.tolist(),
        "predicted": predicted.tolist(),
        "probabilities": list(probabilities),
        "expected": expected,
    }


rng = np.random.default_rng(17)
reference = np.round(rng.normal(0.0, 1.0, 300), 6)
current = np.round(rng.normal(0.3, 1.2, 240), 6)
# Half the records sampled at p = 0.1 (w = 10), half kept (w = 1).
half = np.where(np.arange(240) % 2 == 0, 0.1, 1.0)
# Three rates: p = 1, 0.5, 0.25 (w = 1, 2, 4).
three = np.array([1.0, 0.5, 0.25])[np.arange(240) % 3]
# A fractional weight: p = 0.3 (w = 3.33…) on every fourth record.
fractional = np.where(np.arange(240) % 4 == 0, 0.3, 1.0)
# Ties across weights: values rounded to one decimal.
tied = np.round(current, 1)

out = {
    "generator": "numpy/scipy: np.repeat by integer weights vs weights= (np.average, "
    "np.bincount, scipy.stats.wasserstein_distance v_weights); chi2_contingency at n_eff",
    "numeric": [
        numeric_case("half_at_p_0_1", reference, current, half),
        numeric_case("three_rates", reference, current, three),
        numeric_case("fractional_p_0_3", reference, current, fractional),
        numeric_case("ties_three_rates", reference, tied, three),
    ],
    "categorical": [],
}
cat_rng = np.random.default_rng(4)
labels = ["a", "b", "c", "d"]
ref_cat = [labels[i] for i in cat_rng.choice(4, 400, p=[0.4, 0.3, 0.2, 0.1])]
cur_cat = [labels[i] for i in cat_rng.choice(4, 200, p=[0.3, 0.3, 0.2, 0.2])]
out["categorical"].append(
    categorical_case("half_at_p_0_1", ref_cat, cur_cat, np.where(np.arange(200) % 2 == 0, 0.1, 1.0))
)
out["categorical"].append(
    categorical_case("fractional_p_0_3", ref_cat, cur_cat, np.where(np.arange(200) % 4 == 0, 0.3, 1.0))
)

# A numeric feature with at most 5 distinct reference values is tested as categorical: chi2 on
# the weighted value shares at n_eff.
lc_rng = np.random.default_rng(31)
lc_reference = lc_rng.choice([0.0, 1.0, 2.0], 300, p=[0.5, 0.3, 0.2])
lc_current = lc_rng.choice([0.0, 1.0, 2.0], 160, p=[0.4, 0.3, 0.3])
lc_p = np.where(np.arange(160) % 2 == 0, 0.1, 1.0)
lc_case = categorical_case(
    "low_cardinality_numeric",
    [str(x) for x in lc_reference.tolist()],
    [str(x) for x in lc_current.tolist()],
    lc_p,
)
out["low_cardinality"] = {
    "reference": lc_reference.tolist(),
    "current": lc_current.tolist(),
    "probabilities": lc_p.tolist(),
    "expected": lc_case["expected"],
}

out["binary"] = [
    binary_case("half_at_p_0_1", np.where(np.arange(200) % 2 == 0, 0.1, 1.0)),
    binary_case("fractional_p_0_3", np.where(np.arange(200) % 4 == 0, 0.3, 1.0)),
]
out["regression"] = [
    regression_case("three_rates", [[1.0, 0.5, 0.25][i % 3] for i in range(150)]),
]

# End to end (test/processor/serve-sampling-weights.test.ts): a reference window of 300
# unsampled `amount` values, then a window of 150 unsampled values (app A, p = 1) and 150
# values kept of 600 by app B at p = 0.25 (w = 4). PSI against the reference's decile bins,
# and the effective size the decisions read.
e2e_rng = np.random.default_rng(23)
e2e_reference = np.round(e2e_rng.normal(100, 15, 300), 3)
e2e_a = np.round(e2e_rng.normal(100, 15, 150), 3)
e2e_b = np.round(e2e_rng.normal(115, 15, 150), 3)
e2e_values = np.concatenate([e2e_a, e2e_b])
e2e_w = np.concatenate([np.ones(150), np.full(150, 4.0)])
e2e_edges = np.unique(np.quantile(e2e_reference, np.arange(1, 10) / 10))
e2e_p = np.bincount(bins_of(e2e_edges, e2e_reference), minlength=len(e2e_edges) + 1) / 300
e2e_q = np.bincount(bins_of(e2e_edges, e2e_values), weights=e2e_w, minlength=len(e2e_edges) + 1)
e2e_q = e2e_q / e2e_w.sum()
e2e_rep = np.repeat(e2e_values, e2e_w.astype(int))
e2e_q_rep = np.bincount(bins_of(e2e_edges, e2e_rep), minlength=len(e2e_edges) + 1) / len(e2e_rep)
assert np.allclose(e2e_q, e2e_q_rep, rtol=0, atol=1e-12)
out["end_to_end"] = {
    "reference": e2e_reference.tolist(),
    "app_a": e2e_a.tolist(),
    "app_b_sampled": e2e_b.tolist(),
    "app_b_probability": 0.25,
    "expected": {
        "psi": psi(e2e_p, e2e_q),
        "effective_count": float(e2e_w.sum() ** 2 / np.sum(e2e_w**2)),
        "weighted_current": float(e2e_w.sum()),
        "raw_current": 300,
    },
}

path = os.path.join(os.path.dirname(__file__), "..", "weighted_statistics.json")
with open(path, "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
