#!/usr/bin/env python3
"""Golden values of the service SLIs (METRICS.md "Service SLIs and SLO burn rates").

Writes test/golden/service_slis.json: two windows of inference durations (a baseline and a
latency regime change with an error burst), each with the exact error counts and NumPy's
order-statistic percentiles (method='lower', the rank floor(q*(n-1)) the sketch bounds), and
a metrics-only window: the same durations bucketed in the ml.inference.duration advice bounds,
with the quantiles interpolated linearly inside the bucket that holds rank q*n (Prometheus
histogram_quantile), lower edge 0 for the first bucket.

Run: python3 test/golden/scripts/service_slis.py
"""
import json
import os

import numpy as np

BOUNDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
QUANTILES = {"p50": 0.5, "p95": 0.95, "p99": 0.99}


def window(rng, n, median_s, sigma, error_every, error_types):
    # Durations in whole microseconds, so the span timestamps carry them exactly.
    d = np.round(rng.lognormal(np.log(median_s), sigma, n) * 1e6) / 1e6
    errors = [error_types[(i // error_every) % len(error_types)] if error_every and i % error_every == 0 else None for i in range(n)]
    counts = {}
    for e in errors:
        if e is not None:
            counts[e] = counts.get(e, 0) + 1
    return {
        "durations": d.tolist(),
        "errors": errors,
        "expected": {
            "requests": n,
            "errors_by_type": counts,
            "error_ratio": sum(counts.values()) / n,
            **{k: float(np.percentile(d, q * 100, method="lower")) for k, q in QUANTILES.items()},
        },
    }


def histogram_quantile(bounds, counts, q):
    total = sum(counts)
    rank = q * total
    seen = 0
    for i, c in enumerate(counts):
        if c == 0:
            continue
        if seen + c >= rank:
            lo = 0.0 if i == 0 else bounds[i - 1]
            hi = bounds[i] if i < len(bounds) else bounds[-1]
            return lo + (hi - lo) * (rank - seen) / c
        seen += c
    return bounds[-1]


def main():
    rng = np.random.default_rng(20261203)
    baseline = window(rng, 2000, 0.020, 0.5, 0, [])
    regression = window(rng, 2000, 0.060, 0.6, 10, ["timeout", "model_error"])
    d = np.array(baseline["durations"])
    # Upper-inclusive buckets (bounds[i-1], bounds[i]], as OTLP's explicit buckets.
    idx = np.searchsorted(BOUNDS, d, side="left")
    counts = np.bincount(idx, minlength=len(BOUNDS) + 1).tolist()
    metrics_only = {
        "bounds": BOUNDS,
        "bucket_counts": counts,
        "expected": {k: histogram_quantile(BOUNDS, counts, q) for k, q in QUANTILES.items()},
    }
    out = {
        "note": "produced by test/golden/scripts/service_slis.py (NumPy); do not edit",
        "relative_accuracy": 0.01,
        "baseline": baseline,
        "regression": regression,
        "metrics_only": metrics_only,
    }
    path = os.path.join(os.path.dirname(__file__), "..", "service_slis.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
