#!/usr/bin/env python3
"""Ablations of the topic fusion's choices, computed from the pipeline's own outputs of its two readers
(`models/train/evaluate-real WORK head`: the head's probabilities and the phrases' similarities per ad) with the exact
formula of category.TopicFusion; the first row is checked against the pipeline's own fused answers
(`evaluate-real WORK fused`) so that the other rows are what the pipeline would give.
  /usr/bin/python3 models/train/fusion_ablations.py WORK   -> markdown table on stdout"""
import json, math, os, sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fit_fusion as F  # noqa: E402

SETS = ["web-dev", "dev41", "pitt300", "slogans-test", "web-train", "symbols-fit"]


def main(work):
    doc = json.load(open(os.path.join(F.ROOT, "models/head/fusion.json")))
    sets = {n: F.load(work, n) for n in SETS}
    pri = F.prior()
    t, gh, gp = doc["temperature"], np.array(doc["headGate"]), np.array(doc["phraseGate"])
    bias = {int(c): v for c, v in doc["bias"].items()}
    zero = {c: 0.0 for c in pri}

    def top1(fn):
        return {n: F.accuracy(rows, fn)[0] for n, rows in sets.items()}

    def pipeline():
        out = {}
        for n in SETS:
            truth = json.load(open(os.path.join(work, "sets", f"{n}.truth.json")))
            ok = tot = 0
            for line in open(os.path.join(work, "out", f"{n}.fused.jsonl")):
                r = json.loads(line)
                key = r["image"].rsplit("/", 1)[-1] if "image" in r else r["id"]
                tp = truth.get(key, {}).get("topics")
                if r["status"] == "LABELED" and tp:
                    tot += 1
                    ok += r["topics"][0]["id"] in tp
            out[n] = ok / tot
        return out

    def gate_without(i_h=(), i_p=()):
        """Refit the gates with features left out (their weights held at zero)."""
        rows = [r for n in F.FIT_SETS for r in sets[n] if r["truth"]]
        w = np.array([1.0 / sum(1 for r in sets[n] if r["truth"]) for n in F.FIT_SETS for r in sets[n] if r["truth"]])
        feats = [F.features(r) for r in rows]
        Xh, Xp = np.array([f[0] for f in feats]), np.array([f[1] for f in feats])
        Xh[:, list(i_h)] = 0
        Xp[:, list(i_p)] = 0
        yh = np.array([max(r["head"], key=r["head"].get) in r["truth"] for r in rows], float)
        yp = np.array([max(r["sims"], key=r["sims"].get) in r["truth"] for r in rows], float)
        return F.logistic(Xh, yh, w), F.logistic(Xp, yp, w)

    def mix(wh, wp):
        return lambda r: F.fuse(r, t, bias, wh, wp)

    def loglinear(a):
        def fn(r):
            z = {c: a * math.log(max(r["head"][c], 1e-4)) + r["sims"].get(c, 0) / 0.05 for c in r["head"]}
            return z
        return fn

    rows = [("pipeline, shipped (TopicFusion in Java)", pipeline()),
            ("this script, shipped weights (parity check)", top1(mix(gh, gp))),
            ("head alone", top1(lambda r: r["head"])),
            ("phrases alone", top1(lambda r: r["sims"])),
            ("no logit adjustment (adjust 0)", top1(lambda r: F.fuse(r, t, zero, gh, gp))),
            ("logit adjustment 0.5 (head x prior^-0.5)",
             top1(lambda r: F.fuse(r, t, {c: -0.5 * math.log(pri[c]) for c in pri}, gh, gp))),
            ("equal weights (no confidence gates)", top1(lambda r: F.fuse(r, t, bias, np.array([50, 0, 0, 0.0]),
                                                                          np.array([50, 0, 0, 0, 0.0])))),
            ("gates without the word-count features", top1(mix(*gate_without(i_p=(3, 4))))),
            ("log-linear product (head^0.5 x phrases), no gates", top1(loglinear(0.5)))]
    print("| fusion | " + " | ".join(SETS) + " |")
    print("|---|" + "---|" * len(SETS))
    for name, r in rows:
        print(f"| {name} | " + " | ".join(f"{r[n]:.3f}" for n in SETS) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
