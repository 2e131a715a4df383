#!/usr/bin/env python3
"""Golden values of the fairness statistics (../shared/METRICS.md §Fairness), in NumPy/SciPy.
fairlearn is not installable here, so its definitions are implemented directly:

Rows are predictions (group a, score s, label y or None). Decision yhat = 1 if s >= 0.5.
Per group a (named groups only; predictions without the attribute form "_UNKNOWN", values
beyond the first `max_groups` distinct ones, in row order, pool into "_OTHER"):
  selection_rate      = P(yhat=1 | A=a)                over the group's predictions
  true_positive_rate  = P(yhat=1 | y=1, A=a)           over its labeled actual positives
  false_positive_rate = P(yhat=1 | y=0, A=a)           over its labeled actual negatives
  ece                 = sum_b n_b/n |mean score_b - share of positives_b|, 10 equal-width bins
                        (np.searchsorted(linspace(0,1,11)[1:-1], s, 'left')), labeled rows
  Wilson 95 % interval of each rate (z = norm.ppf(0.975)).
A group counts for the selection rate with >= min_group_count predictions; for TPR/FPR/ECE with
>= min_group_count labeled predictions, and additionally >= 10 actual positives (TPR) or
negatives (FPR). Pooled groups never count.
  demographic_parity_difference = max - min selection rate       (fairlearn between_groups)
  demographic_parity_ratio      = min / max selection rate
  equal_opportunity_difference  = max - min TPR
  equalized_odds_difference     = max(TPR gap, FPR gap)          (fairlearn)
  calibration_error_spread      = max - min ECE
p-value of a gap: fisher_exact([[x_lo, n_lo-x_lo], [x_hi, n_hi-x_hi]], alternative='less'),
times 2 (the pair is chosen by the data), times k(k-1)/2 pairs (Bonferroni), capped at 1; for
equalized odds min(1, 2 * min(p_TPR, p_FPR)). The ratio shares the difference's p-value.

Writes test/golden/fairness.json. Run: python3 test/golden/scripts/fairness.py
"""
import json
import os

import numpy as np
from scipy.stats import fisher_exact, norm

Z = norm.ppf(0.975)
EDGES = np.linspace(0, 1, 11)[1:-1]
OTHER, UNKNOWN = "_OTHER", "_UNKNOWN"


def wilson(k, n):
    p = k / n
    d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * np.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)


def rate(k, n):
    if n == 0:
        return None
    lo, hi = wilson(k, n)
    return {"value": k / n, "successes": int(k), "trials": int(n), "low": lo, "high": hi}


def assign_groups(groups, max_groups):
    kept, out = [], []
    for g in groups:
        if g is None or g == "":
            out.append(UNKNOWN)
        elif g in kept:
            out.append(g)
        elif len(kept) < max_groups:
            kept.append(g)
            out.append(g)
        else:
            out.append(OTHER)
    return out


def gap(values, alpha):
    """values: list of (group, value, successes, trials)."""
    if len(values) < 2:
        return None
    hi = max(values, key=lambda v: v[1])
    lo = min(values, key=lambda v: v[1])
    # First of equal maxima/minima, as the implementation scans in its group order.
    hi = next(v for v in values if v[1] == hi[1])
    lo = next(v for v in values if v[1] == lo[1])
    pairs = len(values) * (len(values) - 1) / 2
    if hi is lo:
        p = 1.0
    else:
        one = fisher_exact([[lo[2], lo[3] - lo[2]], [hi[2], hi[3] - hi[2]]], alternative="less")[1]
        p = min(1.0, 2 * pairs * one)
    return {"value": hi[1] - lo[1], "high": hi[0], "low": lo[0], "p_value": float(p),
            "significant": bool(p <= alpha)}


def evaluate(case):
    groups = assign_groups(case["groups"], case["max_groups"])
    s = np.array(case["scores"], dtype=float)
    y = case["labels"]
    labeled = np.array([v is not None for v in y])
    yv = np.array([v if v is not None else -1 for v in y])
    yhat = (s >= 0.5).astype(int)
    m = case["min_group_count"]
    order = []
    for g in groups:
        if g not in order:
            order.append(g)
    rows = {}
    for g in order:
        idx = np.array([gg == g for gg in groups])
        n = int(idx.sum())
        sel = int(yhat[idx].sum())
        pos = idx & labeled & (yv == 1)
        neg = idx & labeled & (yv == 0)
        lab = idx & labeled
        ece = None
        if lab.sum() > 0:
            b = np.searchsorted(EDGES, s[lab], side="left")
            e = 0.0
            for k in range(10):
                inb = b == k
                if inb.sum():
                    e += inb.sum() / lab.sum() * abs(s[lab][inb].mean() - yv[lab][inb].mean())
            ece = float(e)
        rows[g] = {
            "predictions": n, "labeled": int(lab.sum()),
            "positives": int(pos.sum()), "negatives": int(neg.sum()),
            "selection_rate": rate(sel, n),
            "true_positive_rate": rate(int(yhat[pos].sum()), int(pos.sum())),
            "false_positive_rate": rate(int(yhat[neg].sum()), int(neg.sum())),
            "ece": ece,
        }
    named = [g for g in order if g not in (OTHER, UNKNOWN)]
    # The implementation orders groups by descending predictions, then name; gaps scan that order.
    named.sort(key=lambda g: (-rows[g]["predictions"], g))
    a = case["alpha"]
    sel = [(g, rows[g]["selection_rate"]["value"], rows[g]["selection_rate"]["successes"],
            rows[g]["predictions"]) for g in named if rows[g]["predictions"] >= m]
    ok = [g for g in named if rows[g]["labeled"] >= m]
    tpr = [(g, rows[g]["true_positive_rate"]["value"], rows[g]["true_positive_rate"]["successes"],
            rows[g]["positives"]) for g in ok if rows[g]["positives"] >= 10]
    fpr = [(g, rows[g]["false_positive_rate"]["value"], rows[g]["false_positive_rate"]["successes"],
            rows[g]["negatives"]) for g in ok if rows[g]["negatives"] >= 10]
    ece = [(g, rows[g]["ece"], 0, 0) for g in ok if rows[g]["ece"] is not None]
    dpd = gap(sel, a)
    dpr = None
    if dpd is not None and max(v[1] for v in sel) > 0:
        dpr = dict(dpd, value=min(v[1] for v in sel) / max(v[1] for v in sel))
    eop = gap(tpr, a)
    fg = gap(fpr, a)
    eod = None
    if eop is not None and fg is not None:
        larger = eop if eop["value"] >= fg["value"] else fg
        p = min(1.0, 2 * min(eop["p_value"], fg["p_value"]))
        eod = dict(larger, p_value=p, significant=bool(p <= a))
    spread = gap(ece, a)
    if spread is not None:
        spread = {"value": spread["value"], "high": spread["high"], "low": spread["low"]}
    return {
        "groups": rows,
        "demographic_parity_difference": dpd,
        "demographic_parity_ratio": dpr,
        "equal_opportunity_difference": eop,
        "equalized_odds_difference": eod,
        "calibration_error_spread": spread,
    }


def make(name, rng, sizes, sel_shift, n_unknown=0, label_share=1.0, max_groups=20,
         min_group_count=30, alpha=0.01, pos_rate=0.4):
    groups, scores, labels = [], [], []
    for (g, n), shift in zip(sizes, sel_shift):
        y = (rng.random(n) < pos_rate).astype(int)
        s = np.clip(0.35 + 0.3 * y + shift + rng.normal(0, 0.18, n), 0, 1)
        for i in range(n):
            groups.append(g)
            scores.append(round(float(s[i]), 6))
            labels.append(int(y[i]) if rng.random() < label_share else None)
    for _ in range(n_unknown):
        groups.append(None)
        scores.append(round(float(rng.random()), 6))
        labels.append(int(rng.random() < pos_rate))
    perm = rng.permutation(len(groups))
    case = {
        "name": name,
        "max_groups": max_groups, "min_group_count": min_group_count, "alpha": alpha,
        "groups": [groups[i] for i in perm],
        "scores": [scores[i] for i in perm],
        "labels": [labels[i] for i in perm],
    }
    case["expected"] = evaluate(case)
    return case


def main():
    rng = np.random.default_rng(20261204)
    cases = [
        make("two_groups_true_gap", rng, [("female", 400), ("male", 500)], [-0.08, 0.04]),
        make("three_groups_one_small", rng, [("a", 200), ("b", 150), ("c", 20)], [0, 0.02, 0.1]),
        make("partly_labeled_few_positives", rng, [("x", 120), ("y", 90)], [0, 0],
             label_share=0.5, pos_rate=0.08),
        make("unknown_and_capped", rng, [("g1", 100), ("g2", 80), ("g3", 60), ("g4", 40)],
             [0, 0.05, -0.05, 0.1], n_unknown=35, max_groups=2),
        make("equal_groups_large", rng, [("p", 3000), ("q", 2500), ("r", 2000)], [0, 0, 0],
             min_group_count=50, alpha=0.005),
        # The processor test sends this one through the SDK (unlabeled rows get a label that is
        # not 0/1, which the processor rejects).
        make("service_window", rng, [("f", 300), ("m", 300), ("x", 50), ("y", 40)],
             [-0.12, 0.05, 0, 0], n_unknown=40, max_groups=3, label_share=0.9),
    ]
    out = {"note": "produced by test/golden/scripts/fairness.py (numpy, scipy.stats); do not edit",
           "cases": cases}
    path = os.path.join(os.path.dirname(__file__), "..", "fairness.json")
    with open(path, "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
