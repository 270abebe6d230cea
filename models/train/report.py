"""Renders models/train/runs.jsonl (one JSON line per training run) as the metrics tables of models/README.md,
between the markers <!-- metrics:begin --> and <!-- metrics:end -->. Usage: report.py runs.jsonl models/README.md
"""
import json
import sys


def fmt(m, task, key):
    v = m.get(task, {}).get(key)
    return "—" if v is None else f"{v:.3f}"


def class_names(task):
    import os
    import re
    here = os.path.dirname(os.path.abspath(__file__))
    path, enc = {"topic": ("topics_list.txt", "utf-16-le"), "sentiment": ("sentiments_list.txt", "latin-1")}[task]
    names = {}
    for line in open(os.path.join(here, "../../src/main/resources/taxonomy", path), encoding=enc).read().splitlines():
        m = re.search(r'(\d+)\.?\s.*ABBREVIATION: "([^"]+)"', line)
        if m:
            names[int(m.group(1))] = m.group(2)
    return names


def per_class(runs, set_name, task):
    """Per-class AP of the shipped run and the zero-shot baseline beside each class's frequency (the prior's AP)."""
    full = next((r for r in runs if r["ablation"] == "full" and set_name in r["metrics"]), None)
    zero = next((r for r in runs if r["ablation"].startswith("zero-shot") and set_name in r["metrics"]), None)
    if not full or "perClassAP" not in full["metrics"][set_name][task]:
        return []
    m = full["metrics"][set_name][task]
    z = zero["metrics"][set_name][task]["perClassAP"] if zero else [None] * len(m["perClassAP"])
    names = class_names(task)
    out = [f"\n**{set_name}: {task} AP per class** (full run; prior AP = the class's frequency among the "
           f"{m['n']} ads)\n", "| class | positives | prior AP | zero-shot AP | full AP |", "|---|---|---|---|---|"]
    for c, ap in enumerate(m["perClassAP"]):
        pos = m["positives"][c]
        if ap is None:
            continue
        zs = "—" if z[c] is None else f"{z[c]:.3f}"
        out.append(f"| {c + 1} {names.get(c + 1, '')} | {pos} | {pos / m['n']:.3f} | {zs} | {ap:.3f} |")
    return out


def main(runs_path, readme_path):
    runs = [json.loads(line) for line in open(runs_path, encoding="utf-8") if line.strip()]
    sets = []
    for r in runs:
        for name in r["metrics"]:
            if name not in sets:
                sets.append(name)
    out = []
    for name in sets:
        out.append(f"\n**{name}**\n")
        out.append("| run | rows (train/val) | best epoch | topic top-1 | top-3 | mAP | micro-F1 | macro-F1 | "
                   "sentiment top-1 | top-3 | mAP | micro-F1 | prior topic top-1 | prior sentiment top-1 | prior sentiment mAP |")
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for r in runs:
            m = r["metrics"].get(name)
            if not m:
                continue
            out.append(f"| {r['ablation']} (seed {r['seed']}) | {r['rows']['train']}/{r['rows']['validation']} | "
                       f"{r['bestEpoch']}/{r['epochs']} | {fmt(m, 'topic', 'top1')} | {fmt(m, 'topic', 'top3')} | "
                       f"{fmt(m, 'topic', 'mAP')} | {fmt(m, 'topic', 'microF1')} | {fmt(m, 'topic', 'macroF1')} | "
                       f"{fmt(m, 'sentiment', 'top1')} | {fmt(m, 'sentiment', 'top3')} | {fmt(m, 'sentiment', 'mAP')} | "
                       f"{fmt(m, 'sentiment', 'microF1')} | {fmt(m, 'topic', 'priorTop1')} | "
                       f"{fmt(m, 'sentiment', 'priorTop1')} | {fmt(m, 'sentiment', 'priorMAP')} |")
        n = next((r["metrics"][name]["topic"]["n"] for r in runs if name in r["metrics"]), 0)
        out.append(f"\n({n} images with topic labels in this set.)")
    out += per_class(runs, "slogans-test", "sentiment")
    text = open(readme_path, encoding="utf-8").read()
    begin, end = "<!-- metrics:begin -->", "<!-- metrics:end -->"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    open(readme_path, "w", encoding="utf-8").write(head + begin + "\n" + "\n".join(out) + "\n" + end + tail)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
