"""Build data/map/north-america.json: Canada, the United States and Mexico, projected and simplified.

Source: Natural Earth 1:50m admin-0 countries (version 4.1.0, public domain), as TopoJSON in the npm package
`world-atlas` 2.0.2 (ISC licence), file `countries-50m.json`. Install it with `npm install` at the repository root,
then run `python3 data/build/build_map.py`. Python 3 standard library only; deterministic.

Rules: decode the TopoJSON arcs of ids 124 (Canada), 840 (United States) and 484 (Mexico); drop rings far from
the continent (Hawaii (west of 150°W and south of 30°N), the Aleutians west of the date line and other islands: any longitude below -170 or above -50, or wholly south of 14°N); project with an Albers
equal-area conic for North America (standard parallels 20°N and 60°N, origin 40°N 96°W); simplify each ring with
Douglas–Peucker at 0.25% of the map width and drop rings smaller than 0.002% of the map area; scale to a unit box
(x right, y down) and round to 4 decimals. Node positions for the flow arrows are fixed points chosen by hand inside
each country (documented below), not centroids, so that arrows do not run through the Arctic islands.
"""
import json
import math
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
OUT = ROOT / "data" / "map" / "north-america.json"
IDS = {"124": "CAN", "840": "USA", "484": "MEX"}
# Hand-placed node positions (longitude, latitude) for the flow arrows.
NODES = {"USA": (-98.0, 38.5), "CAN": (-100.0, 54.0), "MEX": (-102.0, 23.5)}


def albers(lon, lat, lon0=-96.0, lat0=40.0, phi1=20.0, phi2=60.0):
    r = math.radians
    n = (math.sin(r(phi1)) + math.sin(r(phi2))) / 2
    c = math.cos(r(phi1)) ** 2 + 2 * n * math.sin(r(phi1))
    rho0 = math.sqrt(c - 2 * n * math.sin(r(lat0))) / n
    rho = math.sqrt(c - 2 * n * math.sin(r(lat))) / n
    theta = n * r(lon - lon0)
    return rho * math.sin(theta), rho0 - rho * math.cos(theta)


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points, tolerance):
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1e-12
        best, best_i = -1.0, None
        for i in range(a + 1, b):
            x0, y0 = points[i]
            d = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / length
            if d > best:
                best, best_i = d, i
        if best_i is not None and best > tolerance:
            keep[best_i] = True
            stack.append((a, best_i))
            stack.append((best_i, b))
    return [p for p, k in zip(points, keep) if k]


def area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def main():
    topo = json.loads(SOURCE.read_text())
    arcs = decode_arcs(topo)
    rings = {code: [] for code in IDS.values()}
    for geometry in topo["objects"]["countries"]["geometries"]:
        code = IDS.get(str(geometry.get("id")))
        if not code:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            outer = ring_points(polygon[0], arcs)
            lons = [p[0] for p in outer]
            lats = [p[1] for p in outer]
            hawaii = max(lons) < -150 and max(lats) < 30
            if hawaii or min(lons) < -170 or max(lons) > -50 or max(lats) < 14:
                continue
            rings[code].append([albers(lon, lat) for lon, lat in outer])
    xs = [x for rs in rings.values() for r in rs for x, _ in r]
    ys = [y for rs in rings.values() for r in rs for _, y in r]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    width, height = x1 - x0, y1 - y0
    tolerance = 0.0025 * width
    min_area = 0.00002 * width * height
    out = {}
    for code, rs in rings.items():
        kept = []
        for r in rs:
            if area(r) < min_area:
                continue
            # A closed ring has equal end points, which Douglas–Peucker cannot split: simplify two halves.
            mid = len(r) // 2
            s = simplify(r[: mid + 1], tolerance) + simplify(r[mid:], tolerance)[1:]
            if len(s) >= 4:
                kept.append([[round((x - x0) / width, 4), round((y1 - y) / height, 4)] for x, y in s])
        out[code] = kept
    nodes = {}
    for code, (lon, lat) in NODES.items():
        x, y = albers(lon, lat)
        nodes[code] = [round((x - x0) / width, 4), round((y1 - y) / height, 4)]
    doc = {
        "source": "Natural Earth 1:50m admin-0 countries v4.1.0 (public domain), via npm world-atlas 2.0.2 countries-50m.json; "
        "projected (Albers equal-area conic, parallels 20N/60N, origin 40N 96W) and simplified by data/build/build_map.py",
        "aspect": round(width / height, 4),
        "countries": out,
        "nodes": nodes,
    }
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    points = sum(len(r) for rs in out.values() for r in rs)
    print(f"wrote {OUT.relative_to(ROOT)}: {points} points, {OUT.stat().st_size} bytes, aspect {doc['aspect']}")


if __name__ == "__main__":
    main()
