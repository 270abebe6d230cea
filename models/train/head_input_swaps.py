"""Experiment helper (not shipped): the head's text inputs swapped one at a time, to find where a head difference comes
from (models/experiments.md, "The bge head's validation gap to MiniLM's").

Usage:
  head_input_swaps.py words-layer TEXT_ONNX OUT_ONNX K
      a text.onnx whose token states (positions 1..) come from encoder layer K and whose [CLS] state (position 0,
      the sentence vector under cls pooling) stays the last layer's: the head's word vectors change, nothing else
  head_input_swaps.py mix BASE OTHER OUT PART...
      feature directories OUT/feat-<set> that take PART (words, sentence, objects) from OTHER and the rest from BASE.
      BASE and OTHER hold feat-<set> directories over the same rows (prepare's names; OTHER's may be features-text
      runs of a second encoder). "sentence" brings the class prior (feat-classes) with it, "objects" the COCO names
      and the symbol phrases (feat-coco, feat-symbol_objects): each pair must come from one encoder.
"""
import os
import sys

import numpy as np

SETS = ["classes", "coco", "pitt300", "slogans_test", "slogans", "fragments", "symbols", "symbol_objects", "synth",
        "dev"]


def words_layer(src, dst, k):
    import onnx
    from onnx import TensorProto, helper
    m = onnx.load(src)
    g = m.graph
    final = "final_hidden_state"
    for n in g.node:
        for i, o in enumerate(n.output):
            if o == "last_hidden_state":
                n.output[i] = final
    mid = f"/encoder/layer.{k}/output/LayerNorm/Add_1_output_0"
    assert any(mid in n.output for n in g.node), f"no {mid} in {src}"

    def const(name, vals):
        return helper.make_node("Constant", [], [name], value=helper.make_tensor(name + "_t", TensorProto.INT64,
                                                                                [len(vals)], vals))
    g.node.extend([
        const("swap_0", [0]), const("swap_1", [1]), const("swap_end", [1 << 30]), const("swap_axis", [1]),
        helper.make_node("Slice", [final, "swap_0", "swap_1", "swap_axis"], ["swap_cls"]),
        helper.make_node("Slice", [mid, "swap_1", "swap_end", "swap_axis"], ["swap_rest"]),
        helper.make_node("Concat", ["swap_cls", "swap_rest"], ["last_hidden_state"], axis=1),
    ])
    for p in m.metadata_props:
        if p.key == "adlens.version":
            p.value += f"+words-layer{k}"
    onnx.save(m, dst)


def keys(d):
    with open(os.path.join(d, "keys.txt"), encoding="utf-8") as f:
        return [k for k in f.read().split("\n") if k]


def mix(base, other, out, parts):
    whole = {"classes": "sentence", "coco": "objects", "symbol_objects": "objects"}   # directories that go whole
    replaced = {"words": ["words.npy", "word_mask.npy"], "sentence": ["sentence.npy"]}
    names = {n for p in parts for n in replaced.get(p, [])}
    os.makedirs(out, exist_ok=True)
    for s in SETS:
        b, o = (os.path.realpath(os.path.join(x, "feat-" + s)) for x in (base, other))
        d = os.path.join(out, "feat-" + s)
        if s in whole or not names:
            os.symlink(o if whole.get(s) in parts else b, d)
            continue
        os.makedirs(d)
        index = {k: i for i, k in enumerate(keys(o))}
        order = [index[k] for k in keys(b)]
        for n in os.listdir(b):
            if n not in names:
                os.symlink(os.path.realpath(os.path.join(b, n)), os.path.join(d, n))
        for n in names:
            np.save(os.path.join(d, n), np.load(os.path.join(o, n))[order])
    print(f"{out}: {', '.join(parts)} from {other}, the rest from {base}")


if __name__ == "__main__":
    if len(sys.argv) > 4 and sys.argv[1] == "words-layer":
        words_layer(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) > 5 and sys.argv[1] == "mix":
        mix(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    else:
        sys.exit(__doc__)
