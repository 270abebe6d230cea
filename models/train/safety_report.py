"""Tabulates a labeled set's brand-safety verdicts (models/train/evaluate-safety): by verdict, by flag, what was not
measured, and beside it what the viewers of web-ads said (labels.json opinion_label_dist, reported only: the ceiling a
quality signal could reach under the same policy, never used to choose anything)."""
import collections
import json
import os
import sys

lines = [json.loads(l) for l in open(sys.argv[1])]
shared = os.path.join(os.path.dirname(os.getcwd()), "shared")
ads = json.load(open(os.path.join(shared, "web-ads/labels.json")))["ads"]
policy = json.load(open("src/main/resources/policy/default.json"))
opinion_rules = {r["opinion"]: r["atLeast"] for r in policy["quality"]}

verdicts = collections.Counter()
flags = collections.Counter()
unmeasured = collections.Counter()
ceiling = collections.Counter()
failed = 0
rows = []
for d in lines:
    if d["status"] != "LABELED":
        failed += 1
        continue
    s = d["safety"]
    verdicts[s["verdict"]] += 1
    for f in s["flags"]:
        flags[(f["name"], f["subject"], f["action"])] += 1
    for u in s["unmeasured"]:
        unmeasured[u] += 1
    name = os.path.basename(d["image"])
    said = [o for o, t in opinion_rules.items() if ads[name]["opinion_label_dist"].get(o, 0) >= t]
    with_viewers = "review" if said and s["verdict"] == "allow" else s["verdict"]
    ceiling[with_viewers] += 1
    rows.append((name, s["verdict"], [f["subject"] + " " + str(round(f["score"], 2)) for f in s["flags"]], said))

n = sum(verdicts.values())
print(f"policy {lines[0]['safety']['policy']['name'] if lines else '?'}: {n} labeled, {failed} failed")
print("| verdict | ads | share | with the viewers' own opinion shares as the quality signal |")
print("|---|---|---|---|")
for v in ("allow", "review", "block"):
    print(f"| {v} | {verdicts[v]} | {verdicts[v] / max(n, 1):.1%} | {ceiling[v]} |")
print()
print("| flag | action | ads |")
print("|---|---|---|")
for (name, subject, action), c in sorted(flags.items(), key=lambda x: -x[1]):
    print(f"| {name} ({subject}) | {action} | {c} |")
print()
print("not measured:", ", ".join(f"{k} {v}" for k, v in sorted(unmeasured.items())))
