"""Renders models/train/runs.jsonl (one JSON line per training run) as the metrics tables of models/README.md,
between the markers <!-- metrics:begin --> and <!-- metrics:end -->. Usage: report.py runs.jsonl models/README.md
"""
import json
import sys


def fmt(m, task, key):
    v = m.get(task, {}).get(key)
    return "—" if v is None else f"{v:.3f}"


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
    text = open(readme_path, encoding="utf-8").read()
    begin, end = "<!-- metrics:begin -->", "<!-- metrics:end -->"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    open(readme_path, "w", encoding="utf-8").write(head + begin + "\n" + "\n".join(out) + "\n" + end + tail)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
