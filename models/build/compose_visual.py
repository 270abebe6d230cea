"""Composes models/visual/visual.onnx from the two converted TFJS graphs (see ../README.md, "visual.onnx").

Usage: /usr/bin/python3 compose_visual.py <centernet.json> <mobilenet_v2_mid/model.json> <out.onnx>

One graph, UINT8 NHWC RGB image [N,512,512,3] in (the caller stretches the ad to 512x512); outputs:
  global  [N,2272]  = MobileNetV2-1.4 feature (1792) ++ CenterNet backbone stride-32 map, mean-pooled (480)
  objects [N,L,693] = RoiAlign(backbone stride-32 map, 480) ++ RoiAlign(head stride-4 map, 128)
                      ++ 80 class scores at the peak ++ box geometry (x1,y1,x2,y2,area; normalised)
  boxes   [N,L,4]   normalised x1,y1,x2,y2, clipped to [0,1]
  classes [N,L]     INT64 COCO category ids (1..90, the 2017 ids)
  scores  [N,L]     peak heat-map score (CenterNet's own detection score)
  adult   [N,5]     nsfwjs's own classification layer (dense + softmax on the MobileNetV2 feature): probabilities
                    of drawing, hentai, neutral, porn, sexy, in nsfwjs's class order, on nsfwjs's input (/255,
                    224x224 align-corners bilinear)
"""
import json
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

from tfjs_onnx import Converter, TfjsModel

OPSET = 17
SIZE = 512                     # CenterNet's fixed input
CLASSIFIER_SIZE = 224          # MobileNetV2's input
TOP_L = 10                     # detections kept per image (DESIGN: L)
STRIDE = 4                     # heat map stride
NUM_CLASSES = 80

# The 80 COCO classes in the detector's output order, with their 2017 category ids.
COCO = [(1, "person"), (2, "bicycle"), (3, "car"), (4, "motorcycle"), (5, "airplane"), (6, "bus"),
        (7, "train"), (8, "truck"), (9, "boat"), (10, "traffic light"), (11, "fire hydrant"),
        (13, "stop sign"), (14, "parking meter"), (15, "bench"), (16, "bird"), (17, "cat"), (18, "dog"),
        (19, "horse"), (20, "sheep"), (21, "cow"), (22, "elephant"), (23, "bear"), (24, "zebra"),
        (25, "giraffe"), (27, "backpack"), (28, "umbrella"), (31, "handbag"), (32, "tie"), (33, "suitcase"),
        (34, "frisbee"), (35, "skis"), (36, "snowboard"), (37, "sports ball"), (38, "kite"),
        (39, "baseball bat"), (40, "baseball glove"), (41, "skateboard"), (42, "surfboard"),
        (43, "tennis racket"), (44, "bottle"), (46, "wine glass"), (47, "cup"), (48, "fork"), (49, "knife"),
        (50, "spoon"), (51, "bowl"), (52, "banana"), (53, "apple"), (54, "sandwich"), (55, "orange"),
        (56, "broccoli"), (57, "carrot"), (58, "hot dog"), (59, "pizza"), (60, "donut"), (61, "cake"),
        (62, "chair"), (63, "couch"), (64, "potted plant"), (65, "bed"), (67, "dining table"),
        (70, "toilet"), (72, "tv"), (73, "laptop"), (74, "mouse"), (75, "remote"), (76, "keyboard"),
        (77, "cell phone"), (78, "microwave"), (79, "oven"), (80, "toaster"), (81, "sink"),
        (82, "refrigerator"), (84, "book"), (85, "clock"), (86, "vase"), (87, "scissors"),
        (88, "teddy bear"), (89, "hair drier"), (90, "toothbrush")]

CN = "tower_0/"
CN_HEAT, CN_WH = CN + "keypoints", CN + "wh"
CN_HEAD_MAP = CN + "CenternetHead/mul"                 # [N,128,128,128] stride 4, input of both heads
CN_BACKBONE_MAP = CN + "extern1/hard_swish/mul_1"      # [N,16,16,480]  stride 32, deepest backbone map
MN_FEATURE = ("StatefulPartitionedCall/sequential/keras_layer/StatefulPartitionedCall/StatefulPartitionedCall/"
              "StatefulPartitionedCall/predict/feature_vector/SpatialSqueeze")
MN_PREDICTION = "StatefulPartitionedCall/sequential/prediction/Softmax"   # nsfwjs's classifier output
NSFW_CLASSES = ["drawing", "hentai", "neutral", "porn", "sexy"]           # nsfwjs's NSFW_CLASSES, in order


def build(centernet_json, mobilenet_json):
    nodes, inits = [], []
    centernet, mobilenet = TfjsModel(centernet_json), TfjsModel(mobilenet_json)
    cn = Converter(centernet, "centernet", nodes, inits)
    mn = Converter(mobilenet, "mobilenet", nodes, inits)
    g = Converter(None, "visual", nodes, inits)  # helper for the glue nodes

    # The decoder below hard-codes CenterNet's box decoding; check the graph agrees before trusting it.
    for mul in ("mul_3", "mul_4", "mul_5", "mul_6"):
        assert float(centernet.const_value(CN + mul + "/y")) == STRIDE, mul

    image = g.node("Cast", ["image"], "float", to=TensorProto.FLOAT)
    nchw = g.node("Transpose", [image], "nchw", perm=[0, 3, 1, 2])

    cn.bind_input(CN + "images", nchw, True)  # RGB 0..255, as human feeds it
    heat, _ = cn.output(CN_HEAT)
    wh, _ = cn.output(CN_WH)
    head_map, _ = cn.output(CN_HEAD_MAP)
    backbone_map, _ = cn.output(CN_BACKBONE_MAP)

    # nsfwjs divides by 255 and resizes with align_corners=True before MobileNetV2; we do the same.
    scaled = g.node("Mul", [nchw, g.const(np.array(1 / 255, np.float32), "inv255")], "unit")
    small = g.resize(scaled, [CLASSIFIER_SIZE] * 2, "classifier_input", mode="align_corners")
    mn.bind_input("input", small, True)
    mn_feature, _ = mn.output(MN_FEATURE)
    mn_prediction, _ = mn.output(MN_PREDICTION)
    nodes.append(helper.make_node("Identity", [mn_prediction], ["adult"], name="adult"))

    backbone_pooled = g.node("ReduceMean", [backbone_map], "backbone_pool", axes=[2, 3], keepdims=0)
    nodes.append(helper.make_node("Concat", [mn_feature, backbone_pooled], ["global"], name="global", axis=1))

    _decode(g, heat, wh, head_map, backbone_map)

    graph = helper.make_graph(
        nodes, "adlens-visual", [helper.make_tensor_value_info("image", TensorProto.UINT8, ["N", SIZE, SIZE, 3])],
        [helper.make_tensor_value_info("global", TensorProto.FLOAT, ["N", 1792 + 480]),
         helper.make_tensor_value_info("objects", TensorProto.FLOAT, ["N", TOP_L, 480 + 128 + NUM_CLASSES + 5]),
         helper.make_tensor_value_info("boxes", TensorProto.FLOAT, ["N", TOP_L, 4]),
         helper.make_tensor_value_info("classes", TensorProto.INT64, ["N", TOP_L]),
         helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["N", TOP_L]),
         helper.make_tensor_value_info("adult", TensorProto.FLOAT, ["N", len(NSFW_CLASSES)])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="adlens-models-build", producer_version="1")
    model.ir_version = 8
    model.doc_string = "adlens visual encoder: CenterNet-MobileNetV3 (COCO) + MobileNetV2-1.4; see models/README.md"
    _metadata(model)
    onnx.checker.check_model(model)
    return model


def _decode(g, heat, wh, head_map, backbone_map):
    """CenterNet peak extraction, batched: 3x3 max-pool NMS, top-L over (y, x, class), boxes from wh."""
    i64 = lambda v: g.const(np.array(v, np.int64), "k")
    pooled = g.node("MaxPool", [heat], "peak_pool", kernel_shape=[3, 3], strides=[1, 1], auto_pad="SAME_UPPER")
    is_peak = g.node("Cast", [g.node("Equal", [heat, pooled], "is_peak")], "peak_f", to=TensorProto.FLOAT)
    peaks = g.node("Mul", [heat, is_peak], "peaks")
    # Flatten in TF's NHWC order so ties break exactly as the original graph's TopK does.
    heat_nhwc = g.node("Transpose", [heat], "heat_nhwc", perm=[0, 2, 3, 1])
    flat = g.node("Reshape", [g.node("Transpose", [peaks], "peaks_nhwc", perm=[0, 2, 3, 1]), i64([0, -1])], "flat")
    g.nodes.append(helper.make_node("TopK", [flat, i64([TOP_L])], ["scores", "visual/top_idx"], name="topk",
                                    axis=-1, largest=1, sorted=1))
    idx = "visual/top_idx"
    cls = g.node("Mod", [idx, i64(NUM_CLASSES)], "cls")
    pos = g.node("Div", [idx, i64(NUM_CLASSES)], "pos")
    side = SIZE // STRIDE
    row = g.node("Cast", [g.node("Div", [pos, i64(side)], "row")], "row_f", to=TensorProto.FLOAT)
    col = g.node("Cast", [g.node("Mod", [pos, i64(side)], "col")], "col_f", to=TensorProto.FLOAT)

    def gather_at_peaks(nhwc_map, channels, hint):
        """[N,H,W,C] map -> [N,L,C] values at each detection's cell."""
        flat_map = g.node("Reshape", [nhwc_map, i64([0, side * side, channels])], hint + "_flat")
        shape = g.node("Concat", [g.node("Shape", [pos], "pos_shape"), i64([channels])], hint + "_shape", axis=0)
        index = g.node("Expand", [g.node("Unsqueeze", [pos, i64([-1])], hint + "_idx"), shape], hint + "_index")
        return g.node("GatherElements", [flat_map, index], hint, axis=1)

    extents = gather_at_peaks(g.node("Transpose", [wh], "wh_nhwc", perm=[0, 2, 3, 1]), 4, "extents")
    class_scores = gather_at_peaks(heat_nhwc, NUM_CLASSES, "class_scores")
    cx = g.node("Mul", [col, g.const(np.array(STRIDE, np.float32), "stride")], "cx")
    cy = g.node("Mul", [row, g.const(np.array(STRIDE, np.float32), "stride")], "cy")
    centers = g.node("Concat", [g.node("Unsqueeze", [t, i64([-1])], "c") for t in (cx, cy, cx, cy)], "centers", axis=-1)
    signed = g.node("Mul", [extents, g.const(np.array([-1, -1, 1, 1], np.float32), "sign")], "signed")
    box_px = g.node("Clip", [g.node("Add", [centers, signed], "box_raw"), g.const(np.array(0, np.float32), "lo"),
                             g.const(np.array(SIZE, np.float32), "hi")], "box_px")
    g.nodes.append(helper.make_node("Mul", [box_px, g.const(np.array(1 / SIZE, np.float32), "norm")], ["boxes"],
                                    name="boxes"))
    coco_ids = g.const(np.array([cid for cid, _ in COCO], np.int64), "coco_ids")
    g.nodes.append(helper.make_node("Gather", [coco_ids, cls], ["classes"], name="classes", axis=0))

    # RoiAlign over every (image, detection) pair: rois [N*L,4] in input pixels, batch index per roi.
    rois = g.node("Reshape", [box_px, i64([-1, 4])], "rois")
    n = g.node("Slice", [g.node("Shape", [pos], "pos_shape"), i64([0]), i64([1])], "n")
    batch = g.node("Range", [g.const(np.array(0, np.int64), "zero"),
                             g.node("Squeeze", [n, i64([0])], "n_scalar"), g.const(np.array(1, np.int64), "one")], "batch")
    batch_idx = g.node("Reshape", [g.node("Expand", [g.node("Unsqueeze", [batch, i64([1])], "b"),
                                                     g.node("Concat", [n, i64([TOP_L])], "nl", axis=0)], "bl"),
                                   i64([-1])], "batch_idx")

    def roi_feature(feature_map, channels, scale, hint):
        pooled_roi = g.node("RoiAlign", [feature_map, rois, batch_idx], hint, mode="avg", output_height=1,
                            output_width=1, sampling_ratio=0, spatial_scale=scale,
                            coordinate_transformation_mode="half_pixel")
        return g.node("Reshape", [pooled_roi, i64([-1, TOP_L, channels])], hint + "_nlc")

    deep = roi_feature(backbone_map, 480, 1 / 32, "roi_backbone")
    fine = roi_feature(head_map, 128, 1 / STRIDE, "roi_head")
    box_n = "boxes"
    x1, y1, x2, y2 = (g.node("Slice", [box_n, i64([k]), i64([k + 1]), i64([2])], "b%d" % k) for k in range(4))
    area = g.node("Mul", [g.node("Sub", [x2, x1], "w"), g.node("Sub", [y2, y1], "h")], "area")
    g.nodes.append(helper.make_node("Concat", [deep, fine, class_scores, box_n, area], ["objects"],
                                    name="objects", axis=-1))


def _metadata(model):
    meta = {
        "adlens.preprocess": json.dumps({"input": "image", "layout": "NHWC", "dtype": "uint8", "color": "RGB",
                                         "height": SIZE, "width": SIZE, "resize": "stretch-bilinear"}),
        "adlens.global_parts": json.dumps([{"name": "mobilenet_v2_1.4_nsfwjs", "dim": 1792},
                                           {"name": "centernet_backbone_stride32_mean", "dim": 480}]),
        "adlens.object_parts": json.dumps([{"name": "roi_backbone_stride32", "dim": 480},
                                           {"name": "roi_head_stride4", "dim": 128},
                                           {"name": "class_scores", "dim": NUM_CLASSES},
                                           {"name": "box_x1y1x2y2_area", "dim": 5}]),
        "adlens.top_l": str(TOP_L),
        "adlens.coco_labels": json.dumps({str(cid): name for cid, name in COCO}),
        "adlens.adult_classes": json.dumps(NSFW_CLASSES),
        "adlens.version": "visual-1",  # the features the head reads are unchanged; adult is additive
    }
    for k, v in meta.items():
        model.metadata_props.append(onnx.StringStringEntryProto(key=k, value=v))


if __name__ == "__main__":
    onnx.save(build(sys.argv[1], sys.argv[2]), sys.argv[3])
