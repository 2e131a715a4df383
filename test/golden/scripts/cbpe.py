#!/usr/bin/python3
"""Golden values of CBPE (performance estimation without labels, METRICS.md) and of the
isotonic regression it calibrates with, from Debian's python3-sklearn:
IsotonicRegression(out_of_bounds="clip"), roc_auc_score, and NumPy.

The calibration decision uses the splits METRICS.md asks for, made deterministic so that
mlmon can reproduce them: split k holds out, within each class, the records whose rank in that
class (input order) is k mod 10. ECE: 10 equal-mass bins, edges np.quantile(p, 0, .1, …, 1),
bin = np.digitize(p, edges[1:-1]). The expected ROC AUC is sklearn's roc_auc_score of every
record counted twice, as a positive with weight p and as a negative with weight 1 - p.

Writes test/golden/cbpe.json. Run: /usr/bin/python3 test/golden/scripts/cbpe.py
"""
import json
import os

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import roc_auc_score

METRICS = ["accuracy", "precision", "recall", "f1", "specificity", "roc_auc"]


def isotonic_cases():
    rng = np.random.default_rng(7)
    cases = []
    x = np.round(rng.uniform(0, 1, 60), 2)  # rounded: ties
    y = (rng.uniform(0, 1, 60) < x).astype(float)
    w = rng.uniform(0.5, 2.0, 60)
    q = np.concatenate([[-0.5, 0.0, 1.0, 1.5], np.linspace(0, 1, 21), x[:5]])
    for name, weights in (("unweighted_ties", None), ("weighted_ties", w)):
        iso = IsotonicRegression(out_of_bounds="clip").fit(x, y, sample_weight=weights)
        cases.append({
            "name": name,
            "x": x.tolist(),
            "y": y.tolist(),
            "w": None if weights is None else weights.tolist(),
            "query": q.tolist(),
            "predicted": iso.predict(q).tolist(),
        })
    return cases


def ece(p, y):
    edges = np.quantile(p, np.linspace(0, 1, 11))
    b = np.digitize(p, edges[1:-1])
    total = 0.0
    for k in range(10):
        m = b == k
        if m.any():
            total += abs(y[m].sum() - p[m].sum()) / len(p)
    return total


def choose_calibration(s, y):
    if y.min() == y.max():
        return None, None, None
    if roc_auc_score(y, s) > 0.999:
        return None, None, None
    fold = np.zeros(len(y), dtype=int)
    for c in (0, 1):
        idx = np.flatnonzero(y == c)
        fold[idx] = np.arange(len(idx)) % 10
    before, after = [], []
    for k in range(10):
        test = fold == k
        iso = IsotonicRegression(out_of_bounds="clip").fit(s[~test], y[~test])
        before.append(ece(s[test], y[test]))
        after.append(ece(iso.predict(s[test]), y[test]))
    b, a = float(np.mean(before)), float(np.mean(after))
    if a < b:
        return IsotonicRegression(out_of_bounds="clip").fit(s, y), b, a
    return None, b, a


def metrics_of(tp, fp, fn, tn):
    out = {}
    n = tp + fp + fn + tn
    if n > 0:
        out["accuracy"] = (tp + tn) / n
    if tp + fp > 0:
        out["precision"] = tp / (tp + fp)
    if tp + fn > 0:
        out["recall"] = tp / (tp + fn)
    if tp + (fp + fn) / 2 > 0:
        out["f1"] = tp / (tp + (fp + fn) / 2)
    if tn + fp > 0:
        out["specificity"] = tn / (tn + fp)
    return out


def expected_binary(s, p, yhat):
    tp = p[yhat].sum(); fp = (1 - p[yhat]).sum()
    fn = p[~yhat].sum(); tn = (1 - p[~yhat]).sum()
    out = metrics_of(tp, fp, fn, tn)
    if p.sum() > 0 and (1 - p).sum() > 0:
        n = len(s)
        out["roc_auc"] = roc_auc_score(
            np.r_[np.ones(n), np.zeros(n)], np.r_[s, s], sample_weight=np.r_[p, 1 - p])
    return out


def realized_binary(yhat, y, score):
    tp = float(np.sum(yhat & (y == 1))); fp = float(np.sum(yhat & (y == 0)))
    fn = float(np.sum(~yhat & (y == 1))); tn = float(np.sum(~yhat & (y == 0)))
    out = metrics_of(tp, fp, fn, tn)
    if y.min() != y.max():
        out["roc_auc"] = roc_auc_score(y, score)
    return out


def sigma(values_per_chunk, stat=np.std):
    out = {}
    for m in METRICS:
        v = [c[m] for c in values_per_chunk if m in c]
        if len(values_per_chunk) >= 10 and len(v) >= 10:
            out[m] = float(stat(v))
    return out


def binary_case(name, ref_s, ref_y, cur_s, threshold, cur_y=None):
    iso, eb, ea = choose_calibration(ref_s, ref_y)
    p = iso.predict(cur_s) if iso is not None else cur_s
    est = expected_binary(cur_s, p, cur_s >= threshold)
    n = len(cur_s)
    chunks = [realized_binary(ref_s[j*n:(j+1)*n] >= threshold, ref_y[j*n:(j+1)*n], ref_s[j*n:(j+1)*n])
              for j in range(len(ref_s) // n)]
    current = {"scores": cur_s.tolist()}
    if cur_y is not None:
        current["labels"] = cur_y.tolist()
        current["realized"] = realized_binary(cur_s >= threshold, cur_y, cur_s)
    return {
        "name": name, "task": "binary", "threshold": threshold,
        "reference": {"scores": ref_s.tolist(), "labels": ref_y.tolist()},
        "current": current,
        "calibrated": iso is not None, "ece_before": eb, "ece_after": ea,
        "estimates": {k: float(v) for k, v in est.items()},
        "sigma": sigma(chunks),
        "chunk_mean": sigma(chunks, np.mean),
    }


def multiclass_realized(P, y):
    pred = P.argmax(axis=1)
    per = []
    for k in range(P.shape[1]):
        v = realized_binary(pred == k, (y == k).astype(int), P[:, k])
        if (y == k).min() == (y == k).max():
            v.pop("roc_auc", None)
        per.append(v)
    out = {}
    for m in METRICS[1:]:
        if all(m in v for v in per):
            out[m] = float(np.mean([v[m] for v in per]))
    out["accuracy"] = float(np.mean(pred == y))
    return out


def multiclass_case(name, ref_P, ref_y, cur_P):
    K = ref_P.shape[1]
    pred = cur_P.argmax(axis=1)
    per, cal = [], []
    calibrated_cols = []
    for k in range(K):
        iso, eb, ea = choose_calibration(ref_P[:, k], (ref_y == k).astype(float))
        cal.append(iso is not None)
        pk = iso.predict(cur_P[:, k]) if iso is not None else cur_P[:, k]
        calibrated_cols.append(pk)
        per.append(expected_binary(cur_P[:, k], pk, pred == k))
    est = {}
    for m in METRICS[1:]:
        if all(m in v for v in per):
            est[m] = float(np.mean([v[m] for v in per]))
    C = np.stack(calibrated_cols, axis=1)
    est["accuracy"] = float(np.mean(C[np.arange(len(pred)), pred]))
    n = len(cur_P)
    chunks = [multiclass_realized(ref_P[j*n:(j+1)*n], ref_y[j*n:(j+1)*n]) for j in range(len(ref_P) // n)]
    # sklearn's own multiclass AUC (ovr, macro) as a cross-check of the realized definition.
    ovr = roc_auc_score(ref_y[:n], ref_P[:n], multi_class="ovr", average="macro")
    assert abs(ovr - chunks[0]["roc_auc"]) < 1e-12
    return {
        "name": name, "task": "multiclass", "classes": [f"c{k}" for k in range(K)],
        "reference": {"probs": ref_P.T.tolist(), "labels": ref_y.tolist()},
        "current": {"probs": cur_P.T.tolist()},
        "calibrated": cal, "estimates": est, "sigma": sigma(chunks),
        "chunk_mean": sigma(chunks, np.mean),
    }


def main():
    rng = np.random.default_rng(17)
    cases = []
    # Over-confident binary model: true P(y=1|x) = sigmoid(x), score = sigmoid(2x).
    sig = lambda z: 1 / (1 + np.exp(-z))
    x_ref = rng.normal(0, 1.5, 2000); y_ref = (rng.uniform(size=2000) < sig(x_ref)).astype(float)
    x_cur = rng.normal(0.8, 1.5, 200)  # covariate shift
    y_cur = (rng.uniform(size=200) < sig(x_cur)).astype(float)
    overconfident = binary_case("overconfident_shifted", np.round(sig(2 * x_ref), 6), y_ref,
                                np.round(sig(2 * x_cur), 6), 0.5, y_cur)
    # The same rows as two slices (even rows "eu", odd rows "us"): each slice is its own window
    # of 100 predictions, so its band comes from chunks of 100 reference rows.
    overconfident["slices"] = {}
    for name, start in (("eu", 0), ("us", 1)):
        part = binary_case(name, np.round(sig(2 * x_ref), 6), y_ref,
                           np.round(sig(2 * x_cur), 6)[start::2], 0.5, y_cur[start::2])
        overconfident["slices"][name] = {k: part[k] for k in ("estimates", "sigma")}
        overconfident["slices"][name]["realized"] = part["current"]["realized"]
    cases.append(overconfident)
    # Calibrated binary model, threshold 0.3.
    cases.append(binary_case("calibrated_threshold_03", np.round(sig(x_ref), 6), y_ref,
                             np.round(sig(x_cur), 6), 0.3))
    # Three classes: softmax of noisy logits, labels drawn from the true softmax.
    def softmax(z):
        e = np.exp(z - z.max(axis=1, keepdims=True)); return e / e.sum(axis=1, keepdims=True)
    Z_ref = rng.normal(0, 1.2, (1500, 3)); Z_cur = rng.normal(0, 1.2, (150, 3)) + [0.6, 0, 0]
    true_ref = softmax(Z_ref)
    y_mc = np.array([rng.choice(3, p=row) for row in true_ref]).astype(float)
    cases.append(multiclass_case("three_class_overconfident", np.round(softmax(1.8 * Z_ref), 6), y_mc,
                                 np.round(softmax(1.8 * Z_cur), 6)))
    out = {"generator": "sklearn IsotonicRegression(out_of_bounds='clip'), roc_auc_score; numpy",
           "isotonic": isotonic_cases(), "cases": cases}
    path = os.path.join(os.path.dirname(__file__), "..", "cbpe.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
