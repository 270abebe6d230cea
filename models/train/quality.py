#!/usr/bin/env python3
"""Fits the ad-quality model (models/quality/quality.json) on web-ads TRAIN and reports it once on web-ads dev.

  ./adlens quality-features ../shared/web-ads/images --out WORK/features.jsonl
  /usr/bin/python3 models/train/quality.py WORK/features.jsonl [SHARED] [--write]

What it learns: for each opinion of Zeng et al. (CHI 2021) that adlens scores (clickbait, deceptive, manipulative,
distasteful), the share of viewers who called the ad so (`opinion_label_dist`), from what labeling already computes
of the ad (QualitySignals: the text encoder's sentence vector of the OCR text, log(1 + OCR words), nsfwjs's five adult
scores). Per opinion: an L2 logistic regression on the standardised features fitted on the share itself (soft
targets: the cross-entropy of a share is minimised by predicting that share), then Platt recalibration
(sigmoid(a * logit + b)) fitted on out-of-fold predictions, so that a score reads as the share of viewers who would
say so. Feature set and L2 strength are chosen per opinion by repeated 5-fold cross-validation on TRAIN (the mean
soft log-loss of the recalibrated out-of-fold predictions); web-ads dev is read only at the end, for the report.
Baselines, fitted on TRAIN the same way and reported on dev beside the model: the ad's format labels alone (the
researchers' `Native`, `Advertorial`, ... one-hot), the OCR text length, a bag of words of the OCR text.

The ad's format (the researchers' format labels: `Image`, `Native`, `Advertorial`, `Google Responsive`, ...): per
format with at least FORMAT_MIN_POSITIVES train ads, the same regression on the label itself (0/1) with the visual
model's global vector (MobileNetV2 ++ the detector's pooled backbone, 2272-d) as a further input, its feature set
and L2 chosen by the same cross-validation, Platt-recalibrated so that a score reads as the chance the researchers
would label the ad so. A format ships only when its cross-validated ROC-AUC on TRAIN reaches FORMAT_MIN_AUC (fixed
before dev was read); dev is scored once, beside the OCR-length and bag-of-words baselines.

--cv-only stops before dev (for checking the script). --write writes models/quality/quality.json and src/test/resources/quality/parity.json (fixed synthetic inputs and
the scores this script computes for them from the written file: QualityModelTest's reference). Deterministic.
"""
import json, math, os, re, sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OPINIONS = ["clickbait", "deceptive", "manipulative", "distasteful"]
ADULT = ["drawing", "hentai", "neutral", "porn", "sexy"]
LAMBDAS = [1, 3, 10, 30, 100, 300, 1000, 3000]
FEATURE_SETS = {"sentence": "sentence vector only", "all": "sentence + log(1 + words) + adult scores",
                "global": "the visual global vector only", "all+global": "all of them"}
# formats: the researchers' labels with enough train ads to learn and check, under the keys the labels carry
FORMAT_KEYS = {"Image": "image", "Google Responsive": "googleResponsive", "Native": "native",
               "Advertorial": "advertorial", "Sponsored Content": "sponsoredContent", "Self-Link": "selfLink",
               "Sponsored Search": "sponsoredSearch"}
FORMAT_MIN_POSITIVES, FORMAT_MIN_AUC = 15, 0.80
FOLDS, REPEATS, SEED = 5, 4, 13
WIDE = 1000  # fit_logistic's row-span solution from this many features (the opinions' 390 are fitted directly)
VERSION = "quality-2-web-ads-train"
BOW_VOCAB = 300  # the bag-of-words baseline: the most frequent train words (in >= 2 train ads)


def sigmoid(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))


def fit_logistic(X, y, lam, iters=50):
    """L2 logistic regression on soft targets y in [0,1] by Newton's method; the bias is not penalised. With far more
    features than rows (the visual global vector) it is solved in the rows' span, X = U S V^T: the penalised optimum
    lies there (w = V beta, |w| = |beta|), so it is the same fit at n x n instead of d x d per Newton step."""
    n, d = X.shape
    if d > WIDE and d > n:
        U, S, Vt = np.linalg.svd(X, full_matrices=False)
        beta, bias = fit_logistic(U * S, y, lam, iters)
        return Vt.T @ beta, bias
    Xb = np.hstack([X, np.ones((n, 1))])
    w = np.zeros(d + 1)
    w[-1] = math.log((y.mean() + 1e-3) / (1 - y.mean() + 1e-3))
    reg = np.full(d + 1, float(lam))
    reg[-1] = 0
    for _ in range(iters):
        p = sigmoid(Xb @ w)
        g = Xb.T @ (p - y) + reg * w
        H = (Xb * (p * (1 - p))[:, None]).T @ Xb + np.diag(reg) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(H, g)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w[:-1], w[-1]


def fit_platt(z, y):
    """a, b minimising the soft log-loss of sigmoid(a z + b) against y (Newton, tiny ridge for stability)."""
    a, b = 1.0, 0.0
    for _ in range(100):
        p = sigmoid(a * z + b)
        r = p - y
        s = p * (1 - p)
        g = np.array([np.sum(r * z), np.sum(r)])
        H = np.array([[np.sum(s * z * z), np.sum(s * z)], [np.sum(s * z), np.sum(s)]]) + 1e-6 * np.eye(2)
        step = np.linalg.solve(H, g)
        a, b = a - step[0], b - step[1]
        if np.max(np.abs(step)) < 1e-12:
            break
    return float(a), float(b)


def logloss(p, y):
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def ranks(x):
    order = np.argsort(x, kind="mergesort")
    r = np.empty(len(x))
    xs = x[order]
    i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and xs[j + 1] == xs[i]:
            j += 1
        r[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(a, b):
    ra, rb = ranks(np.asarray(a, float)), ranks(np.asarray(b, float))
    return float(np.corrcoef(ra, rb)[0, 1])


def auc(score, positive):
    positive = np.asarray(positive, bool)
    if positive.all() or not positive.any():
        return float("nan")
    r = ranks(np.asarray(score, float))
    n1, n0 = positive.sum(), (~positive).sum()
    return float((r[positive].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def folds(n, seed):
    rng = np.random.RandomState(seed)
    idx = rng.permutation(n)
    return [idx[k::FOLDS] for k in range(FOLDS)]


def oof(X, y, lam, repeats=REPEATS):
    """Out-of-fold logits, `repeats` times (each an array over all rows)."""
    out = []
    for r in range(repeats):
        z = np.zeros(len(y))
        for test in folds(len(y), SEED + r):
            train = np.setdiff1d(np.arange(len(y)), test)
            w, b = fit_logistic(X[train], y[train], lam)
            z[test] = X[test] @ w + b
        out.append(z)
    return out


def standardise(X, mean=None, scale=None):
    if mean is None:
        mean, scale = X.mean(0), X.std(0)
        scale = np.where(scale < 1e-6, 1.0, scale)
    return (X - mean) / scale, mean, scale


def select(X, y, columns):
    """(feature set, lambda, platt, cv) minimising the recalibrated out-of-fold soft log-loss."""
    best = None
    for fs, cols in columns.items():
        for lam in LAMBDAS:
            zs = oof(X[:, cols], y, lam)
            z, yy = np.concatenate(zs), np.tile(y, REPEATS)
            a, b = fit_platt(z, yy)
            p = sigmoid(a * z + b)
            cv = {"logloss": logloss(p, yy),
                  "auc": float(np.nanmean([auc(zr, y >= 0.5) for zr in zs])),
                  "spearman": float(np.mean([spearman(zr, y) for zr in zs]))}
            if best is None or cv["logloss"] < best[3]["logloss"]:
                best = (fs, lam, (a, b), cv)
    return best


def tokens(text):
    return set(re.findall(r"[a-z][a-z']+", (text or "").lower()))


def main(features_path, shared, write, cv_only):
    labels = json.load(open(os.path.join(shared, "web-ads", "labels.json")))
    formats = sorted(labels["format_labels_ignored"])
    rows = {"train": [], "dev": []}
    for line in open(features_path, encoding="utf-8"):
        r = json.loads(line)
        ad = labels["ads"].get(os.path.basename(r["image"]))
        if ad is None:
            continue  # not a web-ads image (dev41 rows of the same dump)
        if "error" in r:
            raise SystemExit("quality.py: %s failed in the dump: %s" % (r["image"], r["error"]))
        rows[ad["split"]].append((r, ad))
    print("rows: train %d, dev %d" % (len(rows["train"]), len(rows["dev"])), file=sys.stderr)

    def matrix(split):
        feats, shares, fmt, text = [], [], [], []
        for r, ad in rows[split]:
            adult = r["adult"] if r["adult"] is not None else [np.nan] * 5
            feats.append(r["sentence"] + [math.log1p(r["words"])] + adult + r["global"])
            shares.append([ad["opinion_label_dist"][o] for o in OPINIONS])
            fmt.append([1.0 if f in ad["content_labels"] else 0.0 for f in formats])
            text.append(r.get("text", ""))
        return np.array(feats, float), np.array(shares, float), np.array(fmt), text

    Xtr_raw, Ytr, Ftr, Ttr = matrix("train")
    Xdv_raw, Ydv, Fdv, Tdv = matrix("dev")
    G = len(rows["train"][0][0]["global"])
    D = Xtr_raw.shape[1] - 6 - G
    Xtr, mean, scale = standardise(Xtr_raw)
    Xdv, _, _ = standardise(Xdv_raw, mean, scale)
    Xdv = np.nan_to_num(Xdv)  # an unmeasured adult score counts as the training mean, as QualityModel does
    columns = {"sentence": list(range(D)), "all": list(range(D + 6))}  # the opinions' candidates
    format_columns = {"all": list(range(D + 6)), "global": list(range(D + 6, D + 6 + G)),
                      "all+global": list(range(D + 6 + G))}

    model = {"format": "adlens-quality-2", "version": VERSION,
             "source": "web-ads train (../shared/web-ads, eric-zeng/chi-bad-ads-data @ %s), %d ads; "
                       "models/train/quality.py" % (labels.get("commit", "?"), len(Ytr)),
             "features": {"sentence": D, "logWords": True, "adult": ADULT, "global": G},
             "mean": [float(np.float32(v)) for v in mean], "scale": [float(np.float32(v)) for v in scale],
             "opinions": {}, "formats": {}}
    report = {"train": len(Ytr), "dev": len(Ydv), "opinions": {}, "formats": {}}
    for k, name in enumerate(OPINIONS):
        y = Ytr[:, k]
        fs, lam, (a, b), cv = select(Xtr, y, columns)
        cols = columns[fs]
        w, bias = fit_logistic(Xtr[:, cols], y, lam)
        weights = np.zeros(D + 6 + G)
        weights[cols] = w
        model["opinions"][name] = {"features": fs, "l2": lam, "weights": [float(np.float32(v)) for v in weights],
                                   "bias": float(np.float32(bias)),
                                   "platt": {"a": float(np.float32(a)), "b": float(np.float32(b))}}
        report["opinions"][name] = {"features": fs, "l2": lam, "cv": cv,
                                    "trainPositives": int((y >= 0.5).sum()), "devPositives": int((Ydv[:, k] >= 0.5).sum())}
    for label in formats:
        k = formats.index(label)
        y = Ftr[:, k]
        if label not in FORMAT_KEYS or y.sum() < FORMAT_MIN_POSITIVES:
            continue
        fs, lam, (a, b), cv = select(Xtr, y, format_columns)
        rep_ = {"label": label, "features": fs, "l2": lam, "cv": cv, "trainPositives": int(y.sum()),
                "devPositives": int(Fdv[:, k].sum()), "shipped": cv["auc"] >= FORMAT_MIN_AUC}
        report["formats"][FORMAT_KEYS[label]] = rep_
        if not rep_["shipped"]:
            continue
        cols = format_columns[fs]
        w, bias = fit_logistic(Xtr[:, cols], y, lam)
        weights = np.zeros(D + 6 + G)
        weights[cols] = w
        model["formats"][FORMAT_KEYS[label]] = {
            "label": label, "features": fs, "l2": lam, "weights": [float(np.float32(v)) for v in weights],
            "bias": float(np.float32(bias)), "platt": {"a": float(np.float32(a)), "b": float(np.float32(b))}}
    if cv_only:
        print(json.dumps(report, indent=1))
        return
    # dev, once: the model as written (float32 weights), and the baselines fitted on train
    pdv = score_all(model, Xdv_raw)
    words_tr, words_dv = Xtr_raw[:, D], Xdv_raw[:, D]
    df = {}
    for t in Ttr:
        for v in tokens(t):
            df[v] = df.get(v, 0) + 1
    vocab = sorted(sorted(v for v in df if df[v] >= 2), key=lambda v: -df[v])[:BOW_VOCAB]
    bow = lambda texts: np.array([[1.0 if v in tokens(t) else 0.0 for v in vocab] for t in texts])
    Btr, Bdv = bow(Ttr), bow(Tdv)
    for k, name in enumerate(OPINIONS):
        y, ydv = Ytr[:, k], Ydv[:, k]
        rep = report["opinions"][name]
        rep["dev"] = {"auc": auc(pdv[:, k], ydv >= 0.5), "spearman": spearman(pdv[:, k], ydv),
                      "meanScore": float(pdv[:, k].mean()), "meanShare": float(ydv.mean()),
                      "mae": float(np.mean(np.abs(pdv[:, k] - ydv))), "logloss": logloss(pdv[:, k], ydv)}
        sign = 1 if spearman(words_tr, y) >= 0 else -1  # the length baseline's direction, from train
        base = {"length": sign * words_dv}
        for bname, (Btr_, Bdv_) in {"format": (Ftr, Fdv), "bow": (Btr, Bdv)}.items():
            # one 5-fold pass per lambda (a baseline's choice, cheaper than the model's four)
            lam = min(LAMBDAS, key=lambda l: logloss(sigmoid(oof(Btr_, y, l, 1)[0]), y))
            w, b0 = fit_logistic(Btr_, y, lam)
            base[bname] = Bdv_ @ w + b0
        rep["baselines"] = {bn: {"auc": auc(s, ydv >= 0.5), "spearman": spearman(s, ydv)} for bn, s in base.items()}
    fdv = score_formats(model, Xdv_raw)
    for key, rep in report["formats"].items():
        k = formats.index(rep["label"])
        y, ydv = Ftr[:, k], Fdv[:, k]
        base = {"length": (1 if spearman(words_tr, y) >= 0 else -1) * words_dv}
        for bname, (Btr_, Bdv_) in {"bow": (Btr, Bdv), "opinion inputs": (Xtr[:, columns["all"]], Xdv[:, columns["all"]])}.items():
            lam = min(LAMBDAS, key=lambda l: logloss(sigmoid(oof(Btr_, y, l, 1)[0]), y))
            w, b0 = fit_logistic(Btr_, y, lam)
            base[bname] = Bdv_ @ w + b0
        rep["baselines"] = {bn: auc(s, ydv >= 0.5) for bn, s in base.items()}
        if key in fdv:
            rep["dev"] = {"auc": auc(fdv[key], ydv >= 0.5), "meanScore": float(fdv[key].mean()),
                          "share": float(ydv.mean())}
    print(json.dumps(report, indent=1))
    print_table(report)
    if write:
        out = os.path.join(ROOT, "models", "quality", "quality.json")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w") as f:
            json.dump(model, f, separators=(",", ":"))
            f.write("\n")
        write_parity(json.load(open(out)), D)
        print("wrote %s" % out, file=sys.stderr)


def score_all(model, X_raw):
    """Exactly what QualityModel.score computes, from the model as written (float32 values), in float64."""
    mean, scale = np.array(model["mean"]), np.array(model["scale"])
    z = np.nan_to_num((X_raw - mean) / scale)
    out = np.zeros((len(X_raw), len(OPINIONS)))
    for k, name in enumerate(OPINIONS):
        o = model["opinions"][name]
        logit = z @ np.array(o["weights"]) + o["bias"]
        out[:, k] = sigmoid(o["platt"]["a"] * logit + o["platt"]["b"])
    return out


def score_formats(model, X_raw):
    """What QualityModel.score computes for the formats, per format key (an ad without a picture has none)."""
    mean, scale = np.array(model["mean"]), np.array(model["scale"])
    z = np.nan_to_num((X_raw - mean) / scale)
    return {key: sigmoid(f["platt"]["a"] * (z @ np.array(f["weights"]) + f["bias"]) + f["platt"]["b"])
            for key, f in model["formats"].items()}


def write_parity(model, D):
    """Fixed synthetic inputs (no ad's data) and their scores: the Java side must give the same to ~1e-6."""
    rng = np.random.RandomState(7)
    G = model["features"]["global"]
    cases = []
    for i in range(6):
        sentence = rng.normal(0, 1, D)
        sentence = (sentence / np.linalg.norm(sentence)).astype(np.float32)
        words = int(rng.randint(0, 120))
        adult = None if i == 5 else rng.dirichlet(np.ones(5)).astype(np.float32)
        # the visual global vector: non-negative pooled activations; absent (an ad without a picture) in case 4
        glob = None if i == 4 else np.abs(rng.normal(0, 1, G)).astype(np.float32)
        x = np.concatenate([sentence.astype(float), [math.log1p(words)],
                            adult.astype(float) if adult is not None else [np.nan] * 5,
                            glob.astype(float) if glob is not None else [np.nan] * G])
        s = score_all(model, x[None, :])[0]
        f = {k: float(v[0]) for k, v in score_formats(model, x[None, :]).items()} if glob is not None else {}
        cases.append({"sentence": [float(v) for v in sentence], "words": words,
                      "adult": None if adult is None else [float(v) for v in adult],
                      "global": None if glob is None else [float(v) for v in glob],
                      "scores": dict(zip(OPINIONS, [float(v) for v in s])), "formats": f})
    out = os.path.join(ROOT, "src", "test", "resources", "quality", "parity.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump({"generatedBy": "models/train/quality.py", "model": model["version"], "cases": cases}, f)
        f.write("\n")


def print_table(report):
    print("\n| opinion | positives train/dev | features, L2 | CV AUC (train) | dev ROC-AUC | dev Spearman | "
          "format AUC / ρ | length AUC / ρ | bag of words AUC / ρ | dev mean score / share |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in report["opinions"].items():
        b = r["baselines"]
        print("| %s | %d / %d | %s, %g | %.3f | **%.3f** | %.3f | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f |"
              % (name, r["trainPositives"], r["devPositives"], r["features"], r["l2"], r["cv"]["auc"],
                 r["dev"]["auc"], r["dev"]["spearman"], b["format"]["auc"], b["format"]["spearman"],
                 b["length"]["auc"], b["length"]["spearman"], b["bow"]["auc"], b["bow"]["spearman"],
                 r["dev"]["meanScore"], r["dev"]["meanShare"]))
    print("\n| format | positives train/dev | features, L2 | CV AUC (train) | shipped | dev ROC-AUC | opinion inputs only AUC | "
          "length AUC | bag of words AUC | dev mean score / share |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for key, r in report["formats"].items():
        d = r.get("dev", {})
        b = r.get("baselines", {})
        print("| %s (`%s`) | %d / %d | %s, %g | %.3f | %s | %s | %s | %s | %s | %s |"
              % (r["label"], key, r["trainPositives"], r["devPositives"], r["features"], r["l2"], r["cv"]["auc"],
                 "yes" if r["shipped"] else "no", "**%.3f**" % d["auc"] if d else "—",
                 "%.3f" % b["opinion inputs"] if b else "—", "%.3f" % b["length"] if b else "—",
                 "%.3f" % b["bow"] if b else "—", "%.3f / %.3f" % (d["meanScore"], d["share"]) if d else "—"))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        raise SystemExit(__doc__)
    main(args[0], args[1] if len(args) > 1 else os.path.join(ROOT, "..", "shared"), "--write" in sys.argv,
         "--cv-only" in sys.argv)
