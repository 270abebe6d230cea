#!/usr/bin/env python3
"""Scores heads of one recipe trained with different seeds, alone and averaged, on validation and the evaluation sets.

Each member is a `train.py --scores-out DIR` run; members to be averaged must share the validation split
(`--split-seed`), or validation would be seen by some of them. The ensemble averages the members' probabilities
row by row, and its per-class decision thresholds are recalibrated on validation, as train.py does for one head.

    models/train/ensemble.py WORK SPLIT_SEED HEAD_DIR... [--export OUT]   (WORK: models/train/prepare's directory)

HEAD_DIR is a train.py --out directory with the run's --scores-out in HEAD_DIR/scores. --export writes OUT/head.onnx,
every member's graph side by side on the shared inputs, each output the mean of the members' (probabilities and
attention weights alike: a mean of distributions is one), and OUT/head.json: the first member's, with the
ensemble's thresholds and metrics and the members listed. --parity-out writes the Java parity fixture: the members'
own fixtures (HEAD_DIR/parity/parity.json, train.py --parity-out; the same stored inputs when they share the split)
with their PyTorch outputs averaged.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import load  # noqa: E402
from metrics import evaluate  # noqa: E402
from train import calibrate, split  # noqa: E402

SETS = {"dev-set": "feat-dev", "pitt300-ocr-text": "feat-pitt300", "slogans-test": "feat-slogans_test"}


def row(name, probs, sets):
    val = sets["validation"]
    thresholds = {
        "topic": calibrate(probs["validation"][0], val["topic_targets"], np.ones(len(val["keys"]), bool)),
        "sentiment": calibrate(probs["validation"][1], val["sentiment_targets"], val["sentiment_annotated"] > 0),
    }
    m = {s: evaluate(probs[s], d, thresholds) for s, d in sets.items()}
    slog = m["slogans-test"]["sentiment"]
    return ({"run": name, "validation top-1": m["validation"]["topic"]["top1"],
            "validation mAP": m["validation"]["topic"]["mAP"],
            "validation sentiment mAP": m["validation"]["sentiment"]["mAP"],
            "dev41": m["dev-set"]["topic"]["top1"], "pitt300": m["pitt300-ocr-text"]["topic"]["top1"],
            "Slogans_test": m["slogans-test"]["topic"]["top1"],
            "Slogans_test sentiment / prior": round(slog["mAP"] / slog["priorMAP"], 2)}, thresholds, m)


def parity(heads, out):
    fixtures = [json.load(open(os.path.join(d, "parity", "parity.json"), encoding="utf-8")) for d in heads]
    assert all(f["inputs"] == fixtures[0]["inputs"] for f in fixtures), "members' parity inputs differ"
    record = {"inputs": fixtures[0]["inputs"],
              "outputs": {k: np.mean([np.array(f["outputs"][k]) for f in fixtures], axis=0).tolist()
                          for k in fixtures[0]["outputs"]}}
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "parity.json"), "w", encoding="utf-8") as f:
        json.dump(record, f)


def prefixed(model, prefix):
    """Every node, edge and initializer renamed with prefix, except the graph's inputs (the members share them)."""
    g = model.graph
    keep = {i.name for i in g.input} | {""}

    def name(x):
        return x if x in keep else prefix + x
    for n in g.node:
        n.name = prefix + n.name
        n.input[:] = [name(x) for x in n.input]
        n.output[:] = [name(x) for x in n.output]
    for i in g.initializer:
        i.name = name(i.name)
    for o in g.output:
        o.name = name(o.name)
    return model


def export(heads, out, thresholds, metrics):
    import onnx
    from onnx import helper
    models = [prefixed(onnx.load(os.path.join(d, "head.onnx")), f"m{i}_") for i, d in enumerate(heads)]
    first = models[0].graph
    outputs = [o.name[len("m0_"):] for o in first.output]
    nodes = [n for m in models for n in m.graph.node]
    nodes += [helper.make_node("Mean", [f"m{i}_{o}" for i in range(len(models))], [o], name=f"mean_{o}")
              for o in outputs]
    graph = helper.make_graph(nodes, "head_ensemble", list(first.input),
                              [helper.make_tensor_value_info(o, t.type.tensor_type.elem_type, None)
                               for o, t in zip(outputs, first.output)],
                              [i for m in models for i in m.graph.initializer])
    for o, t in zip(graph.output, first.output):
        o.type.CopyFrom(t.type)
    model = helper.make_model(graph, opset_imports=list(models[0].opset_import), producer_name="adlens ensemble.py")
    model.ir_version = models[0].ir_version
    onnx.checker.check_model(model)
    os.makedirs(out, exist_ok=True)
    onnx.save(model, os.path.join(out, "head.onnx"))
    spec = json.load(open(os.path.join(heads[0], "head.json"), encoding="utf-8"))
    seeds = [json.load(open(os.path.join(d, "head.json"), encoding="utf-8"))["version"].rsplit("-seed", 1)[1]
             for d in heads]
    spec["version"] = spec["version"].rsplit("-seed", 1)[0] + "-seeds" + "+".join(seeds)
    spec["thresholds"] = thresholds
    spec["metrics"] = metrics
    spec["ensemble"] = {"members": len(heads), "seeds": [int(x) for x in seeds],
                        "how": "the members' outputs averaged; thresholds recalibrated on the shared validation split"}
    with open(os.path.join(out, "head.json"), "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=1)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("work")
    ap.add_argument("split_seed", type=int)
    ap.add_argument("heads", nargs="+")
    ap.add_argument("--export")
    ap.add_argument("--parity-out")
    ap.add_argument("--ref", default=os.path.join(os.path.dirname(__file__), "../../../shared/reference/pitt-ads"))
    a = ap.parse_args()
    args = argparse.Namespace(seed=a.split_seed, split_seed=a.split_seed, sources=os.path.join(a.work, "sources.json"))
    val, _ = split(load(os.path.join(a.work, "feat-synth")), args)
    sets = {"validation": val, **{s: load(os.path.join(a.work, d)) for s, d in SETS.items()}}
    members = []
    for d in a.heads:
        probs = {}
        for s in sets:
            z = np.load(os.path.join(d, "scores", s + ".npz"))
            assert z["topic"].shape[0] == len(sets[s]["keys"]), f"{d}/{s}: rows differ from the set"
            probs[s] = (z["topic"], z["sentiment"])
        members.append(probs)
    rows = [row(os.path.basename(d.rstrip("/")), p, sets)[0] for d, p in zip(a.heads, members)]
    for n in range(2, len(members) + 1):
        mean = {s: tuple(np.mean([m[s][t] for m in members[:n]], axis=0) for t in range(2)) for s in sets}
        rows.append(row(f"mean of the first {n}", mean, sets)[0])
    cols = list(rows[0])
    print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    if a.export:
        mean = {s: tuple(np.mean([m[s][t] for m in members], axis=0) for t in range(2)) for s in sets}
        export(a.heads, a.export, *row("ensemble", mean, sets)[1:])
    if a.parity_out:
        parity(a.heads, a.parity_out)


if __name__ == "__main__":
    main()
