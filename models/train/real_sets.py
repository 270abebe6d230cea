#!/usr/bin/env python3
"""The real evaluation sets (and the fusion's fitting sets) as adlens inputs plus their truth.
  /usr/bin/python3 models/train/real_sets.py WORK [SHARED]
Writes WORK/sets/:
  NAME.texts.jsonl   text sets, one {"id","text"} per ad (labelled with `adlens label --texts`)
  NAME.images        image sets: one path per line (labelled with `adlens label`)
  NAME.truth.json    id -> {"topics": [majority Pitt topic ids, ties count], "iab": [IAB tier-1 ids]}
Sets (who may see what: models/README.md "Which model saw which data"):
  web-train, web-dev   ../shared/web-ads (labels.json pitt_topics / iab_tier1); dev is evaluation only
  dev41                ../shared/dev-set, the reviewer's topics; IAB tier 1 by the Pitt->IAB rule (PITT_TO_IAB)
  pitt300              dist_w_ocr.csv's real OCR text of 294 Pitt ads (evaluation only)
  slogans-test         Pitt TEST-split slogans per ad (evaluation only)
  symbols-fit          Pitt TEST-split symbol phrases of images in neither evaluation set above: never seen by the
                       head (trained on the TRAIN split), used only to fit the topic fusion
"""
import csv, json, os, re, sys
from collections import Counter

# Pitt topic -> IAB Ad Product 2.0 tier-1 ids (models/taxonomies/pitt-to-iab.tsv): the rule that gives dev41 and the
# Pitt texts their IAB truth; any listed id counts as right.
PITT_TO_IAB = {int(l.split("\t")[0]): [int(x) for x in l.split("\t")[1].split()]
               for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../taxonomies/pitt-to-iab.tsv"))
               if l.strip() and not l.startswith("#")}


def majority(votes):
    ids = [int(v) for v in votes if str(v).isdigit() and 1 <= int(v) <= 38]
    if not ids:
        return []
    c = Counter(ids)
    top = max(c.values())
    return sorted(i for i, n in c.items() if n == top)


def iab_of(topics):
    return sorted({i for t in topics for i in PITT_TO_IAB[t]})


def clean(s):
    return re.sub(r"\s+", " ", s or "").strip()


def main(work, shared):
    out = os.path.join(work, "sets")
    os.makedirs(out, exist_ok=True)

    def save(name, truth, texts=None, images=None):
        json.dump(truth, open(os.path.join(out, f"{name}.truth.json"), "w"), indent=0, sort_keys=True)
        if texts is not None:
            with open(os.path.join(out, f"{name}.texts.jsonl"), "w", encoding="utf-8") as f:
                for k, t in texts:
                    f.write(json.dumps({"id": k, "text": t}) + "\n")
        if images is not None:
            open(os.path.join(out, f"{name}.images"), "w").write("".join(p + "\n" for p in images))
        print(f"{name}: {len(truth)} ads")

    web = json.load(open(os.path.join(shared, "web-ads/labels.json")))["ads"]
    for split in ("train", "dev"):
        keys = sorted(k for k, a in web.items() if a["split"] == split)
        save(f"web-{split}", {k: {"topics": web[k]["pitt_topics"], "iab": web[k]["iab_tier1"]} for k in keys},
             images=[os.path.join(shared, "web-ads/images", k) for k in keys])
    dev = json.load(open(os.path.join(shared, "dev-set/labels.json")))
    dev = dev.get("images", dev)
    truth = {}
    for k, a in sorted(dev.items()):
        t = sorted({int(x) for x in a["topics_reviewer_judgement"]})
        truth[k] = {"topics": t, "iab": iab_of(t)}
    save("dev41", truth, images=[os.path.join(shared, "dev-set/images", k) for k in sorted(truth)])

    ref = os.path.join(shared, "reference/pitt-ads")
    topics = json.load(open(os.path.join(ref, "Topics_test.json")))
    topics_all = dict(topics)
    topics_all.update(json.load(open(os.path.join(ref, "Topics_train.json"))))
    by_name = {k.rsplit("/", 1)[-1]: k for k in topics_all}
    pitt300 = []
    for r in csv.DictReader(open(os.path.join(ref, "text/dist_w_ocr.csv"), encoding="utf-8")):
        key = by_name.get(r["image_path"])
        if key and majority(topics_all[key]) and clean(r["text"]):
            pitt300.append((key, clean(r["text"])))
    save("pitt300", {k: {"topics": majority(topics_all[k]), "iab": iab_of(majority(topics_all[k]))} for k, _ in pitt300},
         texts=pitt300)
    slog = json.load(open(os.path.join(ref, "text/Slogans_test.json")))
    rows = []
    for k in sorted(slog):
        text = clean(" . ".join(s for s in slog[k] if isinstance(s, str)))
        if k in topics and majority(topics[k]) and text:
            rows.append((k, text))
    save("slogans-test", {k: {"topics": majority(topics[k]), "iab": iab_of(majority(topics[k]))} for k, _ in rows},
         texts=rows)
    unseen = set(slog) | {k for k, _ in pitt300}
    sym = json.load(open(os.path.join(ref, "text/Symbols_test.json")))
    rows = []
    for k in sorted(sym):
        if k in unseen or k not in topics or not majority(topics[k]):
            continue
        phrases = []
        for box in sym[k]:
            p = clean(box[4]) if len(box) > 4 and isinstance(box[4], str) else ""
            if p and "no symbol" not in p.lower() and p.lower() not in (q.lower() for q in phrases):
                phrases.append(p)
        if phrases:
            rows.append((k, " . ".join(phrases)))
    save("symbols-fit", {k: {"topics": majority(topics[k]), "iab": iab_of(majority(topics[k]))} for k, _ in rows},
         texts=rows)


if __name__ == "__main__":
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "..", "shared"))
