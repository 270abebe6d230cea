#!/usr/bin/env python3
"""Fits the Pitt topic fusion (models/head/fusion.json, read by category.TopicFusion) on training data only:
  fused logit(c) = headWeight * ln p_head(c) + engineWeight * sim(c) / temperature + bias(c),  softmax over topics
where sim(c) is the best cosine between the ad's text and topic c's phrases (pitt-topics taxonomy) and
bias(c) = -adjust * ln prior(c) is the logit adjustment against the head's lean to Pitt's big classes (prior: the
majority-topic frequencies of Pitt's TRAIN split, the head's own training labels).
Fitting sets, both outputs of `models/train/evaluate-real WORK head` (the head alone, so nothing fitted is inside):
  web-train    202 real web ads (images through the pipeline)        — the real-web side
  symbols-fit  Pitt TEST-split symbol phrases no head or evaluation set has seen — the Pitt-like side
The objective is the mean of the two sets' top-1 accuracy (each domain counts the same), ties broken by mean top-3.
  /usr/bin/python3 models/train/fit_fusion.py WORK [OUT]"""
import itertools, json, math, os, sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIT_SETS = ("web-train", "symbols-fit")


def load(work, name, config="head"):
    truth = json.load(open(os.path.join(work, "sets", f"{name}.truth.json")))
    rows = []
    for line in open(os.path.join(work, "out", f"{name}.{config}.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        key = (r.get("id") or r.get("image")).rsplit("/", 1)[-1] if "image" in r else r["id"]
        t = truth.get(key) or truth.get(r.get("id", ""))
        if r["status"] != "LABELED" or not t or not t["topics"]:
            continue
        head = {x["id"]: x["score"] for x in r["topics"]}
        sims = {int(c["id"]): c["similarity"] for c in r["taxonomies"]["pitt-topics"]["categories"]}
        rows.append((head, sims, set(t["topics"])))
    return rows


def prior():
    topics = json.load(open(os.path.join(ROOT, "..", "shared", "reference", "pitt-ads", "Topics_train.json")))
    c = Counter()
    for votes in topics.values():
        ids = [int(v) for v in votes if str(v).isdigit() and 1 <= int(v) <= 38]
        if ids:
            top = Counter(ids).most_common(1)[0][0]
            c[top] += 1
    n = sum(c.values())
    return {i: (c[i] + 1) / (n + 38) for i in range(1, 39)}


def fuse(head, sims, a, t, bias):
    z = {c: a * math.log(max(head[c], 1e-4)) + sims.get(c, 0.0) / t + bias[c] for c in head}
    m = max(z.values())
    e = {c: math.exp(v - m) for c, v in z.items()}
    s = sum(e.values())
    return {c: v / s for c, v in e.items()}


def scores(rows, a, t, bias):
    top1 = top3 = 0
    out = []
    for head, sims, truth in rows:
        p = fuse(head, sims, a, t, bias)
        ranked = sorted(p, key=p.get, reverse=True)
        top1 += ranked[0] in truth
        top3 += any(c in truth for c in ranked[:3])
        out.append((p, ranked, truth))
    return top1 / len(rows), top3 / len(rows), out


def main(work, out):
    sets = {n: load(work, n) for n in FIT_SETS}
    pri = prior()
    best = None
    grid = itertools.product([0.0, 0.25, 0.5, 0.75, 1.0, 1.5], [0.01, 0.015, 0.02, 0.03, 0.05, 0.08],
                             [0.0, 0.25, 0.5, 0.75, 1.0])
    for a, t, adj in grid:
        bias = {c: -adj * math.log(pri[c]) for c in pri}
        r = {n: scores(rows, a, t, bias)[:2] for n, rows in sets.items()}
        key = (sum(v[0] for v in r.values()) / len(r), sum(v[1] for v in r.values()) / len(r))
        if best is None or key > best[0]:
            best = (key, a, t, adj, r)
    key, a, t, adj, r = best
    bias = {c: -adj * math.log(pri[c]) for c in pri}
    # decisions on the fitted fusion: selectAt maximises micro-F1 over the fitting sets' majority topics;
    # unclearBelow is the largest confidence below which fewer than one answer in four is right
    fitted = [x for rows in sets.values() for x in scores(rows, a, t, bias)[2]]
    f1 = {}
    for s in [i / 20 for i in range(2, 19)]:
        tp = fp = fn = 0
        for p, ranked, truth in fitted:
            sel = {c for c in p if p[c] >= s} or {ranked[0]}
            tp += len(sel & truth); fp += len(sel - truth); fn += len(truth - sel)
        f1[s] = 2 * tp / max(1, 2 * tp + fp + fn)
    select = max(f1, key=f1.get)
    conf = sorted((p[ranked[0]], ranked[0] in truth) for p, ranked, truth in fitted)
    unclear, right = 0.0, 0
    for i, (c, ok) in enumerate(conf):
        right += ok
        if right / (i + 1) < 0.25 and i >= 9:
            unclear = round(c, 3)
    head_version = json.load(open(os.path.join(ROOT, "models/head/head.json")))["version"]
    doc = {"format": "adlens-fusion-1", "head": head_version, "taxonomy": "pitt-topics@1",
           "fittedOn": "web-ads train (202 real web ads, images through the pipeline) + Pitt TEST-split symbol "
                       "phrases of images in no evaluation set (models/train/real_sets.py symbols-fit); "
                       "models/train/fit_fusion.py",
           "headWeight": a, "engineWeight": 1.0, "temperature": t, "adjust": adj,
           "selectAt": select, "unclearBelow": unclear,
           "fit": {n: {"top1": round(v[0], 4), "top3": round(v[1], 4), "n": len(sets[n])} for n, v in r.items()},
           "bias": {str(c): round(bias[c], 5) for c in sorted(bias)}}
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(json.dumps({k: v for k, v in doc.items() if k != "bias"}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "models/head/fusion.json"))
