#!/usr/bin/env python3
"""Golden values of the evaluator statistics (gen_ai.evaluation.result verdicts per evaluator).

Writes test/golden/genai_evaluations.json: two windows of responses, each judged by three
evaluators ("relevance": integer scores 1..5; "toxicity": a score in [0, 1] and a pass/fail
label; "faithfulness": a label only, in mixed case), with per evaluator and window the verdict
count, the score mean and lower empirical quantiles (np.quantile method='inverted_cdf'), the
label shares and the pass rate (labels pass/passed/true/yes vs fail/failed/false/no, any case).
The second window's relevance scores shift down and its toxicity fails triple.
Also the pass rates under the evaluator rules RULES (serve config `evaluators`): by score
(inclusive bounds; every verdict with a score is judged) or by the rule's own labels (any case).

Run: python3 test/golden/scripts/genai_evaluations.py
"""
import json
import os

import numpy as np

PASS = {"pass", "passed", "true", "yes"}
FAIL = {"fail", "failed", "false", "no"}
RULES = [
    {"name": "relevance", "passAtLeast": 4},
    {"name": "toxicity", "passAtMost": 0.2},
    {"name": "faithfulness", "passLabels": ["pass"], "failLabels": ["failed", "unsure"]},
]


def verdicts(rng, n, relevance_p, fail_p):
    rows = []
    for i in range(n):
        rid = f"resp-{i}"
        rows.append({"responseId": rid, "name": "relevance", "value": int(rng.choice([1, 2, 3, 4, 5], p=relevance_p))})
        tox = float(np.round(rng.beta(1, 8), 4))
        rows.append({"responseId": rid, "name": "toxicity", "value": tox, "label": "fail" if rng.random() < fail_p else "pass"})
        if i % 3 != 0:
            rows.append({"responseId": rid, "name": "faithfulness", "label": str(rng.choice(["PASS", "Failed", "unsure"], p=[0.7, 0.2, 0.1]))})
    return rows


def stats(rows):
    out = {}
    for name in sorted({r["name"] for r in rows}):
        mine = [r for r in rows if r["name"] == name]
        values = np.array([r["value"] for r in mine if "value" in r], dtype=float)
        labels = [r["label"] for r in mine if "label" in r]
        e = {"count": len(mine)}
        if len(values):
            e["score"] = {
                "count": int(len(values)),
                "mean": float(values.mean()),
                **{k: float(np.quantile(values, q, method="inverted_cdf")) for k, q in (("p10", 0.1), ("p50", 0.5), ("p90", 0.9))},
            }
        shares = {}
        for label in sorted(set(labels)):
            shares[label] = labels.count(label) / len(labels)
        e["labels"] = shares
        passed = sum(1 for l in labels if l.lower() in PASS)
        failed = sum(1 for l in labels if l.lower() in FAIL)
        if passed + failed:
            e["pass"] = {"judged": passed + failed, "passed": passed, "ratio": passed / (passed + failed)}
        out[name] = e
    return out


def pass_under_rules(rows):
    out = {}
    for rule in RULES:
        mine = [r for r in rows if r["name"] == rule["name"]]
        if "passLabels" in rule:
            ok = {x.lower() for x in rule["passLabels"]}
            bad = {x.lower() for x in rule["failLabels"]}
            labels = [r["label"].lower() for r in mine if "label" in r]
            passed = sum(1 for l in labels if l in ok)
            judged = passed + sum(1 for l in labels if l in bad)
        else:
            v = np.array([r["value"] for r in mine if "value" in r], dtype=float)
            lo = rule.get("passAtLeast", -np.inf)
            hi = rule.get("passAtMost", np.inf)
            passed = int(np.count_nonzero((v >= lo) & (v <= hi)))
            judged = int(len(v))
        out[rule["name"]] = {"judged": judged, "passed": passed, "ratio": passed / judged}
    return out


def main():
    rng = np.random.default_rng(20261204)
    first = verdicts(rng, 400, [0.05, 0.1, 0.2, 0.35, 0.3], 0.05)
    second = verdicts(rng, 400, [0.2, 0.3, 0.25, 0.15, 0.1], 0.15)
    out = {
        "note": "produced by test/golden/scripts/genai_evaluations.py (NumPy); do not edit",
        "rules": RULES,
        "windows": [{"verdicts": w, "expected": stats(w), "expected_with_rules": pass_under_rules(w)} for w in (first, second)],
    }
    path = os.path.join(os.path.dirname(__file__), "..", "genai_evaluations.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
