#!/usr/bin/env python3
"""Golden values of the binomial upper tail P(X >= k) = scipy.stats.binom.sf(k - 1, n, p).

Writes test/golden/binomial_tail.json. Run: python3 test/golden/scripts/binomial_tail.py
"""
import json
import os

from scipy.stats import binom

CASES = [
    (0, 10, 0.1), (1, 10, 0.1), (3, 10, 0.1), (10, 10, 0.1), (11, 10, 0.1),
    (2, 100, 0.001), (18, 1200, 0.001), (8, 7200, 0.0005), (43, 7200, 0.001),
    (60, 60000, 0.001), (100, 60000, 0.001), (5, 1000, 0.01), (20, 1000, 0.01),
    (3, 12, 0.1), (7, 12, 0.1), (1500, 1_000_000, 0.001),
]


def main():
    out = {
        "note": "produced by test/golden/scripts/binomial_tail.py (scipy.stats.binom.sf); do not edit",
        "cases": [{"k": k, "n": n, "p": p, "sf": float(binom.sf(k - 1, n, p))} for k, n, p in CASES],
    }
    path = os.path.join(os.path.dirname(__file__), "..", "binomial_tail.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
