#!/usr/bin/env python3
"""Who buys each sector's consumer goods: US personal consumption by income decile mapped to the ten sectors.

Reads (nothing else):
  data/distribution/sources/distributional_pce_2023.csv  BLS/BEA distribution of PCE, 2023, 16 categories x deciles
  data/distribution/sources/decile_parameters.csv         household income by decile (CBO, via the Yale Budget Lab)
  data/sources/use_summary_2024_full.csv                  BEA 2024 use table (PCE column F010, purchasers' prices)
  data/sources/import_matrix_summary_2024_full.csv        BEA 2024 import matrix (F050, for the margin split)
Writes:
  data/distribution/us-pce-by-decile-2023.csv             sector x decile: percent of the sector's PCE bought by
                                                          each decile, and the sector's PCE at producer value
  data/distribution/us-income-by-decile.csv               decile, household income (US$)

Every step is described in data/distribution/README.md. Python standard library only.
"""

import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
DIST = os.path.join(DATA, "distribution")
SOURCES = os.path.join(DATA, "sources")

SECTORS = ["agri_food", "energy", "metals", "minerals", "vehicles", "chemicals", "machinery", "wood_paper",
           "other_mfg", "services"]

# BEA summary commodity -> sector: data/BASELINE.md section 1a (the baseline's own crosswalk); anything not listed
# is services.
BEA_TO_SECTOR = {
    "111CA": "agri_food", "113FF": "agri_food", "311FT": "agri_food",
    "211": "energy", "213": "energy", "22": "energy", "324": "energy",
    "331": "metals", "332": "metals",
    "212": "minerals",
    "3361MV": "vehicles",
    "325": "chemicals", "326": "chemicals",
    "333": "machinery", "334": "machinery", "335": "machinery",
    "321": "wood_paper", "322": "wood_paper", "323": "wood_paper",
    "327": "other_mfg", "3364OT": "other_mfg", "337": "other_mfg", "339": "other_mfg", "313TT": "other_mfg",
    "315AL": "other_mfg",
}

# Step 1: each of the 16 PCE categories of the distribution (BEA's major PCE groups, NIPA table 2.4.5) is made of
# BEA summary commodities. Within a category, each commodity weighs its 2024 PCE at purchasers' prices (use table,
# column F010); a commodity listed in several categories weighs its whole F010 in each (an estimate: the use table
# does not split a commodity's PCE between categories). Services categories are services (utilities apart).
CATEGORY_COMMODITIES = {
    "4": ["3361MV", "Used"],                                   # new and net used vehicles, parts
    "5": ["337", "335", "332", "327", "313TT", "333"],         # furniture, appliances, housewares, textiles, tools
    "6": ["334", "3364OT", "339"],                             # video, audio, computers; boats and RVs; sports, toys
    "7": ["339", "334", "315AL", "323"],                       # jewellery, therapeutic appliances, phones, luggage, books
    "9": ["311FT", "111CA", "113FF"],                          # food and beverages off premises
    "10": ["315AL", "313TT"],                                  # clothing and footwear
    "11": ["324"],                                             # motor fuel, fuel oil
    "12": ["325", "326", "322", "323"],                        # medicines, household and personal care supplies, paper
    "15": ["HS", "22"],                                        # housing; household utilities (electricity, gas, water)
    "16": [], "17": [], "18": [], "19": [], "20": [], "21": [], "22": [],
}


def read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def num(text):
    text = (text or "").strip()
    return 0.0 if text in ("", "---") else float(text)


def bea_tables():
    rows = read(os.path.join(SOURCES, "use_summary_2024_full.csv"))
    header = rows[0]
    col = {c: i for i, c in enumerate(header)}
    body = {r[0]: r for r in rows[2:]}
    imp = read(os.path.join(SOURCES, "import_matrix_summary_2024_full.csv"))
    imp_body = {r[0]: r for r in imp[2:]}
    f050 = imp[0].index("F050")
    pce = {}
    producer_ratio = {}
    for com, row in body.items():
        pce[com] = num(row[col["F010"]])
        sector = BEA_TO_SECTOR.get(com, "services")
        # Step 2, the baseline's margin split (data/BASELINE.md 5a): the producer-value part of a goods commodity
        # is r_k = (output T018 + imports) / total use T019, at most 1; utilities keep r = 1; the rest, wholesale,
        # retail and transport margins, is services.
        if sector == "services" or com == "22" or com not in imp_body:
            producer_ratio[com] = 1.0
        else:
            supply = num(body["T018"][col[com]]) - num(imp_body[com][f050])
            producer_ratio[com] = min(1.0, supply / num(row[col["T019"]]))
    return pce, producer_ratio


def category_weights(pce, producer_ratio):
    """Sector weights of each category at producer value (services include the margins), summing to 1."""
    weights = {}
    for cat, coms in CATEGORY_COMMODITIES.items():
        w = {s: 0.0 for s in SECTORS}
        if not coms:
            w["services"] = 1.0
        else:
            total = sum(pce[c] for c in coms)
            for c in coms:
                share = pce[c] / total
                w[BEA_TO_SECTOR.get(c, "services")] += share * producer_ratio[c]
                w["services"] += share * (1.0 - producer_ratio[c])
        weights[cat] = w
    return weights


def main():
    pce, producer_ratio = bea_tables()
    weights = category_weights(pce, producer_ratio)
    dist = read(os.path.join(DIST, "sources", "distributional_pce_2023.csv"))
    head = dist[0]
    deciles = ["d%d" % d for d in range(1, 11)]
    spend = {s: [0.0] * 10 for s in SECTORS}       # US$ bn of 2023 by sector and decile (producer value)
    all_pce = [0.0] * 10
    for row in dist[1:]:
        rec = dict(zip(head, row))
        total = float(rec["total_billions"])
        shares = [float(rec[d]) for d in deciles]
        norm = sum(shares)                         # the published shares add up to 100 within 0.02 (rounding)
        for d in range(10):
            value = total * shares[d] / norm
            all_pce[d] += value
            # Step 3: a category's spending by decile goes to the sectors by the category's weights.
            for s in SECTORS:
                spend[s][d] += value * weights[rec["pce_mp"]][s]
    out = os.path.join(DIST, "us-pce-by-decile-2023.csv")
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["sector", "pce_busd_2023"] + deciles)
        for s in SECTORS:
            total = sum(spend[s])
            # Step 4: the share of the sector's consumer purchases made by each decile, percent, 6 decimals. A
            # sector no category reaches (minerals) is bought like all of PCE (an estimate for a tiny share).
            by_decile = spend[s] if total > 0 else all_pce
            norm = sum(by_decile)
            w.writerow([s, "%.1f" % total] + ["%.6f" % (100.0 * v / norm) for v in by_decile])
        total = sum(all_pce)
        w.writerow(["all_pce", "%.1f" % total] + ["%.6f" % (100.0 * v / total) for v in all_pce])
    params = read(os.path.join(DIST, "sources", "decile_parameters.csv"))
    with open(os.path.join(DIST, "us-income-by-decile.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["decile", "income_usd"])
        for row in params[1:]:
            w.writerow([row[0], row[1]])
    for c in sorted(CATEGORY_COMMODITIES, key=int):
        print(c, {s: round(v, 3) for s, v in weights[c].items() if v > 0})
    for s in SECTORS:
        print("%-10s %8.1f bn" % (s, sum(spend[s])))


if __name__ == "__main__":
    main()
