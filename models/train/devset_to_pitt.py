"""Writes the real-ad dev set's reviewer labels in the Pitt format so `adlens features` can read them.

Usage: /usr/bin/python3 devset_to_pitt.py <shared/dev-set> <out dir>
Topics: each reviewer topic id becomes one annotator answer (a reviewer listing 19 and 27 is a 2-way tie, both
count as majority). Sentiments: the weak sentiment id (when present) as one annotator's list.
For EVALUATION only: nothing trained or calibrated on these.
"""
import json
import os
import sys


def main(dev, out):
    labels = json.load(open(os.path.join(dev, "labels.json"), encoding="utf-8"))
    topics, sentiments = {}, {}
    for name, entry in sorted(labels.items()):
        topics[name] = [str(t) for t in entry.get("topics_reviewer_judgement", [])]
        weak = entry.get("sentiments_weak") or []
        if weak:
            sentiments[name] = [[str(s) for s in weak]]
    os.makedirs(out, exist_ok=True)
    json.dump(topics, open(os.path.join(out, "Topics.json"), "w"), indent=1)
    json.dump(sentiments, open(os.path.join(out, "Sentiments.json"), "w"), indent=1)
    print(f"{len(topics)} dev-set ads ({len(sentiments)} with a weak sentiment) -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
