#!/usr/bin/python3
"""Golden values of the multilabel and ranking quality metrics (METRICS.md §"Multilabel
classification" and §"Ranking"), for test/golden/multilabel-ranking-golden.test.ts.

Multilabel: sklearn f1_score (micro, macro, per label), precision_score / recall_score (micro),
hamming_loss, accuracy_score (subset accuracy) and multilabel_confusion_matrix, all with
zero_division=0 and sample_weight = 1/p, over the labels seen in the truth or the prediction
(MultiLabelBinarizer fitted on both).

Ranking: sklearn ndcg_score per query (linear gain, log2 discount) for the queries whose list is
at least k long; NumPy by the definition (DCG@k / IDCG@k, missing positions gain 0) for shorter
lists; precision@k = relevant items in the top k / k and the reciprocal rank of the first relevant
item, by NumPy. Window values are np.average over the queries with a relevant item, weighted by
1/p; queries without a relevant item are counted apart (sklearn would score them 0).

Each case also gives Kish's effective size (sum w)^2 / sum w^2 of its pairs (multilabel) or of
its queries with a relevant item (ranking).

Needs Debian's python3-sklearn (apt-get install -y python3-sklearn), hence /usr/bin/python3.
Writes test/golden/multilabel_ranking.json. Run: /usr/bin/python3 test/golden/scripts/multilabel_ranking.py
"""
import json
import os

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    f1_score,
    hamming_loss,
    multilabel_confusion_matrix,
    ndcg_score,
    precision_score,
    recall_score,
)
from sklearn.preprocessing import MultiLabelBinarizer

rng = np.random.default_rng(17)
LABELS = ["sports", "politics", "tech", "health", "music", "travel", "food"]
PREVALENCE = [0.5, 0.3, 0.25, 0.1, 0.05, 0.02, 0.0]
SAMPLING = [1.0, 0.5, 0.25]


def kish(w):
    """Kish's effective sample size (sum w)^2 / sum w^2: what mlmon's size-aware checks count."""
    return float(w.sum() ** 2 / np.sum(w**2))


def multilabel_case(name, n, weighted, flip):
    rows = []
    for _ in range(n):
        truth = [l for l, p in zip(LABELS, PREVALENCE) if rng.random() < p]
        # The model: each true label kept with prob 1 - flip, each other label added with flip/4;
        # "food" is never true, so it is a label seen only in predictions.
        pred = [l for l in LABELS if (l in truth and rng.random() > flip) or (l not in truth and rng.random() < flip / 4)]
        p = float(rng.choice(SAMPLING)) if weighted else 1.0
        rows.append({"predicted": pred, "actual": truth, "p": p})
    mlb = MultiLabelBinarizer()
    mlb.fit([r["predicted"] for r in rows] + [r["actual"] for r in rows])
    y_true = mlb.transform([r["actual"] for r in rows])
    y_pred = mlb.transform([r["predicted"] for r in rows])
    w = np.array([1.0 / r["p"] for r in rows])
    mcm = multilabel_confusion_matrix(y_true, y_pred, sample_weight=w)
    per_label_f1 = f1_score(y_true, y_pred, average=None, zero_division=0, sample_weight=w)
    return {
        "name": name,
        "rows": rows,
        "labels": [
            {
                "label": str(label),
                "tp": float(mcm[i][1][1]),
                "fp": float(mcm[i][0][1]),
                "fn": float(mcm[i][1][0]),
                "f1": float(per_label_f1[i]),
            }
            for i, label in enumerate(mlb.classes_)
        ],
        "micro_f1": float(f1_score(y_true, y_pred, average="micro", zero_division=0, sample_weight=w)),
        "macro_f1": float(f1_score(y_true, y_pred, average="macro", zero_division=0, sample_weight=w)),
        "micro_precision": float(precision_score(y_true, y_pred, average="micro", zero_division=0, sample_weight=w)),
        "micro_recall": float(recall_score(y_true, y_pred, average="micro", zero_division=0, sample_weight=w)),
        "subset_accuracy": float(accuracy_score(y_true, y_pred, sample_weight=w)),
        "hamming_loss": float(hamming_loss(y_true, y_pred, sample_weight=w)),
        "effective_count": kish(w),
    }


def dcg(gains_in_order, k):
    g = np.asarray(gains_in_order[:k], dtype=float)
    return float(np.sum(g / np.log2(np.arange(2, len(g) + 2))))


def ranking_query(k, weighted, short):
    pool = [f"doc-{i}" for i in range(30)]
    length = int(rng.integers(2, k)) if short else int(rng.integers(k, k + 8))
    ranking = [str(x) for x in rng.choice(pool, size=length, replace=False)]
    n_relevant = int(rng.integers(0, 6))
    relevant = [str(x) for x in rng.choice(pool, size=n_relevant, replace=False)]
    graded = bool(rng.random() < 0.5)
    relevance = [float(rng.integers(1, 4)) for _ in relevant] if graded else None
    gain = {item: (relevance[i] if graded else 1.0) for i, item in enumerate(relevant)}
    p = float(rng.choice(SAMPLING)) if weighted else 1.0
    q = {"ranking": ranking, "relevant": relevant, "k": k, "p": p}
    if graded:
        q["relevance"] = relevance
    if not relevant:
        return q
    ranked_gains = [gain.get(item, 0.0) for item in ranking]
    ideal = sorted(gain.values(), reverse=True)
    if length >= k:
        # sklearn over the items ranked or relevant: ranked items score by position, the rest
        # below them (beyond position k, so their order does not matter).
        items = ranking + [r for r in relevant if r not in ranking]
        y_true = [[gain.get(item, 0.0) for item in items]]
        y_score = [[float(len(items) - i) if i < length else 0.0 for i in range(len(items))]]
        q["ndcg"] = float(ndcg_score(y_true, y_score, k=k))
        q["ndcg_by"] = "sklearn.metrics.ndcg_score"
    else:
        q["ndcg"] = dcg(ranked_gains, k) / dcg(ideal, k)
        q["ndcg_by"] = "numpy (list shorter than k)"
    q["precision_at_k"] = sum(1 for g in ranked_gains[:k] if g > 0) / k
    first = next((i for i, g in enumerate(ranked_gains) if g > 0), None)
    q["reciprocal_rank"] = 0.0 if first is None else 1.0 / (first + 1)
    return q


def ranking_case(name, n, ks, weighted, short_share):
    queries = [ranking_query(int(rng.choice(ks)), weighted, rng.random() < short_share) for _ in range(n)]
    scored = [q for q in queries if q["relevant"]]
    w = np.array([1.0 / q["p"] for q in scored])
    return {
        "name": name,
        "queries": queries,
        "scored": len(scored),
        "without_relevant": len(queries) - len(scored),
        "ndcg": float(np.average([q["ndcg"] for q in scored], weights=w)),
        "precision_at_k": float(np.average([q["precision_at_k"] for q in scored], weights=w)),
        "mrr": float(np.average([q["reciprocal_rank"] for q in scored], weights=w)),
        "effective_count": kish(w),
    }


out = {
    "generator": "sklearn 1.2 f1_score/precision_score/recall_score/hamming_loss/accuracy_score/ndcg_score, numpy",
    "multilabel": [
        multilabel_case("unweighted", 300, False, 0.2),
        multilabel_case("weighted", 300, True, 0.35),
    ],
    "ranking": [
        ranking_case("k10_unweighted", 120, [10], False, 0.0),
        ranking_case("mixed_k_weighted_short_lists", 120, [3, 5, 10], True, 0.3),
    ],
}



def dumps(value, indent=0):
    """JSON with one line per row, query or label (the lists of strings and numbers stay inline)."""
    pad = " " * (indent + 1)
    if isinstance(value, dict) and any(isinstance(v, (dict, list)) and v and isinstance(v[0] if isinstance(v, list) else None, dict) for v in value.values()):
        items = [f"{pad}{json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "[\n" + ",\n".join(pad + dumps(v, indent + 1) for v in value) + "\n" + " " * indent + "]"
    return json.dumps(value)


path = os.path.join(os.path.dirname(__file__), "..", "multilabel_ranking.json")
with open(path, "w") as f:
    f.write(dumps(out))
    f.write("\n")
