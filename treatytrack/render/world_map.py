"""The membership map (`export map`, issue #24 part 2), drawn with matplotlib (the optional
`charts` extra): the world's states coloured by their standing under one treaty on one day.

Each state is one patch with the id `area-CODE` (its ISO 3166-1 alpha-3 code), filled in
`MAP_STYLE`'s style for its standing: the per-state chart's palette and hatching
(`figure_style.STANDING_STYLE`), so that map and chart agree and no meaning rests on colour
alone. A territory that is no state is `territory-SLUG`, in `TERRITORY`'s grey. The borders are
one path over the fills (`borders`), and, as in the other pictures, `title`, `subtitle`,
`legend`, `footer-notes` and `footer-source`.

The projection is the Equal Earth projection (Šavrič, Patterson and Jenny, 2018: an equal-area
pseudocylindrical projection, a few lines of arithmetic, no projection library): areas keep
their sizes, so large states do not look larger than they are. Imported only by `export map`,
never at start-up.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path

from treatytrack.render.figure_draw import (
    extent_inches,
    fit_legend,
    fitted_heading,
    heading,
    save,
    text_size,
    widest,
    wrap_text,
)
from treatytrack.render.figure_layout import slug
from treatytrack.render.figure_style import BORDER, MAP_STYLE, MUTED, RC_PARAMS, TERRITORY, BarStyle
from treatytrack.render.xmlchars import xml_safe

if TYPE_CHECKING:
    from treatytrack.core.world import MapArea

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth: (longitude, latitude) in degrees to map units (the earth's radius 1)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def _projected(area: MapArea) -> tuple[Path, list[tuple[float, float]]]:
    """The area's rings projected, as one path (holes and parts included) and as points."""
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    move, line, close = int(Path.MOVETO), int(Path.LINETO), int(Path.CLOSEPOLY)
    for ring in area.rings:
        projected = [equal_earth(lon, lat) for lon, lat in ring]
        vertices += [*projected, projected[0]]
        codes += [move] + [line] * (len(projected) - 1) + [close]
    return Path(vertices, codes), vertices


def membership_map(
    areas: Sequence[MapArea],
    standings: Mapping[str, str],
    *,
    title: str,
    subtitle: str,
    notes: Sequence[str],
    source: str,
    fmt: str,
    width: float = 10.0,
    generator: str = "treatytrack",
    labels: Mapping[str, str] | None = None,
) -> bytes:
    """The map as SVG, PNG or PDF bytes: each state in `areas` filled by its standing
    (`standings`: code -> a `PartyStatus` value), each territory grey; the legend names the
    standings drawn (in `labels`' words where given: "not a member" for a regime); `notes` (one
    paragraph each) and `source` go in the footer."""
    with matplotlib.rc_context(cast(Any, RC_PARAMS)):  # a plain dict: matplotlib types keys as literals
        figure = _map_figure(areas, standings, title, subtitle, notes, source, width, labels or {})
        drawn = save(figure, fmt, title, generator)
    return xml_safe(drawn) if fmt == "svg" else drawn


def _style_of(area: MapArea, standings: Mapping[str, str]) -> tuple[BarStyle, str]:
    if area.state and area.code is not None:
        return MAP_STYLE[standings[area.code]], f"area-{area.code}"
    return TERRITORY, f"territory-{slug(area.code or area.name)}"


def _map_figure(
    areas: Sequence[MapArea],
    standings: Mapping[str, str],
    title: str,
    subtitle: str,
    notes: Sequence[str],
    source: str,
    width: float,
    labels: Mapping[str, str],
) -> Figure:
    figure = Figure(figsize=(width, 4))
    canvas = FigureCanvasAgg(figure)
    pad = 0.25
    inner = width - 2 * pad
    projected = [_projected(area) for area in areas]
    paths = [(path, *_style_of(area, standings)) for area, (path, _) in zip(areas, projected, strict=True)]
    points = [point for _, ring_points in projected for point in ring_points]
    left, right = min(x for x, _ in points), max(x for x, _ in points)
    bottom, top = min(y for _, y in points), max(y for _, y in points)
    map_h = inner * (top - bottom) / (right - left)

    title, subtitle, (title_h, subtitle_h) = fitted_heading(canvas, title, subtitle, inner, widest)
    credit = "source: treatytrack"
    footer_w = inner - widest(credit, 7.5) - 0.3
    footer = "\n".join(wrap_text(canvas, text, 7.5, footer_w, measure=widest) for text in [*notes, source])
    footer_h = text_size(canvas, footer, 7.5)[1]
    legend = _map_legend(figure, [style for _, style, _ in paths], labels, inner * 0.94)
    legend_h = extent_inches(canvas, legend)[1] if legend else 0.0
    height = pad + title_h + 0.10 + (subtitle_h + 0.12 if subtitle else 0) + map_h + 0.15
    height += (legend_h + 0.15 if legend else 0) + footer_h + pad
    figure.set_size_inches(width, height)

    def fy(inches_from_top: float) -> float:
        return 1 - inches_from_top / height

    y = heading(figure, title, subtitle, (pad, width, fy), (title_h, subtitle_h))
    axes = figure.add_axes((pad / width, fy(y + map_h), inner / width, map_h / height))
    axes.set_xlim(left, right)
    axes.set_ylim(bottom, top)
    axes.set_axis_off()
    for path, style, gid in paths:
        axes.add_patch(
            PathPatch(
                path, facecolor=style.face, edgecolor=style.edge, hatch=style.hatch, linewidth=0.0, gid=gid, zorder=1
            )
        )
    borders = Path.make_compound_path(*(path for path, _, _ in paths))
    axes.add_patch(PathPatch(borders, fill=False, edgecolor=BORDER, linewidth=0.3, gid="borders", zorder=2))
    y += map_h + 0.15
    if legend:
        legend.set_bbox_to_anchor((pad / width - 0.005, fy(y)), transform=figure.transFigure)
        y += legend_h + 0.15
    footer_y = height - pad
    figure.text(pad / width, fy(footer_y), footer, fontsize=7.5, color=MUTED, va="bottom", gid="footer-notes")
    figure.text(
        1 - pad / width, fy(footer_y), credit, fontsize=7.5, color=MUTED, ha="right", va="bottom",
        gid="footer-source",
    )  # fmt: skip
    return figure


def _map_legend(figure: Figure, drawn: Sequence[BarStyle], labels: Mapping[str, str], fits: float) -> Legend | None:
    """A key to the standings drawn, in `MAP_STYLE`'s order, then the territories' grey."""
    used = set(drawn)
    named = {style: labels.get(status, style.label) for status, style in MAP_STYLE.items()}
    styles = [style for style in dict.fromkeys([*MAP_STYLE.values(), TERRITORY]) if style in used]
    handles: list[Any] = [
        Patch(
            facecolor=s.face,
            edgecolor=s.edge if s.hatch else BORDER,
            hatch=s.hatch,
            linewidth=0.5,
            label=named.get(s, s.label),
        )
        for s in styles
    ]
    return fit_legend(figure, handles, fits)


__all__ = ["equal_earth", "membership_map"]
