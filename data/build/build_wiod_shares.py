#!/usr/bin/env python3
"""Country-specific input-output shares from the WIOD world input-output table for 2011.

Writes data/sources/wiod-2011-shares.csv (read by build_baseline.py, which stays standard-library
only) and data/validation/wiod-2011/extract.csv (raw industry numbers for tests/wiod_shares.rs).
With --compare it also prints, against the committed data/north-america-2024.json, the drift of the
WIOD 2011 US shares from the BEA 2024 US shares and the sourcing of intermediates (WIOD vs baseline).

Setup (once; the .RData file is bzip2-compressed R data, read without R by the PyPI package `rdata`):

    python3 -m venv /tmp/wiod-venv
    /tmp/wiod-venv/bin/pip install rdata==1.1.0        # pulls numpy and xarray
    /tmp/wiod-venv/bin/python data/build/build_wiod_shares.py [--wiod PATH] [--compare]

Run from the repository root. PATH defaults to /work/shared/data/wiod-2013/wiot_2011.RData (the copy of
bquast/wiod data/wiot_2011.RData; WIOD 2013 release, Timmer et al. 2015). Deterministic. The rules are
written out in data/BASELINE.md section 5.
"""

import argparse
import csv
import json
import os
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
SOURCES = os.path.join(DATA, "sources")
OUT_SHARES = os.path.join(SOURCES, "wiod-2011-shares.csv")
OUT_EXTRACT = os.path.join(DATA, "validation", "wiod-2011", "extract.csv")
BASELINE_JSON = os.path.join(DATA, "north-america-2024.json")
DEFAULT_WIOD = "/work/shared/data/wiod-2013/wiot_2011.RData"

SECTORS = ["agri_food", "energy", "metals", "minerals", "vehicles",
           "chemicals", "machinery", "wood_paper", "other_mfg", "services"]
J = len(SECTORS)
S = {s: i for i, s in enumerate(SECTORS)}
MODEL_COUNTRIES = ["USA", "CAN", "MEX", "CHN", "ROW"]
N_IND = 35
DECIMALS = 6

# WIOD industry (c1..c35, NACE rev. 1.1) -> project sector. c2 (mining and quarrying) is split, see
# MINING_ENERGY_SHARE; c18..c35 are services.
WIOD_TO_SECTOR = {
    1: "agri_food",    # agriculture, hunting, forestry and fishing
    2: None,           # mining and quarrying: split between energy and minerals
    3: "agri_food",    # food, beverages and tobacco
    4: "other_mfg",    # textiles and textile products
    5: "other_mfg",    # leather and footwear
    6: "wood_paper",   # wood and products of wood and cork
    7: "wood_paper",   # pulp, paper, printing and publishing (BEA puts publishing in services)
    8: "energy",       # coke, refined petroleum and nuclear fuel
    9: "chemicals",    # chemicals and chemical products
    10: "chemicals",   # rubber and plastics
    11: "other_mfg",   # other non-metallic minerals
    12: "metals",      # basic metals and fabricated metal
    13: "machinery",   # machinery n.e.c.
    14: "machinery",   # electrical and optical equipment
    15: "vehicles",     # transport equipment (motor vehicles not separate; aircraft, ships, rail included)
    16: "other_mfg",   # manufacturing n.e.c.; recycling
    17: "energy",      # electricity, gas and water supply
}
for _c in range(18, 36):
    WIOD_TO_SECTOR[_c] = "services"


def mining_energy_share():
    """Energy part of WIOD c2 = BEA 2024 US output (211 + 213) / (211 + 212 + 213).

    The BEA crosswalk (BASELINE.md s1a) puts 211 oil and gas extraction and 213 support activities in
    energy and 212 other mining in minerals; WIOD does not separate them, so every c2 flow and c2's
    output are split with this one US ratio for every country (an estimate outside the US).
    """
    with open(os.path.join(SOURCES, "use_summary_2024_full.csv"), newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    t018 = {r[0]: r for r in rows[2:]}["T018"]
    out = {c: float(t018[header.index(c)]) for c in ("211", "212", "213")}
    return (out["211"] + out["213"]) / (out["211"] + out["212"] + out["213"])


MINING_ENERGY_SHARE = mining_energy_share()


def split(industry):
    """[(sector index, weight)] of a WIOD industry number."""
    if industry == 2:
        return [(S["energy"], MINING_ENERGY_SHARE), (S["minerals"], 1.0 - MINING_ENERGY_SHARE)]
    return [(S[WIOD_TO_SECTOR[industry]], 1.0)]


def load_wiod(path):
    import numpy as np   # noqa: E402  (only this script needs numpy/rdata)
    import rdata
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # "Missing constructor for R class iot": harmless
        w = rdata.read_rda(path)["wiot_2011"]
    countries = [str(c) for c in w["countries"]]
    inter = np.asarray(w["inter"].values, dtype=float)
    output = np.asarray(w["output"], dtype=float)
    assert inter.shape == (len(countries) * N_IND, len(countries) * N_IND)
    assert [str(c) for c in w["industries"]] == ["c%d" % i for i in range(1, N_IND + 1)]
    return countries, inter, output


def group_of(country):
    return country if country in ("USA", "CAN", "MEX", "CHN") else "ROW"


def aggregate(countries, inter, output):
    """flows[g][k][j]: intermediate inputs of sector k (all source countries) bought by sector j of
    group g, US$ million; out[g][j]: gross output; va[g][j] = out - sum_k flows (residual)."""
    import numpy as np
    col_by_input = np.zeros((len(countries) * N_IND, N_IND))   # column x supplying industry (summed over sources)
    for s in range(len(countries)):
        col_by_input += inter[s * N_IND:(s + 1) * N_IND, :].T
    flows = {g: [[0.0] * J for _ in range(J)] for g in MODEL_COUNTRIES}
    out = {g: [0.0] * J for g in MODEL_COUNTRIES}
    for ci, c in enumerate(countries):
        g = group_of(c)
        for u in range(1, N_IND + 1):
            col = ci * N_IND + u - 1
            if output[col] <= 0.0:
                continue   # zero-output industries (e.g. CHN c19, c35) have no inputs either
            for j, wj in split(u):
                out[g][j] += wj * output[col]
                for i in range(1, N_IND + 1):
                    v = col_by_input[col, i - 1]
                    if v:
                        for k, wk in split(i):
                            flows[g][k][j] += wj * wk * v
    va = {g: [out[g][j] - sum(flows[g][k][j] for k in range(J)) for j in range(J)] for g in MODEL_COUNTRIES}
    return flows, out, va


def apportion(shares_io, share_va):
    """Round to 6 decimals so that the rounded input shares add up to exactly 1 - rounded VA share.

    VA share is rounded normally; the input shares by largest remainder (in units of 1e-6)."""
    unit = 10 ** DECIMALS
    va_units = int(round(share_va * unit))
    target = unit - va_units
    raw = [s * unit for s in shares_io]
    base = [int(r // 1) for r in raw]
    rest = target - sum(base)
    order = sorted(range(len(raw)), key=lambda k: (-(raw[k] - base[k]), k))
    for k in order[:rest]:
        base[k] += 1
    assert 0 <= rest <= len(raw) and sum(base) + va_units == unit
    return [b / unit for b in base], va_units / unit


def write_shares(flows, out, va):
    os.makedirs(SOURCES, exist_ok=True)
    with open(OUT_SHARES, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["country", "using_sector", "input", "share", "flow_musd_2011", "output_musd_2011"])
        for g in MODEL_COUNTRIES:
            for j in range(J):
                y = out[g][j]
                io, v = apportion([flows[g][k][j] / y for k in range(J)], va[g][j] / y)
                for k in range(J):
                    w.writerow([g, SECTORS[j], SECTORS[k], "%.6f" % io[k], "%.1f" % flows[g][k][j], "%.1f" % y])
                w.writerow([g, SECTORS[j], "VA", "%.6f" % v, "%.1f" % va[g][j], "%.1f" % y])


# Raw industries for tests/wiod_shares.rs (no c2: its split needs the BEA ratio).
EXTRACT = [("CHN", 13), ("CHN", 14), ("MEX", 15), ("CAN", 15), ("CAN", 12), ("MEX", 13), ("MEX", 14),
           ("CHN", 1), ("CHN", 3), ("CAN", 9), ("CAN", 10)]


def write_extract(countries, inter, output):
    os.makedirs(os.path.dirname(OUT_EXTRACT), exist_ok=True)
    colsum = inter.sum(axis=0)
    with open(OUT_EXTRACT, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["country", "industry", "output_musd", "intermediate_inputs_musd"])
        for c, ind in EXTRACT:
            col = countries.index(c) * N_IND + ind - 1
            w.writerow([c, "c%d" % ind, "%.0f" % output[col], "%.0f" % colsum[col]])


def compare(countries, inter, output, flows, out, va):
    """Print US drift (WIOD 2011 vs BEA 2024) and the sourcing of intermediates (WIOD vs baseline)."""
    with open(BASELINE_JSON, encoding="utf-8") as fh:
        econ = json.load(fh)
    us = MODEL_COUNTRIES.index("USA")
    bea_va = econ["gamma_va"][us]
    bea_io = econ["gamma_io"][us]
    w_va = [va["USA"][j] / out["USA"][j] for j in range(J)]
    w_io = [[flows["USA"][k][j] / out["USA"][j] for j in range(J)] for k in range(J)]
    d_va = [w_va[j] - bea_va[j] for j in range(J)]
    d_io = [(w_io[k][j] - bea_io[k][j], k, j) for k in range(J) for j in range(J)]
    print("US drift, WIOD 2011 minus BEA 2024 (same crosswalk):")
    print("  gamma_va: mean |diff| %.4f, max %.4f" % (sum(map(abs, d_va)) / J, max(map(abs, d_va))))
    for j in range(J):
        print("    %-11s WIOD %.3f  BEA %.3f  diff %+.3f" % (SECTORS[j], w_va[j], bea_va[j], d_va[j]))
    print("  gamma_io: mean |diff| over 100 cells %.4f" % (sum(abs(d) for d, _, _ in d_io) / len(d_io)))
    for d, k, j in sorted(d_io, key=lambda t: -abs(t[0]))[:6]:
        print("    input %-10s -> %-10s WIOD %.3f  BEA %.3f  diff %+.3f"
              % (SECTORS[k], SECTORS[j], w_io[k][j], bea_io[k][j], d))
    # Sourcing: share of sector j's intermediates bought from the USA.
    print("\nShare of intermediates bought from the USA (abroad): WIOD 2011 vs baseline "
          "(sum_k gamma_io[n][k][j] pi[k][n][USA] / sum_k gamma_io[n][k][j])")
    cidx = {c: i for i, c in enumerate(countries)}
    X = econ["X"]
    for g, sec in [("MEX", "vehicles"), ("CAN", "vehicles"), ("MEX", "machinery"), ("CAN", "machinery"),
                   ("CAN", "metals"), ("MEX", "metals"), ("CAN", "chemicals"), ("MEX", "chemicals"),
                   ("CHN", "machinery"), ("CAN", "agri_food"), ("MEX", "agri_food")]:
        j = S[sec]
        users = [u for u in range(1, N_IND + 1) if WIOD_TO_SECTOR[u] == sec]
        total = from_us = from_abroad = 0.0
        for u in users:
            col = cidx[g] * N_IND + u - 1
            for s, c in enumerate(countries):
                for i in range(1, N_IND + 1):
                    v = inter[s * N_IND + i - 1, col]
                    total += v
                    if c == "USA":
                        from_us += v
                    if c != g:
                        from_abroad += v
        n = MODEL_COUNTRIES.index(g)
        gio = econ["gamma_io"][n]
        pi_us = [X[k][n][us] / sum(X[k][n]) for k in range(J)]
        pi_abroad = [1.0 - X[k][n][n] / sum(X[k][n]) for k in range(J)]
        inputs = sum(gio[k][j] for k in range(J))
        base = sum(gio[k][j] * pi_us[k] for k in range(J)) / inputs
        base_abroad = sum(gio[k][j] * pi_abroad[k] for k in range(J)) / inputs
        print("  %s %-10s from USA: WIOD %.3f  baseline %.3f   from abroad: WIOD %.3f  baseline %.3f"
              % (g, sec, from_us / total, base, from_abroad / total, base_abroad))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wiod", default=os.environ.get("WIOD_RDATA", DEFAULT_WIOD))
    ap.add_argument("--compare", action="store_true")
    args = ap.parse_args()
    countries, inter, output = load_wiod(args.wiod)
    flows, out, va = aggregate(countries, inter, output)
    write_shares(flows, out, va)
    write_extract(countries, inter, output)
    print("c2 mining split: energy %.6f, minerals %.6f (BEA 2024 US output ratio)"
          % (MINING_ENERGY_SHARE, 1.0 - MINING_ENERGY_SHARE))
    print("gamma_va (WIOD 2011):")
    for g in MODEL_COUNTRIES:
        print("  %s " % g + " ".join("%s %.3f" % (SECTORS[j][:5], va[g][j] / out[g][j]) for j in range(J))
              + "  | all %.3f" % (sum(va[g]) / sum(out[g])))
    print("smallest output (US$ bn, 2011):",
          min(((out[g][j] / 1000, g, SECTORS[j]) for g in MODEL_COUNTRIES for j in range(J))))
    print("wrote", os.path.relpath(OUT_SHARES), "and", os.path.relpath(OUT_EXTRACT))
    if args.compare:
        print()
        compare(countries, inter, output, flows, out, va)


if __name__ == "__main__":
    main()
