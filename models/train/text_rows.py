"""Real Pitt Ads text as text-only rows for `adlens features-text` (training and evaluation of the text path).

Usage: /usr/bin/python3 text_rows.py <pitt reference dir> <out dir>
Writes CSVs (image_path, text) and Pitt-format label files beside them:
  slogans.csv        TRAIN split: per ad, all its slogans joined as one copy block (key "<pitt key>#ad") and each
                     slogan alone ("<pitt key>#<i>"). Annotator-written, so they read like ad copy.
  fragments.csv      TRAIN split: per ad, 1-3 consecutive words of one slogan ("<pitt key>#frag"), seeded.
  symbols.csv        TRAIN split: per ad, its symbol phrases joined ("<pitt key>#sym"): what annotators saw the
                     ad's regions mean ("danger", "freedom", "fashion").
  symbol_objects.csv TRAIN split: the same phrases one per row ("<pitt key>#obj<i>", ≤ 10 per ad): pseudo-objects.
  slogans_test.csv   TEST split, per ad all slogans joined (evaluation only: never trained on).
  pitt300.csv        dist_w_ocr.csv's real OCR text of 300 ads, full keys (evaluation only; pitt300_keys.json lists
                     them so that training drops every row of those images).
  classes.csv        "An advertisement for <topic description>" / "An advertisement that feels <sentiment
                     description>": their sentence vectors are the zero-shot prior and baseline.
  topics.json / sentiments.json     answers for every key above (train and test keys never collide with class keys).
The train/test split is Pitt's own; the dev set is not touched.
"""
import csv
import json
import os
import random
import re
import sys


STOP = set("that this with your have will from they their what when which there would about just into than then "
           "them were been more most only over some such very make makes made like dont cant whats again every "
           "always never because could should being where here".split())


def clean(s):
    return re.sub(r"\s+", " ", s).strip() if isinstance(s, str) else ""


def slogans_of(entry):
    return [t for t in (clean(s) for s in entry) if 3 <= len(t) <= 200]


def descriptions(path, encoding):
    out = []
    for line in open(path, encoding=encoding).read().lstrip("\ufeff").splitlines():
        m = re.match(r'\s*(\d+)\.?\s+"(.*)"\s*\(ABBREVIATION', line.replace("\xa0", " "))
        if m:
            out.append((int(m.group(1)), m.group(2)))
    return out


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["image_path", "text"])
        w.writerows(rows)


def main(ref, out, taxonomy):
    os.makedirs(out, exist_ok=True)
    topics, sentiments = {}, {}
    for split in ("train", "test"):
        topics.update(json.load(open(os.path.join(ref, f"Topics_{split}.json"), encoding="utf-8")))
        sentiments.update(json.load(open(os.path.join(ref, f"Sentiments_{split}.json"), encoding="utf-8")))
    labels_t, labels_s = {}, {}

    def add(key, source, rows, text):
        if source in topics and text:
            rows.append([key, text])
            labels_t[key] = topics[source]
            labels_s[key] = sentiments.get(source, [])

    slog = json.load(open(os.path.join(ref, "text", "Slogans_train.json"), encoding="utf-8"))
    rows = []
    for key in sorted(slog):
        lines = slogans_of(slog[key])
        add(f"{key}#ad", key, rows, " . ".join(lines))
        for i, line in enumerate(lines):
            add(f"{key}#{i}", key, rows, line)
    write(os.path.join(out, "slogans.csv"), rows)
    n_slogans = len(rows)

    # Short fragments (1-3 words of one slogan, seeded): real ads often yield only a brand or a headline word
    # through OCR, and a head trained only on whole slogans has never seen that.
    rng = random.Random(7)
    rows = []
    for key in sorted(slog):
        lines = slogans_of(slog[key])
        if lines:
            words = rng.choice(lines).split()
            content = [i for i, w in enumerate(words) if len(re.sub(r"\W", "", w)) >= 4
                       and re.sub(r"\W", "", w).lower() not in STOP]
            if not content:
                continue
            start = rng.choice(content)
            n = rng.randint(1, min(3, len(words) - start))
            add(f"{key}#frag", key, rows, " ".join(words[start:start + n]))
    write(os.path.join(out, "fragments.csv"), rows)
    n_fragments = len(rows)

    sym = json.load(open(os.path.join(ref, "text", "Symbols_train.json"), encoding="utf-8"))
    rows = []
    for key in sorted(sym):
        phrases = []
        for box in sym[key]:
            p = clean(box[4]) if len(box) > 4 else ""
            if p and p.lower() not in (q.lower() for q in phrases):
                phrases.append(p)
        add(f"{key}#sym", key, rows, " . ".join(phrases))
    write(os.path.join(out, "symbols.csv"), rows)
    n_symbols = len(rows)

    # The same phrases one per row: the pseudo-objects of the objects-in-words branch (object_words.py), each
    # embedded alone as a detected object's name is; at most 10 per ad (the detector's L), "no symbol" left out.
    rows = []
    for key in sorted(sym):
        phrases = []
        for box in sym[key]:
            p = clean(box[4]) if len(box) > 4 else ""
            if p and "no symbol" not in p.lower() and p.lower() not in (q.lower() for q in phrases):
                phrases.append(p)
        for i, p in enumerate(phrases[:10]):
            add(f"{key}#obj{i}", key, rows, p)
    write(os.path.join(out, "symbol_objects.csv"), rows)
    n_symbol_objects = len(rows)

    test = json.load(open(os.path.join(ref, "text", "Slogans_test.json"), encoding="utf-8"))
    rows = []
    for key in sorted(test):
        add(key, key, rows, " . ".join(slogans_of(test[key])))
    write(os.path.join(out, "slogans_test.csv"), rows)
    n_test = len(rows)

    # dist_w_ocr.csv: real OCR text of 300 ads (bare keys; 196 train-split, 104 test-split images). Evaluation only;
    # their keys go to pitt300_keys.json so that training drops every row from those images (train.py --exclude).
    by_name = {k.rsplit("/", 1)[-1]: k for k in topics}
    rows = []
    for r in csv.DictReader(open(os.path.join(ref, "text", "dist_w_ocr.csv"), encoding="utf-8")):
        key = by_name.get(r["image_path"])
        if key:
            add(key, key, rows, clean(r["text"]))
    write(os.path.join(out, "pitt300.csv"), rows)
    json.dump(sorted(k for k, _ in rows), open(os.path.join(out, "pitt300_keys.json"), "w"))
    n_pitt300 = len(rows)

    rows = []
    for cid, desc in descriptions(os.path.join(taxonomy, "topics_list.txt"), "utf-16-le"):
        rows.append([f"class:topic:{cid}", f"An advertisement for {desc}"])
        labels_t[f"class:topic:{cid}"] = [str(cid)]
    for cid, desc in descriptions(os.path.join(taxonomy, "sentiments_list.txt"), "latin-1"):
        rows.append([f"class:sentiment:{cid}", f"An advertisement that feels {desc}"])
        labels_t[f"class:sentiment:{cid}"] = ["39"]
        labels_s[f"class:sentiment:{cid}"] = [[str(cid)]]
    assert len(rows) == 68, len(rows)
    write(os.path.join(out, "classes.csv"), rows)
    json.dump(labels_t, open(os.path.join(out, "topics.json"), "w", encoding="utf-8"))
    json.dump(labels_s, open(os.path.join(out, "sentiments.json"), "w", encoding="utf-8"))
    print(f"slogans {n_slogans} rows, fragments {n_fragments}, symbols {n_symbols}, symbol objects {n_symbol_objects}, slogans_test {n_test}, pitt300 {n_pitt300}, classes {len(rows)} -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "src/main/resources/taxonomy")
