"""Convert the Caliendo & Parro (2015) replication data into an economy file and the NAFTA scenario.

Reads the original text files in data/validation/cp2015/ (see the README there) and writes, next to them:

- `cp2015-1993.json`: the 1993 economy (31 countries, 40 sectors) in the economy format of data/README.md. It is
  the data as they are, *not* yet consistent: final demand computed from it is negative in 185 country-sectors, so
  `natx` rejects it until `natx rebase` has applied the paper's rule and solved for a consistent baseline.
- `nafta-1993-2005.json`: the paper's NAFTA experiment (section 5.1) as a scenario file: one `tariff` measure per
  importer, exporter and tradable sector among Canada, Mexico and the US, setting the 2005 rate; every other
  tariff stays at its 1993 level (the economy's own `tau`).

Run `python3 data/build/convert_cp2015.py` from anywhere. Python 3 standard library only; deterministic (the same
input files give byte-identical output).

Rules, following the paper's own code (CP.m in the replication package):

- `xbilat1993` is in thousands of US dollars at producer prices; the economy keeps that unit. Flows at the
  importer's price are `xbilat * (1 + t/100)` with `t` the 1993 tariff in percent (row importer, column exporter).
- Gross output (`GO.txt`, US dollars, divided by 1000) is raised to a country-sector's exports where it is below
  them (26 cells); domestic sales, on the diagonal, are gross output minus exports.
- Non-tradable sectors (the last 20) have no trade: their only flow is domestic sales, and no tariff.
- `gamma_va[n][j] = B[j][n]` and `gamma_io[n][k][j] = (1 - B[j][n]) * IO_n[k][j]`. Two deviations from the raw
  file, both needed by the format's rule that cost shares add up to 1 (within 1e-6): the one negative coefficient
  (Canada, input Other -> Basic metals, -0.00085) is set to 0, and each column of IO_n is rescaled to sum to
  exactly 1 (the raw columns are off by up to 1.6e-6). Both change cost shares by less than 0.0009.
- `theta`: the 20 values of `T.txt` for the tradable sectors; 8.22 for the non-tradables, as in the paper's code
  (irrelevant: they are not traded).
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
DIR = ROOT / "data" / "validation" / "cp2015"
ECONOMY_OUT = DIR / "cp2015-1993.json"
SCENARIO_OUT = DIR / "nafta-1993-2005.json"

COUNTRIES = ("ARG AUS AUT BRA CAN CHL CHN DNK FIN FRA DEU GRC HUN IND IDN IRL ITA JPN KOR MEX NLD NZL NOR PRT "
             "ZAF ESP SWE TUR GBR USA ROW").split()
COUNTRY_NAMES = [
    "Argentina", "Australia", "Austria", "Brazil", "Canada", "Chile", "China", "Denmark", "Finland", "France",
    "Germany", "Greece", "Hungary", "India", "Indonesia", "Ireland", "Italy", "Japan", "Korea", "Mexico",
    "Netherlands", "New Zealand", "Norway", "Portugal", "South Africa", "Spain", "Sweden", "Turkey",
    "United Kingdom", "United States", "Rest of the world",
]
# (id, readable name); the first 20 are tradable.
SECTORS = [
    ("Agriculture", "Agriculture"), ("Mining", "Mining"), ("Food", "Food"), ("Textile", "Textile"),
    ("Wood", "Wood"), ("Paper", "Paper"), ("Petroleum", "Petroleum"), ("Chemicals", "Chemicals"),
    ("Plastic", "Plastic"), ("Minerals", "Minerals"), ("BasicMetals", "Basic metals"),
    ("MetalProducts", "Metal products"), ("Machinery", "Machinery n.e.c."), ("Office", "Office"),
    ("Electrical", "Electrical"), ("Communication", "Communication"), ("Medical", "Medical"), ("Auto", "Auto"),
    ("OtherTransport", "Other transport"), ("Other", "Other"), ("Electricity", "Electricity"),
    ("Construction", "Construction"), ("Retail", "Retail"), ("Hotels", "Hotels"),
    ("LandTransport", "Land transport"), ("WaterTransport", "Water transport"), ("AirTransport", "Air transport"),
    ("AuxTransport", "Aux. transport"), ("Post", "Post"), ("Finance", "Finance"), ("RealEstate", "Real estate"),
    ("RentingMachinery", "Renting machinery"), ("Computer", "Computer"), ("RandD", "R&D"),
    ("OtherBusiness", "Other business"), ("Public", "Public"), ("Education", "Education"), ("Health", "Health"),
    ("OtherServices", "Other services"), ("PrivateHouseholds", "Private households"),
]
N, J, TRADABLE = len(COUNTRIES), len(SECTORS), 20
NON_TRADABLE_THETA = 8.22
NAFTA = ("CAN", "MEX", "USA")
SOURCE = ("Caliendo, L. & Parro, F. (2015), Estimates of the Trade and Welfare Effects of NAFTA, Review of "
          "Economic Studies 82(1): 1-44; replication data as mirrored in github.com/powell001/"
          "Caliendo_Parro_2015_Python (data/original_data/)")


def read(name, rows, cols):
    """A tab-separated matrix of `rows` x `cols` numbers (Excel-style exponents such as 1.99232E+11 included)."""
    lines = [line for line in (DIR / name).read_text().splitlines() if line.strip()]
    matrix = [[float(v) for v in line.split()] for line in lines]
    if len(matrix) != rows or any(len(r) != cols for r in matrix):
        raise SystemExit(f"{name}: expected {rows} x {cols} numbers")
    return matrix


def main():
    xbilat = read("xbilat1993.txt", TRADABLE * N, N)
    tariffs93 = read("tariffs1993.txt", TRADABLE * N, N)
    tariffs05 = read("tariffs2005.txt", TRADABLE * N, N)
    go = read("GO.txt", J, N)
    b = read("B.txt", J, N)
    io = read("IO.txt", N * J, J)
    theta = [row[0] for row in read("T.txt", TRADABLE, 1)] + [NON_TRADABLE_THETA] * (J - TRADABLE)

    x = [[[0.0] * N for _ in range(N)] for _ in range(J)]
    tau = [[[0.0] * N for _ in range(N)] for _ in range(J)]
    raised = 0
    for j in range(J):
        exports = [0.0] * N
        if j < TRADABLE:
            for n in range(N):
                for i in range(N):
                    if i == n:
                        continue
                    flow, rate = xbilat[j * N + n][i], tariffs93[j * N + n][i] / 100.0
                    tau[j][n][i] = rate
                    x[j][n][i] = flow * (1.0 + rate)
                    exports[i] += flow
        for n in range(N):
            output = go[j][n] / 1000.0
            if output < exports[n]:
                raised += 1
                output = exports[n]
            x[j][n][n] = output - exports[n]

    gamma_va = [[b[j][n] for j in range(J)] for n in range(N)]
    gamma_io = [[[0.0] * J for _ in range(J)] for _ in range(N)]
    for n in range(N):
        for j in range(J):
            column = [max(io[n * J + k][j], 0.0) for k in range(J)]
            total = sum(column)
            if b[j][n] < 1.0 and total > 0.0:
                for k in range(J):
                    gamma_io[n][k][j] = (1.0 - b[j][n]) * column[k] / total
            elif b[j][n] < 1.0:
                raise SystemExit(f"IO.txt: country {COUNTRIES[n]}, sector {SECTORS[j][0]} has no inputs but B < 1")

    economy = {
        "name": "Caliendo & Parro (2015) world economy, 1993 (raw data, not yet rebased)",
        "description": "31 countries and 40 sectors of the paper's replication data, converted by "
                       "data/build/convert_cp2015.py. Run `natx rebase` on it before solving.",
        "year": 1993,
        "units": "US$ thousands",
        "countries": COUNTRIES,
        "sectors": [s[0] for s in SECTORS],
        "country_names": COUNTRY_NAMES,
        "sector_names": [s[1] for s in SECTORS],
        "X": x,
        "tau": tau,
        "theta": theta,
        "gamma_va": gamma_va,
        "gamma_io": gamma_io,
        "sources": [SOURCE],
        "notes": [
            f"Gross output raised to exports in {raised} country-sectors, as in the paper's code.",
            "Canada's IO coefficient Other -> Basic metals (-0.00085) set to 0; IO columns rescaled to sum to 1.",
            "Non-tradable sectors (the last 20) use theta 8.22, as in the paper's code; they are not traded.",
        ],
    }
    measures = []
    for n_id in NAFTA:
        for i_id in NAFTA:
            if n_id == i_id:
                continue
            n, i = COUNTRIES.index(n_id), COUNTRIES.index(i_id)
            for j in range(TRADABLE):
                measures.append({
                    "label": f"{n_id} on {i_id}, {SECTORS[j][1]}: 2005 rate",
                    "importers": [n_id],
                    "exporters": [i_id],
                    "sectors": [SECTORS[j][0]],
                    "tariff": tariffs05[j * N + n][i] / 100.0,
                })
    scenario = {
        "name": "NAFTA: tariffs among Canada, Mexico and the US from 1993 to 2005 levels",
        "description": "Caliendo & Parro (2015), section 5.1: tariffs among the three NAFTA members move to their "
                       "2005 levels; every other tariff stays at its 1993 level.",
        "sources": [SOURCE],
        "measures": measures,
    }
    ECONOMY_OUT.write_text(json.dumps(economy, separators=(",", ":")) + "\n")
    SCENARIO_OUT.write_text(json.dumps(scenario, indent=1) + "\n")
    print(f"wrote {ECONOMY_OUT.relative_to(ROOT)} ({raised} gross-output cells raised to exports) and "
          f"{SCENARIO_OUT.relative_to(ROOT)} ({len(measures)} measures)")


if __name__ == "__main__":
    main()
