#!/usr/bin/env python3
"""Taxonomies that do not cover every ad ("exhaustive": false, docs/taxonomies.md): where "none of them" stands
(calibration "noneAt", Calibration.NONE_AT), chosen on fitting sets by a criterion fixed before any run.

A brand-safety list (GARM's floor, a block list) names a few kinds of ad and most ads are none of them. Such taxonomies
are simulated from labelled sets: a few of a label set's categories make the taxonomy, and an ad whose labels are
none of those few must get no category. Two label sets, names only:
  web   the web-ads researchers' 40 product labels (user_taxonomy.py's), truth from labels.json (format labels left out)
  pitt  the 38 Pitt topics in a word or two (transfer_grid.py's pitt-terse), truth from the set's truth file
For each, SUBSETS random subsets of 6 and of 12 categories (seeded); each subset once per noneAt in the grid, and once
exhaustive (the default) for reference. One `./adlens label` run per set scores every file.
Per file: in-taxonomy ads are right when the top selected category is one of their labels; the others when nothing is
selected. Reported: in-taxonomy accuracy, "none" accuracy, their mean (balanced accuracy, the criterion), and the
precision of what is selected (share of ads with a selection whose top selection is right).
Criterion (fixed first): the noneAt with the best balanced accuracy averaged over web on web-train, pitt on web-train
and pitt on symbols-fit. Evaluation sets (web-dev, dev41, pitt300, slogans-test) are scored after the choice only.
  /usr/bin/python3 models/train/partial_taxonomy.py WORK SET [NONE_AT,NONE_AT,...]
    WORK: a models/train/evaluate-real WORK (its sets/); ~1 min per set on 2 cores (the grid: the model card's)
Writes WORK/partial/SET.* and prints one line per (label set, noneAt), averaged over the subsets."""
import json
import os
import random
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transfer_grid  # noqa: E402
import user_taxonomy  # noqa: E402

GRID = "0.56,0.58,0.60,0.62,0.64,0.66,0.68,0.70,0.72,0.74,0.76"
SIZES = (6, 12)
SUBSETS = 4
SEED = 11


def subsets(kind, cats):
    rng = random.Random(f"{SEED}-{kind}")
    return [(f"{kind}-k{k}-s{i}", rng.sample(cats, k)) for k in SIZES for i in range(SUBSETS)]


def variants(name, grid):
    _, _, classes = user_taxonomy.product_labels()
    web = [{"id": f"c{i:02d}", "name": c} for i, c in enumerate(classes)]
    kinds = {"pitt": transfer_grid.pitt_terse()}
    if name.startswith("web"):
        kinds["web"] = web
    out = []
    for kind, cats in kinds.items():
        for sid, cs in subsets(kind, cats):
            for none_at in [None] + grid:
                fid = f"{sid}-{'all' if none_at is None else none_at}"
                doc = {"format": "adlens-taxonomy-1", "id": fid, "categories": cs}
                if none_at is not None:
                    doc["exhaustive"] = False
                    doc["calibration"] = {"noneAt": none_at}
                out.append((fid, kind, none_at, doc))
    return out


def main(work, name, grid=GRID):
    grid = [float(x) for x in grid.split(",")]
    sets, out = os.path.join(work, "sets"), os.path.join(work, "partial")
    os.makedirs(out, exist_ok=True)
    files = variants(name, grid)
    result = transfer_grid.label_set(sets, out, name, [(fid, doc) for fid, _, _, doc in files])
    ads, ignored, classes = user_taxonomy.product_labels()
    names = {f"c{i:02d}": c for i, c in enumerate(classes)}
    truth = json.load(open(os.path.join(sets, f"{name}.truth.json"), encoding="utf-8"))
    # per file: [in right, in n, out right, out n, selected, selected right]
    tally = defaultdict(lambda: [0] * 6)
    for line in open(result, encoding="utf-8"):
        r = json.loads(line)
        if r["status"] != "LABELED":
            continue
        key = r["image"].rsplit("/", 1)[-1] if "image" in r else r["id"]
        labels = {"web": {l for l in ads.get(key, {}).get("content_labels", []) if l not in ignored},
                  "pitt": {str(t) for t in truth.get(key, {}).get("topics", [])}}
        for fid, kind, _, doc in files:
            t = labels[kind] if kind == "pitt" else {c for c, n in names.items() if n in labels["web"]}
            if not t:
                continue
            ids = {c["id"] for c in doc["categories"]}
            answer = r["taxonomies"][fid]
            chosen = [c["id"] for c in answer["categories"] if c["selected"] and c["tier"] == 1]
            x = tally[fid]
            if t & ids:
                x[0] += bool(chosen) and chosen[0] in t
                x[1] += 1
            else:
                x[2] += not chosen
                x[3] += 1
            if chosen:
                x[4] += 1
                x[5] += chosen[0] in t
    by = defaultdict(list)
    for fid, kind, none_at, _ in files:
        x = tally[fid]
        if x[1] and x[3]:
            by[(kind, none_at)].append((x[0] / x[1], x[2] / x[3], x[5] / x[4] if x[4] else float("nan"), x[4]))
    for (kind, none_at), rows in sorted(by.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        m = lambda i: sum(r[i] for r in rows) / len(rows)
        print(f"{name} {kind} noneAt={'exhaustive' if none_at is None else none_at} subsets={len(rows)} "
              f"in={m(0):.3f} none={m(1):.3f} balanced={(m(0) + m(1)) / 2:.3f} precision={m(2):.3f} "
              f"selected={m(3):.1f}")


if __name__ == "__main__":
    main(*sys.argv[1:])
