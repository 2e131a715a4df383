#!/usr/bin/env python3
"""Golden values of a GenAI model's window seen only through the OTel GenAI client metrics.

Reads the calls of test/golden/genai_calls.json (written by genai_calls.py) and writes
test/golden/genai_metrics.json: what the OTel SDK's explicit-bucket histograms with the GenAI
conventions' advised boundaries hold for those calls, and what mlmon must report from them:
- `gen_ai.client.operation.duration`: calls, failures by error.type;
- `gen_ai.client.token.usage` per `gen_ai.token.type` (input, output): the exact sum and count,
  the bucket counts (upper-inclusive buckets, as OTLP defines them) and p50/p95/p99 by linear
  interpolation inside the bucket holding rank q * count (Prometheus' histogram_quantile; the first
  bucket's lower edge is 0, an open last bucket answers its lower bound);
- `gen_ai.client.operation.time_to_first_chunk`: the same quantiles of the streaming calls;
- the cost of the window with the price table of genai_calls.json: the metrics carry no cached
  token counts, so every input token is charged at the input price.

Run: python3 test/golden/scripts/genai_metrics.py (after genai_calls.py)
"""
import json
import os

import numpy as np

HERE = os.path.dirname(__file__)
TOKEN_BOUNDS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]
DURATION_BOUNDS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]
TTFC_BOUNDS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]
QUANTILES = {"p50": 0.5, "p95": 0.95, "p99": 0.99}


def bucket_counts(values, bounds):
    # Bucket i holds (bounds[i-1], bounds[i]]: searchsorted(side="left") is that index.
    idx = np.searchsorted(np.array(bounds, dtype=float), np.array(values, dtype=float), side="left")
    return np.bincount(idx, minlength=len(bounds) + 1).tolist()


def interpolated(counts, bounds, q):
    total = sum(counts)
    rank = q * total
    cum = np.cumsum(counts)
    i = int(np.searchsorted(cum, rank, side="left"))
    while counts[i] == 0:
        i += 1
    if i == len(bounds):
        return float(bounds[-1])
    lo = 0.0 if i == 0 else float(bounds[i - 1])
    hi = float(bounds[i])
    seen = float(cum[i] - counts[i])
    return lo + (hi - lo) * (rank - seen) / counts[i]


def histogram(values, bounds):
    counts = bucket_counts(values, bounds)
    v = np.array(values, dtype=float)
    return {
        "count": int(len(v)),
        "sum": float(v.sum()),
        "mean": float(v.mean()),
        "bucketCounts": counts,
        **{k: interpolated(counts, bounds, q) for k, q in QUANTILES.items()},
    }


def main():
    with open(os.path.join(HERE, "..", "genai_calls.json")) as f:
        source = json.load(f)
    rows = source["calls"]
    tokens = {t: histogram([r[t] for r in rows if t in r], TOKEN_BOUNDS) for t in ("input", "output")}
    p = source["prices"]["models"][0]
    n = len(rows)
    total = (tokens["input"]["sum"] * p["inputPerMillionTokens"] + tokens["output"]["sum"] * p["outputPerMillionTokens"]) / 1e6 + n * p["perRequest"]
    errors = {}
    for r in rows:
        if r["error"]:
            errors[r["error"]] = errors.get(r["error"], 0) + 1
    out = {
        "note": "produced by test/golden/scripts/genai_metrics.py (NumPy); do not edit",
        "bounds": {"tokens": TOKEN_BOUNDS, "duration": DURATION_BOUNDS, "time_to_first_chunk": TTFC_BOUNDS},
        "expected": {
            "requests": n,
            "errors": errors,
            "duration_bucket_counts": bucket_counts([r["duration"] for r in rows], DURATION_BOUNDS),
            "tokens": tokens,
            "ttft": histogram([r["ttft"] for r in rows if "ttft" in r], TTFC_BOUNDS),
            "cost": {"total": total, "per_request": total / n, "per_thousand_requests": 1000 * total / n},
        },
    }
    with open(os.path.join(HERE, "..", "genai_metrics.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
