#!/usr/bin/env python3
"""Few-shot examples for the built-in taxonomies, shipped as prototypes (the ads themselves cannot be: their copy
belongs to their advertisers, and web-ads' README forbids committing them). For each category, the web-ads TRAIN ads
labelled with it, as adlens's own OCR read them in the head run of models/train/evaluate-real
(WORK/out/web-train.head.jsonl; ads with fewer than 3 words left out), at most 32 per category in file order;
`./adlens prototypes` encodes them with the shipped text encoder:
  IAB Ad Product 2.0, tier 1 (`iab_tier1`, any listed id) -> models/taxonomies/iab-prototypes.json
  Pitt topics (the researchers' labels mapped to Pitt)     -> models/taxonomies/pitt-prototypes.json
models/build/taxonomies.py puts each into its taxonomy. The mix (exampleWeight 0.6, exampleHalf 2: a category with k
examples mixes k / (k + 2) x 0.6 of its prototype into its phrase similarity) was chosen for IAB by two-fold
cross-validation on web-ads train before any evaluation set was scored: weight 0.3 / 0.6 / 1.0 -> IAB tier-1 top-1
0.668 / 0.663 / 0.626 with half of train as examples (models/README.md); Pitt takes the same mix, set before its
evaluation sets were scored.
The Pitt fusion is fitted on web-ads train (models/train/fit_fusion.py), so its inputs must not be in-sample: this script
also writes two-fold taxonomies (each web-ads train example ad scored by the Pitt topics with the prototypes of the other
fold only) and the Pitt topics with all prototypes, and labels web-ads train and symbols-fit with them
(WORK/out/{web-train,symbols-fit}.pitt-fit.jsonl, WORK/pitt-folds.json) — what fit_fusion.py reads.
web-ads dev, dev41, pitt300 and Slogans_test are seen by nothing here.
  /usr/bin/python3 models/train/prototypes.py WORK"""
import hashlib, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADLENS = os.path.join(ROOT, "adlens")
MIX = {"exampleWeight": 0.6, "exampleHalf": 2.0}
MIN_WORDS, MAX_EXAMPLES, MAX_CHARS = 3, 32, 2000  # MAX_*: CategoryTaxonomy's limits
FOLDS = ("a", "b")


def taxonomy(name):
    return json.load(open(os.path.join(ROOT, "src/main/resources/taxonomy", name)))


def train_texts(work, field, ids):
    """{ad: (its OCR text, its labels among ids)} for web-ads train ads with at least MIN_WORDS words and a label."""
    truth = json.load(open(os.path.join(work, "sets", "web-train.truth.json")))
    texts = {}
    for line in open(os.path.join(work, "out", "web-train.head.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        key = r["image"].rsplit("/", 1)[-1]
        t = truth.get(key)
        if r["status"] != "LABELED" or not t or not t[field]:
            continue
        text = r["ocr"]["text"].strip()
        labels = [str(i) for i in t[field] if str(i) in ids]
        if len(text.split()) >= MIN_WORDS and labels:
            texts[key] = (text[:MAX_CHARS], labels)
    return texts


def encode(work, tax, texts, name, fitted, out):
    """The prototypes block of `texts`' examples for the categories of `tax`, written to `out` with the mix."""
    examples = {}
    for key in sorted(texts):
        text, ids = texts[key]
        for i in ids:
            examples.setdefault(i, []).append({"text": text})
    doc = {"format": "adlens-taxonomy-1", "id": name, "version": "1", "categories": [
        {"id": c["id"], "name": c["name"], "parent": c.get("parent"),
         "examples": examples.get(c["id"], [])[:MAX_EXAMPLES]} for c in tax["categories"]]}
    path = os.path.join(work, name + ".json")
    json.dump(doc, open(path, "w"))
    subprocess.run([ADLENS, "prototypes", path, "--fitted-on", fitted, "--out", out], check=True)
    block = json.load(open(out))
    block["calibration"] = MIX
    with open(out, "w") as f:
        json.dump(block, f, indent=1)
        f.write("\n")
    return block


def shipped(block):
    """A prototypes block as a taxonomy carries it (its mix goes to the taxonomy's calibration)."""
    return {k: block[k] for k in ("encoder", "fittedOn", "categories")}


def ship(work, tax, field, ids, name, what):
    texts = train_texts(work, field, ids)
    out = os.path.join(ROOT, "models/taxonomies", name + ".json")
    fitted = f"web-ads train: {len(texts)} ads' OCR text (adlens's own, head run), their {what}; models/train/prototypes.py"
    block = encode(work, tax, texts, name.replace("-prototypes", "-train-examples"), fitted, out)
    sums = os.path.join(ROOT, "models/SHA256SUMS")
    line = hashlib.sha256(open(out, "rb").read()).hexdigest() + f"  taxonomies/{name}.json\n"
    kept = [l for l in open(sums) if not l.endswith(f" taxonomies/{name}.json\n")]
    open(sums, "w").write("".join(kept) + line)
    print(f"{name}: {len(block['categories'])} categories with examples, "
          f"{sum(v['examples'] for v in block['categories'].values())} examples -> {out}")
    return texts, block


def pitt_fit(work, pitt, texts, block):
    """The fusion's fitting inputs: Pitt topics with all prototypes, and per fold with the other fold's only."""
    keys = sorted(texts)
    folds = {k: FOLDS[i % 2] for i, k in enumerate(keys)}
    json.dump(folds, open(os.path.join(work, "pitt-folds.json"), "w"), indent=0)
    variants = {"pitt-fit": block}
    for f in FOLDS:
        others = {k: v for k, v in texts.items() if folds[k] != f}
        variants["pitt-fold-" + f] = encode(work, pitt, others, f"pitt-fold-{f}-examples", f"fold {f} left out",
                                            os.path.join(work, f"pitt-fold-{f}-prototypes.json"))
    files = []
    for name, prototypes in variants.items():
        t = dict(pitt, id=name, transfer=False, prototypes=shipped(prototypes), calibration=MIX)
        path = os.path.join(work, name + ".json")
        json.dump(t, open(path, "w"))
        files += ["--taxonomy", path]
    out = os.path.join(work, "out")
    images = open(os.path.join(work, "sets", "web-train.images")).read().split()
    for args, name in ((images, "web-train"), (["--texts", os.path.join(work, "sets", "symbols-fit.texts.jsonl")],
                                               "symbols-fit")):
        run = subprocess.run([ADLENS, "label", *args, "--workers", "2", "--no-topic-fusion", *files,
                              "--out", os.path.join(out, name + ".pitt-fit.jsonl")])
        if run.returncode not in (0, 3):
            sys.exit(f"labeling {name} for the fusion fit failed ({run.returncode})")


def main(work):
    iab = taxonomy("iab-ad-product-2.0.json")
    ship(work, iab, "iab", {c["id"] for c in iab["categories"] if not c.get("parent")}, "iab-prototypes",
         "iab_tier1 labels")
    pitt = taxonomy("pitt-topics.json")
    pitt.pop("prototypes", None)
    pitt.pop("calibration", None)
    texts, block = ship(work, pitt, "topics", {c["id"] for c in pitt["categories"]}, "pitt-prototypes",
                        "pitt_topics labels")
    pitt_fit(work, pitt, texts, block)


if __name__ == "__main__":
    main(sys.argv[1])
