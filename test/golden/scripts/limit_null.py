#!/usr/bin/env python3
"""Golden values of the large-sample null limits the drift ladders read above 500 draws.

- sqrt(n) * KS D of a continuous sample: Kolmogorov's distribution (scipy.stats.kstwobign).
- n * PSI, and Pearson's chi-square, of proportions over K nonzero shares: chi2(K - 1).
- sqrt(n) * W1 against a Uniform(0, 1) population: int_0^1 |B(u)| du of a Brownian bridge. Its
  mean is sqrt(2 pi) / 8; its quantiles come from a NumPy simulation of 100,000 bridges on a
  4096-point grid (seeded), independent of mlmon's implementation.
- sqrt(n) * W1 against a standard normal population: int |B(Phi(x))| dx, same simulation with
  the normal quantile function's increments as weights; `reference` is the population as mlmon
  sees it: 2000 equally spaced normal quantiles.

Writes test/golden/limit_null.json. Run: python3 test/golden/scripts/limit_null.py
"""
import json
import math
import os

import numpy as np
from scipy.stats import chi2, kstwobign, norm

LEVELS = [0.5, 0.9, 0.95, 0.99]


def bridge_integrals(weights, grid, paths, rng):
    """int |B(u)| dQ(u) on `grid` midpoints for `paths` bridges, in chunks."""
    out = []
    mids = (np.arange(grid) + 0.5) / grid
    steps = np.sqrt(np.diff(np.concatenate(([0.0], mids, [1.0]))))
    for _ in range(paths // 5000):
        z = rng.standard_normal((5000, grid + 1)) * steps
        w = np.cumsum(z, axis=1)
        b = w[:, :grid] - mids * w[:, grid:grid + 1]
        out.append(np.abs(b) @ weights)
    return np.concatenate(out)


def main():
    rng = np.random.default_rng(20261204)
    grid = 4096
    cells = np.arange(grid + 1) / grid
    uniform = bridge_integrals(np.diff(cells), grid, 100_000, rng)
    # Normal quantiles at the cell edges, the open ends clipped at the 1e-7 quantiles.
    q = norm.ppf(np.clip(cells, 1e-7, 1 - 1e-7))
    normal = bridge_integrals(np.diff(q), grid, 100_000, rng)
    out = {
        "note": "produced by test/golden/scripts/limit_null.py (scipy.stats kstwobign, chi2; numpy bridge simulation); do not edit",
        "levels": LEVELS,
        "kolmogorov": [float(kstwobign.ppf(p)) for p in LEVELS],
        "chi2": {str(df): [float(chi2.ppf(p, df)) for p in LEVELS] for df in (1, 4, 9)},
        "w1_uniform": {
            "mean": math.sqrt(2 * math.pi) / 8,
            "simulated_mean": float(uniform.mean()),
            "quantiles": [float(np.quantile(uniform, p)) for p in LEVELS],
        },
        "w1_normal": {
            "reference": [float(x) for x in norm.ppf((np.arange(2000) + 0.5) / 2000)],
            "simulated_mean": float(normal.mean()),
            "quantiles": [float(np.quantile(normal, p)) for p in LEVELS],
        },
    }
    path = os.path.join(os.path.dirname(__file__), "..", "limit_null.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
