#!/usr/bin/env python3
"""Baseline of row 4: the statistics of `mlmon drift` for every numeric column of two CSV files,
with NumPy/SciPy (pandas' C reader for the CSV when installed), as a data scientist would compute them (METRICS.md definitions):
ks_2samp (auto method), wasserstein_distance and its std-normalised form, and PSI (eps 1e-4),
Jensen-Shannon (base 2) and Hellinger over the reference deciles.

Usage: drift_scipy.py REFERENCE.csv CURRENT.csv  -> prints one JSON object per column.
"""
import json
import sys

import numpy as np
from scipy import stats
from scipy.spatial import distance


def binned(ref, cur):
    # METRICS.md: edges = unique reference deciles; bin i is (e_{i-1}, e_i], outer bins open.
    edges = np.unique(np.quantile(ref, np.linspace(0.1, 0.9, 9)))
    r = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=len(edges) + 1)
    c = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=len(edges) + 1)
    return r / r.sum(), c / c.sum()


def load(path):
    """The columns of a numeric CSV with a header row (pandas when installed, else NumPy)."""
    try:
        import pandas as pd

        frame = pd.read_csv(path, engine="c", dtype=np.float64)
        return list(frame.columns), frame.to_numpy()
    except ImportError:
        with open(path) as f:
            names = f.readline().strip().split(",")
        return names, np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)


def main():
    ref_path, cur_path = sys.argv[1], sys.argv[2]
    names, ref = load(ref_path)
    _, cur = load(cur_path)
    out = []
    for j, name in enumerate(names):
        r, c = ref[:, j], cur[:, j]
        ks = stats.ks_2samp(r, c)
        w = stats.wasserstein_distance(r, c)
        std = r.std()
        p, q = binned(r, c)
        eps = 1e-4
        pe, qe = np.where(p == 0, eps, p), np.where(q == 0, eps, q)
        psi = float(np.sum((qe - pe) * np.log(qe / pe)))
        js = float(distance.jensenshannon(p, q, base=2))
        hel = float(np.sqrt(0.5 * np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)))
        out.append(
            {
                "column": name,
                "ks": float(ks.statistic),
                "p_value": float(ks.pvalue),
                "wasserstein": float(w),
                "wasserstein_normed": float(w / std) if std > 0 else None,
                "psi": psi,
                "jensen_shannon": js,
                "hellinger": hel,
            }
        )
    print(json.dumps(out))


if __name__ == "__main__":
    main()
