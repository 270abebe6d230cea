#!/usr/bin/env python3
"""A user's own taxonomy end to end: the web-ads researchers' product labels (Zeng et al., CHI 2021; format labels left
out) as adlens-taxonomy-1 files — names only; a name and a one-line description written for adlens; and few-shot with
k = 1, 3, 5 example ads per class taken from web-ads TRAIN (images, read by adlens at load) — each labelled through
`./adlens label --taxonomy FILE`, with what adlens knows borrowed (the default) and, for the ablation, with
`"transfer": false`.
  /usr/bin/python3 models/train/user_taxonomy.py WORK [SPLIT [PITT_WEIGHT]]   (SPLIT: dev, the default, or train;
                             PITT_WEIGHT: written into every borrowing file's "transfer" block instead of the default;
                             writes WORK/user-tax/*.json, runs, prints the table)
On train, example ads are left out of the scoring of the taxonomies that use them."""
import json, os, random, shutil, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(ROOT, "..", "shared", "web-ads")
DESCRIPTIONS = {
    "Apparel": "clothing, shoes and fashion accessories",
    "B2B Products": "products and services sold to businesses: business software, cloud, marketing, IT, logistics",
    "Banking/Credit Cards": "banks, checking accounts and credit cards",
    "Beauty Products": "cosmetics, skincare and hair care products",
    "COVID Products": "face masks, hand sanitizer, tests and other pandemic protection products",
    "Cars": "cars, trucks and car dealers",
    "Cell Service": "mobile phone carriers and plans",
    "Computer Security-related": "antivirus, VPN, password managers and cyber security",
    "Consumer Tech": "phones, computers, headphones, cameras and gadgets",
    "Dating": "dating sites and apps",
    "Education": "schools, universities, degrees and online courses",
    "Employment": "jobs, hiring and careers",
    "Entertainment": "movies, TV shows, streaming, music, books and games media",
    "Food and Drink": "food, snacks, drinks, restaurants and meal kits",
    "Games and Toys": "video games, mobile games and toys",
    "Genealogy": "family history, ancestry and DNA tests",
    "Gifts": "gifts, flowers and gift cards",
    "Health and Supplements": "health products, dietary supplements and remedies",
    "Household Products": "products for the home: cleaning, kitchen, furniture, tools",
    "Humanitarian": "charities, donations and relief",
    "Insurance": "car, home, life and health insurance",
    "Investment Pitch": "investing, stocks, gold and retirement money",
    "Legal Services": "lawyers, claims and legal help",
    "Medical Services and Prescriptions": "doctors, clinics, treatments and prescription drugs",
    "Mortgages": "home loans, mortgage rates and refinancing",
    "Pets": "pet food and supplies",
    "Political Campaign": "election campaigns and candidates asking for votes or donations",
    "Political Content": "political news, opinion and commentary",
    "Political Memorabilia": "political coins, hats and collectibles",
    "Political Poll": "polls and surveys about politicians and elections",
    "Public Records Service": "people search, background checks and public records",
    "Real Estate": "homes for sale, rentals and real estate agents",
    "Recreational Drugs": "cannabis, CBD and vaping",
    "Religious": "churches, faith and religious content",
    "Senior Living": "retirement communities and senior care",
    "Software Download": "apps, software and browser extensions to download",
    "Sports": "sports equipment, teams and events",
    "Travel": "flights, hotels, vacations and travel deals",
    "Wedding Services": "weddings, bridal and wedding planning",
    "Weapons": "guns, knives and weapons",
}
KS = (1, 3, 5)
SEED = 7


def variants():
    """(file id, descriptions?, k, transfer?, every) of every taxonomy written; examples go to every `every`-th label
    only (1: all; 2 and 8: a user who gave examples for some categories and not the others)."""
    out = [("names", False, 0, True, 1), ("names-plain", False, 0, False, 1), ("desc", True, 0, True, 1),
           ("desc-plain", True, 0, False, 1)]
    out += [(f"names-k{k}", False, k, True, 1) for k in KS] + [("names-k5-plain", False, 5, False, 1)]
    out += [("names-k5-half", False, 5, True, 2), ("names-k5-eighth", False, 5, True, 8)]
    return out


def product_labels():
    """web-ads' ads, its format labels (left out) and the 40 product labels the user taxonomies are made of."""
    labels = json.load(open(os.path.join(SHARED, "labels.json"), encoding="utf-8"))
    ignored = set(labels["format_labels_ignored"])
    ads = labels["ads"]
    return ads, ignored, sorted({l for a in ads.values() for l in a["content_labels"] if l not in ignored})


def main(work, split="dev", pitt_weight=None):
    ads, ignored, classes = product_labels()
    missing = set(classes) - set(DESCRIPTIONS)
    if missing:
        sys.exit(f"no description for {sorted(missing)}")
    out = os.path.join(work, "user-tax")
    os.makedirs(os.path.join(out, "examples"), exist_ok=True)
    rng = random.Random(SEED)
    train = {c: sorted(k for k, a in ads.items() if a["split"] == "train" and c in a["content_labels"]) for c in classes}
    chosen = {c: rng.sample(v, len(v)) for c, v in train.items()}  # a fixed order; k takes its first k
    for vid, desc, k, transfer, every in variants():
        cats = []
        for i, c in enumerate(classes):
            cat = {"id": f"c{i:02d}", "name": c}
            if desc:
                cat["description"] = DESCRIPTIONS[c]
            ex = chosen[c][:k] if i % every == 0 else []
            if ex:
                for f in ex:
                    shutil.copy(os.path.join(SHARED, "images", f), os.path.join(out, "examples", f))
                cat["examples"] = [{"image": "examples/" + f} for f in ex]
            cats.append(cat)
        doc = {"format": "adlens-taxonomy-1", "id": f"web-{vid}", "version": "1",
               "name": f"web-ads product labels ({vid})", "categories": cats}
        if not transfer:
            doc["transfer"] = False
        elif pitt_weight is not None:
            doc["transfer"] = {"pittWeight": float(pitt_weight)}
        json.dump(doc, open(os.path.join(out, f"web-{vid}.json"), "w"), indent=1)
    scored = sorted(k for k, a in ads.items() if a["split"] == split)
    args = [os.path.join(ROOT, "adlens"), "label", "--workers", "2", "--out", os.path.join(out, f"{split}.jsonl")]
    for vid, *_ in variants():
        args += ["--taxonomy", os.path.join(out, f"web-{vid}.json")]
    subprocess.run(args + [os.path.join(SHARED, "images", f) for f in scored], check=False, cwd=ROOT)
    names = {f"c{i:02d}": c for i, c in enumerate(classes)}
    examples = {vid: {f for i, c in enumerate(classes) if i % every == 0 for f in chosen[c][:k]}
                for vid, _, k, _, every in variants()}
    table = {}
    for line in open(os.path.join(out, f"{split}.jsonl")):
        r = json.loads(line)
        image = r["image"].rsplit("/", 1)[-1]
        truth = {l for l in ads[image]["content_labels"] if l not in ignored}
        if r["status"] != "LABELED" or not truth:
            continue
        for vid, *_ in variants():
            if image in examples[vid]:
                continue
            cats = sorted(r["taxonomies"][f"web-{vid}"]["categories"], key=lambda c: -c["score"])
            n, t1, t3 = table.get(vid, (0, 0, 0))
            table[vid] = (n + 1, t1 + (names[cats[0]["id"]] in truth),
                          t3 + any(names[c["id"]] in truth for c in cats[:3]))
    result = {vid: {"n": n, "top1": round(t1 / n, 3), "top3": round(t3 / n, 3)} for vid, (n, t1, t3) in table.items()}
    json.dump(result, open(os.path.join(out, f"table-{split}.json"), "w"), indent=1)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], *sys.argv[2:4])
