"""Trains, evaluates and exports the Deep M2Ad head from `adlens features` / `features-text` output.

Usage (Debian's PyTorch, /usr/bin/python3; models/train/evaluate shows the full set of arguments):
  train.py --data FEATURES_DIR [--extra-text TEXT_ROWS_DIR ...] [--prior CLASSES_DIR] [--balance-to Topics_train.json]
           [--sources sources.json] [--exclude keys.json] --out models/head [--epochs 10] [--seed 13]
           [--eval NAME=DIR ...] [--ablation full|tokens|tokens-blstm|no-prior|no-balance|glove-blstm|text|image|...]
           [--no-export] [--parity-out src/test/resources/head-parity]

Split: 85/15 into train/validation by Pitt source image (seeded), so a source's rendered ad and text rows are on one
side. Validation picks the epoch and calibrates the per-class thresholds; metrics are reported on validation and on
every --eval set.
"""
import argparse
import json
import os
import random
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import load, OBJECT_SCORE_THRESHOLD  # noqa: E402
from metrics import evaluate, binarise  # noqa: E402
from model import DeepM2Ad, ObjectWordsHead, INPUT_NAMES, OUTPUT_NAMES  # noqa: E402
import object_words  # noqa: E402

LAMBDA_REC = 0.1
# Each ablation overrides the shipped recipe (the CLI defaults) in one respect.
ABLATIONS = {
    "full": {},
    "tokens": {"text_model": "proj", "use_sentence": False, "prior": False},
    "tokens-blstm": {"text_model": "blstm", "use_sentence": False, "prior": False},
    "tokens-blstm+sentence+prior": {"text_model": "blstm", "use_sentence": True, "prior": True},
    "no-prior": {"prior": False},
    "glove-blstm": {"text_model": "blstm", "use_sentence": False, "prior": False},  # run on GloVe features
    "no-balance": {"balance": False},
    "image": {"modalities": ("image",)},
    "objects": {"modalities": ("objects",)},
    "text": {"modalities": ("text",)},
    "mean-pooling": {"pooling": "mean"},
    "single-task": {"single_task": True},
    "no-rec": {"lambda_rec": 0.0},
    # today's object branch: region features of the detections, no pseudo-objects (the recipe before objects in words)
    "regions": {"object_words": False},
}


def subset(data, idx):
    out = {k: (v[idx] if isinstance(v, np.ndarray) else v) for k, v in data.items()}
    out["keys"] = [data["keys"][i] for i in idx]
    return out


def source_of(key, sources):
    """The Pitt image behind a row: synth rows via the replayed source map, text rows by their key prefix."""
    return sources.get(key, key.split("#")[0])


def drop_excluded(data, args):
    """Training never sees an image an evaluation set holds (dist_w_ocr.csv's ads are partly train-split images)."""
    if not args.exclude:
        return data
    excluded = set(json.load(open(args.exclude, encoding="utf-8")))
    sources = json.load(open(args.sources, encoding="utf-8")) if args.sources else {}
    keep = np.array([source_of(k, sources) not in excluded for k in data["keys"]])
    return subset(data, np.where(keep)[0])


def split(data, args):
    """85/15 by Pitt source image (seeded), so a source's slogans never sit on both sides."""
    sources = json.load(open(args.sources, encoding="utf-8")) if args.sources else {}
    groups = sorted({source_of(k, sources) for k in data["keys"]})
    rng = np.random.RandomState(args.seed if args.split_seed is None else args.split_seed)
    val_groups = set(rng.permutation(groups)[:max(1, int(round(len(groups) * 0.15)))])
    is_val = np.array([source_of(k, sources) in val_groups for k in data["keys"]])
    args.val_groups = val_groups
    return subset(data, np.where(is_val)[0]), subset(data, np.where(~is_val)[0])


def text_rows(args, val):
    """Text-only rows (adlens features-text over the slogans): image and objects masked, sources in the
    validation split dropped."""
    parts = [load(d) for d in args.extra_text]
    extra = parts[0]
    for more in parts[1:]:
        extra = concat(extra, more)
    keep = np.array([k.split("#")[0] not in args.val_groups for k in extra["keys"]])
    extra = drop_excluded(subset(extra, np.where(keep)[0]), args)
    extra["image_present"][:] = 0
    extra["object_mask"][:] = 0
    return extra


def concat(a, b):
    out = {k: np.concatenate([a[k], b[k]]) for k in a if isinstance(a[k], np.ndarray)}
    out["keys"] = a["keys"] + b["keys"]
    out["meta"] = a["meta"]
    return out


def tensors(data):
    return [torch.from_numpy(np.ascontiguousarray(data[k], dtype=np.float32)) for k in
            ("global", "objects", "object_mask", "words", "word_mask", "sentence")]


def predict(model, data, batch=256):
    model.eval()
    outs = [[] for _ in OUTPUT_NAMES]
    inputs = tensors(data)
    with torch.no_grad():
        for s in range(0, inputs[0].shape[0], batch):
            for i, o in enumerate(model(*[t[s:s + batch] for t in inputs])):
                outs[i].append(o.numpy())
    return [np.concatenate(o) for o in outs]


def save_scores(directory, name, probs):
    if directory:
        os.makedirs(directory, exist_ok=True)
        np.savez(os.path.join(directory, name + ".npz"), topic=probs[0], sentiment=probs[1])


def class_prior(args, ds):
    """L2-normalised sentence vectors of the class descriptions (features-text over text_rows.py's classes.csv)."""
    if not args.prior or ds == 0:
        return None
    c = load(args.prior)
    index = {k: i for i, k in enumerate(c["keys"])}
    return {t: c["sentence"][[index[f"class:{t}:{i}"] for i in range(1, n + 1)]]
            for t, n in (("topic", 38), ("sentiment", 30))}


def recipe(args, options, meta):
    ds = int(meta.get("sentenceDim", 0))
    return {"text_model": options.get("text_model", args.text_model),
            "use_sentence": options.get("use_sentence", args.sentence) and ds > 0,
            "prior": options.get("prior", True) and bool(args.prior) and ds > 0, "ds": ds,
            "balance": bool(args.balance_to) and options.get("balance", True),
            "objectWords": options.get("object_words", True) and bool(args.object_words),
            "sentimentPosWeight": bool(args.sentiment_pos_weight)}


def topic_balance(data, args):
    """Row weights that give the training rows the topic distribution of the whole Pitt train split (majority answer
    of all 51,223 annotated images, --balance-to Topics_train.json) instead of the text subsets' own: Slogans_train
    is 37 % restaurant + chocolate against 13 % in Pitt train, and a head trained on it calls junk text "restaurant".
    Weight = p_pitt(c) / p_rows(c) for the row's majority topic c, clipped to [0.2, 5], mean 1."""
    n = len(data["keys"])
    if not args.balance_to or not ABLATIONS[args.ablation].get("balance", True):
        return np.ones(n, dtype=np.float32)
    answers = json.load(open(args.balance_to, encoding="utf-8"))
    target = np.zeros(38)
    for votes in answers.values():
        ids = [int(v) for v in votes if str(v).isdigit() and 1 <= int(v) <= 38]
        if ids:
            counts = np.bincount(ids, minlength=39)[1:]
            target += (counts == counts.max()) / (counts == counts.max()).sum()
    target /= target.sum()
    t = data["topic_targets"]
    major = t.argmax(1)
    has = t.max(1) > 0
    rows = np.bincount(major[has], minlength=38).astype(np.float64)
    rows /= rows.sum()
    w = np.where(has, np.clip(target[major] / np.maximum(rows[major], 1e-6), 0.2, 5.0), 1.0)
    return (w / w.mean()).astype(np.float32)


def train(data, val, args, options):
    torch.manual_seed(args.seed)
    meta = data["meta"]
    r = recipe(args, options, meta)
    model = DeepM2Ad(meta["globalDim"], data["objects"].shape[-1], meta["wordDim"], d=args.d, dropout=args.dropout,
                     modalities=options.get("modalities", ("image", "objects", "text")),
                     pooling=options.get("pooling", "attention"), modality_dropout=args.modality_dropout,
                     ds=r["ds"], text_model=r["text_model"], use_sentence=r["use_sentence"],
                     prior=class_prior(args, r["ds"]) if r["prior"] else None)
    g = torch.from_numpy(data["global"][data["image_present"] > 0])
    model.norm_global.mean.copy_(g.mean(0))
    model.norm_global.std.copy_(g.std(0) + 1e-3)
    o = torch.from_numpy(data["objects"][data["object_mask"] > 0]) if data["object_mask"].sum() > 1 else None
    if o is not None:
        model.norm_objects.mean.copy_(o.mean(0))
        model.norm_objects.std.copy_(o.std(0) + 1e-3)
    lambda_rec = options.get("lambda_rec", LAMBDA_REC)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.wd)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=args.epochs)
    bce = torch.nn.BCELoss(reduction="none")
    # Rare sentiments: positives weighted by sqrt((1 - f) / f) (clipped to [1, 10]), f = the class's mean soft target
    # on the annotated training rows; macro mAP counts every class alike, plain BCE lets the frequent ones dominate.
    ann = data["sentiment_annotated"] > 0
    freq = np.clip(data["sentiment_targets"][ann].mean(axis=0), 1e-4, None)
    pos_weight = torch.from_numpy(np.clip(np.sqrt((1 - freq) / freq), 1, 10).astype(np.float32)) \
        if args.sentiment_pos_weight else torch.ones(len(freq))
    inputs = tensors(data)
    image_present = torch.from_numpy(data["image_present"])
    t_topic = torch.from_numpy(data["topic_targets"])
    t_sent = torch.from_numpy(data["sentiment_targets"])
    annotated = torch.from_numpy(data["sentiment_annotated"])
    row_weight = torch.from_numpy(topic_balance(data, args))
    n = inputs[0].shape[0]
    best = (-1.0, None, 0)
    gen = torch.Generator().manual_seed(args.seed)
    for epoch in range(args.epochs):
        model.train()
        perm = torch.randperm(n, generator=gen)
        for s in range(0, n, args.batch):
            idx = perm[s:s + args.batch]
            out = model(*[t[idx] for t in inputs], image_present=image_present[idx])
            loss_topic = (bce(out[0], t_topic[idx]).mean(1) * row_weight[idx]).mean()
            y = t_sent[idx]
            weight = 1 + (pos_weight - 1) * y  # soft targets: the positive share of a target gets the weight
            loss_sent = ((bce(out[1], y) * weight).mean(1) * annotated[idx]).sum() / annotated[idx].sum().clamp(min=1)
            if options.get("single_task"):
                loss = loss_topic
            else:
                loss = loss_topic + loss_sent
            if lambda_rec > 0 and "objects" in model.modalities:
                loss = loss + lambda_rec * model.reconstruction_loss(inputs[1][idx], inputs[2][idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        scores = evaluate(predict(model, val)[:2], val)
        key = scores["topic"]["mAP"] + (0 if options.get("single_task") else scores["sentiment"]["mAP"])
        if key > best[0]:
            best = (key, {k: v.clone() for k, v in model.state_dict().items()}, epoch + 1)
        print(f"epoch {epoch + 1}: validation topic mAP {scores['topic']['mAP']:.3f} top-1 {scores['topic']['top1']:.3f}"
              f" sentiment mAP {scores['sentiment']['mAP']:.3f}", file=sys.stderr, flush=True)
    model.load_state_dict(best[1])
    return model, best[2]


def calibrate(probs, targets, keep):
    """Per class, the threshold in [0.05, 0.95] maximising F1 on validation; 0.5 when the class has no positive."""
    truth = binarise(targets)
    thresholds = []
    for c in range(probs.shape[1]):
        y = truth[keep, c]
        p = probs[keep, c]
        if y.sum() == 0:
            thresholds.append(0.5)
            continue
        best_t, best_f = 0.5, -1.0
        for t in np.arange(0.05, 0.951, 0.01):
            pred = p >= t
            tp = float((pred & (y > 0)).sum())
            f1 = 2 * tp / (pred.sum() + y.sum() + 1e-9)
            if f1 > best_f:
                best_f, best_t = f1, float(t)
        thresholds.append(round(best_t, 2))
    return thresholds


def export(model, sample, out_dir, head_json, parity_out):
    os.makedirs(out_dir, exist_ok=True)
    model.eval()
    inputs = tuple(t[:4] for t in tensors(sample))
    names = INPUT_NAMES if model.reads_sentence else INPUT_NAMES[:-1]
    inputs = inputs[:len(names)]
    path = os.path.join(out_dir, "head.onnx")
    dyn = {name: {0: "N"} for name in names + OUTPUT_NAMES}
    torch.onnx.export(model, inputs, path, input_names=names, output_names=OUTPUT_NAMES,
                      dynamic_axes=dyn, opset_version=17, do_constant_folding=True)
    with open(os.path.join(out_dir, "head.json"), "w", encoding="utf-8") as f:
        json.dump(head_json, f, indent=1)
        f.write("\n")
    if parity_out:
        os.makedirs(parity_out, exist_ok=True)
        # inputs are rounded for storage; the reference is computed on exactly the stored values
        record = {"inputs": {n: t.numpy().round(6).tolist() for n, t in zip(names, inputs)}}
        stored = tuple(torch.tensor(record["inputs"][n], dtype=torch.float32) for n in names)
        with torch.no_grad():
            record["outputs"] = {n: o.numpy().tolist() for n, o in zip(OUTPUT_NAMES, model(*stored))}
        with open(os.path.join(parity_out, "parity.json"), "w", encoding="utf-8") as f:
            json.dump(record, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", default="models/head")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--split-seed", type=int, help="seed of the train/validation split (default: --seed); heads "
                    "meant to be averaged share one split, so that validation stays unseen by every one of them")
    ap.add_argument("--d", type=int, default=256, help="common dimension")
    ap.add_argument("--dropout", type=float, default=0.5)
    ap.add_argument("--wd", type=float, default=1e-2, help="AdamW weight decay")
    ap.add_argument("--modality-dropout", type=float, default=0.5)
    ap.add_argument("--ablation", default="full", choices=sorted(ABLATIONS))
    ap.add_argument("--eval", action="append", default=[], help="NAME=FEATURES_DIR evaluated after training")
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--sources", help="JSON synth key -> Pitt source image (truth.json 'source'), for the split")
    ap.add_argument("--extra-text", action="append", default=[],
                    help="features-text dir of text-only training rows (slogans, symbols); repeatable")
    ap.add_argument("--text-model", default="proj", choices=["proj", "blstm"])
    ap.add_argument("--sentence", type=int, default=1, help="1: the sentence vector joins the text modality")
    ap.add_argument("--prior", help="features-text dir of the class descriptions (classes.csv): zero-shot prior")
    ap.add_argument("--exclude", help="JSON list of Pitt keys no training row may come from (evaluation images)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--sentiment-pos-weight", type=int, default=1, help="1: weight rare sentiments' positives")
    ap.add_argument("--balance-to", help="Pitt Topics_train.json: reweight rows to its topic distribution")
    ap.add_argument("--predictions-out", help="directory for per-row top-3 predictions of every --eval set")
    ap.add_argument("--scores-out", help="directory for every row's topic and sentiment probabilities (validation and "
                    "each --eval set, NAME.npz): what models/train/ensemble.py combines across seeds")
    ap.add_argument("--parity-out")
    ap.add_argument("--object-words", help="features-text dir of the 80 COCO class names (coco.csv): objects in words")
    ap.add_argument("--symbol-objects", help="features-text dir of symbol_objects.csv: Pitt symbol phrases as "
                    "pseudo-objects (object-only rows, and the objects of the slogan rows of the same image)")
    ap.add_argument("--visual-onnx", default="models/visual/visual.onnx", help="for the object vector's layout")
    ap.add_argument("--metrics-out", help="append a JSON line with this run's metrics")
    args = ap.parse_args()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)  # small matrices: one thread beat two for the GloVe head (0.10 vs 0.19 s/step)

    data = load(args.data)
    val, tr = split(data, args)
    tr = drop_excluded(tr, args)
    if args.extra_text:
        tr = concat(tr, text_rows(args, val))
    options = ABLATIONS[args.ablation]
    evals = [(spec.split("=", 1)[0], load(spec.split("=", 1)[1])) for spec in args.eval]
    val_raw, words_of = val, None
    if recipe(args, options, data["meta"])["objectWords"]:
        offset, _ = object_words.visual_contract(args.visual_onnx)
        table = object_words.name_table(load(args.object_words))
        words_of = (table, offset)
        tr, val = object_words.to_words(tr, table, offset), object_words.to_words(val, table, offset)
        evals = [(name, object_words.to_words(ev, table, offset)) for name, ev in evals]
        if args.symbol_objects:
            phrases = load(args.symbol_objects)
            groups = {k: v for k, v in object_words.symbol_objects(phrases).items() if k not in args.val_groups}
            if args.exclude:
                excluded = set(json.load(open(args.exclude, encoding="utf-8")))
                groups = {k: v for k, v in groups.items() if k not in excluded}
            fused = object_words.attach(tr, groups)
            tr = concat(tr, object_words.object_rows(phrases, groups, tr))
            print(f"objects in words: {len(groups)} images' symbol phrases as object rows, {fused} slogan rows "
                  f"with their image's symbols", file=sys.stderr)
    started = time.time()
    model, best_epoch = train(tr, val, args, options)
    seconds = time.time() - started

    val_probs = predict(model, val)
    thresholds = {
        "topic": calibrate(val_probs[0], val["topic_targets"], np.ones(len(val["keys"]), bool)),
        "sentiment": calibrate(val_probs[1], val["sentiment_targets"], val["sentiment_annotated"] > 0),
    }
    metrics = {"validation": evaluate(val_probs[:2], val, thresholds)}
    save_scores(args.scores_out, "validation", val_probs)
    for name, ev in evals:
        probs = predict(model, ev)
        metrics[name] = evaluate(probs[:2], ev, thresholds)
        save_scores(args.scores_out, name, probs)
        if args.predictions_out:  # error analysis: top-3 topics and the text modality weight per row
            os.makedirs(args.predictions_out, exist_ok=True)
            with open(os.path.join(args.predictions_out, name + ".jsonl"), "w", encoding="utf-8") as f:
                for i, key in enumerate(ev["keys"]):
                    top = np.argsort(-probs[0][i])[:3]
                    f.write(json.dumps({"key": key, "top3": [int(c) + 1 for c in top],
                                        "scores": [round(float(probs[0][i][c]), 3) for c in top],
                                        "truth": [int(c) + 1 for c in np.where(ev["topic_targets"][i] ==
                                                                               ev["topic_targets"][i].max())[0]],
                                        "modality": [round(float(x), 3) for x in probs[2][i]]}) + "\n")
    run = {"ablation": args.ablation, "recipe": {k: v for k, v in recipe(args, options, data["meta"]).items()}, "rows": {"train": len(tr["keys"]), "validation": len(val["keys"])},
           "epochs": args.epochs, "bestEpoch": best_epoch, "seed": args.seed, "seconds": round(seconds, 1),
           "metrics": metrics}
    print(json.dumps(run, indent=1))
    if args.metrics_out:
        with open(args.metrics_out, "a", encoding="utf-8") as f:
            f.write(json.dumps(run) + "\n")
    if args.no_export:
        return
    meta = data["meta"]
    head_json = {
        "format": "adlens-head-1",
        "version": f"head-2-{meta['words'].split('@')[0]}-seed{args.seed}",
        "dims": {"global": meta["globalDim"], "objects": meta["topL"], "objectDim": meta["objectDim"],
                 "words": meta["maxWords"], "wordDim": meta["wordDim"],
                 "sentence": int(meta.get("sentenceDim", 0)) if model.reads_sentence else 0},
        "objectScoreThreshold": OBJECT_SCORE_THRESHOLD,
        "objectWords": None if words_of is None else {
            "names": args.object_words, "classScoresOffset": words_of[1], "nameDim": int(words_of[0].shape[1]),
            "symbolObjects": args.symbol_objects,
            "description": "each detection is read as the text encoder's vector of its COCO class name (argmax of "
                           "its 80 class scores, a constant table in the graph); trained with Pitt symbol phrases "
                           "as pseudo-objects"},
        "visual": meta["visual"],
        "wordVectors": meta["words"],
        "topicIds": list(range(1, 39)),
        "sentimentIds": list(range(1, 31)),
        "thresholds": thresholds,
        "training": {"data": args.data, "extraText": args.extra_text, "exclude": args.exclude, "prior": args.prior,
                     "balanceTo": args.balance_to,
                     "description": "adlens synth corpus (Pitt TRAIN-split annotator slogans rendered as ads and "
                     "OCR-read, with those images' real annotator answers) through adlens features, plus real Pitt "
                     "TRAIN-split text as text-only rows (slogans per ad and per line, symbol phrases per ad; "
                     "adlens features-text); split 85/15 by Pitt source image; evaluation images excluded",
                     "lambdaRec": LAMBDA_REC, "optimizer": "AdamW lr=%g wd=%g, cosine, batch %d" % (args.lr, args.wd, args.batch),
                     "d": args.d, "dropout": args.dropout, "modalityDropout": args.modality_dropout,
                     **{k: v for k, v in run.items() if k != "metrics"}},
        "metrics": metrics,
    }
    if words_of is not None:
        model = ObjectWordsHead(model, *words_of)
    export(model, val_raw, args.out, head_json, args.parity_out)


if __name__ == "__main__":
    main()
