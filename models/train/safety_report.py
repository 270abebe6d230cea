"""Tabulates a labeled set's brand-safety verdicts (models/train/evaluate-safety): by verdict, by the rule that fired,
what was not measured, and — for web-ads images — beside it what the viewers said (labels.json opinion_label_dist:
reported only, never used to choose anything): how many of the ads at least half the viewers called clickbait /
deceptive / … the policy sends to review, and how many reviews are of ads the viewers did not call so.
  safety_report.py LINES.jsonl [--rows FILE]   (FILE: one line per ad: verdict, the flags, the scores, the viewers)"""
import collections
import json
import os
import sys

lines = [json.loads(l) for l in open(sys.argv[1])]
rows_file = sys.argv[sys.argv.index("--rows") + 1] if "--rows" in sys.argv else None
shared = os.path.join(os.path.dirname(os.getcwd()), "shared")
ads = json.load(open(os.path.join(shared, "web-ads/labels.json")))["ads"]
policy = json.load(open("src/main/resources/policy/default.json"))
opinion_rules = {r["opinion"]: r["atLeast"] for r in policy["quality"]}

verdicts = collections.Counter()
flags = collections.Counter()
reasons = collections.Counter()
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
        flags[(f["kind"], f["name"], f["subject"], f["action"])] += 1
    # the ad's reason: the kinds of rule that fired, together (an ad reviewed by a category and by quality counts once)
    reasons[(s["verdict"], " + ".join(sorted({f["kind"] for f in s["flags"] if f["action"] == s["verdict"]})) or "-")] += 1
    for u in s["unmeasured"]:
        unmeasured[u] += 1
    name = os.path.basename(d["image"])
    viewer = ads.get(name, {}).get("opinion_label_dist")
    said = [o for o, t in opinion_rules.items() if viewer is not None and viewer.get(o, 0) >= t]
    with_viewers = "review" if said and s["verdict"] == "allow" else s["verdict"]
    ceiling[with_viewers] += 1
    iab = d.get("taxonomies", {}).get("iab-ad-product-2.0", {})
    picked = "unclear" if iab.get("unclear") else ", ".join(
        f"{c['name']} {c['score']:.2f}" for c in iab.get("categories", []) if c["selected"]) or "-"
    rows.append((name, s, viewer, said, picked))

n = sum(verdicts.values())
web = [r for r in rows if r[2] is not None]
print(f"policy {lines[0]['safety']['policy']['name'] if lines else '?'}: {n} labeled, {failed} failed,"
      f" {len(web)} with web-ads viewer opinions")
print()
head = "| verdict | ads | share |" + (" with the viewers' own opinion shares as the quality signal |" if web else "")
print(head)
print("|---|---|---|" + ("---|" if web else ""))
for v in ("allow", "review", "block"):
    print(f"| {v} | {verdicts[v]} | {verdicts[v] / max(n, 1):.1%} |" + (f" {ceiling[v]} |" if web else ""))
print()
print("| verdict | reason (kinds of rule that decided it) | ads |")
print("|---|---|---|")
for (v, why), c in sorted(reasons.items(), key=lambda x: ("allow", "review", "block").index(x[0][0])):
    print(f"| {v} | {why} | {c} |")
print()
print("| flag | kind | subject | action | ads |")
print("|---|---|---|---|---|")
for (kind, name, subject, action), c in sorted(flags.items(), key=lambda x: -x[1]):
    print(f"| {name} | {kind} | {subject} | {action} | {c} |")
print()
print("not measured:", ", ".join(f"{k} {v}" for k, v in sorted(unmeasured.items())) or "nothing")

if web:
    print()
    print("Against the viewers (positive = at least the rule's threshold share of viewers said so):")
    print("| opinion | viewers' positives | reviewed/blocked (any rule) | reviewed by its own quality rule |"
          " flagged by the rule, viewers below | mean score pos / neg |")
    print("|---|---|---|---|---|---|")
    for o, t in opinion_rules.items():
        pos = [r for r in web if r[2].get(o, 0) >= t]
        neg = [r for r in web if r[2].get(o, 0) < t]
        caught = sum(r[1]["verdict"] != "allow" for r in pos)
        own = sum(any(f["name"] == "quality:" + o for f in r[1]["flags"]) for r in pos)
        false = sum(any(f["name"] == "quality:" + o for f in r[1]["flags"]) for r in neg)
        mean = lambda rs: sum(r[1]["scores"]["quality"].get(o, 0) for r in rs) / max(len(rs), 1)
        print(f"| {o} | {len(pos)} | {caught} | {own} | {false} | {mean(pos):.3f} / {mean(neg):.3f} |")
    flagged = [r for r in web if r[1]["verdict"] != "allow"]
    not_said = [r for r in flagged if not r[3]]
    said_any = [r for r in web if r[3]]
    print()
    print(f"reviewed or blocked: {len(flagged)}; of them viewers called {len(flagged) - len(not_said)} so (≥ half on"
          f" any of the four) and {len(not_said)} not; viewers called {len(said_any)} ads so, of which"
          f" {sum(r[1]['verdict'] != 'allow' for r in said_any)} go to review or block")

if rows_file:
    out = open(rows_file, "w")
    for name, s, viewer, said, picked in sorted(rows, key=lambda r: (("block", "review", "allow").index(r[1]["verdict"]), r[0])):
        q = s["scores"].get("quality", {})
        a = s["scores"].get("adult", {})
        fl = "; ".join(f"{f['name']} {f['subject']} {f['score']:.2f}" for f in s["flags"])
        vw = " ".join(f"{o[:5]} {viewer.get(o, 0):.2f}" for o in opinion_rules) if viewer else "-"
        sc = " ".join(f"{o[:5]} {q.get(o, 0):.2f}" for o in opinion_rules)
        print(f"{name}\t{s['verdict']}\t[{fl}]\tmodel: {sc} porn {a.get('porn', 0):.3f} sexy {a.get('sexy', 0):.3f}"
              f"\tviewers: {vw}\tIAB: {picked}", file=out)
