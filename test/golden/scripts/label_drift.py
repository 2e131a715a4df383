#!/usr/bin/env python3
"""Golden p-values of label drift (ml.drift.kind=ground_truth): the chi-square test of
homogeneity of the reference window's and the current window's label counts
(scipy.stats.chi2_contingency without continuity correction), for the label tables of
processor/src/evaluate/label-drift.test.ts.

Writes test/golden/label_drift.json. Run: python3 test/golden/scripts/label_drift.py
"""
import json
import os

from scipy.stats import chi2_contingency

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

path = os.path.join(os.path.dirname(__file__), "..", "label_drift.json")
with open(path, "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
