#!/usr/bin/env python3
"""Fits the Pitt topic fusion (models/head/fusion.json, read by category.TopicFusion) and the IAB bridge weight
(models/taxonomies/iab-bridge-weight.json, built into the IAB taxonomy by models/build/taxonomies.py) on training data
only. The fusion mixes two distributions over the 38 topics,
  head:    p_head(c) * exp(bias(c)), renormalised      (bias(c) = -adjust * ln prior(c): logit adjustment)
  phrases: softmax(sim(c) / temperature)              (sim: best cosine between the ad's text and c's phrases)
with weights g_head, g_phrases = logistic gates over each reader's own confidence, fitted as "is this reader's top
answer right" (head: top probability, its share of the sum, margin; phrases: top similarity, margin,
min(words, 20) / 20, fewer than 5 words). temperature and adjust are chosen on a grid.
Fitting sets, both outputs of `models/train/evaluate-real WORK head` (the head alone, nothing fitted inside), their Pitt
phrase similarities from models/train/prototypes.py (with the web-ads train prototypes, cross-fitted):
  web-train    202 real web ads (images through the pipeline)        — the real-web side
  symbols-fit  Pitt TEST-split symbol phrases no head or evaluation set has seen — the Pitt-like side
The two sets count the same (mean of their top-1 accuracy; ties broken by mean top-3).
  /usr/bin/python3 models/train/fit_fusion.py WORK"""
import itertools, json, math, os, sys
from collections import Counter

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIT_SETS = ("web-train", "symbols-fit")
WORDS_SATURATE, FEW_WORDS = 20, 5  # TopicFusion's constants


def key_of(r):
    return r["image"].rsplit("/", 1)[-1] if "image" in r else r["id"]


def pitt_fit_sims(work, name):
    """The Pitt topics' similarities the fusion is fitted on (models/train/prototypes.py): with the web-ads train
    prototypes, each example ad scored with the other fold's only, so that no ad is its own example."""
    folds = json.load(open(os.path.join(work, "pitt-folds.json")))
    sims = {}
    for line in open(os.path.join(work, "out", f"{name}.pitt-fit.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        if r["status"] == "LABELED":
            key = key_of(r)
            tax = "pitt-fold-" + folds[key] if key in folds else "pitt-fit"
            sims[key] = {int(c["id"]): c["similarity"] for c in r["taxonomies"][tax]["categories"]}
    return sims


def load(work, name, config="head"):
    truth = json.load(open(os.path.join(work, "sets", f"{name}.truth.json")))
    fit_sims = pitt_fit_sims(work, name) if name in FIT_SETS else {}
    rows = []
    for line in open(os.path.join(work, "out", f"{name}.{config}.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        key = key_of(r)
        t = truth.get(key)
        if r["status"] != "LABELED" or not t:
            continue
        head = {x["id"]: x["score"] for x in r["topics"]}
        sims = fit_sims[key] if name in FIT_SETS else {int(c["id"]): c["similarity"]
                                                       for c in r["taxonomies"]["pitt-topics"]["categories"]}
        # the unfitted IAB (no bridge, no contrast) and the B2B contrast's two sides, scored by the head run
        iab = {int(c["id"]): c["similarity"] for c in r["taxonomies"]["iab-raw"]["categories"] if c["tier"] == 1}
        sides = {c["id"]: c["similarity"] for c in r["taxonomies"]["b2b-contrast"]["categories"]}
        words = len(r["ocr"]["words"]) if "ocr" in r else r["text"]["words"]
        rows.append({"head": head, "sims": sims, "truth": set(t["topics"]), "iab_truth": set(t["iab"]),
                     "words": words, "iab": iab, "b2b": sides["for"] - sides["against"]})
    return rows


def prior():
    topics = json.load(open(os.path.join(ROOT, "..", "shared", "reference", "pitt-ads", "Topics_train.json")))
    c = Counter()
    for votes in topics.values():
        ids = [int(v) for v in votes if str(v).isdigit() and 1 <= int(v) <= 38]
        if ids:
            c[Counter(ids).most_common(1)[0][0]] += 1
    n = sum(c.values())
    return {i: (c[i] + 1) / (n + 38) for i in range(1, 39)}


def top2(values):
    v = sorted(values, reverse=True)
    return v[0], v[1]


def features(row):
    h1, h2 = top2(row["head"].values())
    s1, s2 = top2(row["sims"].values())
    w = row["words"]
    return (np.array([1.0, h1, h1 / max(sum(row["head"].values()), 1e-9), h1 - h2]),
            np.array([1.0, s1, s1 - s2, min(w, WORDS_SATURATE) / WORDS_SATURATE, 1.0 if w < FEW_WORDS else 0.0]))


def logistic(X, y, weights, l2=1e-2, steps=4000, lr=0.5):
    w = np.zeros(X.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-X @ w))
        g = X.T @ (weights * (p - y)) / weights.sum() + l2 * np.r_[0, w[1:]]
        w -= lr * g
    return w


def fuse(row, t, bias, gh_w, gp_w):
    fh, fp = features(row)
    gh, gp = 1 / (1 + math.exp(-fh @ gh_w)), 1 / (1 + math.exp(-fp @ gp_w))
    h = {c: v * math.exp(bias[c]) for c, v in row["head"].items()}
    hs = sum(h.values()) or 1e-12
    m = max(row["sims"].values())
    e = {c: math.exp((row["sims"].get(c, -1) - m) / t) for c in row["head"]}
    es = sum(e.values())
    return {c: (gh * h[c] / hs + gp * e[c] / es) / (gh + gp) for c in row["head"]}


def accuracy(rows, fn):
    rows = [r for r in rows if r["truth"]]
    t1 = t3 = 0
    for r in rows:
        p = fn(r)
        ranked = sorted(p, key=p.get, reverse=True)
        t1 += ranked[0] in r["truth"]
        t3 += any(c in r["truth"] for c in ranked[:3])
    return t1 / len(rows), t3 / len(rows)


def iab_evidence(x, t, bias, gh_w, gp_w, pitt_to_iab, bridge_w, b2b_g):
    """IAB tier-1 evidence as the engine builds it: raw similarity + bridge x fused Pitt topics + the B2B contrast."""
    p = fuse(x, t, bias, gh_w, gp_w)
    s = dict(x["iab"])
    for c, pc in p.items():
        for k in pitt_to_iab[c]:
            s[k] = s.get(k, 0) + bridge_w * pc
    s[1010] = s.get(1010, 0) + b2b_g * x["b2b"]
    return s


def calibrate_iab(web, t, bias, gh_w, gp_w, pitt_to_iab, bridge_w, b2b_g):
    """IAB tier-1 decisions on web-ads train: the softmax temperature with the lowest expected calibration error of
    the top answer, selectAt by micro-F1, unclearBelow by the one-in-four rule (windows of 25)."""
    ev = [(iab_evidence(x, t, bias, gh_w, gp_w, pitt_to_iab, bridge_w, b2b_g), x["iab_truth"]) for x in web]

    def probs(s, temp):
        m = max(s.values())
        e = {k: math.exp((v - m) / temp) for k, v in s.items()}
        z = sum(e.values())
        return {k: v / z for k, v in e.items()}

    def ece(temp):
        rows = []
        for s, truth in ev:
            p = probs(s, temp)
            top = max(p, key=p.get)
            rows.append((p[top], top in truth))
        total = 0.0
        for b in range(10):
            sel = [r for r in rows if b / 10 <= r[0] < (b + 1) / 10 or (b == 9 and r[0] == 1)]
            if sel:
                total += len(sel) / len(rows) * abs(sum(c for c, _ in sel) / len(sel) - sum(o for _, o in sel) / len(sel))
        return total
    temp = min([0.01, 0.02, 0.03, 0.05, 0.08, 0.12], key=ece)
    f1 = {}
    for sa in [i / 20 for i in range(2, 19)]:
        tp = fp = fn = 0
        for s, truth in ev:
            p = probs(s, temp)
            sel = {k for k in p if p[k] >= sa} or {max(p, key=p.get)}
            tp += len(sel & truth); fp += len(sel - truth); fn += len(truth - sel)
        f1[sa] = 2 * tp / max(1, 2 * tp + fp + fn)
    select = max(f1, key=f1.get)
    conf = sorted((max(probs(s, temp).values()), max(probs(s, temp), key=probs(s, temp).get) in truth) for s, truth in ev)
    unclear = 0.0
    for i in range(0, len(conf) - 25):
        if sum(ok for _, ok in conf[i:i + 25]) / 25 < 0.25:
            unclear = round(conf[i + 24][0], 4)
        else:
            break
    return {"temperature": temp, "selectAt": select, "unclearBelow": unclear, "ece": round(ece(temp), 4)}


def main(work):
    sets = {n: load(work, n) for n in FIT_SETS}
    pri = prior()
    # the gates: each reader's chance that its top answer is right, both sets weighted equally
    rows = [r for n in FIT_SETS for r in sets[n] if r["truth"]]
    weight = np.array([1.0 / sum(1 for r in sets[n] if r["truth"]) for n in FIT_SETS for r in sets[n] if r["truth"]])
    F = [features(r) for r in rows]
    yh = np.array([max(r["head"], key=r["head"].get) in r["truth"] for r in rows], float)
    yp = np.array([max(r["sims"], key=r["sims"].get) in r["truth"] for r in rows], float)
    gh_w = logistic(np.array([f[0] for f in F]), yh, weight)
    gp_w = logistic(np.array([f[1] for f in F]), yp, weight)
    best = None
    for t, adj in itertools.product([0.01, 0.02, 0.03, 0.05, 0.08], [0.0, 0.25, 0.5, 1.0]):
        bias = {c: -adj * math.log(pri[c]) for c in pri}
        r = {n: accuracy(rows_, lambda x: fuse(x, t, bias, gh_w, gp_w)) for n, rows_ in sets.items()}
        key = (sum(v[0] for v in r.values()) / len(r), sum(v[1] for v in r.values()) / len(r))
        if best is None or key > best[0]:
            best = (key, t, adj, r)
    key, t, adj, r = best
    bias = {c: -adj * math.log(pri[c]) for c in pri}
    fitted = []
    for row in rows:
        p = fuse(row, t, bias, gh_w, gp_w)
        fitted.append((p, sorted(p, key=p.get, reverse=True), row["truth"]))
    # selectAt: micro-F1 of the selected topics over the fitting sets
    f1 = {}
    for s in [i / 20 for i in range(2, 19)]:
        tp = fp = fn = 0
        for p, ranked, truth in fitted:
            sel = {c for c in p if p[c] >= s} or {ranked[0]}
            tp += len(sel & truth); fp += len(sel - truth); fn += len(truth - sel)
        f1[s] = 2 * tp / max(1, 2 * tp + fp + fn)
    select = max(f1, key=f1.get)
    # unclearBelow: the top confidence below which answers are right less than one time in four (windows of 50)
    conf = sorted((p[ranked[0]], ranked[0] in truth) for p, ranked, truth in fitted)
    unclear = 0.0
    for i in range(0, len(conf) - 50):
        window = conf[i:i + 50]
        if sum(ok for _, ok in window) / 50 < 0.25:
            unclear = round(window[-1][0], 4)
        else:
            break
    # the IAB bridge: weight of the fused Pitt topics (mapped to IAB tier 1) added to IAB similarities, on web-train's
    # own IAB labels (independent of the Pitt->IAB rule)
    pitt_to_iab = {int(l.split("\t")[0]): [int(x) for x in l.split("\t")[1].split()]
                   for l in open(os.path.join(ROOT, "models/taxonomies/pitt-to-iab.tsv"))
                   if l.strip() and not l.startswith("#")}
    web = [x for x in sets["web-train"] if x["iab_truth"]]
    # the bridge weight and Business and Industrial's B2B contrast weight, jointly on web-ads train's IAB labels
    # (the raw IAB similarity plus the contrast approximates the engine's subtree evidence for 1010)
    bridge = {}
    for w, g in itertools.product([0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5], [0.0, 0.1, 0.2, 0.3, 0.5, 0.8]):
        ok = 0
        for x in web:
            ok += max(iab_evidence(x, t, bias, gh_w, gp_w, pitt_to_iab, w, g).items(),
                      key=lambda kv: kv[1])[0] in x["iab_truth"]
        bridge[(w, g)] = ok / len(web)
    bridge_w, b2b_g = max(bridge, key=lambda k: (bridge[k], -k[0], -k[1]))
    iab_cal = calibrate_iab(web, t, bias, gh_w, gp_w, pitt_to_iab, bridge_w, b2b_g)
    head_version = json.load(open(os.path.join(ROOT, "models/head/head.json")))["version"]
    pitt_version = json.load(open(os.path.join(ROOT, "src/main/resources/taxonomy/pitt-topics.json")))["version"]
    doc = {"format": "adlens-fusion-2", "head": head_version, "taxonomy": "pitt-topics@" + pitt_version,
           "fittedOn": "web-ads train (202 real web ads, images through the pipeline; Pitt prototypes cross-fitted) + "
                       "Pitt TEST-split symbol "
                       "phrases of images in no evaluation set (models/train/real_sets.py symbols-fit); "
                       "models/train/fit_fusion.py",
           "temperature": t, "adjust": adj, "headGate": [round(x, 5) for x in gh_w],
           "phraseGate": [round(x, 5) for x in gp_w], "selectAt": select, "unclearBelow": unclear,
           "fit": {n: {"top1": round(v[0], 4), "top3": round(v[1], 4)} for n, v in r.items()},
           "bias": {str(c): round(bias[c], 5) for c in sorted(bias)}}
    with open(os.path.join(ROOT, "models/head/fusion.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    with open(os.path.join(ROOT, "models/taxonomies/iab-calibration.json"), "w") as f:
        json.dump({"bridgeWeight": bridge_w, "b2bContrastWeight": b2b_g, "calibration": iab_cal,
                   "fittedOn": "web-ads train IAB tier-1 labels; models/train/fit_fusion.py",
                   "top1ByBridgeAndContrastWeight": {f"{k[0]}/{k[1]}": round(v, 4) for k, v in bridge.items()}},
                  f, indent=1)
        f.write("\n")
    print(json.dumps({k: v for k, v in doc.items() if k != "bias"}, indent=1))
    print("bridge / contrast ->", bridge_w, b2b_g, round(bridge[(bridge_w, b2b_g)], 4))


if __name__ == "__main__":
    main(sys.argv[1])
