"""Joins the Pitt Ads TRAIN-split annotator slogans with the same images' real topic and sentiment answers.

Usage: /usr/bin/python3 prepare_slogans.py <pitt reference dir> <out.json>
Output: {key: {"slogans": [...], "topics": [answers...], "sentiments": [[...], ...]}} for every train image
with slogans. `adlens synth` renders these slogans as ad copy and keeps the real annotators' answers as the
synthetic ad's labels. Only the train split is used (split hygiene: nothing from Pitt test trains a model).
Source: midas-research/persuasion-advertisements, CC BY-NC-SA 4.0 (see src/main/resources/synth/README.md).
"""
import json
import os
import sys


def main(ref, out):
    slogans = json.load(open(os.path.join(ref, "text", "Slogans_train.json"), encoding="utf-8"))
    topics = json.load(open(os.path.join(ref, "Topics_train.json"), encoding="utf-8"))
    sentiments = json.load(open(os.path.join(ref, "Sentiments_train.json"), encoding="utf-8"))
    joined = {}
    for key in sorted(slogans):
        lines = [s.strip() for s in slogans[key] if isinstance(s, str) and 3 <= len(s.strip()) <= 120]
        if key in topics and lines:
            joined[key] = {"slogans": lines, "topics": topics[key], "sentiments": sentiments.get(key, [])}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(joined, f, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    print(f"{len(joined)} train images with slogans and topics -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
