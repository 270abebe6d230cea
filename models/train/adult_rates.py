#!/usr/bin/env python3
"""The adult output of visual.onnx on the real ads: per set, how many have "porn" or "hentai" above 0.5 (the target is
none), and the rate of "sexy" above 0.5, with the ads named. Input: the dump of `./adlens quality-features` over
../shared/web-ads/images and ../shared/dev-set/images (the adult scores exactly as labeling computes them).
  /usr/bin/python3 models/train/adult_rates.py FEATURES.jsonl [SHARED]
"""
import json, os, sys

ADULT = ["drawing", "hentai", "neutral", "porn", "sexy"]


def main(path, shared):
    web = json.load(open(os.path.join(shared, "web-ads", "labels.json")))["ads"]
    sets = {"web-ads train": [], "web-ads dev": [], "dev41": []}
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        name = os.path.basename(r["image"])
        key = "web-ads " + web[name]["split"] if "/web-ads/" in r["image"] and name in web else "dev41"
        if r.get("adult") is None:
            raise SystemExit("adult_rates.py: %s has no adult scores (%s)" % (r["image"], r.get("error", "unmeasured")))
        sets[key].append((name, dict(zip(ADULT, r["adult"]))))
    print("| set | ads | porn or hentai > 0.5 | sexy > 0.5 | max porn | max hentai | ads with sexy > 0.5 |")
    print("|---|---|---|---|---|---|---|")
    for key, rows in sets.items():
        bad = [n for n, a in rows if a["porn"] > 0.5 or a["hentai"] > 0.5]
        sexy = [n for n, a in rows if a["sexy"] > 0.5]
        print("| %s | %d | %d%s | %d (%.1f %%) | %.3f | %.3f | %s |" % (
            key, len(rows), len(bad), " (" + ", ".join(bad) + ")" if bad else "", len(sexy),
            100.0 * len(sexy) / max(len(rows), 1), max(a["porn"] for _, a in rows),
            max(a["hentai"] for _, a in rows), ", ".join(sexy) or "—"))
    for key, rows in sets.items():
        top = sorted(rows, key=lambda r: -r[1]["sexy"])[:3]
        print("%s top sexy: %s" % (key, ", ".join("%s %.3f" % (n, a["sexy"]) for n, a in top)), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "../../../shared"))
