"""The text encoder alone, no training: cosine between an ad's sentence vector and each class description's
("An advertisement for <topic description>", classes.csv of text_rows.py). The baseline every trained head must beat.
Usage: zeroshot.py <classes features dir> NAME=FEATURES_DIR... [--metrics-out runs.jsonl]
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from metrics import evaluate  # noqa: E402
from data import load  # noqa: E402


def class_vectors(classes_dir):
    c = load(classes_dir)
    index = {k: i for i, k in enumerate(c["keys"])}
    return [c["sentence"][[index[f"class:{t}:{i}"] for i in range(1, n + 1)]] for t, n in (("topic", 38), ("sentiment", 30))]


def main(argv):
    out = None
    if "--metrics-out" in argv:
        i = argv.index("--metrics-out")
        out = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    topic, sentiment = class_vectors(argv[0])
    metrics = {}
    for spec in argv[1:]:
        name, dir_ = spec.split("=", 1)
        ev = load(dir_)
        s = ev["sentence"]
        metrics[name] = evaluate([s @ topic.T, s @ sentiment.T], ev)
    run = {"ablation": "zero-shot encoder (no training)", "rows": {"train": 0, "validation": 0}, "epochs": 0,
           "bestEpoch": 0, "seed": 0, "seconds": 0, "metrics": metrics}
    print(json.dumps({k: {t: {m: v for m, v in x.items() if m in ("n", "top1", "top3", "mAP", "priorMAP")}
                          for t, x in m_.items()} for k, m_ in metrics.items()}, indent=1))
    if out:
        with open(out, "a", encoding="utf-8") as f:
            f.write(json.dumps(run) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
