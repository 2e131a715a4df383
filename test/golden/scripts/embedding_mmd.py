#!/usr/bin/env python3
"""Golden values of the embedding drift statistics (processor/src/stats/mmd.ts).

Writes test/golden/embedding_mmd.json: pairs of samples of 8-dimensional vectors (no shift; a
mean shift of 0.5 in the first two coordinates; a scaled copy) with NumPy's mean-embedding
cosine distance (1 - cos) and Euclidean distance, the median of the pooled pairs' squared
distances (lower median of the distinct pairs) and the unbiased MMD^2 with the RBF kernel
exp(-||a - b||^2 / median) (Gretton et al. 2012, eq. 3).

Run: python3 test/golden/scripts/embedding_mmd.py
"""
import json
import os

import numpy as np


def mmd2_u(x, y):
    z = np.vstack([x, y])
    d2 = ((z[:, None, :] - z[None, :, :]) ** 2).sum(-1)
    iu = np.triu_indices(len(z), 1)
    pairs = np.sort(d2[iu])
    med = pairs[(len(pairs) - 1) // 2]
    k = np.exp(-d2 / med)
    m, n = len(x), len(y)
    kxx = k[:m, :m]
    kyy = k[m:, m:]
    kxy = k[:m, m:]
    xx = (kxx.sum() - np.trace(kxx)) / (m * (m - 1))
    yy = (kyy.sum() - np.trace(kyy)) / (n * (n - 1))
    return float(xx + yy - 2 * kxy.mean()), float(med)


def case(name, x, y):
    mx, my = x.mean(0), y.mean(0)
    mmd2, med = mmd2_u(x, y)
    return {
        "name": name,
        "dimension": x.shape[1],
        "current": x.ravel().tolist(),
        "reference": y.ravel().tolist(),
        "cosine": float(1 - mx @ my / np.sqrt((mx @ mx) * (my @ my))),
        "euclidean": float(np.linalg.norm(mx - my)),
        "bandwidth": med,
        "mmd2": mmd2,
    }


def main():
    rng = np.random.default_rng(20261206)
    d = 8
    ref = rng.normal(1.0, 1.0, (60, d))
    same = rng.normal(1.0, 1.0, (45, d))
    shifted = rng.normal(1.0, 1.0, (45, d))
    shifted[:, :2] += 1.5
    cases = [case("no_shift", same, ref), case("mean_shift_2_of_8", shifted, ref), case("scaled", 3 * same, ref)]
    out = {"note": "produced by test/golden/scripts/embedding_mmd.py (NumPy); do not edit", "cases": cases}
    path = os.path.join(os.path.dirname(__file__), "..", "embedding_mmd.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
