"""Writes the bundled Pitt train slogans as a CSV of text-only rows for `adlens features-text`.
Usage: /usr/bin/python3 slogans_csv.py <pitt-train-slogans.json> <out dir>
Writes slogans.csv (image_path = "<pitt key>#<i>", text), slogans_topics.json, slogans_sentiments.json.
"""
import csv
import json
import os
import sys


def main(src, out):
    slogans = json.load(open(src, encoding="utf-8"))
    topics, sentiments = {}, {}
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "slogans.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["image_path", "text"])
        for key, entry in slogans.items():
            for i, text in enumerate(entry["slogans"]):
                row_key = f"{key}#{i}"
                w.writerow([row_key, text])
                topics[row_key] = entry["topics"]
                sentiments[row_key] = entry["sentiments"]
    json.dump(topics, open(os.path.join(out, "slogans_topics.json"), "w", encoding="utf-8"))
    json.dump(sentiments, open(os.path.join(out, "slogans_sentiments.json"), "w", encoding="utf-8"))
    print(f"{len(topics)} slogan rows -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
