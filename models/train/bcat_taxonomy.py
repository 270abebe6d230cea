#!/usr/bin/env python3
"""A user taxonomy worded as the verticals many OpenRTB 2.x block lists (`bcat`) still carry: IAB Content Taxonomy
1.0's 23 tier-1 names ("Arts & Entertainment", "Automotive", … "Religion & Spirituality"; IAB24–26, uncategorised,
non-standard and illegal content, left out), names only. Three files, labelled in one `./adlens label` run per set
beside the built-in IAB Ad Product 2.0:
  automatic   the default: each name aligned with adlens's knowledge by its words
  alignTo     each vertical lists the IAB Ad Product tier-1 ids of RULE below (`"alignTo": ["iab:1551"]`; a vertical
              no tier-1 id maps to keeps the automatic alignment)
  off         `"transfer": false`: the names' own zero-shot evidence alone
Truth: an ad's IAB Ad Product tier-1 labels (WORK/sets/*.truth.json "iab") mapped by RULE; an ad whose labels map to
nothing is not scored. RULE was written from the two taxonomies' names before any set was scored (a tier-1 id may map
to two verticals: Media is arts and news; Education and Careers both; Durable Goods home and shopping). The built-in
row reads adlens's own IAB tier-1 answer through the same RULE: the reference a user taxonomy can approach.
  /usr/bin/python3 models/train/bcat_taxonomy.py WORK SET[,SET...]    (WORK: a models/train/evaluate-real directory;
                                                                       writes WORK/bcat/, prints "SET variant n top1")
IAB Content Taxonomy 1.0's names: IAB Tech Lab."""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAMES = ["Arts & Entertainment", "Automotive", "Business", "Careers", "Education", "Family & Parenting",
         "Health & Fitness", "Food & Drink", "Hobbies & Interests", "Home & Garden", "Law, Gov't & Politics", "News",
         "Personal Finance", "Society", "Science", "Pets", "Sports", "Style & Fashion", "Technology & Computing",
         "Travel", "Real Estate", "Shopping", "Religion & Spirituality"]
# IAB Ad Product 2.0 tier 1 -> IAB Content 1.0 tier 1 (IABn); ids absent here (Ad Safety Risk, Adult, Cannabis,
# Gambling, Green/Eco, Tobacco, Weapons) have no vertical among the 23
RULE = {1002: [8], 1008: [1], 1010: [3], 1037: [3], 1058: [18], 1075: [9], 1082: [19], 1088: [18], 1097: [19],
        1123: [22], 1259: [14], 1262: [14], 1263: [10, 22], 1291: [7], 1295: [5, 4], 1315: [1], 1328: [6],
        1335: [13], 1355: [8], 1371: [22], 1378: [7], 1396: [10], 1416: [11], 1419: [1, 12], 1443: [13], 1448: [13],
        1452: [14], 1460: [16], 1467: [19], 1473: [7], 1474: [11], 1482: [21], 1487: [23], 1494: [22], 1510: [7],
        1519: [7], 1524: [17], 1529: [20], 1551: [2]}
BUILT_IN = "iab-ad-product-2.0"


def taxonomy(variant):
    sources = {}
    for iab, verticals in RULE.items():
        for v in verticals:
            sources.setdefault(v, []).append(f"iab:{iab}")
    cats = []
    for i, name in enumerate(NAMES, start=1):
        c = {"id": f"IAB{i}", "name": name}
        if variant == "alignTo" and i in sources:
            c["alignTo"] = sources[i]
        cats.append(c)
    doc = {"format": "adlens-taxonomy-1", "id": f"bcat-{variant}", "categories": cats}
    if variant == "off":
        doc["transfer"] = False
    return doc


def verticals(iab_ids):
    return {f"IAB{v}" for i in iab_ids for v in RULE.get(int(i), [])}


def run(work, name, variants=("automatic", "alignTo", "off")):
    out = os.path.join(work, "bcat")
    os.makedirs(out, exist_ok=True)
    result = os.path.join(out, f"{name}.jsonl")
    args = [os.path.join(ROOT, "adlens"), "label", "--workers", "2", "--out", result, "--taxonomy", BUILT_IN]
    for v in variants:
        path = os.path.join(out, f"bcat-{v}.json")
        json.dump(taxonomy(v), open(path, "w", encoding="utf-8"))
        args += ["--taxonomy", path]
    images = os.path.join(work, "sets", f"{name}.images")
    args += (open(images).read().split() if os.path.exists(images)
             else ["--texts", os.path.join(work, "sets", f"{name}.texts.jsonl")])
    with open(os.path.join(out, f"{name}.log"), "w") as log:
        if subprocess.run(args, cwd=ROOT, stderr=log).returncode not in (0, 3):
            sys.exit(f"adlens label failed: see {out}/{name}.log")
    truth = json.load(open(os.path.join(work, "sets", f"{name}.truth.json"), encoding="utf-8"))
    score = {}
    for line in open(result, encoding="utf-8"):
        r = json.loads(line)
        if r["status"] != "LABELED":
            continue
        t = verticals(truth.get(r["image"].rsplit("/", 1)[-1] if "image" in r else r["id"], {}).get("iab", []))
        if not t:
            continue
        answers = {v: max(r["taxonomies"][f"bcat-{v}"]["categories"], key=lambda c: c["score"])["id"] in t
                   for v in variants}
        iab = max((c for c in r["taxonomies"][BUILT_IN]["categories"] if c["tier"] == 1), key=lambda c: c["score"])
        answers["built-in IAB tier 1 through RULE"] = bool(verticals([iab["id"]]) & t)
        for v, ok in answers.items():
            n, k = score.get(v, (0, 0))
            score[v] = (n + 1, k + ok)
    for v, (n, k) in score.items():
        print(f"{name} {v} n={n} top1={k / n:.3f}", flush=True)


if __name__ == "__main__":
    for s in sys.argv[2].split(","):
        run(sys.argv[1], s)
