#!/usr/bin/env python3
"""Adult imagery on the real ads: per set, how many have "porn" or "hentai" above 0.5 (the target is none), and the rate
of "sexy" above 0.5, with the ads named. Input: either the output of `./adlens label` over ../shared/web-ads/images and
../shared/dev-set/images (default policy): what a rule reads — the first model's scores, or where they fired a rule and
the second opinion was asked, the lower of the two models' — with the first model's alone beside it; or the dump of
`./adlens quality-features` over the same (the first model's scores only).
  /usr/bin/python3 models/train/adult_rates.py LABELS_OR_FEATURES.jsonl [SHARED]
"""
import json, os, sys

ADULT = ["drawing", "hentai", "neutral", "porn", "sexy"]


def main(path, shared):
    web = json.load(open(os.path.join(shared, "web-ads", "labels.json")))["ads"]
    sets = {"web-ads train": [], "web-ads dev": [], "dev41": []}
    firsts = {k: [] for k in sets}  # label output: the first model's scores alone
    asked = []
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        name = os.path.basename(r["image"])
        key = "web-ads " + web[name]["split"] if "/web-ads/" in r["image"] and name in web else "dev41"
        if "safety" in r:  # label output
            scores = r["safety"].get("scores", {})
            if "adult" not in scores:
                raise SystemExit("adult_rates.py: %s has no adult scores" % r["image"])
            first = scores["adult"]
            second = scores.get("adultSecondOpinion")
            if second:
                asked.append(name)
            sets[key].append((name, {c: min(first[c], second[c]) if second else first[c] for c in ADULT}))
            firsts[key].append((name, first))
            continue
        if r.get("adult") is None:
            raise SystemExit("adult_rates.py: %s has no adult scores (%s)" % (r["image"], r.get("error", "unmeasured")))
        sets[key].append((name, dict(zip(ADULT, r["adult"]))))
    if asked:
        print("second opinion asked on %d ads: %s" % (len(asked), ", ".join(asked)))
    for title, table in ([("what a rule reads", sets), ("the first model alone", firsts)] if asked or any(firsts.values())
                         else [("the first model", sets)]):
        print("\n" + title + ":\n")
        rates(table)


def rates(sets):
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
