"""The world map's shapes, shipped inside the package (`store/world/countries-110m.json`, made
once by tools/world_shapes.py from Natural Earth 1:110m via the npm package world-atlas; see
`store/world/NOTICE.txt`). Read from the package's own folder, never from the network.

The file keeps each ring as integers, hundredths of a degree, each point as its difference from
the one before; `world_areas` turns them back into degrees for treatytrack.core.world.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from treatytrack.core.world import MapArea, Ring

SHAPES_NAME = "countries-110m.json"


def shapes_path() -> Path:
    """The shapes file: beside this module (a checkout, an installed wheel); importlib.resources
    only for a package that is not on the file system."""
    here = Path(__file__).resolve().parent / "world" / SHAPES_NAME
    if here.is_file():
        return here
    from importlib import resources

    return Path(str(resources.files("treatytrack.store") / "world" / SHAPES_NAME))


def _ring(flat: list[int], scale: float) -> Ring:
    points = []
    x = y = 0
    for index in range(0, len(flat) - 1, 2):
        x, y = x + flat[index], y + flat[index + 1]
        points.append((x / scale, y / scale))
    return tuple(points)


def world_areas(raw: dict[str, Any] | None = None) -> list[MapArea]:
    """The map's areas (states and territories), from the shipped file or from `raw`, its parsed JSON."""
    if raw is None:
        raw = json.loads(shapes_path().read_text(encoding="utf-8"))
    scale = float(raw["scale"])
    return [
        MapArea(a["code"], a["name"], bool(a["state"]), tuple(_ring(r, scale) for r in a["rings"]))
        for a in raw["areas"]
    ]


def shapes_source() -> str:
    """Where the shapes come from, as the map's footer says it."""
    return "Borders: Natural Earth 1:110m (public domain), via world-atlas"
