#!/usr/bin/env python3
"""Golden values of the GenAI call statistics and their cost.

Writes test/golden/genai_calls.json: one window of GenAI chat calls of model "gpt-x" (a
quarter streaming, with a time to first chunk; some with cached input or reasoning tokens; a
few failed, without usage) and the price table of the test's serve config. Expected per token
type the exact sum, the calls reporting it, the mean and the lower empirical quantiles
p50/p95/p99 (np.quantile method='inverted_cdf'); the same quantiles of the times to first chunk;
output tokens per second (output tokens / seconds over the calls with both); finish-reason
shares (one per choice); requests and errors; and the cost: uncached input, cache reads and
output tokens at their per-million prices plus the per-request price, per request and per 1000
requests. Durations are whole microseconds so span timestamps carry them exactly.

Run: python3 test/golden/scripts/genai_calls.py
"""
import json
import os

import numpy as np

PRICES = {
    "currency": "USD",
    "models": [
        {
            "model": "gpt-x",
            "inputPerMillionTokens": 2.5,
            "outputPerMillionTokens": 10.0,
            "cacheReadPerMillionTokens": 1.25,
            "perRequest": 0.0001,
        }
    ],
}
QUANTILES = {"p50": 0.5, "p95": 0.95, "p99": 0.99}


def calls(rng, n):
    out = []
    for i in range(n):
        failed = i % 37 == 5
        c = {
            "responseId": f"chatcmpl-{i}",
            "duration": float(np.round(rng.lognormal(np.log(1.2), 0.4) * 1e6) / 1e6),
            "error": "timeout" if failed else None,
        }
        if not failed:
            inp = int(rng.lognormal(np.log(800), 0.6)) + 1
            c["input"] = inp
            c["output"] = int(rng.lognormal(np.log(200), 0.5)) + 1
            if i % 3 == 0:
                c["cacheRead"] = int(inp * rng.uniform(0.2, 0.9))
            if i % 5 == 0:
                c["reasoning"] = int(c["output"] * rng.uniform(0.1, 0.6))
            c["finishReasons"] = [str(rng.choice(["stop", "length", "content_filter"], p=[0.85, 0.12, 0.03]))]
            if i % 10 == 0:
                c["finishReasons"].append("stop")
            if i % 4 == 0:
                c["ttft"] = float(np.round(rng.uniform(0.05, 0.6) * c["duration"], 6))
        out.append(c)
    return out


def quantiles(values):
    v = np.array(values, dtype=float)
    return {"count": int(len(v)), "mean": float(v.mean()), **{k: float(np.quantile(v, q, method="inverted_cdf")) for k, q in QUANTILES.items()}}


def expected(rows):
    fields = {"input": "input", "output": "output", "cache_read": "cacheRead", "reasoning": "reasoning"}
    tokens = {}
    for t, f in fields.items():
        values = [r[f] for r in rows if f in r]
        tokens[t] = {"sum": int(sum(values)), **quantiles(values)}
    timed = [r for r in rows if "output" in r]
    reasons = [x for r in rows for x in r.get("finishReasons", [])]
    p = PRICES["models"][0]
    inp = tokens["input"]["sum"]
    cache = tokens["cache_read"]["sum"]
    out = tokens["output"]["sum"]
    n = len(rows)
    total = ((inp - cache) * p["inputPerMillionTokens"] + cache * p["cacheReadPerMillionTokens"] + out * p["outputPerMillionTokens"]) / 1e6 + n * p["perRequest"]
    return {
        "requests": n,
        "errors": sum(1 for r in rows if r["error"]),
        "tokens": tokens,
        "ttft": quantiles([r["ttft"] for r in rows if "ttft" in r]),
        "output_tokens_per_second": sum(r["output"] for r in timed) / sum(r["duration"] for r in timed),
        "finish_reasons": {k: reasons.count(k) / len(reasons) for k in sorted(set(reasons))},
        "cost": {"total": total, "per_request": total / n, "per_thousand_requests": 1000 * total / n},
    }


def main():
    rng = np.random.default_rng(20261205)
    rows = calls(rng, 600)
    out = {
        "note": "produced by test/golden/scripts/genai_calls.py (NumPy); do not edit",
        "prices": PRICES,
        "calls": rows,
        "expected": expected(rows),
    }
    path = os.path.join(os.path.dirname(__file__), "..", "genai_calls.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
