"""Ablation helper: a features directory whose text inputs come from another run over the same rows (e.g. GloVe
word vectors from `adlens features-text --word-vectors` over the OCR text that `adlens features` recorded).
Usage: swap_words.py ocr-csv <features dir> <out.csv>          the recorded OCR text of each row as a CSV
       swap_words.py swap <features dir> <text features dir> <out dir>
The image arrays are linked, never copied; words/word_mask/sentence and meta's text fields come from the text run.
"""
import csv
import json
import os
import sys

import numpy as np


def ocr_csv(features, out):
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["image_path", "text"])
        for line in open(os.path.join(features, "tokens.jsonl"), encoding="utf-8"):
            row = json.loads(line)
            w.writerow([row["key"], row.get("ocr", row.get("text", ""))])


def swap(features, text, out):
    os.makedirs(out, exist_ok=True)
    keys = [k.rstrip("\n") for k in open(os.path.join(features, "keys.txt"), encoding="utf-8")]
    tkeys = [k.rstrip("\n") for k in open(os.path.join(text, "keys.txt"), encoding="utf-8")]
    index = {k: i for i, k in enumerate(tkeys)}
    order = [index[k] for k in keys]
    for name in os.listdir(features):
        if name.endswith(".npy") and name not in ("words.npy", "word_mask.npy", "sentence.npy"):
            dst = os.path.join(out, name)
            if not os.path.exists(dst):
                os.symlink(os.path.abspath(os.path.join(features, name)), dst)
    for name in ("words.npy", "word_mask.npy"):
        np.save(os.path.join(out, name), np.load(os.path.join(text, name))[order])
    with open(os.path.join(out, "keys.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(keys) + "\n")
    meta = json.load(open(os.path.join(features, "meta.json"), encoding="utf-8"))
    tmeta = json.load(open(os.path.join(text, "meta.json"), encoding="utf-8"))
    meta.update({k: tmeta[k] for k in ("words", "wordDim")})
    meta["sentenceDim"] = 0
    json.dump(meta, open(os.path.join(out, "meta.json"), "w", encoding="utf-8"), indent=1)


if __name__ == "__main__":
    if sys.argv[1] == "ocr-csv":
        ocr_csv(sys.argv[2], sys.argv[3])
    else:
        swap(sys.argv[2], sys.argv[3], sys.argv[4])
