"""OCR word recall on rendered ads with known text: truth.json (what adlens synth drew) against tokens.jsonl
(what adlens features read), by layout; plus OCR time per image and how often the second pass ran.
Usage: /usr/bin/python3 ocr_recall.py <synth dir> <features dir>
"""
import collections
import json
import re
import sys


def words(text):
    return [w for w in (re.sub(r"^[^\w]+|[^\w]+$", "", t.lower()) for t in text.split()) if w]


def main(synth, features):
    truth = json.load(open(f"{synth}/truth.json", encoding="utf-8"))
    found, total = collections.Counter(), collections.Counter()
    times, passes = [], collections.Counter()
    for line in open(f"{features}/tokens.jsonl", encoding="utf-8"):
        row = json.loads(line)
        t = truth.get(row["key"])
        if t is None:
            continue
        read = collections.Counter(words(row["ocr"]))
        for w in words(" ".join(t["lines"])):
            for layout in (t["layout"], "all"):
                total[layout] += 1
                found[layout] += 1 if read[w] > 0 else 0
            if read[w] > 0:
                read[w] -= 1
        if "ocrMs" in row:
            times.append(row["ocrMs"])
            passes[len(row["ocrPasses"])] += 1
    for layout in sorted(total):
        print(f"recall {layout:12s} {found[layout] / total[layout]:.3f}  ({found[layout]}/{total[layout]} words)")
    if times:
        times.sort()
        print(f"ocr ms per image: p50 {times[len(times) // 2]}  p95 {times[int(len(times) * 0.95)]}  "
              f"second pass on {passes[2]}/{len(times)} images")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
