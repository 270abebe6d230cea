"""Builds models/visual/adult-check.onnx: nsfwjs's InceptionV3, the second opinion on adult imagery (../README.md).

Usage: /usr/bin/python3 compose_adult_check.py <inception_v3/model.json> <out.onnx>

The same input as visual.onnx — UINT8 NHWC RGB [N,512,512,3], the ad stretched to 512x512 the same way — so both
models see the same pixels; one output:
  adult [N,5]  InceptionV3's probabilities of drawing, hentai, neutral, porn, sexy (nsfwjs's class order), on
               nsfwjs's input: /255, then 299x299 align-corners bilinear (nsfwjs's infer() with size 299)
It is a TFJS layers model (Keras), converted by tfjs_onnx.KerasConverter; weights stay uint8 + dequantisation.
"""
import json
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

from compose_visual import NSFW_CLASSES, OPSET, SIZE
from tfjs_onnx import KerasConverter, TfjsModel

INCEPTION_SIZE = 299  # nsfwjs's load('InceptionV3', {size: 299}); checked against the model's own input layer


def build(inception_json):
    nodes, inits = [], []
    inception = TfjsModel(inception_json)
    conv = KerasConverter(inception, "inception", nodes, inits)
    assert conv.input_size() == (INCEPTION_SIZE, INCEPTION_SIZE), conv.input_size()
    g = KerasConverter(None, "adult-check", nodes, inits)  # helper for the glue nodes

    image = g.node("Cast", ["image"], "float", to=TensorProto.FLOAT)
    nchw = g.node("Transpose", [image], "nchw", perm=[0, 3, 1, 2])
    scaled = g.node("Mul", [nchw, g.const(np.array(1 / 255, np.float32), "inv255")], "unit")
    small = g.resize(scaled, [INCEPTION_SIZE] * 2, "classifier_input", mode="align_corners")
    prediction = conv.convert(small)
    nodes.append(helper.make_node("Identity", [prediction], ["adult"], name="adult"))

    graph = helper.make_graph(
        nodes, "adlens-adult-check", [helper.make_tensor_value_info("image", TensorProto.UINT8, ["N", SIZE, SIZE, 3])],
        [helper.make_tensor_value_info("adult", TensorProto.FLOAT, ["N", len(NSFW_CLASSES)])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="adlens-models-build", producer_version="1")
    model.ir_version = 8
    model.doc_string = "adlens adult-imagery second opinion: nsfwjs's InceptionV3; see models/README.md"
    for k, v in {
        "adlens.preprocess": json.dumps({"input": "image", "layout": "NHWC", "dtype": "uint8", "color": "RGB",
                                         "height": SIZE, "width": SIZE, "resize": "stretch-bilinear"}),
        "adlens.adult_classes": json.dumps(NSFW_CLASSES),
        "adlens.version": "adult-check-1",
    }.items():
        model.metadata_props.append(onnx.StringStringEntryProto(key=k, value=v))
    onnx.checker.check_model(model)
    return model


if __name__ == "__main__":
    onnx.save(build(sys.argv[1]), sys.argv[2])
