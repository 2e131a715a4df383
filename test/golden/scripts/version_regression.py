#!/usr/bin/env python3
"""Golden values of the regression version comparison (docs/versions.md), in NumPy/SciPy.

Rows are requests in two slices (region eu, us); each request has one actual value y and is
predicted by version "1" (the baseline) and version "2". Version 2 is as good as version 1 in eu
and worse (wider, skewed errors) in us. Each request was sampled with probability p (the same
for both versions' predictions of it), so every pair weighs w = 1/p.

Per slice (all rows, eu, us) and version, with a = |y - yhat| and NumPy's weights=:
  mae  = average(a, weights=w)         rmse = sqrt(average(a^2, weights=w))
  n    = Kish's effective size (sum w)^2 / sum w^2
  mean, variance, third = weighted population moments of a: mean, E[(a-mean)^2], E[(a-mean)^3]
The test of version 2 (c) against version 1 (b) on a rise in MAE, one-sided, Welch's z with the
first Edgeworth term for the skewness of the difference of means:
  se = sqrt(var_c/n_c + var_b/n_b),  z = (mean_c - mean_b)/se
  gamma = (third_c/n_c^2 - third_b/n_b^2) / se^3
  p_worse  = clip(norm.sf(z) + gamma/6 (z^2 - 1) norm.pdf(z), 0, 1)
  p_better = the same with b and c swapped
  verdict  = worse if p_worse <= level, else better if p_better <= level, else same, with
             level = alpha / tests / 2 (tests = 1: the rows carry no inference calls; the
             asymptotic MAE test runs at half its share of alpha)
The predicted values' distributions: ks = the two-sample KS statistic of version 2's weighted
predictions (each weighs w / sum w) against version 1's kept as a reference window. A weighted
reference window is built at its effective size (docs/sampling-weights.md): its values in
ascending order, each repeated as a running carry of w * n_eff / sum w reaches whole points
(at most 20 000 points). ks = max |F2(x) - F1ref(x)| over every value.
Every weight is a whole number, so the script also checks that the weighted moments equal those
of the rows repeated w times (np.repeat).

Writes test/golden/version_regression.json. Run: python3 test/golden/scripts/version_regression.py
"""
import json
import os

import numpy as np
from scipy.stats import ks_2samp, norm

ALPHA = 0.01


def moments(a, w):
    mean = np.average(a, weights=w)
    variance = np.average((a - mean) ** 2, weights=w)
    third = np.average((a - mean) ** 3, weights=w)
    r = np.repeat(a, w.astype(int))
    assert np.isclose(mean, r.mean()) and np.isclose(variance, r.var())
    assert np.isclose(third, np.mean((r - r.mean()) ** 3))
    n = w.sum() ** 2 / np.sum(w**2)
    return {
        "n": float(n),
        "mean": float(mean),
        "variance": float(variance),
        "third": float(third),
        "mae": float(mean),
        "rmse": float(np.sqrt(np.average(a**2, weights=w))),
    }


def rise_p(c, b):
    se = np.sqrt(c["variance"] / c["n"] + b["variance"] / b["n"])
    z = (c["mean"] - b["mean"]) / se
    gamma = (c["third"] / c["n"] ** 2 - b["third"] / b["n"] ** 2) / se**3
    return float(np.clip(norm.sf(z) + gamma / 6 * (z * z - 1) * norm.pdf(z), 0, 1))


def expanded_reference(a, w):
    order = np.argsort(a, kind="stable")
    total = w.sum()
    target = min(20000, total**2 / np.sum(w**2))
    scale = target / total if total > target else 1.0
    out, carry = [], 0.0
    for x, wi in zip(a[order], w[order]):
        carry += wi * scale
        while carry >= 1:
            out.append(x)
            carry -= 1
    return np.array(out)


def weighted_ks(a, b, w):
    ref = expanded_reference(a, w)
    grid = np.union1d(ref, b)
    f_ref = np.searchsorted(np.sort(ref), grid, "right") / len(ref)
    order = np.argsort(b)
    cum = np.cumsum(w[order]) / w.sum()
    i = np.searchsorted(b[order], grid, "right")
    f_cur = np.where(i > 0, cum[np.maximum(i - 1, 0)], 0.0)
    return float(np.max(np.abs(f_cur - f_ref)))


def compare(y, p1, p2, w):
    b = moments(np.abs(y - p1), w)
    c = moments(np.abs(y - p2), w)
    p_worse = rise_p(c, b)
    p_better = rise_p(b, c)
    level = ALPHA / 2
    verdict = "worse" if p_worse <= level else "better" if p_better <= level else "same"
    return {
        "baseline": b,
        "candidate": c,
        "deltas": {k: c[k] - b[k] for k in ("mae", "rmse")},
        "p_worse": p_worse,
        "p_better": p_better,
        "verdict": verdict,
        "ks": weighted_ks(p1, p2, w),
        # Unit weights: the reference is the rows themselves and the statistic is SciPy's.
        "_unit_ks_check": bool(
            np.isclose(weighted_ks(p1, p2, np.ones_like(w)), ks_2samp(p1, p2).statistic)
        ),
    }


def main():
    rng = np.random.default_rng(20261204)
    n = 300
    rows = {"region": [], "actual": [], "value_1": [], "value_2": [], "sampling_probability": []}
    for region in ("eu", "us"):
        y = rng.normal(50, 10, n)
        # Skewed errors: a centred gamma; version 2 in us has them 1.5 times as wide.
        e1 = rng.gamma(2.0, 1.5, n) - 3.0
        scale = 1.0 if region == "eu" else 1.5
        e2 = scale * (rng.gamma(2.0, 1.5, n) - 3.0)
        rows["region"] += [region] * n
        rows["actual"] += [round(float(v), 6) for v in y]
        rows["value_1"] += [round(float(v), 6) for v in y - e1]
        rows["value_2"] += [round(float(v), 6) for v in y - e2]
        rows["sampling_probability"] += [float(v) for v in rng.choice([1.0, 0.5, 0.25], n)]
    region = np.array(rows["region"])
    y = np.array(rows["actual"])
    p1 = np.array(rows["value_1"])
    p2 = np.array(rows["value_2"])
    w = 1 / np.array(rows["sampling_probability"])
    expected = {"": compare(y, p1, p2, w)}
    for r in ("eu", "us"):
        m = region == r
        expected[r] = compare(y[m], p1[m], p2[m], w[m])
    for e in expected.values():
        assert e.pop("_unit_ks_check")
    out = {"alpha": ALPHA, "rows": rows, "expected": expected}
    path = os.path.join(os.path.dirname(__file__), "..", "version_regression.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
