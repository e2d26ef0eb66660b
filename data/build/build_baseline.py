#!/usr/bin/env python3
"""Build the North American baseline economy (2024) from the files in data/sources/.

Run from the repository root:  python3 data/build/build_baseline.py

Writes data/north-america-2024.json (economy format, see data/README.md) and
data/north-america-2024-provenance.csv (one row per figure), runs self-checks and
prints a summary. Exits with status 1 if any check fails. Standard library only and
deterministic: the same sources always give byte-identical outputs.

Every rule used here is written out, in the same order, in data/BASELINE.md.
"""

import csv
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
SOURCES = os.path.join(DATA, "sources")
OUT_JSON = os.path.join(DATA, "north-america-2024.json")
OUT_PROV = os.path.join(DATA, "north-america-2024-provenance.csv")

COUNTRIES = ["USA", "CAN", "MEX", "CHN", "ROW"]
COUNTRY_NAMES = ["United States", "Canada", "Mexico", "China", "Rest of world"]
USA, CAN, MEX, CHN, ROW = range(5)
SECTORS = ["agri_food", "energy", "metals", "minerals", "vehicles",
           "chemicals", "machinery", "wood_paper", "other_mfg", "services"]
SECTOR_NAMES = [
    "Agriculture & food",
    "Energy (oil, gas, refined products, electricity)",
    "Steel, aluminum & other metals",
    "Critical minerals & other mining",
    "Motor vehicles & parts",
    "Chemicals & pharmaceuticals",
    "Machinery & electronics",
    "Wood, lumber & paper",
    "Other manufacturing",
    "Services",
]
N = len(COUNTRIES)
J = len(SECTORS)
GOODS = list(range(9))
SVC = 9
S = {name: idx for idx, name in enumerate(SECTORS)}

# ---------------------------------------------------------------------------
# Crosswalks
# ---------------------------------------------------------------------------

# BEA summary industries/commodities (71 + "Used" + "Other") -> project sector.
# Anything not listed here is services (construction, trade, transport, information,
# finance, real estate, professional services, health, education, government, and the
# commodity rows "Used" (scrap and second-hand goods) and "Other" (noncomparable imports
# and rest-of-world adjustment)).
BEA_TO_SECTOR = {
    "111CA": "agri_food",   # farms
    "113FF": "agri_food",   # forestry, fishing and related: kept with agriculture (see BASELINE.md)
    "311FT": "agri_food",   # food, beverage and tobacco products
    "211": "energy",        # oil and gas extraction
    "213": "energy",        # support activities for mining (mostly oil and gas field services)
    "22": "energy",         # utilities (electricity, gas distribution, water)
    "324": "energy",        # petroleum and coal products
    "331": "metals",        # primary metals
    "332": "metals",        # fabricated metal products
    "212": "minerals",      # mining except oil and gas
    "3361MV": "vehicles",   # motor vehicles, bodies, trailers and parts
    "325": "chemicals",     # chemical products (incl. pharmaceuticals)
    "326": "chemicals",     # plastics and rubber products
    "333": "machinery",     # machinery
    "334": "machinery",     # computer and electronic products
    "335": "machinery",     # electrical equipment, appliances and components
    "321": "wood_paper",    # wood products
    "322": "wood_paper",    # paper products
    "323": "wood_paper",    # printing (GTAP ppp also holds paper products and publishing)
    "327": "other_mfg",     # nonmetallic mineral products (GTAP nmm -> other_mfg)
    "3364OT": "other_mfg",  # other transportation equipment (GTAP otn -> other_mfg)
    "337": "other_mfg",     # furniture
    "339": "other_mfg",     # miscellaneous manufacturing
    "313TT": "other_mfg",   # textile mills
    "315AL": "other_mfg",   # apparel and leather
}

# GTAP -> project sector (facts-more.md s1a).
GTAP_TO_SECTOR = {}
for _codes, _sec in [
    ("pdr wht gro v_f osd c_b pfb ocr ctl oap rmk wol fsh cmt omt vol mil pcr sgr ofd b_t", "agri_food"),
    ("coa oil gas p_c ely", "energy"),
    ("i_s nfm fmp", "metals"),
    ("oxt", "minerals"),
    ("mvh", "vehicles"),
    ("chm bph rpp", "chemicals"),
    ("ele eeq ome", "machinery"),
    ("frs lum ppp", "wood_paper"),
    ("tex wap lea nmm otn omf", "other_mfg"),
]:
    for _c in _codes.split():
        GTAP_TO_SECTOR[_c] = _sec

# GTAP -> Caliendo-Parro (2015) sector, for the theta weights.
GTAP_TO_CP = {}
for _codes, _cp in [
    ("pdr wht gro v_f osd c_b pfb ocr ctl oap rmk wol fsh frs", "agriculture"),
    ("coa oil gas oxt", "mining"),
    ("cmt omt vol mil pcr sgr ofd b_t", "food"),
    ("tex wap lea", "textile"),
    ("lum", "wood"),
    ("ppp", "paper"),
    ("p_c", "petroleum"),
    ("chm bph", "chemicals"),
    ("rpp", "plastic"),
    ("nmm", "minerals"),
    ("i_s nfm", "basic_metals"),
    ("fmp", "metal_products"),
    ("ome", "machinery_nec"),
    ("ele", "ele_mix"),          # mean of office, communication, medical (see BASELINE.md)
    ("eeq", "electrical"),
    ("mvh", "auto"),
    ("otn", "other_transport"),
    ("omf", "other"),
    ("ely", "mining"),           # electricity has no CP tradable sector: take the mining value
]:
    for _c in _codes.split():
        GTAP_TO_CP[_c] = _cp

# USITC 2016 sectors of US exports to Canada -> project sectors (fractions).
USITC_TO_SECTOR = {
    "agri": {"agri_food": 1.0},
    "forest": {"wood_paper": 1.0},
    "chemicals": {"chemicals": 1.0},
    "energy": {"energy": 1.0},
    "textiles": {"other_mfg": 1.0},
    "footwear": {"other_mfg": 1.0},
    "minerals_metals": {"metals": 0.75, "minerals": 0.05, "other_mfg": 0.20},
    "machinery": {"machinery": 1.0},
    "transport": {"vehicles": 0.80, "other_mfg": 0.20},
    "electronics": {"machinery": 1.0},
    "misc": {"other_mfg": 1.0},
}

# Rounding of the published numbers.
X_DECIMALS = 4       # billions of USD: 0.0001 bn = 100,000 USD
TAU_DECIMALS = 4
GAMMA_DECIMALS = 6   # input shares; VA share is the exact residual
THETA_DECIMALS = 4

DOMESTIC_SHARE_FLOOR = 0.10   # minimum domestic share of a goods sector's absorption
FINAL_SHARE_FLOOR = 0.0005    # minimum final-demand share of any sector


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def read_csv_rows(name):
    with open(os.path.join(SOURCES, name), newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def num(text):
    text = (text or "").strip()
    if text in ("", "---"):
        return 0.0
    return float(text)


def load_facts():
    facts = {}
    with open(os.path.join(SOURCES, "facts-2024.csv"), newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            facts[row["id"]] = row
    return facts


FACTS = load_facts()


def fact(fid):
    return float(FACTS[fid]["value"])


def fact_conf(*fids):
    """Confidence of a figure built from facts: E if any input is E, else derived."""
    return "E" if any(FACTS[f]["conf"] == "E" for f in fids) else "derived"


def normalise(vec):
    total = sum(vec)
    return [v / total for v in vec]


def shape_from_dict(d):
    vec = [0.0] * J
    for name, value in d.items():
        vec[S[name]] += value
    return vec


def solve_linear(matrix, rhs):
    """Gaussian elimination with partial pivoting (small dense systems)."""
    n = len(rhs)
    a = [row[:] + [rhs[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[piv] = a[piv], a[col]
        if abs(a[col][col]) < 1e-14:
            raise ValueError("singular Leontief system")
        for r in range(col + 1, n):
            f = a[r][col] / a[col][col]
            if f != 0.0:
                for c in range(col, n + 1):
                    a[r][c] -= f * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


def ras(seed, row_totals, col_totals, iterations=2000, tol=1e-12):
    """Biproportional balancing: scale rows and columns of a positive seed to the totals."""
    m = [row[:] for row in seed]
    for _ in range(iterations):
        for r, target in enumerate(row_totals):
            s = sum(m[r])
            m[r] = [v * target / s for v in m[r]]
        worst = 0.0
        for c, target in enumerate(col_totals):
            s = sum(m[r][c] for r in range(len(m)))
            for r in range(len(m)):
                m[r][c] *= target / s
            worst = max(worst, abs(s - target) / target)
        if worst < tol:
            break
    return m


# ---------------------------------------------------------------------------
# 1. BEA 2024 use table: crosswalk, input shares, value-added shares, final demand
# ---------------------------------------------------------------------------

def bea_sector(code):
    return S[BEA_TO_SECTOR.get(code, "services")]


def load_bea():
    rows = read_csv_rows("use_summary_2024_full.csv")
    header = rows[0]
    body = {r[0]: r for r in rows[2:]}
    industries = header[2:header.index("T001")]
    if len(industries) != 71:
        raise SystemExit("expected 71 BEA industries, found %d" % len(industries))
    col = {c: i for i, c in enumerate(header)}
    commodity_rows = [c for c in body if c in industries or c in ("Used", "Other")]
    if len(commodity_rows) != 73:
        raise SystemExit("expected 73 BEA commodity rows, found %d" % len(commodity_rows))
    # The use table is at purchasers' prices: goods rows include wholesale, retail and
    # transport margins (and product taxes). Move them to the services row: for a goods
    # commodity k, the producer-price part of every cell is the cell x r_k with
    # r_k = (industry output T018 of k + imports of k) / total use T019 of k (at most 1).
    # Utilities (22) carry no distribution margins; their gap is secondary output of
    # government enterprises, so r = 1 there.
    imp_rows = read_csv_rows("import_matrix_summary_2024_full.csv")
    imp_header = imp_rows[0]
    imp_body = {r[0]: r for r in imp_rows[2:]}
    producer_ratio = {}
    for com in commodity_rows:
        if BEA_TO_SECTOR.get(com, "services") == "services" or com == "22":
            producer_ratio[com] = 1.0
            continue
        imports = -num(imp_body[com][imp_header.index("F050")])
        supply = num(body["T018"][col[com]]) + imports
        producer_ratio[com] = min(1.0, supply / num(body[com][col["T019"]]))
    use = [[0.0] * J for _ in range(J)]          # use[k][j]
    output = [0.0] * J
    value_added = [0.0] * J
    for ind in industries:
        j = bea_sector(ind)
        output[j] += num(body["T018"][col[ind]])
        value_added[j] += num(body["VABAS"][col[ind]])
        for com in commodity_rows:
            cell = num(body[com][col[ind]])
            use[bea_sector(com)][j] += cell * producer_ratio[com]
            use[S["services"]][j] += cell * (1.0 - producer_ratio[com])
    final_cols = [c for c in header[header.index("T001") + 1:header.index("T019")] if c != "F040"]
    final = [0.0] * J
    exports = [0.0] * J
    for com in commodity_rows:
        k = bea_sector(com)
        cell = sum(num(body[com][col[c]]) for c in final_cols)
        final[k] += cell * producer_ratio[com]
        final[S["services"]] += cell * (1.0 - producer_ratio[com])
        exports[k] += num(body[com][col["F040"]]) * producer_ratio[com]
    # Everything in millions of dollars -> billions.
    return {
        "use": [[v / 1000.0 for v in row] for row in use],
        "output": [v / 1000.0 for v in output],
        "value_added": [v / 1000.0 for v in value_added],
        "final": [v / 1000.0 for v in final],
        "exports": [v / 1000.0 for v in exports],
        "final_cols": final_cols,
        "producer_ratio": producer_ratio,
    }


BEA = load_bea()


def template_gamma():
    """US input shares use[k][j]/T018[j], rounded; VA share = 1 - sum (exact residual)."""
    gio = [[round(BEA["use"][k][j] / BEA["output"][j], GAMMA_DECIMALS) for j in range(J)]
           for k in range(J)]
    # The residual of 6-decimal numbers is itself a 6-decimal number; rounding only removes
    # binary noise, so the shares still add up to 1 within 1e-12.
    gva = [round(1.0 - sum(gio[k][j] for k in range(J)), GAMMA_DECIMALS) for j in range(J)]
    return gio, gva


GAMMA_IO_US, GAMMA_VA_US = template_gamma()


# Countries other than the US: shares of the WIOD 2011 world input-output table, aggregated to the ten
# sectors by build_wiod_shares.py (crosswalk and rules in BASELINE.md s5). Shares come from 2011; the
# levels they are applied to (trade, GDP) are 2024.
WIOD_SHARES_FILE = "wiod-2011-shares.csv"
WIOD_COUNTRIES = (CAN, MEX, CHN, ROW)
WIOD_MIN_OUTPUT_MUSD = 1000.0   # a column with less 2011 output than this falls back to the US template


def load_wiod_shares():
    """{(country, using j): (io shares [k], va share, output US$ million 2011)} from the CSV."""
    table = {}
    with open(os.path.join(SOURCES, WIOD_SHARES_FILE), newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (COUNTRIES.index(row["country"]), S[row["using_sector"]])
            io, va, out = table.setdefault(key, ([0.0] * J, [0.0], [float(row["output_musd_2011"])]))
            if row["input"] == "VA":
                va[0] = float(row["share"])
            else:
                io[S[row["input"]]] = float(row["share"])
    return {key: (io, va[0], out[0]) for key, (io, va, out) in table.items()}


WIOD_SHARES = load_wiod_shares()
WIOD_FALLBACK = []   # (country, sector) columns that took the US template instead


def wiod_gamma(n):
    """Country n's shares from WIOD 2011; a column with (near-)zero output or a non-positive VA share
    takes the US BEA 2024 column instead (the fallback rule of BASELINE.md s5)."""
    gio = [[0.0] * J for _ in range(J)]
    for j in range(J):
        io, va, out = WIOD_SHARES[(n, j)]
        if out < WIOD_MIN_OUTPUT_MUSD or va <= 0.0:
            WIOD_FALLBACK.append((n, j))
            io = [GAMMA_IO_US[k][j] for k in range(J)]
        for k in range(J):
            gio[k][j] = round(io[k], GAMMA_DECIMALS)
    # The residual of 6-decimal numbers is itself a 6-decimal number (the CSV's input shares are
    # apportioned so that it equals the rounded WIOD VA share); rounding only removes binary noise.
    gva = [round(1.0 - sum(gio[k][j] for k in range(J)), GAMMA_DECIMALS) for j in range(J)]
    return gio, gva


GAMMA_IO = [None] * N
GAMMA_VA = [None] * N
GAMMA_IO[USA], GAMMA_VA[USA] = GAMMA_IO_US, GAMMA_VA_US
for _n in WIOD_COUNTRIES:
    GAMMA_IO[_n], GAMMA_VA[_n] = wiod_gamma(_n)


def final_demand_template():
    """US final-demand mix (all final uses except exports), with a small floor per sector."""
    shares = normalise([max(v, 0.0) for v in BEA["final"]])
    shares = [max(v, FINAL_SHARE_FLOOR) for v in shares]
    return normalise(shares)


FINAL_TEMPLATE = final_demand_template()

# ---------------------------------------------------------------------------
# 2. Goods trade: bilateral totals at customs value, USD bn (exporter -> importer)
# ---------------------------------------------------------------------------

G = [[0.0] * N for _ in range(N)]   # G[exporter][importer]
G_RULE = {}

cad = fact("usd_per_cad")
annualise = 12.0 / 11.0

G[CAN][USA] = fact("us_imp_can_goods")
G[USA][CAN] = fact("us_exp_can_goods")
G[MEX][USA] = fact("us_imp_mex_goods")
G[USA][MEX] = fact("us_exp_mex_goods")
G[CHN][USA] = fact("us_imp_chn_goods")
G[USA][CHN] = fact("us_exp_chn_goods")
for (i, n) in [(CAN, USA), (USA, CAN), (MEX, USA), (USA, MEX), (CHN, USA), (USA, CHN)]:
    G_RULE[(i, n)] = ("US Census 2024 (Census basis)", "S")
G[MEX][CAN] = fact("mex_exp_can_jan_nov") * annualise
G_RULE[(MEX, CAN)] = ("Mexico export basis (SE), Jan-Nov 2024 x 12/11", "derived")
G[CAN][MEX] = fact("mex_imp_can_jan_nov") * annualise
G_RULE[(CAN, MEX)] = ("Mexico import basis (SE), Jan-Nov 2024 x 12/11", "derived")
G[CHN][MEX] = fact("mex_imp_chn_full")
G_RULE[(CHN, MEX)] = ("Mexico import basis, Banxico full year 2024", "S")
G[MEX][CHN] = fact("mex_exp_chn_jan_nov") * annualise
G_RULE[(MEX, CHN)] = ("Mexico export basis (SE), Jan-Nov 2024 x 12/11", "derived")
_ce, _ci = fact("can_exp_chn_oct_cad"), fact("can_imp_chn_oct_cad")
G[CAN][CHN] = fact("can_chn_total_goods_cad") * _ce / (_ce + _ci) * cad
G_RULE[(CAN, CHN)] = ("Canada-China total C$118.71bn x StatCan Oct-2024 export ratio 2.818/7.923 x 0.73 USD/CAD", "E")
G[CHN][CAN] = fact("can_chn_total_goods_cad") * _ci / (_ce + _ci) * cad
G_RULE[(CHN, CAN)] = ("Canada-China total C$118.71bn x StatCan Oct-2024 import ratio 5.105/7.923 x 0.73 USD/CAD", "E")

# Country totals of goods exports and imports, USD bn.
EXP_TOTAL = [0.0] * N
IMP_TOTAL = [0.0] * N
EXP_TOTAL[USA] = fact("us_exp_total_goods")
IMP_TOTAL[USA] = fact("us_imp_total_goods")
EXP_TOTAL[MEX] = fact("mex_exp_total_goods")
IMP_TOTAL[MEX] = fact("mex_imp_total_goods")
EXP_TOTAL[CHN] = fact("chn_exp_total_goods")
IMP_TOTAL[CHN] = fact("chn_imp_total_goods")
# Canada: exports = 2023 total x 2024 growth; imports from the US-share identity
# (exports to US - imports from US = surplus with US, all in C$ on StatCan basis).
_can_exp_cad = fact("can_exp_total_goods_2023_cad") * (1.0 + fact("can_exp_growth_2024"))
_can_imp_from_us_cad = fact("can_exp_share_us") * _can_exp_cad - fact("can_goods_surplus_us_cad")
_can_imp_cad = _can_imp_from_us_cad / fact("can_imp_share_us")
EXP_TOTAL[CAN] = _can_exp_cad * cad
IMP_TOTAL[CAN] = _can_imp_cad * cad

# Rest of world as residuals.
for c in (USA, CAN, MEX, CHN):
    G[c][ROW] = EXP_TOTAL[c] - sum(G[c][n] for n in (USA, CAN, MEX, CHN) if n != c)
    G_RULE[(c, ROW)] = ("residual: %s total goods exports minus exports to the other three" % COUNTRIES[c], "derived")
    G[ROW][c] = IMP_TOTAL[c] - sum(G[i][c] for i in (USA, CAN, MEX, CHN) if i != c)
    G_RULE[(ROW, c)] = ("residual: %s total goods imports minus imports from the other three" % COUNTRIES[c], "derived")
for c in (CAN,):
    G_RULE[(c, ROW)] = (G_RULE[(c, ROW)][0], "E")
    G_RULE[(ROW, c)] = (G_RULE[(ROW, c)][0], "E")

# ---------------------------------------------------------------------------
# 3. Sector composition of goods flows
# ---------------------------------------------------------------------------


def load_us_imports_by_sector():
    rows = read_csv_rows("us_imports_by_gtap_sector_and_partner.csv")
    header = rows[0]
    by_partner = {p: [0.0] * J for p in header[1:]}
    by_gtap_total = {}
    for r in rows[1:]:
        code = r[0]
        sec = S[GTAP_TO_SECTOR[code]]
        total = 0.0
        for p, v in zip(header[1:], r[1:]):
            by_partner[p][sec] += num(v) / 1e9
            total += num(v) / 1e9
        by_gtap_total[code] = total
    return by_partner, by_gtap_total


US_IMP_BY_PARTNER, US_IMP_BY_GTAP = load_us_imports_by_sector()
US_IMP_MAPPED = {
    CAN: US_IMP_BY_PARTNER["canada"],
    MEX: US_IMP_BY_PARTNER["mexico"],
    CHN: US_IMP_BY_PARTNER["china"],
    ROW: [sum(US_IMP_BY_PARTNER[p][j] for p in ("uk", "japan", "eu", "row", "ftrow")) for j in range(J)],
}
SHAPE_US_IMP = {c: normalise(v) for c, v in US_IMP_MAPPED.items()}


def usitc_canada_shape():
    vec = [0.0] * J
    for key, mapping in USITC_TO_SECTOR.items():
        value = fact("usitc_can_" + key)
        for sec, w in mapping.items():
            vec[S[sec]] += value * w
    # "special provisions" (chapter 98/99-type items) are spread pro rata, like the
    # unmapped items of the import data.
    return normalise(vec)


SHAPE_USITC_CAN = usitc_canada_shape()


def crs_mexico_seed(total):
    items = {
        "energy": fact("crs_mex_petroleum_coal"),
        "vehicles": fact("crs_mex_vehicle_parts"),
        "machinery": fact("crs_mex_semiconductors") + fact("crs_mex_computers"),
        "chemicals": fact("crs_mex_basic_chemicals"),
    }
    vec = shape_from_dict(items)
    rest = total - sum(vec)
    return [vec[j] + rest * SHAPE_USITC_CAN[j] for j in range(J)]


def load_assumed_shapes():
    rows = read_csv_rows("assumed-shapes-2024.csv")
    header = rows[0]
    out = {}
    for r in rows[1:]:
        vec = [0.0] * J
        for name, v in zip(header[1:10], r[1:10]):
            vec[S[name]] = float(v)
        if abs(sum(vec) - 1.0) > 1e-9:
            raise SystemExit("assumed shape %s does not sum to 1" % r[0])
        out[r[0]] = (vec, r[10])
    return out


ASSUMED = load_assumed_shapes()

# US exports by sector: RAS-balance a seed to sector totals and destination totals.
US_EXP_SECTOR_TOTALS = [0.0] * J
_bea_goods_exports = [BEA["exports"][j] for j in GOODS]
for j in GOODS:
    US_EXP_SECTOR_TOTALS[j] = EXP_TOTAL[USA] * _bea_goods_exports[j] / sum(_bea_goods_exports)
_dest = [CAN, MEX, CHN, ROW]
_seed_cols = {
    CAN: [SHAPE_USITC_CAN[j] * G[USA][CAN] for j in range(J)],
    MEX: crs_mexico_seed(G[USA][MEX]),
    CHN: [ASSUMED["USA>CHN"][0][j] * G[USA][CHN] for j in range(J)],
    ROW: [US_EXP_SECTOR_TOTALS[j] / EXP_TOTAL[USA] * G[USA][ROW] for j in range(J)],
}
_seed = [[_seed_cols[d][j] for d in _dest] for j in GOODS]
_bal = ras(_seed, [US_EXP_SECTOR_TOTALS[j] for j in GOODS], [G[USA][d] for d in _dest])
US_EXP_SHAPE = {}
for di, d in enumerate(_dest):
    US_EXP_SHAPE[d] = normalise([_bal[j][di] for j in GOODS] + [0.0])

# Shape of every goods flow exporter -> importer (over the 10 sectors, services 0).
SHAPE = {}
SHAPE_RULE = {}
for c in (CAN, MEX, CHN, ROW):
    SHAPE[(c, USA)] = SHAPE_US_IMP[c]
    SHAPE_RULE[(c, USA)] = ("sector mix of US imports from %s (Yale Budget Lab / Census HS6 -> GTAP, 2024); "
                            "unmapped ch. 98/99 items spread pro rata" % COUNTRIES[c], "derived")
for d in _dest:
    SHAPE[(USA, d)] = US_EXP_SHAPE[d]
rule_ras = ("RAS-balanced to sector totals (BEA 2024 export column F040 mix x Census total) and Census "
            "destination totals; seed: ")
SHAPE_RULE[(USA, CAN)] = (rule_ras + "USITC 2016 mix of US exports to Canada", "E")
SHAPE_RULE[(USA, MEX)] = (rule_ras + "CRS 2023 items to Mexico + remainder in the USITC Canada mix", "E")
SHAPE_RULE[(USA, CHN)] = (rule_ras + "assumed mix (assumed-shapes-2024.csv)", "E")
SHAPE_RULE[(USA, ROW)] = (rule_ras + "BEA F040 mix", "E")

_can_mex = SHAPE_US_IMP[CAN][:]
_can_mex[S["energy"]] = 0.0
_can_mex = normalise(_can_mex)
_can_mex = [v * 0.99 for v in _can_mex]
_can_mex[S["energy"]] = 0.01
SHAPE[(CAN, MEX)] = _can_mex
SHAPE_RULE[(CAN, MEX)] = ("mix of US imports from Canada with energy set to 1% (no pipeline link to Mexico)", "E")
SHAPE[(MEX, CAN)] = SHAPE_US_IMP[MEX]
SHAPE_RULE[(MEX, CAN)] = ("proxy: mix of US imports from Mexico", "E")
for c in (CAN, MEX):
    SHAPE[(CHN, c)] = SHAPE_US_IMP[CHN]
    SHAPE_RULE[(CHN, c)] = ("proxy: mix of US imports from China", "E")
    SHAPE[(ROW, c)] = SHAPE_US_IMP[ROW]
    SHAPE_RULE[(ROW, c)] = ("proxy: mix of US imports from the rest of the world", "E")
for c in (CAN, MEX, ROW):
    key = "%s>CHN" % COUNTRIES[c]
    SHAPE[(c, CHN)] = ASSUMED[key][0] + [0.0]
    SHAPE_RULE[(c, CHN)] = ("assumed mix (assumed-shapes-2024.csv): " + ASSUMED[key][1], "E")
for c in (CAN, MEX, CHN):
    SHAPE[(c, ROW)] = SHAPE_US_IMP[c]
    SHAPE_RULE[(c, ROW)] = ("proxy: mix of US imports from %s" % COUNTRIES[c], "E")

# ---------------------------------------------------------------------------
# 4. Services trade, USD bn (BOP basis)
# ---------------------------------------------------------------------------

SV = [[0.0] * N for _ in range(N)]   # SV[exporter][importer]
SV_RULE = {}
SV[USA][CAN] = (fact("us_svc_total_can") + fact("us_svc_bal_can")) / 2.0
SV[CAN][USA] = (fact("us_svc_total_can") - fact("us_svc_bal_can")) / 2.0
SV[USA][MEX] = (fact("us_svc_total_mex") + fact("us_svc_bal_mex")) / 2.0
SV[MEX][USA] = (fact("us_svc_total_mex") - fact("us_svc_bal_mex")) / 2.0
for p in ((USA, CAN), (CAN, USA), (USA, MEX), (MEX, USA)):
    SV_RULE[p] = ("BEA 2024: level = (two-way total +/- balance)/2", "derived")
SV[USA][CHN] = fact("us_svc_exp_chn")
SV[CHN][USA] = fact("us_svc_imp_chn")
SV_RULE[(USA, CHN)] = ("order of magnitude of BEA 2024 (unconfirmed)", "E")
SV_RULE[(CHN, USA)] = ("order of magnitude of BEA 2024 (unconfirmed)", "E")
_ratio = fact("svc_goods_ratio_minor_pairs")
for i, n in ((CAN, MEX), (MEX, CAN), (CAN, CHN), (CHN, CAN), (MEX, CHN), (CHN, MEX)):
    SV[i][n] = _ratio * G[i][n]
    SV_RULE[(i, n)] = ("10% of the goods flow (assumption)", "E")

SV_EXP_TOTAL = [0.0] * N
SV_IMP_TOTAL = [0.0] * N
SV_EXP_TOTAL[USA] = fact("us_svc_exp_total")
SV_IMP_TOTAL[USA] = fact("us_svc_imp_total")
SV_EXP_TOTAL[CAN] = fact("can_svc_exp_dec_cad") * 12.0 * cad
SV_IMP_TOTAL[CAN] = fact("can_svc_imp_dec_cad") * 12.0 * cad
SV_EXP_TOTAL[MEX] = SV[MEX][USA] / fact("mex_svc_us_share_exp")
SV_IMP_TOTAL[MEX] = SV[USA][MEX] / fact("mex_svc_us_share_imp")
_cny = fact("chn_gdp_cny") / fact("chn_gdp_usd_nbs")
SV_EXP_TOTAL[CHN] = fact("chn_svc_exp_cny") / _cny
SV_IMP_TOTAL[CHN] = fact("chn_svc_imp_cny") / _cny
for c in (USA, CAN, MEX, CHN):
    SV[c][ROW] = SV_EXP_TOTAL[c] - sum(SV[c][n] for n in (USA, CAN, MEX, CHN) if n != c)
    SV[ROW][c] = SV_IMP_TOTAL[c] - sum(SV[i][c] for i in (USA, CAN, MEX, CHN) if i != c)
    conf = "derived" if c == USA else "E"
    SV_RULE[(c, ROW)] = ("residual of %s total services exports" % COUNTRIES[c], conf)
    SV_RULE[(ROW, c)] = ("residual of %s total services imports" % COUNTRIES[c], conf)

# ---------------------------------------------------------------------------
# 5. Baseline tariffs tau[j][importer][exporter]
# ---------------------------------------------------------------------------

TAU_PAIR = [[0.0] * N for _ in range(N)]   # TAU_PAIR[importer][exporter] for goods
TAU_RULE = {}
# Trade-weighted applied rates (duties collected / imports), not simple MFN averages, so that baseline tariff
# revenue matches the customs duties each country collected in 2024 (checked below and in tests/baseline.rs).
TAU_PAIR[USA][CAN] = fact("us_eff_tariff_can")
TAU_RULE[(USA, CAN)] = ("effective US tariff on Canadian imports, Jan 2025 (BMO: duties / imports)", "S")
TAU_PAIR[USA][MEX] = fact("us_eff_tariff_mex")
TAU_RULE[(USA, MEX)] = ("effective US tariff on Mexican imports, Jan 2025 (BMO: duties / imports)", "S")
for n, i in ((CAN, USA), (MEX, USA), (CAN, MEX), (MEX, CAN)):
    TAU_PAIR[n][i] = fact("usmca_partner_tariff")
    TAU_RULE[(n, i)] = ("USMCA partner: midpoint of the BMO effective US rates (assumption)", "E")
TAU_PAIR[USA][CHN] = fact("us_applied_chn")
TAU_RULE[(USA, CHN)] = ("duties collected on US imports from China, about 11% of value (Trade Partnership "
                        "Worldwide via WSJ, Census data 2024)", "S")
TAU_PAIR[USA][ROW] = fact("us_applied_row")
TAU_RULE[(USA, ROW)] = ("residual: US duties collected in 2024 (79 $B, Treasury) less those on CAN, MEX, CHN, "
                        "over imports from ROW", "E")
TAU_PAIR[CAN][CHN] = fact("can_applied_chn")
TAU_RULE[(CAN, CHN)] = ("Canada MFN on China's mix plus a quarter-year of the Oct 2024 surtaxes (estimate)", "E")
TAU_PAIR[CAN][ROW] = fact("can_applied_row")
TAU_RULE[(CAN, ROW)] = ("residual: Canada's 2024 customs duties (about C$5.6 B) less those on USA, MEX, CHN, over "
                        "imports from ROW", "E")
TAU_PAIR[MEX][CHN] = fact("mex_applied_chn")
TAU_RULE[(MEX, CHN)] = ("residual: Mexico's 2024 import taxes (137.8 B pesos, SHCP) less those on USA, CAN, ROW, "
                        "over imports from China", "E")
TAU_PAIR[MEX][ROW] = fact("mex_applied_row")
TAU_RULE[(MEX, ROW)] = ("estimate: mix of FTA partners (EU, Japan) and non-FTA suppliers", "E")
TAU_PAIR[CHN][USA] = fact("chn_applied_usa")
TAU_RULE[(CHN, USA)] = ("estimate: China MFN plus remaining retaliatory tariffs net of exclusions (unanchored)", "E")
for i in (CAN, MEX, ROW):
    TAU_PAIR[CHN][i] = fact("chn_applied_other")
    TAU_RULE[(CHN, i)] = ("residual: China's estimated 2024 duties (about 300 B CNY) less those on US goods, over "
                          "other imports", "E")
for i in (USA, CAN, MEX, CHN):
    TAU_PAIR[ROW][i] = fact("row_applied")
    TAU_RULE[(ROW, i)] = ("rest-of-world average applied tariff 2% (estimate; WDI weighted means 1.6-2.2%)", "E")

# Duties each country collected in 2024, USD bn, for the revenue check.
DUTIES_2024 = {
    USA: fact("us_duties_2024"),
    CAN: fact("can_duties_2024_cad") * cad,
    MEX: fact("mex_duties_2024_mxn") / fact("mxn_per_usd"),
}

TAU = [[[0.0] * N for _ in range(N)] for _ in range(J)]
for j in GOODS:
    for n in range(N):
        for i in range(N):
            if n != i:
                TAU[j][n][i] = round(TAU_PAIR[n][i], TAU_DECIMALS)

# ---------------------------------------------------------------------------
# 6. Off-diagonal flows at importer prices, X[j][n][i] = value x (1 + tau)
# ---------------------------------------------------------------------------

X = [[[0.0] * N for _ in range(N)] for _ in range(J)]
for i in range(N):
    for n in range(N):
        if i == n or (i == ROW and n == ROW):
            continue
        for j in GOODS:
            X[j][n][i] = round(G[i][n] * SHAPE[(i, n)][j] * (1.0 + TAU[j][n][i]), X_DECIMALS)
        X[SVC][n][i] = round(SV[i][n], X_DECIMALS)

# ---------------------------------------------------------------------------
# 7. Domestic flows: Leontief balance with the US final-demand mix
# ---------------------------------------------------------------------------

GDP = [fact("gdp_usa"), fact("gdp_can"), fact("gdp_mex"), fact("gdp_chn"), 0.0]
GDP[ROW] = fact("gdp_world") - sum(GDP[:4])


def exports_producer(n):
    return [sum(X[j][m][n] / (1.0 + TAU[j][m][n]) for m in range(N) if m != n) for j in range(J)]


def imports_importer(n):
    return [sum(X[j][n][i] for i in range(N) if i != n) for j in range(J)]


def tariff_revenue(n):
    return sum(TAU[j][n][i] / (1.0 + TAU[j][n][i]) * X[j][n][i] for j in range(J) for i in range(N))


FLOOR_NOTES = []
FINAL_SHARES = [None] * N


def domestic_block(n):
    """Solve Y = Gamma Y + F + E - M with F = final mix x (GDP + R + D); return X_nn.

    If a goods sector's domestic share of absorption falls below the floor, its final
    demand is raised until it meets the floor and all final demand is rescaled so that
    total final demand (hence value added = GDP) is unchanged.
    """
    gio = GAMMA_IO[n]
    exp_p = exports_producer(n)
    imp_t = imports_importer(n)
    rev = tariff_revenue(n)
    deficit = sum(imp_t) - rev - sum(exp_p)
    income = GDP[n] + rev + deficit
    shares = FINAL_TEMPLATE[:]
    lhs = [[(1.0 if k == j else 0.0) - gio[k][j] for j in range(J)] for k in range(J)]
    for _ in range(200):
        final = [s * income for s in shares]
        y = solve_linear(lhs, [final[k] + exp_p[k] - imp_t[k] for k in range(J)])
        dom = [y[k] - exp_p[k] for k in range(J)]
        bumped = False
        for k in GOODS:
            need = DOMESTIC_SHARE_FLOOR / (1.0 - DOMESTIC_SHARE_FLOOR) * imp_t[k]
            if dom[k] < need * (1.0 - 1e-9):
                shares[k] += (need - dom[k]) / income
                bumped = True
        if not bumped:
            break
        shares = normalise(shares)
    else:
        raise SystemExit("domestic-share floor did not settle for %s" % COUNTRIES[n])
    for k in GOODS:
        if shares[k] > FINAL_TEMPLATE[k] * (1.0 + 1e-6):
            FLOOR_NOTES.append("%s %s: final-demand share raised from %.4f to %.4f" % (
                COUNTRIES[n], SECTORS[k], FINAL_TEMPLATE[k], shares[k]))
    FINAL_SHARES[n] = shares
    return dom


for n in range(N):
    dom = domestic_block(n)
    for j in range(J):
        X[j][n][n] = round(dom[j], X_DECIMALS)

# ---------------------------------------------------------------------------
# 8. Elasticities
# ---------------------------------------------------------------------------


def cp_value(cp):
    if cp == "petroleum":
        return fact("cp_theta_mining")   # outlier rule: petroleum 64.85 replaced by mining 13.53
    if cp == "ele_mix":
        return (fact("cp_theta_office") + fact("cp_theta_communication") + fact("cp_theta_medical")) / 3.0
    return fact("cp_theta_" + cp)


def theta_cp():
    num_ = [0.0] * J
    den = [0.0] * J
    for code, total in US_IMP_BY_GTAP.items():
        j = S[GTAP_TO_SECTOR[code]]
        num_[j] += total * cp_value(GTAP_TO_CP[code])
        den[j] += total
    theta = [round(num_[j] / den[j], THETA_DECIMALS) for j in GOODS]
    theta.append(round(fact("cp_theta_services"), THETA_DECIMALS))
    return theta


THETA_CP = theta_cp()


def trade_weights():
    """Each sector's baseline international trade at producer prices (customs value), all pairs."""
    return [sum(X[j][n][i] / (1.0 + TAU[j][n][i]) for i in range(N) for n in range(N) if i != n) for j in range(J)]


def trade_weighted_mean(theta):
    w = trade_weights()
    return sum(w[j] * theta[j] for j in range(J)) / sum(w)


# The long-run default: Caliendo-Parro's sector ordering where it is plausible, the upper tail (energy, minerals,
# wood and paper) clamped, services at the aggregate; its trade-weighted mean must lie in the published aggregate
# range of about 4-5 (Simonovska & Waugh 2014; ACR 2012), checked below.
THETA = [round(fact("lr_theta_" + s), THETA_DECIMALS) for s in SECTORS]
LR_MEAN = trade_weighted_mean(THETA)
# The one-year set: the long-run set scaled so that its trade-weighted mean is Boehm, Levchenko & Pandalai-Nayar's
# one-year elasticity 0.76.
ONE_YEAR_RATIO = fact("blpn_short_run") / LR_MEAN
THETA_SETS = [
    {"id": "long_run", "label": "Long run (default)", "horizon": "long_run",
     "source": "Project set (E): Caliendo & Parro (2015) sector ordering where plausible, energy, minerals, wood "
               "and paper clamped, services at the aggregate; trade-weighted mean %.2f, inside the published "
               "aggregate range of about 4-5 (Simonovska & Waugh 2014; Arkolakis, Costinot & Rodriguez-Clare 2012)"
               % LR_MEAN,
     "theta": THETA},
    {"id": "one_year", "label": "One year", "horizon": "one_year",
     "source": "Derived: the long-run set x %.4f, so that the trade-weighted mean is 0.76, the elasticity one year "
               "after a tariff change in Boehm, Levchenko & Pandalai-Nayar (2023, AER 113(4))" % ONE_YEAR_RATIO,
     "theta": [round(t * ONE_YEAR_RATIO, THETA_DECIMALS) for t in THETA]},
    {"id": "caliendo_parro", "label": "Caliendo & Parro (2015), mapped to ten sectors", "horizon": "long_run",
     "source": "Caliendo & Parro (2015, REStud 82(1)) sector thetas from the replication file, averaged "
               "over the GTAP sectors in each project sector with US 2024 import weights; petroleum "
               "(64.85) replaced by mining (13.53); services 8.22",
     "theta": THETA_CP},
    {"id": "uniform_4", "label": "Uniform 4 (Simonovska & Waugh 2014)", "horizon": "long_run",
     "source": "Simonovska & Waugh (2014, Journal of International Economics): aggregate trade elasticity about 4",
     "theta": [round(fact("theta_uniform_sw"), THETA_DECIMALS)] * J},
    {"id": "uniform_5", "label": "Uniform 5 (ACR 2012; Costinot & Rodríguez-Clare 2014)", "horizon": "long_run",
     "source": "Arkolakis, Costinot & Rodríguez-Clare (2012, AER); Costinot & Rodríguez-Clare (2014, Handbook "
               "of International Economics): aggregate elasticity 5",
     "theta": [round(fact("theta_uniform_acr"), THETA_DECIMALS)] * J},
]

# ---------------------------------------------------------------------------
# 9. Households and employment
# ---------------------------------------------------------------------------

HOUSEHOLDS = {
    "count_millions": [fact("us_households"), fact("can_households"), fact("mex_households"),
                       fact("chn_households"), fact("row_households")],
    "spending_per_household": [
        fact("us_spend_per_household"),
        round(fact("can_spend_per_household_cad") * cad, 0),
        round(fact("mex_spend_per_household_q_mxn") * 4.0 / fact("mxn_per_usd"), 0),
        fact("chn_spend_per_household"),
        fact("row_spend_per_household"),
    ],
    "source": ("USA: BLS Consumer Expenditure Survey 2023 (134.56 M consumer units, $77,280 average annual "
               "expenditures). CAN: 2021 census private households; spending C$63,723 (StatCan Survey of "
               "Household Spending, year not confirmed) x 0.73 USD/CAD. MEX: INEGI ENIGH 2024 households; "
               "total current expenditure 61,309 MXN per quarter x 4 / 18.3 MXN per USD (rate estimated). "
               "CHN and ROW: rough estimates (E), see data/BASELINE.md."),
}
EMPLOYMENT = [fact("us_employment"), fact("can_employment_lfs"), fact("mex_employment"),
              fact("chn_employment_nbs"), fact("row_employment")]
EMPLOYMENT_FACT_IDS = ["us_employment", "can_employment_lfs", "mex_employment", "chn_employment_nbs",
                       "row_employment"]


def load_employment_by_sector():
    """Employment by sector, thousands: official statistics for USA, CAN, MEX (with the split rules of
    sources/research/employment-2024.md); China's services from NBS and its goods sectors, and the rest of the
    world, split by value-added shares (estimates). Returns the [N][J] table and a rule/conf per cell."""
    table = [[0.0] * J for _ in range(N)]
    rule = {}
    with open(os.path.join(SOURCES, "research", "employment-2024.csv"), newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["country"] in ("USA", "CAN", "MEX") and row["sector"] in S:
                n, j = COUNTRIES.index(row["country"]), S[row["sector"]]
                table[n][j] = float(row["employment_thousands"])
                rule[(n, j)] = (row["source"], row["year"], row["conf"])
    output = lambda n, j: sum(X[j][m][n] / (1.0 + TAU[j][m][n]) for m in range(N))
    # Labour intensity (jobs per unit of value added) from the US table, applied to each region's value added: a
    # capital-intensive sector such as energy gets few jobs per dollar, as in the US data.
    intensity = [table[USA][j] / (GAMMA_VA[USA][j] * output(USA, j)) for j in range(J)]
    weights_of = lambda n, js: [GAMMA_VA[n][j] * output(n, j) * intensity[j] for j in js]
    chn_goods = 1000.0 * (fact("chn_employment_nbs") - fact("chn_employment_tertiary"))
    weights = weights_of(CHN, GOODS)
    for j, w in zip(GOODS, weights):
        table[CHN][j] = chn_goods * w / sum(weights)
        rule[(CHN, j)] = ("NBS 2024 employment less tertiary (S), split over goods sectors by value added x US jobs "
                          "per unit of value added", "2024", "E")
    table[CHN][SVC] = 1000.0 * fact("chn_employment_tertiary")
    rule[(CHN, SVC)] = (FACTS["chn_employment_tertiary"]["source"], "2024", "S")
    weights = weights_of(ROW, range(J))
    for j in range(J):
        table[ROW][j] = 1000.0 * fact("row_employment") * weights[j] / sum(weights)
        rule[(ROW, j)] = ("rest-of-world employment (E) split by value added x US jobs per unit of value added",
                          "2024", "E")
    table = [[round(v, 1) for v in r] for r in table]
    return table, rule

EMPLOYMENT_BY_SECTOR, EMPLOYMENT_RULE = load_employment_by_sector()

# Rules of origin: trade that starts to claim USMCA because a tariff made it worth it pays a compliance cost
# (docs/model.md, "Rules of origin"); the baseline claim shares are the 2024 Census shares.
RULES_OF_ORIGIN = {
    "importer": "USA",
    "baseline_claim_share": {"CAN": fact("usmca_claim_can"), "MEX": fact("usmca_claim_mex")},
    "compliance_cost": fact("rules_of_origin_compliance_cost"),
    "source": ("Baseline claim shares: US Census 2024 (CAN 38.0%, MEX 49.4% of imports claimed USMCA). Compliance "
               "cost: about 2% of the value of newly claiming trade, the administrative part of NAFTA rules-of-origin "
               "costs in Anson et al. (2005, Review of International Economics) and Carrere & de Melo (2006) "
               "(estimate, E; total compliance costs including sourcing distortions are nearer 6%)."),
}

# ---------------------------------------------------------------------------
# 10. Assemble the economy
# ---------------------------------------------------------------------------

ECONOMY = {
    "name": "North America, 2024",
    "description": ("The United States, Canada, Mexico, China and the rest of the world in ten sectors, "
                    "calibrated to 2024 trade statistics, the US 2024 input-output table and, for the other "
                    "regions, the 2011 world input-output table (WIOD)."),
    "year": 2024,
    "units": "billion USD",
    "countries": COUNTRIES,
    "country_names": COUNTRY_NAMES,
    "sectors": SECTORS,
    "sector_names": SECTOR_NAMES,
    "X": X,
    "tau": TAU,
    "theta": THETA,
    "theta_sets": THETA_SETS,
    "gamma_va": GAMMA_VA,
    "gamma_io": GAMMA_IO,
    "households": HOUSEHOLDS,
    "employment_millions": EMPLOYMENT,
    "theta_horizon": "long_run",
    "services_sectors": ["services"],
    "employment_by_sector_thousands": EMPLOYMENT_BY_SECTOR,
    "rules_of_origin": RULES_OF_ORIGIN,
    "sources": [
        "US Census Bureau, US trade in goods by country, 2024 (via CRS and Commerce releases)",
        "US Bureau of Economic Analysis, Input-Output Accounts 2024, Use of Commodities by Industries, summary "
        "(copy from Budget-Lab-Yale/Tariff-Model resources/io)",
        "World Input-Output Database, 2013 release, world input-output table 2011 (Timmer, Dietzenbacher, Los, "
        "Stehrer & de Vries 2015, Review of International Economics 23); copy from the R package bquast/wiod",
        "Yale Budget Lab, Tariff-Model resources/gtap_baseline/import_baseline_dollars.csv: US imports 2024 by "
        "GTAP sector and partner (Census HS6)",
        "US Bureau of Economic Analysis, US Trade in Services 2024 (totals; balances with Canada and Mexico)",
        "INEGI / SAT / SE / Banxico, Balanza Comercial de Mercancias de Mexico, December 2024; Secretaria de "
        "Economia bilateral figures Jan-Nov 2024; Banxico imports from China 2024",
        "Statistics Canada, The Daily (Oct 2024 monthly trade, Feb 2025 annual shares and balance); Global Affairs "
        "Canada trade reports 2024; Natural Resources Canada mineral trade bulletin",
        "China Institute (University of Alberta), Canada-China Trade 2024 Annual Report",
        "China customs 2024 totals (via SCMP); China Ministry of Commerce services trade 2024; NBS GDP 2024",
        "USITC, Shifts in US Merchandise Trade 2016, Table CA.1; CRS IF11175 U.S.-Mexico Trade Relations",
        "BMO effective tariff estimates (Jan 2025); WTO World Tariff Profiles 2023",
        "Caliendo & Parro (2015), Review of Economic Studies 82(1), replication files; Simonovska & Waugh (2014); "
        "Arkolakis, Costinot & Rodriguez-Clare (2012); Boehm, Levchenko & Pandalai-Nayar (2023, AER)",
        "BLS Consumer Expenditure Survey 2023; BLS Employment Projections 2024; INEGI ENIGH 2024 and ENOE; "
        "Statistics Canada census 2021",
        "IMF World Economic Outlook GDP 2024 (approximate)",
    ],
    "notes": [
        "X is at the importer's price including the baseline tariff: trade statistics (customs value, duty "
        "excluded) were multiplied by (1 + tau).",
        "US bilateral goods flows are on the Census basis; services on the BEA (balance-of-payments) basis; "
        "Canada-Mexico goods use Mexico's own figures (Jan-Nov 2024 x 12/11).",
        "Rest-of-world flows are residuals of country totals; many sector mixes outside US imports are "
        "estimates (E) - see data/BASELINE.md and the provenance file.",
        "The US uses its BEA 2024 input-output structure; Canada, Mexico, China and the rest of the world use "
        "their own input-output shares from the WIOD 2011 table (shares of 2011 applied to 2024 levels); "
        "domestic flows come from a Leontief balance that makes each country's value added equal its 2024 GDP.",
        "Baseline tariffs are simple-average MFN rates on non-preferential pairs; they overstate trade-weighted "
        "rates, so baseline tariff revenue is on the high side.",
        "Rest-of-world internal trade is part of its diagonal (domestic) flow and carries no tariff.",
    ],
}

# ---------------------------------------------------------------------------
# 11. Self-checks on the data exactly as written
# ---------------------------------------------------------------------------


def derived(econ):
    x, tau, gio, gva = econ["X"], econ["tau"], econ["gamma_io"], econ["gamma_va"]
    xn = [[sum(x[j][n][i] for i in range(N)) for j in range(J)] for n in range(N)]
    y = [[sum(x[j][m][i] / (1.0 + tau[j][m][i]) for m in range(N)) for j in range(J)] for i in range(N)]
    va = [sum(gva[n][j] * y[n][j] for j in range(J)) for n in range(N)]
    rev = [sum(tau[j][n][i] / (1.0 + tau[j][n][i]) * x[j][n][i] for j in range(J) for i in range(N))
           for n in range(N)]
    fd = [[xn[n][j] - sum(gio[n][j][k] * y[n][k] for k in range(J)) for j in range(J)] for n in range(N)]
    inc = [sum(fd[n]) for n in range(N)]
    dd = [inc[n] - va[n] - rev[n] for n in range(N)]
    return {"Xn": xn, "Y": y, "VA": va, "R": rev, "F": fd, "I": inc, "D": dd}


def customs(econ, j, n, i):
    return econ["X"][j][n][i] / (1.0 + econ["tau"][j][n][i])


def goods_flow(econ, i, n):
    return sum(customs(econ, j, n, i) for j in GOODS)


FAILURES = []


def check(ok, message):
    if not ok:
        FAILURES.append(message)
    return ok


def run_checks(econ):
    d = derived(econ)
    x, tau = econ["X"], econ["tau"]
    # Shapes and values.
    check(len(x) == J and all(len(x[j]) == N and all(len(r) == N for r in x[j]) for j in range(J)), "X shape")
    for j in range(J):
        for n in range(N):
            for i in range(N):
                check(math.isfinite(x[j][n][i]) and x[j][n][i] >= 0.0,
                      "X[%s][%s][%s] negative or not finite" % (SECTORS[j], COUNTRIES[n], COUNTRIES[i]))
                check(tau[j][n][i] >= 0.0, "tau negative at %d,%d,%d" % (j, n, i))
            check(tau[j][n][n] == 0.0, "own tariff non-zero")
            check(x[j][n][n] > 0.0, "X[%s][%s][%s] (domestic) not positive" % (SECTORS[j], COUNTRIES[n], COUNTRIES[n]))
        for i in range(N):
            check(tau[SVC][n][i] == 0.0, "services tariff non-zero for %s <- %s" % (COUNTRIES[n], COUNTRIES[i]))
    for n in range(N):
        for j in range(J):
            total = econ["gamma_va"][n][j] + sum(econ["gamma_io"][n][k][j] for k in range(J))
            check(abs(total - 1.0) < 1e-12, "shares of %s %s sum to %.12f" % (COUNTRIES[n], SECTORS[j], total))
            check(0.0 < econ["gamma_va"][n][j] <= 1.0, "gamma_va out of (0,1] for %s %s" % (COUNTRIES[n], SECTORS[j]))
            check(all(econ["gamma_io"][n][k][j] >= 0.0 for k in range(J)), "negative input share")
            check(d["F"][n][j] > 0.0, "final demand F[%s][%s] = %.4f not positive" % (COUNTRIES[n], SECTORS[j], d["F"][n][j]))
        check(d["VA"][n] > 0.0, "value added of %s not positive" % COUNTRIES[n])
        check(abs(d["VA"][n] - GDP[n]) / GDP[n] < 1e-3, "value added of %s (%.1f) differs from GDP (%.1f)"
              % (COUNTRIES[n], d["VA"][n], GDP[n]))
    check(all(t > 0 for t in econ["theta"]), "theta not positive")
    for ts in econ["theta_sets"]:
        check(len(ts["theta"]) == J and all(t > 0 for t in ts["theta"]), "theta set %s bad" % ts["id"])
    check(abs(sum(d["D"])) < 1e-6 * sum(d["VA"]), "deficits do not sum to zero: %.6f" % sum(d["D"]))
    # Headline flows against the facts (customs value).
    targets = [
        ("US exports to Canada", goods_flow(econ, USA, CAN), fact("us_exp_can_goods")),
        ("US imports from Canada", goods_flow(econ, CAN, USA), fact("us_imp_can_goods")),
        ("US exports to Mexico", goods_flow(econ, USA, MEX), fact("us_exp_mex_goods")),
        ("US imports from Mexico", goods_flow(econ, MEX, USA), fact("us_imp_mex_goods")),
        ("US exports to China", goods_flow(econ, USA, CHN), fact("us_exp_chn_goods")),
        ("US imports from China", goods_flow(econ, CHN, USA), fact("us_imp_chn_goods")),
        ("US goods exports", sum(goods_flow(econ, USA, n) for n in range(N) if n != USA), fact("us_exp_total_goods")),
        ("US goods imports", sum(goods_flow(econ, i, USA) for i in range(N) if i != USA), fact("us_imp_total_goods")),
        ("Mexico goods exports", sum(goods_flow(econ, MEX, n) for n in range(N) if n != MEX), fact("mex_exp_total_goods")),
        ("Mexico goods imports", sum(goods_flow(econ, i, MEX) for i in range(N) if i != MEX), fact("mex_imp_total_goods")),
        ("China goods exports", sum(goods_flow(econ, CHN, n) for n in range(N) if n != CHN), fact("chn_exp_total_goods")),
        ("China goods imports", sum(goods_flow(econ, i, CHN) for i in range(N) if i != CHN), fact("chn_imp_total_goods")),
        ("Mexico imports from China", goods_flow(econ, CHN, MEX), fact("mex_imp_chn_full")),
        ("US services exports", sum(customs(econ, SVC, n, USA) for n in range(N) if n != USA), fact("us_svc_exp_total")),
        ("US services imports", sum(customs(econ, SVC, USA, i) for i in range(N) if i != USA), fact("us_svc_imp_total")),
    ]
    for label, got, want in targets:
        check(abs(got - want) < 0.01 + 1e-4 * want, "%s: %.3f vs fact %.3f" % (label, got, want))
    for n, duties in DUTIES_2024.items():
        check(abs(d["R"][n] / duties - 1.0) <= 0.10, "baseline tariff revenue of %s %.2f is not within 10%% of "
              "the duties collected in 2024 (%.2f)" % (COUNTRIES[n], d["R"][n], duties))
    lr_mean = trade_weighted_mean(econ["theta"])
    check(4.0 <= lr_mean <= 5.0, "trade-weighted mean of the long-run set %.3f is outside 4-5" % lr_mean)
    for n in range(N):
        jobs = sum(econ["employment_by_sector_thousands"][n])
        check(abs(jobs / (1000.0 * econ["employment_millions"][n]) - 1.0) < 0.002,
              "employment by sector of %s sums to %.1f thousand, not %.1f" % (
                  COUNTRIES[n], jobs, 1000.0 * econ["employment_millions"][n]))
    return d, targets


def main():
    d, targets = run_checks(ECONOMY)
    write_outputs()
    # Re-read the JSON exactly as written and check again (rounding included).
    with open(OUT_JSON, encoding="utf-8") as fh:
        written = json.load(fh)
    d, targets = run_checks(written)
    print_summary(written, d, targets)
    if FAILURES:
        print("\nSELF-CHECK FAILURES (%d):" % len(FAILURES))
        for f in FAILURES:
            print("  - " + f)
        sys.exit(1)
    print("\nAll self-checks passed.")


# ---------------------------------------------------------------------------
# 12. Output
# ---------------------------------------------------------------------------


def write_outputs():
    text = json.dumps(ECONOMY, indent=1, ensure_ascii=False)
    # Keep innermost number arrays on one line for readability.
    text = re.sub(r"\[\s+([-0-9.eE,\s]+?)\s+\]",
                  lambda m: "[" + ", ".join(p.strip() for p in m.group(1).split(",")) + "]", text)
    with open(OUT_JSON, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    with open(OUT_PROV, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["field", "sector", "importer", "exporter", "value", "unit", "year", "source", "rule", "conf"])
        for row in provenance_rows():
            w.writerow(row)


def worst_conf(*confs):
    order = {"P": 0, "S": 1, "derived": 2, "E": 3}
    return max(confs, key=lambda c: order[c])


WIOD_SOURCE = ("WIOD 2013 release, world input-output table 2011 (Timmer et al. 2015), via "
               "data/sources/wiod-2011-shares.csv (data/build/build_wiod_shares.py)")


def gamma_provenance_rows():
    """One row per gamma_va cell, a block rule for the US gamma_io, one row per WIOD gamma_io cell."""
    rows = []
    for n in range(N):
        for j in range(J):
            if n == USA:
                rows.append(["gamma_va", SECTORS[j], COUNTRIES[n], "", ECONOMY["gamma_va"][n][j], "share", 2024,
                             "BEA Use of Commodities by Industries, Summary, 2024",
                             "1 - sum of rounded input shares (US BEA 2024: VABAS/T018 up to rounding)", "derived"])
            elif (n, j) in WIOD_FALLBACK:
                rows.append(["gamma_va", SECTORS[j], COUNTRIES[n], "", ECONOMY["gamma_va"][n][j], "share", 2024,
                             "BEA Use of Commodities by Industries, Summary, 2024",
                             "fallback: WIOD 2011 output of the column below US$1 bn; US template", "E"])
            else:
                io, va, out = WIOD_SHARES[(n, j)]
                rows.append(["gamma_va", SECTORS[j], COUNTRIES[n], "", ECONOMY["gamma_va"][n][j], "share", 2011,
                             WIOD_SOURCE,
                             "(output - column sum of intermediate inputs from all source countries) / output, "
                             "summed over the WIOD industries of the sector (2011 output %.0f US$ M); includes net "
                             "product taxes and international margins; shares of 2011 applied to 2024 levels"
                             % out, "derived"])
    rows.append(["gamma_io", "all", "USA", "", "", "share", 2024,
                 "BEA Use of Commodities by Industries, Summary, 2024",
                 "block rule: use[k][j] / T018[j] summed over the BEA codes of k and j (crosswalk in BASELINE.md), "
                 "rounded to 6 decimals", "derived"])
    for n in WIOD_COUNTRIES:
        for j in range(J):
            for k in range(J):
                if (n, j) in WIOD_FALLBACK:
                    src, rule, year = ("BEA Use of Commodities by Industries, Summary, 2024",
                                       "fallback: US template (WIOD 2011 column output below US$1 bn)", 2024)
                else:
                    src, year = WIOD_SOURCE, 2011
                    rule = ("inputs of the WIOD industries of %s (domestic + imported, summed over the 41 source "
                            "countries) bought by the WIOD industries of %s, / their 2011 output; %s; rounded "
                            "to 6 decimals (largest remainder, so that 1 - sum = rounded VA share)"
                            % (SECTORS[k], SECTORS[j], "ROW = the 36 other WIOD countries + WIOD RoW, flows "
                               "summed" if n == ROW else "one country"))
                conf = "E" if (n, j) in WIOD_FALLBACK else "derived"
                if (n, j) not in WIOD_FALLBACK and (S["minerals"] in (j, k) or S["energy"] in (j, k)):
                    rule += "; WIOD c2 mining split 0.8018 energy / 0.1982 minerals (BEA 2024 US ratio, E)"
                    conf = "E"
                rows.append(["gamma_io", "%s>%s" % (SECTORS[k], SECTORS[j]), COUNTRIES[n], "",
                             ECONOMY["gamma_io"][n][k][j], "share", year, src, rule, conf])
    return rows


def provenance_rows():
    rows = []
    for j in range(J):
        for n in range(N):
            for i in range(N):
                v = X[j][n][i]
                if n == i:
                    conf = "E" if n != USA else "derived"
                    rows.append(["X", SECTORS[j], COUNTRIES[n], COUNTRIES[i], v, "USD bn", 2024,
                                 "input-output shares of BASELINE.md s5 (US: BEA 2024; others: WIOD 2011); GDP 2024 (IMF WEO, E); "
                                 "trade flows of this file",
                                 "domestic purchases = absorption - imports, from the Leontief balance "
                                 "Y = Gamma Y + F + E - M with F = US final-demand mix x (GDP + tariff revenue + "
                                 "deficit); domestic share floor 10%", conf])
                    continue
                tau_txt = "x (1 + tau %.4f)" % TAU[j][n][i]
                if j == SVC:
                    rule, conf = SV_RULE[(i, n)]
                    rows.append(["X", SECTORS[j], COUNTRIES[n], COUNTRIES[i], v, "USD bn", 2024,
                                 "services trade, BOP basis", rule + "; no tariff", conf])
                    continue
                if i == ROW and n == ROW:
                    continue
                grule, gconf = G_RULE[(i, n)]
                srule, sconf = SHAPE_RULE[(i, n)]
                conf = worst_conf("derived", gconf if gconf != "S" else "derived", sconf)
                rows.append(["X", SECTORS[j], COUNTRIES[n], COUNTRIES[i], v, "USD bn", 2024,
                             "goods total %s -> %s = %.3f USD bn: %s" % (COUNTRIES[i], COUNTRIES[n], G[i][n], grule),
                             "total x sector share %.5f (%s) %s" % (SHAPE[(i, n)][j], srule, tau_txt), conf])
    for j in range(J):
        for n in range(N):
            for i in range(N):
                if n == i:
                    rule, conf = "own tariff", "derived"
                elif j == SVC:
                    rule, conf = "no tariff on services", "derived"
                else:
                    rule, conf = TAU_RULE[(n, i)]
                rows.append(["tau", SECTORS[j], COUNTRIES[n], COUNTRIES[i], TAU[j][n][i], "rate", 2024,
                             "see rule", rule + " (same rate in every goods sector)" if j != SVC and n != i else rule,
                             conf])
    for ts in THETA_SETS:
        for j in range(J):
            if ts["id"] == "long_run":
                fid = "lr_theta_" + SECTORS[j]
                rows.append(["theta", SECTORS[j], "", "", ts["theta"][j], "elasticity", FACTS[fid]["year"],
                             FACTS[fid]["source"], "the default set is the long-run set (horizon: long run)",
                             FACTS[fid]["conf"]])
            conf = {"long_run": "E", "one_year": "derived", "caliendo_parro": "derived", "uniform_4": "P",
                    "uniform_5": "E"}[ts["id"]]
            rows.append(["theta_sets." + ts["id"], SECTORS[j], "", "", ts["theta"][j], "elasticity", "",
                         ts["source"], ts["label"] + " (horizon: " + ts["horizon"].replace("_", " ") + ")", conf])
    rows.append(["theta_sets.long_run (trade-weighted mean)", "all", "", "", round(LR_MEAN, 4), "elasticity", 2024,
                 "computed: sectors weighted by baseline international trade at customs value",
                 "must lie in the published aggregate range 4-5 (checked by the script and tests/baseline.rs)",
                 "derived"])
    rows.append(["theta_sets.one_year (trade-weighted mean)", "all", "", "", 0.76, "elasticity", 2023,
                 FACTS["blpn_short_run"]["source"], "the long-run set scaled to this mean", "derived"])
    rows.extend(gamma_provenance_rows())
    for n in range(N):
        rows.append(["households.count_millions", "", COUNTRIES[n], "", HOUSEHOLDS["count_millions"][n],
                     "million", "", "facts-2024.csv", "", FACTS[["us_households", "can_households", "mex_households",
                                                                  "chn_households", "row_households"][n]]["conf"]])
        rows.append(["households.spending_per_household", "", COUNTRIES[n], "",
                     HOUSEHOLDS["spending_per_household"][n], "USD per year", "", "facts-2024.csv",
                     ["as published", "C$ x 0.73", "MXN per quarter x 4 / 18.3", "estimate", "estimate"][n],
                     ["P", "E", "E", "E", "E"][n]])
        rows.append(["employment_millions", "", COUNTRIES[n], "", EMPLOYMENT[n], "million",
                     FACTS[EMPLOYMENT_FACT_IDS[n]]["year"], FACTS[EMPLOYMENT_FACT_IDS[n]]["source"], "",
                     FACTS[EMPLOYMENT_FACT_IDS[n]]["conf"]])
        for j in range(J):
            source, year, conf = EMPLOYMENT_RULE[(n, j)]
            rows.append(["employment_by_sector_thousands", SECTORS[j], COUNTRIES[n], "",
                         EMPLOYMENT_BY_SECTOR[n][j], "thousand", year, source,
                         "mapping and split rules: sources/research/employment-2024.md", conf])
    for n, duties in sorted(DUTIES_2024.items()):
        fid = {USA: "us_duties_2024", CAN: "can_duties_2024_cad", MEX: "mex_duties_2024_mxn"}[n]
        rows.append(["check: customs duties collected 2024", "", COUNTRIES[n], "", round(duties, 3), "USD bn",
                     2024, FACTS[fid]["source"], "baseline tariff revenue must be within 10% (tests/baseline.rs); "
                     "converted at 0.73 USD/CAD and 18.3 MXN/USD (E)", FACTS[fid]["conf"]])
    rows.append(["rules_of_origin.compliance_cost", "goods", "USA", "CAN;MEX", RULES_OF_ORIGIN["compliance_cost"],
                 "share of trade value", 2005, FACTS["rules_of_origin_compliance_cost"]["source"],
                 "trade-cost factor 1 + cost x (claim share - 2024 claim share) on USMCA-exempt cells", "E"])
    for c, fid in (("CAN", "usmca_claim_can"), ("MEX", "usmca_claim_mex")):
        rows.append(["rules_of_origin.baseline_claim_share", "goods", "USA", c, fact(fid), "share", 2024,
                     FACTS[fid]["source"], "", FACTS[fid]["conf"]])
    return rows


def fmt(v):
    return "%9.1f" % v


def print_summary(econ, d, targets):
    print("North America 2024 baseline: %d countries x %d sectors" % (N, J))
    print("\nBilateral goods totals used (customs value, USD bn; exporter -> importer):")
    print("          " + "".join("%10s" % c for c in COUNTRIES))
    for i in range(N):
        print("%-10s" % COUNTRIES[i] + "".join(fmt(goods_flow(econ, i, n)) + " " if i != n else "        - "
                                                for n in range(N)))
    print("\nFacts reproduced (customs value, USD bn):")
    for label, got, want in targets:
        print("  %-28s %9.2f   fact %9.2f" % (label, got, want))
    print("  Canada goods exports / imports (derived): %.1f / %.1f" % (EXP_TOTAL[CAN], IMP_TOTAL[CAN]))
    print("\nHeadline (customs value, USD bn):")
    uc_x, uc_m = goods_flow(econ, USA, CAN), goods_flow(econ, CAN, USA)
    um_x, um_m = goods_flow(econ, USA, MEX), goods_flow(econ, MEX, USA)
    cm_x, cm_m = goods_flow(econ, CAN, MEX), goods_flow(econ, MEX, CAN)
    print("  US-Canada goods:  exports %.1f, imports %.1f, total %.1f" % (uc_x, uc_m, uc_x + uc_m))
    print("  US-Mexico goods:  exports %.1f, imports %.1f, total %.1f" % (um_x, um_m, um_x + um_m))
    print("  Canada-Mexico goods: CAN->MEX %.1f, MEX->CAN %.1f, total %.1f (Mexico basis, Jan-Nov x 12/11)"
          % (cm_x, cm_m, cm_x + cm_m))
    goods3 = uc_x + uc_m + um_x + um_m + cm_x + cm_m
    sv = lambda i, n: customs(econ, SVC, n, i)
    svc3 = sv(USA, CAN) + sv(CAN, USA) + sv(USA, MEX) + sv(MEX, USA) + sv(CAN, MEX) + sv(MEX, CAN)
    print("  Goods trade among the three: %.1f (facts: about 1,640)" % goods3)
    print("  Services among the three: %.1f (US-CAN %.1f, US-MEX %.1f, CAN-MEX %.1f E)" % (
        svc3, sv(USA, CAN) + sv(CAN, USA), sv(USA, MEX) + sv(MEX, USA), sv(CAN, MEX) + sv(MEX, CAN)))
    print("  Goods + services among the three: %.1f (headline: 1.8-2 trillion)" % (goods3 + svc3))
    print("\nCountry accounts (USD bn):")
    print("  %-4s %10s %10s %10s %10s %10s %12s" % ("", "GDP", "VA", "R", "D", "I", "min F (sector)"))
    for n in range(N):
        jmin = min(range(J), key=lambda j: d["F"][n][j])
        print("  %-4s %10.1f %10.1f %10.1f %10.1f %10.1f %9.1f (%s)" % (
            COUNTRIES[n], GDP[n], d["VA"][n], d["R"][n], d["D"][n], d["I"][n], d["F"][n][jmin], SECTORS[jmin]))
    print("  sum of D = %.2e" % sum(d["D"]))
    print("\nDomestic share of absorption pi[n][n] by sector:")
    print("       " + " ".join("%9s" % s[:9] for s in SECTORS))
    for n in range(N):
        print("  %-4s " % COUNTRIES[n] + " ".join("%9.3f" % (econ["X"][j][n][n] / d["Xn"][n][j]) for j in range(J)))
    print("\nUS gross output by sector, model vs BEA 2024 T018 (USD bn):")
    for j in range(J):
        print("  %-11s %9.1f  BEA %9.1f" % (SECTORS[j], d["Y"][USA][j], BEA["output"][j]))
    print("\nFinal demand F / income by sector (min over countries %.4f):" % min(
        d["F"][n][j] / d["I"][n] for n in range(N) for j in range(J)))
    print("Domestic-share floor / final-demand adjustments:")
    for note in FLOOR_NOTES or ["  none"]:
        print("  " + note)
    print()
    for ts in econ["theta_sets"]:
        print("theta %-15s trade-weighted mean %.2f: %s" % (ts["id"], trade_weighted_mean(ts["theta"]), ts["theta"]))
    print("gamma_va USA:", [round(v, 3) for v in econ["gamma_va"][USA]])
    print("gamma_va MEX:", [round(v, 3) for v in econ["gamma_va"][MEX]])
    print("\nBaseline tariff revenue vs customs duties collected in 2024 (USD bn):")
    for n in range(N):
        collected = DUTIES_2024.get(n)
        print("  %-4s model %7.2f   collected %s" % (COUNTRIES[n], d["R"][n],
                                                    "%7.2f (%+.1f%%)" % (collected, 100 * (d["R"][n] / collected - 1))
                                                    if collected else "      - (not a target)"))
    print("\nJobs by sector (thousands):")
    for n in range(N):
        print("  %-4s " % COUNTRIES[n] + " ".join("%9.0f" % v for v in econ["employment_by_sector_thousands"][n]))


if __name__ == "__main__":
    main()
