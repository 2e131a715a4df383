#!/usr/bin/env python3
"""Golden values of the weighted MMD² of embedding drift (processor/src/stats/mmd.ts).

A record sampled with probability p weighs w = 1/p; the weighted statistic is the V-statistic
MMD²_w = Σ a a' k(x, x') + Σ b b' k(y, y') − 2 Σ a b k(x, y), a and b each side's weights
normalised to sum 1, with the RBF kernel exp(−‖a − b‖² / median) whose scale is the lower median
of the squared distances between distinct pooled rows (as unweighted).

For integer weights the expected value is computed on the samples with each row REPEATED w
times (the plain V-statistic (1/m²)Σk_xx + (1/n²)Σk_yy − (2/mn)Σk_xy of the expanded samples);
for fractional weights (1/p, p = 0.3 …) from the weighted formula above.

Writes test/golden/embedding_mmd_weighted.json.
Run: python3 test/golden/scripts/embedding_mmd_weighted.py
"""
import json
import os

import numpy as np


def sq_dist(a, b):
    return ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)


def median_of_distinct(x, y):
    z = np.vstack([x, y])
    d2 = sq_dist(z, z)
    pairs = np.sort(d2[np.triu_indices(len(z), 1)])
    return float(pairs[(len(pairs) - 1) // 2])


def v_statistic(x, y, med):
    """Plain (unweighted) V-statistic of the samples x and y."""
    k = lambda a, b: np.exp(-sq_dist(a, b) / med)  # noqa: E731
    return float(k(x, x).mean() + k(y, y).mean() - 2 * k(x, y).mean())


def weighted(x, wx, y, wy, med):
    a, b = wx / wx.sum(), wy / wy.sum()
    k = lambda u, v: np.exp(-sq_dist(u, v) / med)  # noqa: E731
    return float(a @ k(x, x) @ a + b @ k(y, y) @ b - 2 * a @ k(x, y) @ b)


def case(name, x, wx, y, wy):
    med = median_of_distinct(x, y)
    integer = np.all(wx == np.round(wx)) and np.all(wy == np.round(wy))
    if integer:
        mmd2 = v_statistic(np.repeat(x, wx.astype(int), axis=0),
                           np.repeat(y, wy.astype(int), axis=0), med)
        # The weighted formula is the same number (checked here, once).
        assert np.isclose(mmd2, weighted(x, wx, y, wy, med), rtol=1e-12, atol=1e-15)
    else:
        mmd2 = weighted(x, wx, y, wy, med)
    return {"name": name, "dimension": x.shape[1], "current": x.ravel().tolist(),
            "current_weights": wx.tolist(), "reference": y.ravel().tolist(),
            "reference_weights": wy.tolist(), "repeated_rows": bool(integer),
            "bandwidth": med, "mmd2": mmd2}


def main():
    rng = np.random.default_rng(20261204)
    d = 6
    ref = rng.normal(0.0, 1.0, (50, d))
    cur = rng.normal(0.0, 1.0, (40, d))
    shifted = cur.copy()
    shifted[:, :2] += 1.5
    int_r = rng.integers(1, 5, 50).astype(float)
    int_c = rng.integers(1, 5, 40).astype(float)
    frac_r = 1 / rng.choice([1.0, 0.5, 0.3, 0.1], 50)
    frac_c = 1 / rng.choice([1.0, 0.5, 0.3, 0.1], 40)
    cases = [
        case("integer_no_shift", cur, int_c, ref, int_r),
        case("integer_mean_shift", shifted, int_c, ref, int_r),
        case("integer_current_only", cur, int_c, ref, np.ones(50)),
        case("fractional_no_shift", cur, frac_c, ref, frac_r),
    ]
    out = {"note": "produced by test/golden/scripts/embedding_mmd_weighted.py (NumPy); do not edit",
           "cases": cases}
    path = os.path.join(os.path.dirname(__file__), "..", "embedding_mmd_weighted.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
