#!/usr/bin/env python3
"""Writes the Yellow Pages map outlines (src/main/resources/org/cipnet/web/map/countries.json).

Input: countries-50m.json of npm's world-atlas 2.0.2 (TopoJSON of Natural Earth's 1:50m Admin 0
countries, public domain), e.g. from `npm pack world-atlas@2.0.2`. Output: one SVG path per
country of the network (ISO 3166-1 alpha-3 keys), projected (equirectangular, scaled by the cosine
of 60°N), clipped to the Nordic-Baltic frame and rounded to whole units (about one pixel as shown). Run: scripts/map-outlines.py FILE
"""
import json, math, sys

NETWORK = {"352": "ISL", "578": "NOR", "752": "SWE", "246": "FIN", "208": "DNK", "643": "RUS",
           "233": "EST", "428": "LVA", "440": "LTU", "616": "POL", "203": "CZE"}
LON0, LON1, LAT0, LAT1 = -25.0, 45.0, 48.0, 72.0
K = math.cos(math.radians(60)) * 10

def project(lon, lat):
    return ((lon - LON0) * K, (LAT1 - lat) * 10)

def clip(ring):
    # Sutherland-Hodgman against the frame, in lon/lat.
    def edge(pts, inside, cut):
        out = []
        for i, p in enumerate(pts):
            q = pts[i - 1]
            if inside(p):
                if not inside(q): out.append(cut(q, p))
                out.append(p)
            elif inside(q):
                out.append(cut(q, p))
        return out
    def at_lon(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))
    def at_lat(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)
    pts = ring
    for inside, cut in ((lambda p: p[0] >= LON0, at_lon(LON0)), (lambda p: p[0] <= LON1, at_lon(LON1)),
                        (lambda p: p[1] >= LAT0, at_lat(LAT0)), (lambda p: p[1] <= LAT1, at_lat(LAT1))):
        if not pts: break
        pts = edge(pts, inside, cut)
    return pts

topo = json.load(open(sys.argv[1]))
sx, sy = topo["transform"]["scale"]; tx, ty = topo["transform"]["translate"]
arcs = []
for arc in topo["arcs"]:
    x = y = 0; pts = []
    for dx, dy in arc:
        x += dx; y += dy
        pts.append((x * sx + tx, y * sy + ty))
    arcs.append(pts)

def ring(indices):
    pts = []
    for i in indices:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    # A ring crossing the 180th meridian (Russia's Chukotka) jumps from +180 to -180: shifted by
    # 360 degrees after each jump it stays one shape, east of the frame, instead of an edge across
    # the whole frame that the clipping would turn into a band over the map.
    shift, out = 0.0, []
    for k, (lon, lat) in enumerate(pts):
        if k and lon + shift - out[-1][0] > 180: shift -= 360
        elif k and lon + shift - out[-1][0] < -180: shift += 360
        out.append((lon + shift, lat))
    return out

out = {}
for g in topo["objects"]["countries"]["geometries"]:
    code = NETWORK.get(str(g.get("id")))
    if not code: continue
    polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
    d = []
    for poly in polys:
        for r in poly:
            pts = clip(ring(r))
            xy = []
            for lon, lat in pts:
                p = tuple(round(v) for v in project(lon, lat))
                if not xy or p != xy[-1]: xy.append(p)
            if len(xy) < 4: continue
            d.append("M" + " ".join(f"{x:g},{y:g}" for x, y in xy) + "Z")
    out[code] = "".join(d)
w, h = project(LON1, LAT0)
json.dump({"source": "Natural Earth 1:50m Admin 0 countries (public domain) via npm world-atlas 2.0.2 countries-50m.json",
           "viewBox": f"0 0 {w:g} {h:g}", "countries": out}, sys.stdout, separators=(",", ":"))
