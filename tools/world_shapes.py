#!/usr/bin/env python3
"""Maintainer script: the world map's shapes (`export map`), made once from Natural Earth.

    npm pack world-atlas            # in a temporary directory: world-atlas-2.0.2.tgz
    .venv/bin/python tools/world_shapes.py /tmp/wa/world-atlas-2.0.2.tgz

Route. The npm package `world-atlas` (Mike Bostock; ISC licence) redistributes Natural Earth's
"Admin 0 - Countries" at 1:110m (version 4.1.0; public domain) as TopoJSON: `countries-110m.json`,
each country keyed by its ISO 3166-1 numeric code. This script reads that file from the package
(a .tgz from `npm pack`, or its unpacked folder), decodes the TopoJSON (quantized, delta-encoded
arcs shared between neighbours) into one list of rings per country, maps the numeric codes to
ISO 3166-1 alpha-3 with pycountry, rounds every coordinate to 0.01 degree (stored as integers,
each ring's points as differences from the previous one) and writes
`treatytrack/store/world/countries-110m.json`. Nothing is fetched at run time and tests never
run this script: the package reads the file it wrote.

What it decides, and why:
- Antarctica is left out: it is no state, and a map cropped at the Southern Ocean prints larger.
- Natural Earth's features without an ISO code: Kosovo is keyed `XKX` (the user-assigned code
  the dataset uses for it, treatytrack.core.regions), a state; northern Cyprus and Somaliland
  keep no code and are drawn as territory without an ISO state of its own.
- Areas with an ISO code that are no state (`TERRITORIES`: Greenland, Puerto Rico, the Falkland
  Islands, New Caledonia, Western Sahara, the French Southern and Antarctic Lands) are marked
  `"state": false`: the map draws them as territory, not assessed, and never gives them a
  standing of their own.
- At 1:110m the smallest states (Malta, Singapore, most island states) have no shape; the map
  says how many of the treaty's recorded states it cannot draw.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import sys
import tarfile
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "treatytrack" / "store" / "world" / "countries-110m.json"
MEMBER = "package/countries-110m.json"
SCALE = 100  # coordinates in hundredths of a degree
LEFT_OUT = {"010"}  # Antarctica
TERRITORIES = {"GRL", "PRI", "FLK", "NCL", "ESH", "ATF"}
NO_CODE = {"Kosovo": "XKX"}  # Natural Earth's features without an ISO code that the dataset codes


def read_topology(source: Path) -> dict[str, Any]:
    """The TopoJSON from world-atlas: from `npm pack`'s .tgz, its unpacked folder, or the file itself."""
    if source.is_dir():
        for candidate in (source / "countries-110m.json", source / "package" / "countries-110m.json"):
            if candidate.is_file():
                return dict(json.loads(candidate.read_text(encoding="utf-8")))
        raise SystemExit(f"{source}: no countries-110m.json in it")
    if source.name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(source) as archive:
            member = archive.extractfile(MEMBER)
            if member is None:
                raise SystemExit(f"{source}: no {MEMBER} in it")
            return dict(json.load(io.TextIOWrapper(member, encoding="utf-8")))
    return dict(json.loads(source.read_text(encoding="utf-8")))


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Every arc as (longitude, latitude) points in degrees: undo the delta coding and quantization."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step_x, step_y in arc:
            x, y = x + step_x, y + step_y
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def ring_of(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring from its arcs (a negative index ~i is arc i reversed), in degrees."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points += arc[1:] if points else arc  # each arc starts where the previous one ended
    return points


def _clip(ring: list[tuple[float, float]], keep_left: bool) -> list[tuple[float, float]]:
    """The part of `ring` west (or east) of longitude 180 (Sutherland-Hodgman, one edge)."""
    inside = (lambda p: p[0] <= 180) if keep_left else (lambda p: p[0] >= 180)
    kept: list[tuple[float, float]] = []
    for k, point in enumerate(ring):
        before = ring[k - 1]
        if inside(point) != inside(before):
            t = (180 - before[0]) / (point[0] - before[0])
            kept.append((180.0, before[1] + t * (point[1] - before[1])))
        if inside(point):
            kept.append(point)
    return kept


def split_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses longitude 180 (the Chukotka peninsula, Fiji's Taveuni) as one ring each
    side of it, so that no edge runs across the whole map: the longitudes are unwrapped (a jump of
    over 180 degrees is a crossing), the ring clipped at 180, and the eastern part moved by -360."""
    if all(abs(b[0] - a[0]) <= 180 for a, b in itertools.pairwise(ring)):
        return [ring]
    unwrapped = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    west, east = _clip(unwrapped, True), [(lon - 360, lat) for lon, lat in _clip(unwrapped, False)]
    return [part for part in (west, east) if len(part) >= 3]


def rounded(ring: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """A ring in hundredths of a degree, repeated points dropped, the closing point implicit."""
    points: list[tuple[int, int]] = []
    for lon, lat in ring:
        point = (round(lon * SCALE), round(lat * SCALE))
        if not points or points[-1] != point:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def delta(ring: list[tuple[int, int]]) -> list[int]:
    """A ring as flat differences: x0, y0, x1 - x0, y1 - y0, ... (short numbers, a small file)."""
    flat: list[int] = []
    last_x = last_y = 0
    for x, y in ring:
        flat += [x - last_x, y - last_y]
        last_x, last_y = x, y
    return flat


def areas(topology: dict[str, Any]) -> list[dict[str, Any]]:
    arcs = decode_arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        number, name = geometry.get("id"), geometry["properties"]["name"]
        if number in LEFT_OUT:
            continue
        if number is None:
            code = NO_CODE.get(name)
            state = code is not None
        else:
            country = pycountry.countries.get(numeric=number)
            if country is None:
                raise SystemExit(f"no ISO 3166-1 alpha-3 code for numeric {number} ({name})")
            code, state = country.alpha_3, country.alpha_3 not in TERRITORIES
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [
            rounded(part)
            for polygon in polygons
            for ring in polygon
            for part in split_at_antimeridian(ring_of(ring, arcs))
        ]
        found.append({"code": code, "name": name, "state": state, "rings": [delta(r) for r in rings if len(r) >= 3]})
    found.sort(key=lambda a: (a["code"] is None, a["code"] or "", a["name"]))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="world-atlas: npm pack's .tgz, its folder, or countries-110m.json")
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    topology = read_topology(args.source)
    shapes = {
        "source": "Natural Earth 1:110m Admin 0 - Countries (version 4.1.0; public domain), "
        "via the npm package world-atlas 2.0.2 (ISC licence), converted by tools/world_shapes.py",
        "scale": SCALE,
        "coding": "each ring: x0, y0, then differences; hundredths of a degree of longitude and latitude",
        "areas": areas(topology),
    }
    text = json.dumps(shapes, separators=(",", ":"), ensure_ascii=False) + "\n"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: {len(shapes['areas'])} areas, {len(text.encode()) // 1024} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
