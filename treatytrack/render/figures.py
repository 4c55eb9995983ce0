"""Pictures for print and the web, drawn with matplotlib (the optional `charts` extra).

One function per picture; each takes what the pure core computed (`history.lifespans` and its
kin) and only draws: no date arithmetic, no status rules. Imported only by the commands that
draw (`export svg|png|pdf|html`), never at start-up: matplotlib takes longer to import than a
whole `treatytrack list`.

Every output is deterministic for the same data and the same matplotlib: no date in the
metadata, a fixed SVG hash salt (the ids of hatch patterns and clip paths), the DejaVu Sans
font matplotlib ships (never a system font or a web font), glyphs drawn as paths.

Meaning never rests on colour alone: the palette is Okabe and Ito's (safe for the common colour
blindnesses), and each kind of bar has its own fill and hatching, each kind of event its own
marker shape, so a grayscale print reads the same.

Ids for tests and for readers of the SVG (`set_gid`): `tick-YEAR` for each labelled year,
`bar-ID-signed`, `bar-ID-in-force`, `bar-ID-suspended-N`, `end-ID-KIND`, `mark-ID-N-TYPE`,
`label-ID`, `as-of`, `legend`, `title`, `subtitle`, `footer-reviewed`, `footer-source`.

The per-state picture is drawn by treatytrack.render.state_figure; both share the look
(`figure_style`), the layout of the year axis (`figure_layout`) and matplotlib's calls
(`figure_draw`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

# `import matplotlib` itself, not only its submodules: with the extra gone (or hidden, as tests do)
# this fails here, at import, even while submodules imported earlier are still in sys.modules.
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import blended_transform_factory

from treatytrack.core.history import Lifespan
from treatytrack.render.figure_draw import (
    bar,
    extent_inches,
    fit_legend,
    fitted_heading,
    heading,
    legend_line,
    legend_patch,
    marker,
    save,
    text_size,
    wrap_text,
)
from treatytrack.render.figure_layout import mark_lanes, x_of, year_axis
from treatytrack.render.figure_style import (
    BAND,
    BLACK,
    END_KIND,
    END_STYLE,
    FORMATS,
    GRID,
    IN_FORCE,
    INK,
    MARK_STYLE,
    MUTED,
    RC_PARAMS,
    SIGNED,
    SUSPENDED,
)
from treatytrack.render.xmlchars import xml_safe


def lifespan_chart(
    spans: Sequence[Lifespan],
    *,
    day: dt.date,
    reviewed: dt.date,
    title: str,
    subtitle: str,
    fmt: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    width: float = 10.0,
    generator: str = "treatytrack",
) -> bytes:
    """One row per treaty on a shared year axis, as SVG, PNG or PDF bytes.

    The axis runs from `start` (or the first lifespan's start, rounded down to a labelled year)
    to `end` (or just past `day`); bars that run beyond it are cut at its edge.
    """
    with matplotlib.rc_context(cast(Any, RC_PARAMS)):  # a plain dict: matplotlib types keys as literals
        figure = _lifespan_figure(spans, day, reviewed, title, subtitle, start, end, width)
        drawn = save(figure, fmt, title, generator)
    return xml_safe(drawn) if fmt == "svg" else drawn


def _lifespan_figure(
    spans: Sequence[Lifespan],
    day: dt.date,
    reviewed: dt.date,
    title: str,
    subtitle: str,
    start: dt.date | None,
    end: dt.date | None,
    width: float,
) -> Figure:
    figure = Figure(figsize=(width, 4))
    canvas = FigureCanvasAgg(figure)
    pad, label_size, gap = 0.25, 9.5, 0.12

    labels = [wrap_text(canvas, s.treaty.short_name, label_size, width * 0.42) for s in spans] or [""]
    label_w = max(text_size(canvas, text, label_size)[0] for text in labels)
    lines = max(text.count("\n") + 1 for text in labels)
    row_h = 0.30 + 0.15 * (lines - 1)
    rows = max(len(spans), 1)

    first = min((s.start for s in spans), default=day)
    last = end if end is not None else day
    axis_w = width - 2 * pad - label_w - gap
    axis = year_axis(first, last, start, end, day, axis_w)
    left, left_x, right_x = axis.left, axis.left_x, axis.right_x

    # Each event marker in a lane of its row, above the bar or below it, clear of its neighbours
    # (events months apart sit a marker's width apart or less); one with no room is left out.
    order = list(MARK_STYLE)
    room = max(style.size for style in MARK_STYLE.values()) / 72 + 0.015
    placed: list[list[tuple[Any, int]]] = []
    for span in spans:
        marks = sorted(span.marks, key=lambda m: (order.index(m.type), m.date))
        xs = [(x_of(m.date) - left_x) / (right_x - left_x) * axis_w for m in marks]
        lanes = mark_lanes(xs, room, 2)  # above the bar, below it
        placed.append([(m, lane) for m, lane in zip(marks, lanes, strict=True) if lane is not None])
    left_out = sum(len(s.marks) for s in spans) - sum(len(p) for p in placed)

    # Title, subtitle, legend and footer in inches from the top; the figure's height follows.
    inner = width - 2 * pad
    title, subtitle, (title_h, subtitle_h) = fitted_heading(canvas, title, subtitle, inner, None)
    note = f"Dataset reviewed {reviewed.isoformat()}."
    if day > reviewed:
        note += " After that date, statuses are projected from the treaties' own rules (terms, notice periods)."
    note += " Every date comes from a source named in the data."
    if left_out:
        many = left_out > 1
        note += (
            f" {left_out} event marker{'s' if many else ''} left out where {'they' if many else 'it'} would cover"
            " others on the same row; treatytrack timeline lists every event."
        )
    credit = "source: treatytrack"
    note = wrap_text(canvas, note, 7.5, inner - text_size(canvas, credit, 7.5)[0] - 0.3)
    note_h = text_size(canvas, note, 7.5)[1]
    legend = _legend(figure, spans, day, left, last, width - 2 * pad)
    legend_h = extent_inches(canvas, legend)[1] if legend else 0.0
    top_block = pad + title_h + 0.10 + (subtitle_h + 0.08 if subtitle else 0) + (legend_h + 0.10 if legend else 0)
    axes_h = rows * row_h
    bottom_block = 0.30 + 0.18 + max(note_h, 0.12) + pad  # tick labels, space, footer
    height = top_block + axes_h + bottom_block
    figure.set_size_inches(width, height)

    def fy(inches_from_top: float) -> float:
        return 1 - inches_from_top / height

    y = heading(figure, title, subtitle, (pad, width, fy), (title_h, subtitle_h), after_subtitle=0.08)
    if legend:
        legend.set_bbox_to_anchor((pad / width - 0.005, fy(y - 0.02)), transform=figure.transFigure)
        y += legend_h + 0.10

    axes_left = pad + label_w + gap
    axes = figure.add_axes((axes_left / width, fy(y + axes_h), axis_w / width, axes_h / height))
    axes.set_xlim(left_x, right_x)
    axes.set_ylim(rows - 0.5, -0.5)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(MUTED)
    axes.set_yticks([])
    axes.set_facecolor("white")

    tick_years = axis.labelled()
    axes.set_xticks([x_of(dt.date(year, 1, 1)) for year in tick_years], [str(year) for year in tick_years])
    axes.set_xticks(axis.minor(bounded=False), minor=True)
    axes.tick_params(axis="x", which="major", length=5, color=MUTED, labelcolor=INK, labelsize=9)
    axes.tick_params(axis="x", which="minor", length=2.5, color=MUTED)
    for tick, year in zip(axes.xaxis.get_major_ticks(numticks=len(tick_years)), tick_years, strict=True):
        tick.set_gid(f"tick-{year}")
    axes.grid(axis="x", which="major", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)

    label_at = blended_transform_factory(figure.transFigure, axes.transData)
    bar_h = 0.44
    for row, (span, label) in enumerate(zip(spans, labels, strict=False)):
        ident = span.treaty.id
        if row % 2 == 1:  # every other row shaded, names included, to lead the eye along it
            band = Rectangle(
                (pad / width, row - 0.5), 1 - 2 * pad / width, 1.0, transform=label_at, clip_on=False,
                facecolor=BAND, linewidth=0, zorder=-1,
            )  # fmt: skip
            axes.add_patch(band)
        figure.text(
            (pad + label_w) / width,
            row,
            label,
            transform=label_at,
            ha="right",
            va="center",
            fontsize=label_size,
            color=INK,
            linespacing=1.05,
            gid=f"label-{ident}",
        )
        stop = span.end or day
        in_force = span.in_force if span.in_force is not None and span.in_force <= stop else None
        if in_force is None or span.start < in_force:
            bar(axes, span.start, in_force or stop, row, bar_h, SIGNED, f"bar-{ident}-signed")
        if in_force is not None:
            bar(axes, in_force, stop, row, bar_h, IN_FORCE, f"bar-{ident}-in-force")
        for number, (begin, until) in enumerate(span.suspensions, 1):
            bar(axes, begin, until, row, bar_h, SUSPENDED, f"bar-{ident}-suspended-{number}")
        for number, (mark, lane) in enumerate(placed[row], 1):
            y = row - bar_h / 2 - 0.08 if lane == 0 else row + bar_h / 2 + 0.08
            marker(axes, mark.date, y, MARK_STYLE[mark.type], f"mark-{ident}-{number}-{mark.type}", zorder=5)
        if span.end is not None and span.ended_by in END_KIND:
            kind = END_KIND[span.ended_by]
            marker(axes, span.end, row, END_STYLE[kind], f"end-{ident}-{kind}", zorder=6)

    if left_x <= x_of(day) <= right_x:
        axes.axvline(x_of(day), color=BLACK, linewidth=1.1, linestyle=(0, (4, 2.5)), zorder=7, gid="as-of")
        axes.text(
            x_of(day),
            -0.5,
            f"as of {day.isoformat()}",
            ha="right",
            va="bottom",
            fontsize=8,
            color=INK,
            gid="as-of-label",
        )

    footer_y = fy(height - pad + 0.02)
    figure.text(pad / width, footer_y, note, fontsize=7.5, color=MUTED, va="bottom", gid="footer-reviewed")
    figure.text(
        1 - pad / width, footer_y, credit, fontsize=7.5, color=MUTED, ha="right", va="bottom",
        gid="footer-source",
    )  # fmt: skip
    return figure


def _legend(
    figure: Figure, spans: Sequence[Lifespan], day: dt.date, left: dt.date, last: dt.date, fits: float
) -> Legend | None:
    """A key to what this figure shows, in a fixed order: only what is drawn; in as many columns
    as fit `fits` inches."""
    handles: list[Any] = []
    in_force = [s.in_force is not None and s.in_force <= (s.end or day) for s in spans]
    if any(s.in_force is None or s.start < s.in_force or not f for s, f in zip(spans, in_force, strict=True)):
        handles.append(legend_patch(SIGNED))
    if any(in_force):
        handles.append(legend_patch(IN_FORCE))
    if any(s.suspensions for s in spans):
        handles.append(legend_patch(SUSPENDED))
    ends = {END_KIND[s.ended_by] for s in spans if s.end is not None and s.ended_by in END_KIND}
    handles += [legend_line(END_STYLE[kind]) for kind in END_STYLE if kind in ends]
    marked = {m.type for s in spans for m in s.marks}
    handles += [legend_line(MARK_STYLE[kind]) for kind in reversed(MARK_STYLE) if kind in marked]
    if left <= day <= last or not spans:
        handles.append(Line2D([], [], color=BLACK, linewidth=1.1, linestyle=(0, (4, 2.5)), label="as-of date"))
    return fit_legend(figure, handles, fits)


def inline_svg(svg: bytes) -> str:
    """An SVG document as an element to put inside an HTML page: no XML prolog or doctype."""
    text = svg.decode("utf-8")
    start = text.index("<svg")
    return text[start:].strip()


__all__ = ["FORMATS", "inline_svg", "lifespan_chart"]
