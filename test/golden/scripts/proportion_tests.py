#!/usr/bin/env python3
"""Golden values of the exact proportion tests behind alert significance:
binom.cdf, the doubled one-sided binomial p-value, the one-sided Fisher exact test
(scipy.stats.fisher_exact(..., alternative='less')), and the Bonferroni-combined per-bin binomial
calibration test (smallest two-sided bin p-value times the non-empty bins, capped at 1).

Writes test/golden/proportion_tests.json. Run: python3 test/golden/scripts/proportion_tests.py
"""
import json
import os

from scipy.stats import binom, fisher_exact

BINOMIAL = [
    (0, 10, 0.3), (3, 10, 0.3), (10, 10, 0.3), (40, 100, 0.5), (60, 100, 0.5),
    (1, 1, 0.05), (0, 1, 0.95), (5, 50, 0.02), (780, 1000, 0.8), (845, 1000, 0.8),
    (9000, 10000, 0.91), (12, 200, 0.1), (199, 200, 0.999), (4, 30, 0.55),
]

FISHER = [
    (80, 100, 85, 100), (790, 1000, 850, 1000), (850, 1000, 850, 1000), (900, 1000, 850, 1000),
    (7800, 10000, 8500, 10000), (0, 10, 10, 10), (10, 10, 0, 10), (45, 60, 900, 1000),
    (8400, 10000, 8500, 10000), (1, 3, 2, 3), (99, 100, 100, 100), (30, 200, 60, 200),
    (41000, 50000, 42500, 50000),
]


# Reliability bins (count, mean score, positives): calibrated, one bad bin, sparse, extreme scores.
CALIBRATION = [
    [(10, 0.05, 1), (12, 0.15, 2), (9, 0.25, 2), (11, 0.35, 4), (10, 0.45, 5), (8, 0.55, 4),
     (10, 0.65, 7), (12, 0.75, 9), (9, 0.85, 8), (9, 0.95, 9)],
    [(100, 0.05, 5), (100, 0.3, 45), (100, 0.7, 71), (100, 0.92, 93)],
    [(1, 0.05, 1)],
    [(0, 0.05, 0), (3, 0.97, 1), (200, 0.5, 100)],
    [(500, 0.12, 40), (400, 0.88, 380), (100, 0.5, 50)],
]


def two_sided(k, n, p):
    return min(1.0, 2 * min(binom.cdf(k, n, p), binom.sf(k - 1, n, p)))


def calibration_p(bins):
    used = [b for b in bins if b[0] > 0]
    if not used:
        return 1.0
    return float(min(1.0, len(used) * min(two_sided(k, n, p) for n, p, k in used)))


def main():
    out = {
        "note": "produced by test/golden/scripts/proportion_tests.py (scipy.stats); do not edit",
        "binomial": [
            {
                "k": k, "n": n, "p": p,
                "cdf": float(binom.cdf(k, n, p)),
                "two_sided": float(two_sided(k, n, p)),
            }
            for k, n, p in BINOMIAL
        ],
        "fisher_less": [
            {"x": x, "n": n, "y": y, "m": m,
             "p": float(fisher_exact([[x, n - x], [y, m - y]], alternative="less").pvalue)}
            for x, n, y, m in FISHER
        ],
        "calibration": [
            {"bins": [{"count": n, "meanScore": p, "positives": k} for n, p, k in bins],
             "p": calibration_p(bins)}
            for bins in CALIBRATION
        ],
    }
    path = os.path.join(os.path.dirname(__file__), "..", "proportion_tests.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
