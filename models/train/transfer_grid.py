#!/usr/bin/env python3
"""The borrowing defaults for user taxonomies (TransferSettings.DEFAULT's weight and pittWeight) over a grid, for
taxonomies worded two ways, on the sets of a models/train/evaluate-real WORK:
  web-names / web-desc  the web-ads researchers' 40 product labels, names only / name + description
                        (models/train/user_taxonomy.py's files; scored on web-ads sets only)
  pitt-terse            the 38 Pitt topics named as the Pitt keys say, in a word or two ("restaurant", "petfood",
                        "phone tv internet providers": pitt-to-iab.tsv's third column), no description, no phrases
Every variant is one taxonomy file with its own "transfer" block; one `./adlens label` run per set scores them all.
Fitting sets: web-train (images) and symbols-fit (Pitt TEST-split symbol phrases as texts); the criterion, fixed before
any evaluation set was scored: the mean top-1 of web-names, web-desc and pitt-terse on web-train and pitt-terse on
symbols-fit. Evaluation sets (scored only): web-dev, dev41, pitt300, slogans-test.
  /usr/bin/python3 models/train/transfer_grid.py WORK SET [WEIGHTS] [PITT_WEIGHTS]
    e.g. WORK web-train 0.2,0.4,0.8 0.25,1,4  (defaults as in the example; ~3 min per image set on 2 cores)
Writes WORK/transfer-grid/SET.* and prints "SET FILE n top1" lines."""
import itertools
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import user_taxonomy  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pitt_terse():
    cats = []
    for line in open(os.path.join(ROOT, "models/taxonomies/pitt-to-iab.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        pitt_id, _, key = line.rstrip("\n").split("\t")
        cats.append({"id": pitt_id, "name": key.replace("_", " ")})
    return cats


def files(weights, pitt_weights, classes):
    out = []
    for w, p in itertools.product(weights, pitt_weights):
        transfer = {"weight": w, "pittWeight": p}
        for vid in ("names", "desc"):
            cats = [dict({"id": f"c{i:02d}", "name": c},
                         **({"description": user_taxonomy.DESCRIPTIONS[c]} if vid == "desc" else {}))
                    for i, c in enumerate(classes)]
            out.append((f"web-{vid}-w{w}-p{p}", "web", cats, transfer))
        out.append((f"pitt-terse-w{w}-p{p}", "pitt", pitt_terse(), transfer))
    return [(fid, kind, {"format": "adlens-taxonomy-1", "id": fid, "transfer": t, "categories": c})
            for fid, kind, c, t in out]


def label_set(sets, out, name, docs):
    """Writes each (file id, taxonomy document) to OUT and labels the prepared set NAME (its images, or its texts)
    with all of them in one `./adlens label` run; returns the JSON-lines file."""
    result = os.path.join(out, f"{name}.jsonl")
    args = [os.path.join(ROOT, "adlens"), "label", "--workers", "2", "--out", result]
    for fid, doc in docs:
        json.dump(doc, open(os.path.join(out, fid + ".json"), "w", encoding="utf-8"))
        args += ["--taxonomy", os.path.join(out, fid + ".json")]
    images = os.path.join(sets, f"{name}.images")
    args += open(images).read().split() if os.path.exists(images) else ["--texts", os.path.join(sets, f"{name}.texts.jsonl")]
    with open(os.path.join(out, f"{name}.log"), "w") as log:
        if subprocess.run(args, cwd=ROOT, stderr=log).returncode not in (0, 3):
            sys.exit(f"adlens label failed: see {out}/{name}.log")
    return result


def main(work, name, weights="0.2,0.4,0.8", pitt_weights="0.25,1,4"):
    sets, out = os.path.join(work, "sets"), os.path.join(work, "transfer-grid")
    os.makedirs(out, exist_ok=True)
    ads, ignored, classes = user_taxonomy.product_labels()
    variants = [v for v in files([float(x) for x in weights.split(",")], [float(x) for x in pitt_weights.split(",")],
                                 classes) if v[1] == "pitt" or name.startswith("web")]
    result = label_set(sets, out, name, [(fid, doc) for fid, _, doc in variants])
    truth = json.load(open(os.path.join(sets, f"{name}.truth.json"), encoding="utf-8"))
    names = {f"c{i:02d}": c for i, c in enumerate(classes)}
    score = {}
    for line in open(result, encoding="utf-8"):
        r = json.loads(line)
        if r["status"] != "LABELED":
            continue
        key = r["image"].rsplit("/", 1)[-1] if "image" in r else r["id"]
        web_truth = {l for l in ads.get(key, {}).get("content_labels", []) if l not in ignored}
        pitt_truth = set(truth.get(key, {}).get("topics", []))
        for fid, kind, _ in variants:
            t = web_truth if kind == "web" else pitt_truth
            if not t:
                continue
            top = max(r["taxonomies"][fid]["categories"], key=lambda c: c["score"])["id"]
            n, k = score.get(fid, (0, 0))
            score[fid] = (n + 1, k + ((names[top] in t) if kind == "web" else (int(top) in t)))
    for fid in sorted(score):
        n, k = score[fid]
        print(f"{name} {fid} n={n} top1={k / n:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:])
