"""The matplotlib calls the pictures share (each picture draws under `figure_style.RC_PARAMS`): measuring
and wrapping text as it will be drawn, a bar, a marker, a legend that fits the width, and the
figure saved as SVG, PNG or PDF bytes with no date in its metadata.

Imported only with the pictures (the `charts` extra), never at start-up.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from functools import cache
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from treatytrack.render.figure_layout import x_of
from treatytrack.render.figure_style import FORMATS, INK, MUTED, PNG_DPI, SUSPENDED, BarStyle, MarkStyle


def _renderer(canvas: FigureCanvasAgg) -> Any:
    return canvas.get_renderer()  # type: ignore[no-untyped-call]


def text_size(canvas: FigureCanvasAgg, text: str, size: float, weight: str = "normal") -> tuple[float, float]:
    """Width and height of `text` in inches, as it will be drawn."""
    renderer = _renderer(canvas)
    font = FontProperties(family="DejaVu Sans", size=size, weight=weight)
    sizes = [renderer.get_text_width_height_descent(line, font, ismath=False) for line in text.split("\n")]
    dpi = canvas.figure.dpi
    height = max(h for _, h, _ in sizes)
    if len(sizes) > 1:  # lines are laid 1.2 times the height of "lp" apart, as matplotlib does
        height += (len(sizes) - 1) * 1.2 * renderer.get_text_width_height_descent("lp", font, ismath=False)[1]
    return max(w for w, _, _ in sizes) / dpi, height / dpi


def wrap_text(
    canvas: FigureCanvasAgg,
    text: str,
    size: float,
    limit: float,
    weight: str = "normal",
    measure: Callable[[str, float, str], float] | None = None,
) -> str:
    """`text` broken between words into as few lines as fit `limit` inches (never cut: a word
    wider than the limit has a line of its own); `measure` gives a text's width (default: as
    drawn on `canvas`).

    Greedy, word by word: each word is measured once with the line it may join, and a line
    holds at most `limit` inches of text, so the work grows linearly with the text's length."""

    def width(line: str) -> float:
        return measure(line, size, weight) if measure is not None else text_size(canvas, line, size, weight)[0]

    if not text or width(text) <= limit:
        return text
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if not current or width(candidate) <= limit:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return "\n".join(lines)


@cache
def _measurers() -> tuple[Any, FigureCanvasAgg]:
    from matplotlib.textpath import TextToPath

    return TextToPath(), FigureCanvasAgg(Figure(dpi=PNG_DPI))


def widest(text: str, size: float, weight: str = "normal") -> float:
    """The width of `text` in inches at its widest: glyph outlines (as SVG and PDF draw them) or
    hinted at the PNG's density (at small sizes hinting widens a line by up to a twentieth)."""
    paths, hinted = _measurers()
    font = FontProperties(family="DejaVu Sans", size=size, weight=weight)
    outline: float = max(paths.get_text_width_height_descent(line, font, ismath=False)[0] for line in text.split("\n"))
    return max(outline / 72, text_size(hinted, text, size, weight)[0])


def bar(axes: Any, begin: dt.date, until: dt.date, row: int, height: float, style: BarStyle, gid: str) -> None:
    axes.add_patch(
        Rectangle(
            (x_of(begin), row - height / 2),
            max(x_of(until) - x_of(begin), 0.0),
            height,
            facecolor=style.face,
            edgecolor=style.edge,
            hatch=style.hatch,
            linewidth=0.6 if style.hatch else 0.0,
            zorder=2 if style is not SUSPENDED else 3,
            gid=gid,
        )
    )


def marker(axes: Any, day: dt.date, y: float, style: MarkStyle, gid: str, zorder: float) -> None:
    axes.plot(
        [x_of(day)],
        [y],
        linestyle="none",
        marker=style.marker,
        markersize=style.size,
        markerfacecolor=style.face,
        markeredgecolor=style.edge,
        markeredgewidth=style.width,
        zorder=zorder,
        gid=gid,
        clip_on=False,
    )


def legend_patch(style: BarStyle) -> Patch:
    return Patch(
        facecolor=style.face,
        edgecolor=style.edge,
        hatch=style.hatch,
        linewidth=0.6 if style.hatch else 0.0,
        label=style.label,
    )


def legend_line(style: MarkStyle) -> Line2D:
    return Line2D(
        [],
        [],
        linestyle="none",
        marker=style.marker,
        markersize=style.size,
        markerfacecolor=style.face,
        markeredgecolor=style.edge,
        markeredgewidth=style.width,
        label=style.label,
    )


def extent_inches(canvas: FigureCanvasAgg, artist: Any) -> tuple[float, float]:
    box = artist.get_window_extent(_renderer(canvas))
    return box.width / canvas.figure.dpi, box.height / canvas.figure.dpi


def save(figure: Figure, fmt: str, title: str, generator: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"not a picture format: {fmt}")
    metadata: dict[str, str | None]
    if fmt == "svg":
        metadata = {"Title": title, "Creator": generator, "Date": None}
    elif fmt == "pdf":
        metadata = {"Title": title, "Creator": generator, "Producer": generator, "CreationDate": None}
    else:
        metadata = {"Title": title, "Software": generator}
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=PNG_DPI if fmt == "png" else 100, metadata=metadata)
    return buffer.getvalue()


def fit_legend(figure: Figure, handles: list[Any], fits: float) -> Legend | None:
    if not handles:
        return None
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    for columns in range(min(len(handles), 4), 0, -1):  # as many columns as fit the width
        legend = figure.legend(
            handles=handles,
            loc="upper left",
            ncols=columns,
            frameon=False,
            fontsize=8.5,
            handlelength=2.2,
            handleheight=1.0,
            columnspacing=1.6,
            borderaxespad=0,
            borderpad=0,
        )
        if columns == 1 or extent_inches(canvas, legend)[0] <= fits:
            break
        legend.remove()
    legend.set_gid("legend")
    return legend


def fitted_heading(
    canvas: FigureCanvasAgg, title: str, subtitle: str, inner: float, measure: Callable[[str, float, str], float] | None
) -> tuple[str, str, tuple[float, float]]:
    """The title and subtitle wrapped to `inner` inches (`measure`: as `wrap_text`), with their
    measured heights: what `heading` draws, measured before the figure's height is known."""
    title = wrap_text(canvas, title, 15, inner, "bold", measure=measure)
    subtitle = wrap_text(canvas, subtitle, 10, inner, measure=measure)
    heights = (text_size(canvas, title, 15, "bold")[1], text_size(canvas, subtitle, 10)[1] if subtitle else 0.0)
    return title, subtitle, heights


def heading(
    figure: Figure,
    title: str,
    subtitle: str | None,
    at: tuple[float, float, Callable[[float], float]],
    heights: tuple[float, float],
    after_subtitle: float = 0.12,
) -> float:
    """The figure's title and subtitle at its top left (`at`: the margin and the figure's width in
    inches, and the function from inches below the top to figure coordinates; `heights`: the
    measured title and subtitle), as every chart and the map draw them. Returns the inches from
    the top below them."""
    pad, width, fy = at
    title_h, subtitle_h = heights
    y = pad
    figure.text(pad / width, fy(y), title, fontsize=15, fontweight="bold", color=INK, va="top", gid="title")
    y += title_h + 0.10
    if subtitle:
        figure.text(pad / width, fy(y), subtitle, fontsize=10, color=MUTED, va="top", gid="subtitle")
        y += subtitle_h + after_subtitle
    return y
