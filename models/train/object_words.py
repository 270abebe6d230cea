"""Objects in words: the object modality reads what the detector saw as words, embedded by the text encoder.

The object branch used to read the detector's region features, and the only images it was ever trained on are
synthetic (no Pitt images here), so it learned nothing that transfers. Here every object is the sentence vector of
its name instead ("truck", "wine glass": the 80 COCO classes, embedded once by the same all-MiniLM-L6-v2 that reads
the copy), and the branch is trained on real annotations: the Pitt Symbols_train region phrases ("speed", "beer",
"danger") as pseudo-objects, in the same vector space.

At serving the head graph does the lookup itself (`ObjectWordsHead` in export): the `objects` input keeps its
visual.onnx layout [N,L,693], the class of each detection is the argmax of its 80 class scores, and a constant
[80,384] table of name vectors replaces the region feature, so the Java side and the head.onnx inputs are unchanged.
The argmax is what the training rows use too (`to_words`), so training and serving read the same class.

Usage (prepare): /usr/bin/python3 object_words.py coco-csv models/visual/visual.onnx OUT.csv TOPICS_JSON
(TOPICS_JSON: text_rows.py's topics.json; the names get the answer "unclear" there, as the class descriptions do,
so that features-text writes them: they are vectors, never training rows.)
"""
import csv
import json
import sys

import numpy as np

MAX_OBJECTS = 10


def visual_contract(onnx_path):
    """(class-score offset in the object vector, the 80 names in channel order) from visual.onnx's metadata."""
    import onnx
    meta = {p.key: p.value for p in onnx.load(onnx_path, load_external_data=False).metadata_props}
    offset, start = None, 0
    for part in json.loads(meta["adlens.object_parts"]):
        if part["name"] == "class_scores":
            offset = start
            assert part["dim"] == 80, part
        start += part["dim"]
    labels = json.loads(meta["adlens.coco_labels"])
    names = [labels[k] for k in sorted(labels, key=int)]   # channel i = the i-th COCO id in ascending order
    assert len(names) == 80 and offset is not None
    return offset, names


def write_coco_csv(onnx_path, out, topics_json):
    _, names = visual_contract(onnx_path)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["image_path", "text"])
        w.writerows([f"coco:{i}", name] for i, name in enumerate(names))
    with open(topics_json, encoding="utf-8") as f:
        topics = json.load(f)
    topics.update({f"coco:{i}": ["39"] for i in range(len(names))})
    with open(topics_json, "w", encoding="utf-8") as f:
        json.dump(topics, f)


def name_table(coco):
    """[80,Ds] sentence vectors of the class names, channel order (features-text over coco.csv)."""
    index = {k: i for i, k in enumerate(coco["keys"])}
    return coco["sentence"][[index[f"coco:{i}"] for i in range(80)]].astype(np.float32)


def to_words(data, table, offset):
    """Replaces each row's region features by the name vector of its detections' argmax class (masked ones too:
    the mask still decides). Rows without objects (text rows) get zeros."""
    objects = data["objects"]
    out = dict(data)
    cls = objects[:, :, offset:offset + 80].argmax(-1)
    out["objects"] = table[cls] * (np.abs(objects).sum(-1, keepdims=True) > 0)
    return out


def symbol_objects(phrases):
    """Pseudo-objects per Pitt image from features-text over symbol_objects.csv (keys "<pitt key>#obj<i>"):
    {pitt key: (vectors [k,Ds], row index of its first phrase)}."""
    groups = {}
    for i, key in enumerate(phrases["keys"]):
        source = key.rsplit("#obj", 1)[0]
        groups.setdefault(source, []).append(i)
    return {s: (phrases["sentence"][idx[:MAX_OBJECTS]], idx[0]) for s, idx in groups.items()}


def object_rows(phrases, groups, like):
    """Object-only rows (no image, no text): each Pitt image's symbol phrases as its objects, its answers as targets.
    `like` gives the word/sentence shapes of the other rows."""
    keys = sorted(groups)
    n, ds = len(keys), phrases["sentence"].shape[1]
    out = {
        "global": np.zeros((n, like["global"].shape[1]), np.float32),
        "objects": np.zeros((n, MAX_OBJECTS, ds), np.float32),
        "object_mask": np.zeros((n, MAX_OBJECTS), np.float32),
        "object_scores": np.zeros((n, MAX_OBJECTS), np.float32),
        "words": np.zeros((n,) + like["words"].shape[1:], np.float32),
        "word_mask": np.zeros((n,) + like["word_mask"].shape[1:], np.float32),
        "sentence": np.zeros((n, like["sentence"].shape[1]), np.float32),
        "image_present": np.zeros(n, np.float32),
    }
    first = np.array([groups[k][1] for k in keys])
    for name in ("topic_targets", "sentiment_targets", "sentiment_annotated"):
        out[name] = phrases[name][first]
    for r, k in enumerate(keys):
        vectors = groups[k][0]
        out["objects"][r, :len(vectors)] = vectors
        out["object_mask"][r, :len(vectors)] = 1
        out["object_scores"][r, :len(vectors)] = 1
    out["keys"] = [k + "#objects" for k in keys]
    out["meta"] = like["meta"]
    return out


def attach(rows, groups, suffix="#ad"):
    """Fusion rows: a slogan block of an image that also has symbol annotations gets them as its objects, so the
    head learns to weigh real copy against real visual concepts (rendered ads pair copy with unrelated objects)."""
    n = 0
    for r, key in enumerate(rows["keys"]):
        if key.endswith(suffix) and key[:-len(suffix)] in groups:
            vectors = groups[key[:-len(suffix)]][0]
            rows["objects"][r] = 0
            rows["objects"][r, :len(vectors)] = vectors
            rows["object_mask"][r] = 0
            rows["object_mask"][r, :len(vectors)] = 1
            n += 1
    return n


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "coco-csv":
        write_coco_csv(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
