#!/usr/bin/env python3
"""Golden values of "where quality fell" (quality attribution per attribute bin).

Writes test/golden/quality_attribution.json: three windows of a binary model's labeled
predictions (features `amount`, numeric, and `country`, categorical; slice `channel`), each
prediction followed by its label, and the expected attribution of the third window's all-slices
stream as METRICS-style definitions give it:
- bins: a categorical attribute's values (slice values as attribute `ml.slice.channel`); a
  numeric feature's bins from the reference (first) window's edges, unique(np.quantile(R, [0.1 ..
  0.9])), bin i = (e[i-1], e[i]] (np.searchsorted side='left'), labelled '≤ e0', '(a, b]', '> eN'
  with numbers as '%.6g';
- binning starts with the model's first labeled pair: the first window's first prediction has no
  bins, and `amount` is binned from the second window on (its edges come from the first window);
- the baseline per attribute: the first windows' pairs pooled until the attribute holds >= 1000
  (categorical ones: window 1; amount: window 2); window 3 is compared with it;
- per bin: share s = n_b / n, error e = errors / n, baseline share and error, contribution =
  s (e - e0), mix = (s - s0) e0, one-sided Fisher p-value of the correct rate being lower
  (scipy.stats.fisher_exact(..., alternative='less')) for bins with >= 30 pairs on both sides,
  significant when p <= 0.005 / (bins tested).
In the third window the labels of country 'FR' disagree with the model far more often.
Also error-vs-feature drift (ml.drift.kind=error) of the third window: per attribute the chi-square
test of homogeneity (scipy.stats.chi2_contingency, no continuity correction) of its misclassified
pairs per bin against the baseline's, over the bins with errors on either side.

Run: python3 test/golden/scripts/quality_attribution.py
"""
import json
import os

import numpy as np
from scipy.stats import chi2_contingency, fisher_exact

N = 1200
COUNTRIES = ["DE", "FR", "US"]
CHANNELS = ["app", "web"]


def window(rng, w, flip_fr):
    rows = []
    for i in range(N):
        amount = float(np.round(rng.lognormal(3.0, 0.8), 2))
        country = str(rng.choice(COUNTRIES, p=[0.4, 0.3, 0.3]))
        channel = str(rng.choice(CHANNELS))
        score = float(np.round(1 / (1 + np.exp(-(0.02 * (amount - 25) + rng.normal(0, 1.2)))), 4))
        label = int(rng.random() < score)
        if country == "FR" and rng.random() < flip_fr:
            label = 1 - label
        rows.append({"id": f"w{w}-{i}", "amount": amount, "country": country, "channel": channel, "score": score, "label": label})
    return rows


def fmt(x):
    return "%.6g" % x


def numeric_label(edges, b):
    if b == 0:
        return f"≤ {fmt(edges[0])}"
    if b >= len(edges):
        return f"> {fmt(edges[-1])}"
    return f"({fmt(edges[b - 1])}, {fmt(edges[b])}]"


def cells(rows, edges, with_amount):
    out = {}
    for r in rows:
        err = int((1 if r["score"] >= 0.5 else 0) != r["label"])
        keys = [("country", r["country"]), ("ml.slice.channel", r["channel"])]
        if with_amount:
            keys.append(("amount", numeric_label(edges, int(np.searchsorted(edges, r["amount"], side="left")))))
        for a, b in keys:
            c = out.setdefault(a, {}).setdefault(b, [0, 0])
            c[0] += 1
            c[1] += err
    return out


def main():
    rng = np.random.default_rng(20261206)
    w0, w1, w2 = window(rng, 0, 0.0), window(rng, 1, 0.0), window(rng, 2, 0.45)
    edges = np.unique(np.quantile(np.array([r["amount"] for r in w0]), np.linspace(0.1, 0.9, 9)))
    base = cells(w0[1:], edges, False)
    base["amount"] = cells(w1, edges, True)["amount"]
    cur = cells(w2, edges, True)
    rows = []
    for a, bins in cur.items():
        n = sum(c[0] for c in bins.values())
        n0 = sum(c[0] for c in base[a].values())
        for b, (nb, eb) in bins.items():
            b0 = base[a].get(b)
            row = {"attribute": a, "bin": b, "pairs": nb, "share": nb / n, "error": eb / nb, "baselinePairs": b0[0] if b0 else 0}
            if b0:
                e0 = b0[1] / b0[0]
                row["baselineError"] = e0
                row["contribution"] = nb / n * (eb / nb - e0)
                row["mixContribution"] = (nb / n - b0[0] / n0) * e0
                if nb >= 30 and b0[0] >= 30:
                    row["pValue"] = float(fisher_exact([[nb - eb, eb], [b0[0] - b0[1], b0[1]]], alternative="less")[1])
            rows.append(row)
    tested = sum(1 for r in rows if "pValue" in r)
    for r in rows:
        r["significant"] = bool("pValue" in r and r["pValue"] <= 0.005 / tested)
    rows.sort(key=lambda r: -r.get("contribution", -np.inf))
    error_drift = {}
    for a, bins in cur.items():
        labels = sorted(set(b for b, c in bins.items() if c[1] > 0) | set(b for b, c in base[a].items() if c[1] > 0))
        table = [[bins.get(b, [0, 0])[1] for b in labels], [base[a].get(b, [0, 0])[1] for b in labels]]
        statistic, p_value, _, _ = chi2_contingency(table, correction=False)
        error_drift[a] = {"statistic": float(statistic), "p_value": float(p_value)}
    out = {
        "note": "produced by test/golden/scripts/quality_attribution.py (NumPy/SciPy); do not edit",
        "error_drift": error_drift,
        "windows": [w0, w1, w2],
        "expected": {"metric": "error_rate", "binsTested": tested, "alpha": 0.005, "rows": rows[:20]},
    }
    with open(os.path.join(os.path.dirname(__file__), "..", "quality_attribution.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"), ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
