"""Reads an `adlens features` / `features-text` directory (numpy only)."""
import json
import os

import numpy as np

OBJECT_SCORE_THRESHOLD = 0.25   # detections below this are masked (real objects score ~0.3-0.6)


def load(dir_):
    arrays = {name: np.load(os.path.join(dir_, name + ".npy")) for name in
              ("global", "objects", "object_scores", "words", "word_mask", "topic_targets", "sentiment_targets",
               "sentiment_annotated")}
    sentence = os.path.join(dir_, "sentence.npy")
    arrays["sentence"] = np.load(sentence) if os.path.exists(sentence) else \
        np.zeros((len(arrays["global"]), 1), dtype=np.float32)
    arrays["object_mask"] = (arrays["object_scores"] >= OBJECT_SCORE_THRESHOLD).astype(np.float32)
    arrays["image_present"] = np.ones(len(arrays["global"]), dtype=np.float32)
    with open(os.path.join(dir_, "keys.txt"), encoding="utf-8") as f:
        arrays["keys"] = [line.rstrip("\n") for line in f]
    with open(os.path.join(dir_, "meta.json"), encoding="utf-8") as f:
        arrays["meta"] = json.load(f)
    return arrays
