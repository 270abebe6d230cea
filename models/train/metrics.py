"""Metrics for both tasks (models/README.md, "Evaluation").

Truth: the soft targets are the share of annotators choosing each class. "Majority" = the classes with the
most votes (ties all count). Binary truth for F1/mAP/thresholds = target >= 0.5 or in the majority set.
"""
import numpy as np


def majority(targets):
    best = targets.max(axis=1, keepdims=True)
    return (targets == best) & (best > 0)


def binarise(targets):
    return (targets >= 0.5) | majority(targets)


def average_precision(scores, truth):
    order = np.argsort(-scores, kind="stable")
    hits = truth[order].astype(np.float64)
    if hits.sum() == 0:
        return None
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision * hits).sum() / hits.sum())


def task_metrics(probs, targets, thresholds=None):
    keep = targets.sum(axis=1) > 0
    probs, targets = probs[keep], targets[keep]
    maj = majority(targets)
    truth = binarise(targets)
    top = np.argsort(-probs, axis=1, kind="stable")
    rows = np.arange(len(probs))
    top1 = float(maj[rows, top[:, 0]].mean()) if len(probs) else 0.0
    top3 = float(np.any(maj[rows[:, None], top[:, :3]], axis=1).mean()) if len(probs) else 0.0
    per_class = [average_precision(probs[:, c], truth[:, c]) for c in range(probs.shape[1])]
    aps = [a for a in per_class if a is not None]
    # A constant score ranks nothing: its expected AP is the class frequency, so the prior's mAP is their mean.
    freq = [float(truth[:, c].mean()) for c in range(probs.shape[1]) if per_class[c] is not None]
    prior_class = int(np.argmax(maj.sum(axis=0))) if len(probs) else 0
    out = {"n": int(len(probs)), "top1": round(top1, 4), "top3": round(top3, 4),
           "mAP": round(float(np.mean(aps)) if aps else 0.0, 4),
           "priorTop1": round(float(maj[:, prior_class].mean()) if len(probs) else 0.0, 4),
           "priorClassId": prior_class + 1,
           "priorMAP": round(float(np.mean(freq)) if freq else 0.0, 4),
           "perClassAP": [None if a is None else round(a, 4) for a in per_class],
           "positives": [int(v) for v in truth.sum(axis=0)]}
    if thresholds is not None:
        pred = probs >= np.asarray(thresholds)[None, :]
        tp = (pred & truth).sum(axis=0).astype(np.float64)
        fp = (pred & ~truth).sum(axis=0)
        fn = (~pred & truth).sum(axis=0)
        micro = 2 * tp.sum() / (2 * tp.sum() + fp.sum() + fn.sum() + 1e-9)
        present = truth.sum(axis=0) > 0
        macro = (2 * tp / (2 * tp + fp + fn + 1e-9))[present].mean() if present.any() else 0.0
        out.update({"microF1": round(float(micro), 4), "macroF1": round(float(macro), 4)})
    return out


def evaluate(probs, data, thresholds=None):
    topic_probs, sentiment_probs = probs
    annotated = data["sentiment_annotated"] > 0
    return {
        "topic": task_metrics(topic_probs, data["topic_targets"], thresholds and thresholds["topic"]),
        "sentiment": task_metrics(sentiment_probs[annotated], data["sentiment_targets"][annotated],
                                  thresholds and thresholds["sentiment"]),
    }
