#!/usr/bin/env python3
"""Golden values of the version comparison (docs/versions.md), in NumPy/SciPy.

Rows are requests in two slices (region eu, us); each request is scored by version "1" (the
baseline) and version "2" and gets one label y. Decision yhat = 1 if score >= 0.5. Version 2 is as
good as version 1 in eu and degraded (noisier scores) in us. Per slice (all rows, eu, us) and
version:
  accuracy    = mean(yhat == y)                      correct = sum(yhat == y)
  brier_score = mean((s - y)^2)
  ece         = sum_b n_b/n |mean s_b - mean y_b|, 10 equal-width bins
                (np.searchsorted(linspace(0,1,11)[1:-1], s, 'left'))
  score_mean  = mean(s)
Deltas are version 2 minus version 1. The test of version 2 against version 1:
  p_worse  = fisher_exact([[c2, n2-c2], [c1, n1-c1]], alternative='less').pvalue
  p_better = fisher_exact([[c1, n1-c1], [c2, n2-c2]], alternative='less').pvalue
  verdict  = worse if p_worse <= alpha / tests, else better if p_better <= alpha / tests, else
             same (tests = 1: accuracy only, the rows carry no inference calls)
The prediction distributions: ks = ks_2samp(scores of 1, scores of 2).statistic.
Shadow agreement over the shared requests: agreement = mean(yhat2 == yhat1),
score_difference_mean = mean(s2 - s1), score_difference_abs_mean = mean(|s2 - s1|).

Writes test/golden/versions.json. Run: python3 test/golden/scripts/versions.py
"""
import json
import os

import numpy as np
from scipy.stats import fisher_exact, ks_2samp

EDGES = np.linspace(0, 1, 11)[1:-1]
ALPHA = 0.01


def ece(s, y):
    b = np.searchsorted(EDGES, s, "left")
    total = 0.0
    for k in range(10):
        m = b == k
        if m.any():
            total += m.sum() / len(s) * abs(s[m].mean() - y[m].mean())
    return float(total)


def stats(s, y):
    yhat = (s >= 0.5).astype(int)
    return {
        "n": int(len(s)),
        "correct": int((yhat == y).sum()),
        "accuracy": float((yhat == y).mean()),
        "brier_score": float(np.mean((s - y) ** 2)),
        "ece": ece(s, y),
        "score_mean": float(np.mean(s)),
    }


def compare(s1, s2, y):
    a, b = stats(s1, y), stats(s2, y)
    p_worse = fisher_exact(
        [[b["correct"], b["n"] - b["correct"]], [a["correct"], a["n"] - a["correct"]]],
        alternative="less",
    ).pvalue
    p_better = fisher_exact(
        [[a["correct"], a["n"] - a["correct"]], [b["correct"], b["n"] - b["correct"]]],
        alternative="less",
    ).pvalue
    verdict = "worse" if p_worse <= ALPHA else "better" if p_better <= ALPHA else "same"
    yhat1, yhat2 = (s1 >= 0.5), (s2 >= 0.5)
    return {
        "baseline": a,
        "candidate": b,
        "deltas": {k: b[k] - a[k] for k in ("accuracy", "brier_score", "ece", "score_mean")},
        "p_worse": float(p_worse),
        "p_better": float(p_better),
        "verdict": verdict,
        "ks": float(ks_2samp(s1, s2).statistic),
        "shadow": {
            "pairs": int(len(s1)),
            "agreement": float(np.mean(yhat1 == yhat2)),
            "score_difference_mean": float(np.mean(s2 - s1)),
            "score_difference_abs_mean": float(np.mean(np.abs(s2 - s1))),
        },
    }


def main():
    rng = np.random.default_rng(19)
    n = 300
    rows = {"region": [], "label": [], "score_1": [], "score_2": []}
    for region in ("eu", "us"):
        y = rng.integers(0, 2, n)
        s1 = np.clip(rng.normal(np.where(y == 1, 0.7, 0.3), 0.15), 0.001, 0.999)
        spread = 0.15 if region == "eu" else 0.3
        s2 = np.clip(rng.normal(np.where(y == 1, 0.7, 0.3), spread), 0.001, 0.999)
        rows["region"] += [region] * n
        rows["label"] += [int(v) for v in y]
        rows["score_1"] += [round(float(v), 6) for v in s1]
        rows["score_2"] += [round(float(v), 6) for v in s2]
    region = np.array(rows["region"])
    y = np.array(rows["label"])
    s1 = np.array(rows["score_1"])
    s2 = np.array(rows["score_2"])
    expected = {"": compare(s1, s2, y)}
    for r in ("eu", "us"):
        m = region == r
        expected[r] = compare(s1[m], s2[m], y[m])
    out = {"cases": [{"name": "two_versions", "alpha": ALPHA, "rows": rows, "expected": expected}]}
    path = os.path.join(os.path.dirname(__file__), "..", "versions.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
