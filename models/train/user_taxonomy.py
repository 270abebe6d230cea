#!/usr/bin/env python3
"""A user's own taxonomy end to end: the web-ads researchers' product labels (Zeng et al., CHI 2021; format labels left
out) as adlens-taxonomy-1 files — zero-shot from a name and a one-line description written for adlens, and few-shot
with k = 1, 3, 5 example ads per class taken from web-ads TRAIN (images, read by adlens's own OCR at load) — each
labelled on web-ads DEV through `./adlens label --taxonomy FILE`.
  /usr/bin/python3 models/train/user_taxonomy.py WORK            (writes WORK/user-tax/*.json, runs, prints the curve)"""
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
KS = (0, 1, 3, 5)
SEED = 7


def main(work):
    labels = json.load(open(os.path.join(SHARED, "labels.json")))
    ignored = set(labels["format_labels_ignored"])
    ads = labels["ads"]
    classes = sorted({l for a in ads.values() for l in a["content_labels"] if l not in ignored})
    missing = set(classes) - set(DESCRIPTIONS)
    if missing:
        sys.exit(f"no description for {sorted(missing)}")
    out = os.path.join(work, "user-tax")
    os.makedirs(os.path.join(out, "examples"), exist_ok=True)
    rng = random.Random(SEED)
    train = {c: sorted(k for k, a in ads.items() if a["split"] == "train" and c in a["content_labels"]) for c in classes}
    chosen = {c: rng.sample(v, len(v)) for c, v in train.items()}  # a fixed order; k takes its first k
    for k in KS:
        cats = []
        for i, c in enumerate(classes):
            cat = {"id": f"c{i:02d}", "name": c, "description": DESCRIPTIONS[c]}
            ex = chosen[c][:k]
            if ex:
                for f in ex:
                    shutil.copy(os.path.join(SHARED, "images", f), os.path.join(out, "examples", f))
                cat["examples"] = [{"image": "examples/" + f} for f in ex]
            cats.append(cat)
        json.dump({"format": "adlens-taxonomy-1", "id": f"web-content-k{k}", "version": "1",
                   "name": f"web-ads product labels, {k} example ads per class", "categories": cats},
                  open(os.path.join(out, f"web-content-k{k}.json"), "w"), indent=1)
    dev = sorted(k for k, a in ads.items() if a["split"] == "dev")
    args = [os.path.join(ROOT, "adlens"), "label", "--workers", "2", "--out", os.path.join(out, "dev.jsonl")]
    for k in KS:
        args += ["--taxonomy", os.path.join(out, f"web-content-k{k}.json")]
    subprocess.run(args + [os.path.join(SHARED, "images", f) for f in dev], check=False, cwd=ROOT)
    names = {f"c{i:02d}": c for i, c in enumerate(classes)}
    curve = {}
    for line in open(os.path.join(out, "dev.jsonl")):
        r = json.loads(line)
        truth = {l for l in ads[r["image"].rsplit("/", 1)[-1]]["content_labels"] if l not in ignored}
        if r["status"] != "LABELED" or not truth:
            continue
        for k in KS:
            cats = sorted(r["taxonomies"][f"web-content-k{k}"]["categories"], key=lambda c: -c["score"])
            n, t1, t3 = curve.get(k, (0, 0, 0))
            curve[k] = (n + 1, t1 + (names[cats[0]["id"]] in truth),
                        t3 + any(names[c["id"]] in truth for c in cats[:3]))
    result = {f"k={k}": {"n": n, "top1": round(t1 / n, 3), "top3": round(t3 / n, 3)} for k, (n, t1, t3) in curve.items()}
    json.dump(result, open(os.path.join(out, "curve.json"), "w"), indent=1)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
