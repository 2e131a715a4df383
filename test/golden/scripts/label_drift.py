#!/usr/bin/env python3
"""Golden p-values of label drift (ml.drift.kind=ground_truth): the chi-square test of
homogeneity of the reference window's and the current window's label counts
(scipy.stats.chi2_contingency without continuity correction), for the label tables of
processor/src/evaluate/label-drift.test.ts; and for regression labels the two-sample KS test of
the label values (scipy.stats.ks_2samp, method 'auto': exact at these sizes), values rounded to
0.01 so they travel exactly.

Writes test/golden/label_drift.json. Run: python3 test/golden/scripts/label_drift.py
"""
import json
import os

import numpy as np
from scipy.stats import chi2_contingency, ks_2samp

# (name, reference counts per label, current counts per label), labels in the same order.
CASES = [
    ("binary_stable", [160, 40], [156, 44]),
    ("binary_shift", [160, 40], [100, 100]),
    ("multiclass_shift", [100, 60, 40], [40, 60, 100]),
]

out = {"generator": "scipy.stats.chi2_contingency(correction=False)", "cases": []}
for name, reference, current in CASES:
    statistic, p_value, dof, _ = chi2_contingency([reference, current], correction=False)
    out["cases"].append(
        {
            "name": name,
            "reference": reference,
            "current": current,
            "statistic": float(statistic),
            "p_value": float(p_value),
            "dof": int(dof),
        }
    )

rng = np.random.default_rng(20261207)
reference = np.round(rng.normal(50, 10, 300), 2)
for name, shift in (("regression_stable", 0.0), ("regression_shift", 4.0)):
    current = np.round(rng.normal(50 + shift, 10, 250), 2)
    result = ks_2samp(reference, current)
    out["cases"].append(
        {
            "name": name,
            "reference": reference.tolist(),
            "current": current.tolist(),
            "statistic": float(result.statistic),
            "p_value": float(result.pvalue),
        }
    )

path = os.path.join(os.path.dirname(__file__), "..", "label_drift.json")
with open(path, "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
