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

The per-state picture (`participation_chart`, issue #16 part 2) draws one treaty's states
against time: one row per state, under headings for its UN region and sub-region (or in one
alphabetical run), a bar for each standing it held (`panel.spells`), styled by `STANDING_STYLE`,
markers for withdrawal notices. Its ids: `group-REGION` (a region's heading, as `group-europe`),
`subgroup-SUBREGION` (a sub-region's, as `subgroup-northern-europe`), `label-CODE` (a state's name), `spell-CODE-N-STANDING` (its Nth
drawn spell), `mark-CODE-N-withdrawal-notice` (its Nth notice), `note-CODE` (what sets it apart
on the as-of day, at the row's end: "withdrew 2025-12-27"), `footer-coverage`,
and as above `tick-YEAR`, `as-of`, `legend`, `title`, `subtitle`, `footer-reviewed`,
`footer-source`. Its height grows with its rows (0.16 inch a state), names in full.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import blended_transform_factory

from treatytrack.core.history import Lifespan

if TYPE_CHECKING:
    from treatytrack.core.panel import StateLine

FORMATS = ("svg", "png", "pdf")
PNG_DPI = 200  # print quality: a 10-inch figure is 2,000 pixels wide

# Okabe & Ito, "Color Universal Design" (2008): distinguishable with any common colour vision.
BLACK, ORANGE, SKY_BLUE, GREEN, YELLOW, BLUE, VERMILLION, PURPLE = (
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
)
INK, MUTED, GRID, BAND = "#1A1A1A", "#595959", "#C4C4C4", "#F4F4F4"

_STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",  # shipped with matplotlib: the same glyphs on every machine
    "font.size": 9,
    "text.parse_math": False,  # a `$` in a name is a dollar sign, not mathematics
    "text.usetex": False,
    "svg.fonttype": "path",  # glyphs as paths: no font needed to view, none fetched
    "svg.hashsalt": "treatytrack",  # stable ids for patterns and clip paths
    "svg.image_inline": True,
    "pdf.fonttype": 42,  # TrueType, so editors can still change the text
    "pdf.compression": 6,
    "hatch.linewidth": 0.7,
    "axes.unicode_minus": True,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
    "savefig.transparent": False,
}


@dataclass(frozen=True)
class BarStyle:
    label: str
    face: str
    edge: str
    hatch: str | None


SIGNED = BarStyle("signed, not in force", "#FFFFFF", SKY_BLUE, "////")
IN_FORCE = BarStyle("in force", BLUE, BLUE, None)
SUSPENDED = BarStyle("suspended by a party", ORANGE, "#FFFFFF", "xxx")


@dataclass(frozen=True)
class MarkStyle:
    label: str
    marker: str
    face: str
    edge: str
    size: float
    width: float = 1.0


# How a treaty ended, by `Lifespan.ended_by`.
END_KIND = {
    "term": "expired",
    "extension": "expired",
    "expired": "expired",
    "withdrawal": "terminated",
    "terminated": "terminated",
    "superseded": "superseded",
}
END_STYLE = {
    "expired": MarkStyle("expired (term ran out)", "s", BLACK, "#FFFFFF", 7.5, 0.8),
    "terminated": MarkStyle("terminated", "X", VERMILLION, BLACK, 9.0, 0.7),
    "superseded": MarkStyle("superseded", "D", PURPLE, BLACK, 6.5, 0.8),
}
# Events marked on the bars, by entry type (history.MARKED_TYPES); drawn in this order.
MARK_STYLE = {
    "statement": MarkStyle("statement or announcement", "o", "#FFFFFF", INK, 4.5, 0.9),
    "extended": MarkStyle("extended", "P", GREEN, "#FFFFFF", 8.0, 0.6),
    "resumed": MarkStyle("implementation resumed", ">", GREEN, "#FFFFFF", 6.5, 0.6),
    "withdrawal-rescinded": MarkStyle("withdrawal notice rescinded", "^", "#FFFFFF", GREEN, 6.5, 1.2),
    "deratified": MarkStyle("ratification withdrawn", "v", "#FFFFFF", PURPLE, 6.5, 1.2),
    "withdrawal-notice": MarkStyle("notice of withdrawal", "v", "#FFFFFF", VERMILLION, 7.0, 1.3),
    "withdrawn": MarkStyle("a party's withdrawal took effect", "v", VERMILLION, BLACK, 7.0, 0.7),
}
# The per-state picture: one style per standing (`PartyStatus` values), in the legend's order.
# Standings not listed (not a party yet, not yet existing, ceased to exist) are left blank.
# "party, suspension claimed": a party that declared a suspension its treaty does not provide for.
STANDING_STYLE: dict[str, BarStyle] = {
    "signatory": BarStyle("signatory", "#FFFFFF", SKY_BLUE, "////"),
    "ratified": BarStyle("ratified, not yet bound", SKY_BLUE, SKY_BLUE, None),
    "party": BarStyle("party", BLUE, BLUE, None),
    "suspended": BarStyle("party, suspended", ORANGE, "#FFFFFF", "xxx"),
    "suspension-claimed": BarStyle("party, suspension claimed", BLUE, ORANGE, "+++"),
    "withdrawn": BarStyle("withdrawn", VERMILLION, "#FFFFFF", "\\\\\\"),
    "deratified": BarStyle("deratified (signature stands)", "#FFFFFF", PURPLE, "---"),
    "signature-withdrawn": BarStyle("signature withdrawn", PURPLE, "#FFFFFF", "|||"),
    "treaty-ended": BarStyle("former party (the treaty ended)", "#BFBFBF", "#BFBFBF", None),
    "not-recorded": BarStyle("standing not recorded", "#FFFFFF", MUTED, "...."),
}
# Said at the end of a row, right of the as-of line: how a state stands apart on the day.
END_NOTE = {
    "withdrawn": "withdrew",
    "deratified": "revoked its ratification",
    "signature-withdrawn": "withdrew its signature",
    "suspended": "suspended",
    "suspension-claimed": "claims a suspension",
    "ceased-to-exist": "ceased to exist",
}
NOTICE_MARK = MarkStyle("notice of withdrawal given", "v", "#FFFFFF", VERMILLION, 5.5, 1.1)

_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500)


@contextmanager
def _style() -> Iterator[None]:
    with matplotlib.rc_context(cast(Any, _STYLE)):  # a plain dict: matplotlib types keys as literals
        yield


def _x(day: dt.date) -> float:
    """The x of a day: its proordinal, so that 1 January of year Y is exactly tick Y."""
    return float(day.toordinal())


def _renderer(canvas: FigureCanvasAgg) -> Any:
    return canvas.get_renderer()  # type: ignore[no-untyped-call]


def _text_size(canvas: FigureCanvasAgg, text: str, size: float, weight: str = "normal") -> tuple[float, float]:
    """Width and height of `text` in inches, as it will be drawn."""
    renderer = _renderer(canvas)
    font = FontProperties(family="DejaVu Sans", size=size, weight=weight)
    sizes = [renderer.get_text_width_height_descent(line, font, ismath=False) for line in text.split("\n")]
    dpi = canvas.figure.dpi
    height = max(h for _, h, _ in sizes)
    if len(sizes) > 1:  # lines are laid 1.2 times the height of "lp" apart, as matplotlib does
        height += (len(sizes) - 1) * 1.2 * renderer.get_text_width_height_descent("lp", font, ismath=False)[1]
    return max(w for w, _, _ in sizes) / dpi, height / dpi


def _wrap(
    canvas: FigureCanvasAgg,
    text: str,
    size: float,
    limit: float,
    weight: str = "normal",
    measure: Callable[[str, float, str], float] | None = None,
) -> str:
    """`text` broken between words into as few lines as fit `limit` inches (never cut); `measure`
    gives a text's width (default: as drawn on `canvas`)."""

    def width(line: str) -> float:
        return measure(line, size, weight) if measure is not None else _text_size(canvas, line, size, weight)[0]

    if not text or width(text) <= limit:
        return text
    for chars in range(len(text) - 1, 8, -1):
        lines = textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False)
        if all(width(line) <= limit for line in lines):
            return "\n".join(lines)
    return "\n".join(textwrap.wrap(text, 9, break_long_words=False, break_on_hyphens=False))


@cache
def _measurers() -> tuple[Any, FigureCanvasAgg]:
    from matplotlib.textpath import TextToPath

    return TextToPath(), FigureCanvasAgg(Figure(dpi=PNG_DPI))


def _widest(text: str, size: float, weight: str = "normal") -> float:
    """The width of `text` in inches at its widest: glyph outlines (as SVG and PDF draw them) or
    hinted at the PNG's density (at small sizes hinting widens a line by up to a twentieth)."""
    paths, hinted = _measurers()
    font = FontProperties(family="DejaVu Sans", size=size, weight=weight)
    outline: float = max(paths.get_text_width_height_descent(line, font, ismath=False)[0] for line in text.split("\n"))
    return max(outline / 72, _text_size(hinted, text, size, weight)[0])


def _year_step(years: float, axis_inches: float) -> int:
    most = max(2, int(axis_inches / 0.55))  # a label needs about half an inch
    return next((s for s in _STEPS if years / s <= most), _STEPS[-1])


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
    with _style():
        figure = _lifespan_figure(spans, day, reviewed, title, subtitle, start, end, width)
        return _save(figure, fmt, title, generator)


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

    labels = [_wrap(canvas, s.treaty.short_name, label_size, width * 0.42) for s in spans] or [""]
    label_w = max(_text_size(canvas, text, label_size)[0] for text in labels)
    lines = max(text.count("\n") + 1 for text in labels)
    row_h = 0.30 + 0.15 * (lines - 1)
    rows = max(len(spans), 1)

    first = min((s.start for s in spans), default=day)
    last = end if end is not None else day
    axis_w = width - 2 * pad - label_w - gap
    years = max(last.year - (start or first).year + 1, 1)
    step = _year_step(years, axis_w)
    left = start if start is not None else dt.date(max(first.year - first.year % step, dt.MINYEAR), 1, 1)
    right_x = _x(end) if end is not None else _x(day) + max(30.0, (_x(day) - _x(left)) * 0.015)
    left_x = _x(left)
    if right_x <= left_x:
        right_x = left_x + 1

    # Title, subtitle, legend and footer in inches from the top; the figure's height follows.
    inner = width - 2 * pad
    title = _wrap(canvas, title, 15, inner, "bold")
    subtitle = _wrap(canvas, subtitle, 10, inner)
    title_h = _text_size(canvas, title, 15, "bold")[1]
    subtitle_h = _text_size(canvas, subtitle, 10)[1] if subtitle else 0.0
    note = f"Dataset reviewed {reviewed.isoformat()}."
    if day > reviewed:
        note += " After that date, statuses are projected from the treaties' own rules (terms, notice periods)."
    note += " Every date comes from a source named in the data."
    credit = "source: treatytrack"
    note = _wrap(canvas, note, 7.5, inner - _text_size(canvas, credit, 7.5)[0] - 0.3)
    note_h = _text_size(canvas, note, 7.5)[1]
    legend = _legend(figure, spans, day, left, last, width - 2 * pad)
    legend_h = _extent_inches(canvas, legend)[1] if legend else 0.0
    top_block = pad + title_h + 0.10 + (subtitle_h + 0.08 if subtitle else 0) + (legend_h + 0.10 if legend else 0)
    axes_h = rows * row_h
    bottom_block = 0.30 + 0.18 + max(note_h, 0.12) + pad  # tick labels, space, footer
    height = top_block + axes_h + bottom_block
    figure.set_size_inches(width, height)

    def fy(inches_from_top: float) -> float:
        return 1 - inches_from_top / height

    y = pad
    figure.text(pad / width, fy(y), title, fontsize=15, fontweight="bold", color=INK, va="top", gid="title")
    y += title_h + 0.10
    if subtitle:
        figure.text(pad / width, fy(y), subtitle, fontsize=10, color=MUTED, va="top", gid="subtitle")
        y += subtitle_h + 0.08
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

    tick_years = [
        year
        for year in range(left.year, min(last.year + 2, dt.MAXYEAR + 1))
        if year % step == 0 and left_x <= _x(dt.date(year, 1, 1))
    ]
    tick_years = [year for year in tick_years if _x(dt.date(year, 1, 1)) <= right_x]
    axes.set_xticks([_x(dt.date(year, 1, 1)) for year in tick_years], [str(year) for year in tick_years])
    minor = 1 if step <= 10 else step // 5
    axes.set_xticks(
        [_x(dt.date(year, 1, 1)) for year in range(left.year, min(last.year + 2, dt.MAXYEAR + 1)) if year % minor == 0],
        minor=True,
    )
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
            _bar(axes, span.start, in_force or stop, row, bar_h, SIGNED, f"bar-{ident}-signed")
        if in_force is not None:
            _bar(axes, in_force, stop, row, bar_h, IN_FORCE, f"bar-{ident}-in-force")
        for number, (begin, until) in enumerate(span.suspensions, 1):
            _bar(axes, begin, until, row, bar_h, SUSPENDED, f"bar-{ident}-suspended-{number}")
        order = list(MARK_STYLE)
        marks = sorted(span.marks, key=lambda m: (order.index(m.type), m.date))
        for number, mark in enumerate(marks, 1):
            style = MARK_STYLE[mark.type]
            _marker(axes, mark.date, row - bar_h / 2 - 0.08, style, f"mark-{ident}-{number}-{mark.type}", zorder=5)
        if span.end is not None and span.ended_by in END_KIND:
            kind = END_KIND[span.ended_by]
            _marker(axes, span.end, row, END_STYLE[kind], f"end-{ident}-{kind}", zorder=6)

    if left_x <= _x(day) <= right_x:
        axes.axvline(_x(day), color=BLACK, linewidth=1.1, linestyle=(0, (4, 2.5)), zorder=7, gid="as-of")
        axes.text(
            _x(day),
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


def _bar(axes: Any, begin: dt.date, until: dt.date, row: int, height: float, style: BarStyle, gid: str) -> None:
    axes.add_patch(
        Rectangle(
            (_x(begin), row - height / 2),
            max(_x(until) - _x(begin), 0.0),
            height,
            facecolor=style.face,
            edgecolor=style.edge,
            hatch=style.hatch,
            linewidth=0.6 if style.hatch else 0.0,
            zorder=2 if style is not SUSPENDED else 3,
            gid=gid,
        )
    )


def _marker(axes: Any, day: dt.date, y: float, style: MarkStyle, gid: str, zorder: float) -> None:
    axes.plot(
        [_x(day)],
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


def _legend(
    figure: Figure, spans: Sequence[Lifespan], day: dt.date, left: dt.date, last: dt.date, fits: float
) -> Legend | None:
    """A key to what this figure shows, in a fixed order: only what is drawn; in as many columns
    as fit `fits` inches."""
    handles: list[Any] = []
    in_force = [s.in_force is not None and s.in_force <= (s.end or day) for s in spans]
    if any(s.in_force is None or s.start < s.in_force or not f for s, f in zip(spans, in_force, strict=True)):
        handles.append(_patch(SIGNED))
    if any(in_force):
        handles.append(_patch(IN_FORCE))
    if any(s.suspensions for s in spans):
        handles.append(_patch(SUSPENDED))
    ends = {END_KIND[s.ended_by] for s in spans if s.end is not None and s.ended_by in END_KIND}
    handles += [_line(END_STYLE[kind]) for kind in END_STYLE if kind in ends]
    marked = {m.type for s in spans for m in s.marks}
    handles += [_line(MARK_STYLE[kind]) for kind in reversed(MARK_STYLE) if kind in marked]
    if left <= day <= last or not spans:
        handles.append(Line2D([], [], color=BLACK, linewidth=1.1, linestyle=(0, (4, 2.5)), label="as-of date"))
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
        if columns == 1 or _extent_inches(canvas, legend)[0] <= fits:
            break
        legend.remove()
    legend.set_gid("legend")
    return legend


def _patch(style: BarStyle) -> Patch:
    return Patch(
        facecolor=style.face,
        edgecolor=style.edge,
        hatch=style.hatch,
        linewidth=0.6 if style.hatch else 0.0,
        label=style.label,
    )


def _line(style: MarkStyle) -> Line2D:
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


def _extent_inches(canvas: FigureCanvasAgg, artist: Any) -> tuple[float, float]:
    box = artist.get_window_extent(_renderer(canvas))
    return box.width / canvas.figure.dpi, box.height / canvas.figure.dpi


def _save(figure: Figure, fmt: str, title: str, generator: str) -> bytes:
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


class StateGroup(NamedTuple):
    """States drawn under one heading: a region and a sub-region (None: no heading)."""

    region: str | None
    subregion: str | None
    lines: Sequence[StateLine]


# The per-state picture's rows, in inches: a state, a region's heading, a sub-region's heading.
STATE_ROW, REGION_ROW, SUBREGION_ROW = 0.16, 0.34, 0.21
_STATE_BAR = 0.105
_STATE_LABEL, _REGION_LABEL, _SUBREGION_LABEL, _NOTE_SIZE = 7.5, 9.5, 7.5, 7.0


def participation_chart(
    groups: Sequence[StateGroup],
    *,
    day: dt.date,
    reviewed: dt.date,
    title: str,
    subtitle: str,
    coverage: str,
    fmt: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    width: float = 10.0,
    generator: str = "treatytrack",
) -> bytes:
    """One row per state on a shared year axis, as SVG, PNG or PDF bytes: each standing the state
    held (`groups[i].lines[j].spells`) as a bar from its start to its end (or to `day`).

    The axis runs from `start` (or the first drawn spell, rounded down to a labelled year) to
    `end` (or just past `day`). `coverage` is the table's coverage line, printed in the footer.
    """
    with _style():
        figure = _participation_figure(groups, day, reviewed, title, subtitle, coverage, start, end, width)
        return _save(figure, fmt, title, generator)


def _drawn(line: StateLine) -> list[tuple[int, Any]]:
    """The spells of `line` that have a bar, numbered from 1."""
    shown = [spell for spell in line.spells if spell.standing.status.value in STANDING_STYLE]
    return list(enumerate(shown, 1))


def _slug(text: str) -> str:
    """`Northern Europe` -> `northern-europe`: a heading as part of an SVG id."""
    return "-".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def _end_note(line: StateLine) -> str | None:
    """What the end of a row says: a standing that sets the state apart on the day, with its date,
    or a withdrawal notice that has yet to take effect."""
    standing = line.now
    verb = END_NOTE.get(standing.status.value)
    if verb is not None and standing.since is not None:
        return f"{verb} {standing.since.isoformat()}"
    if standing.withdrawal_effective is not None:
        notice = next((a for a in reversed(standing.acts) if a.kind.value == "withdrawal_notice"), None)
        condition = " if a condition is met" if notice is not None and notice.condition else ""
        return f"withdraws {standing.withdrawal_effective.isoformat()}{condition}"
    if standing.status.value == "not-party":
        return "not a signatory or party"
    return None


def _participation_figure(
    groups: Sequence[StateGroup],
    day: dt.date,
    reviewed: dt.date,
    title: str,
    subtitle: str,
    coverage: str,
    start: dt.date | None,
    end: dt.date | None,
    width: float,
) -> Figure:
    figure = Figure(figsize=(width, 4))
    canvas = FigureCanvasAgg(figure)
    pad, gap = 0.25, 0.10
    lines = [line for group in groups for line in group.lines]
    limit = 0.6 + 0.3 * width  # names wrap past this (3.6 inches of a 10-inch figure, 1.8 of a 4-inch one)
    labels = {line.code: _wrap(canvas, line.name, _STATE_LABEL, limit, measure=_widest) for line in lines}
    label_w = max((_widest(text, _STATE_LABEL) for text in labels.values()), default=0.5)

    # The rows, top to bottom, in inches from the top of the axes (the axes' own y unit).
    top_gap, bottom_gap = 0.20, 0.06  # room for the as-of label; a margin above the axis
    rows: list[tuple[str, float, float, Any]] = []  # (kind, top, height, what)
    y = top_gap
    for number, group in enumerate(groups, 1):
        if group.region is not None and (number == 1 or groups[number - 2].region != group.region):
            count = sum(len(g.lines) for g in groups if g.region == group.region)
            row_h = REGION_ROW if rows else REGION_ROW - 0.08  # the first has no rule above it
            rows.append(("region", y, row_h, (group.region, count)))
            y += row_h
        if group.subregion is not None:
            rows.append(("subregion", y, SUBREGION_ROW, group.subregion))
            y += SUBREGION_ROW
        for index, line in enumerate(group.lines):
            height = STATE_ROW + 0.115 * labels[line.code].count("\n")
            rows.append(("state", y, height, (index, line)))
            y += height
    axes_h = y + bottom_gap

    starts = [spell.start for line in lines for _, spell in _drawn(line)]
    first = min(starts, default=start or day)
    last = end if end is not None else day
    shows_day = (start is None or start <= day) and day <= last
    notes = {line.code: note for line in lines if shows_day and (note := _end_note(line)) is not None}
    note_w = max((_widest(note, _NOTE_SIZE) for note in notes.values()), default=-gap) + gap
    if width - 2 * pad - label_w - gap - note_w < 0.45 * width:  # too narrow: the bars say it alone
        notes, note_w = {}, 0.0
    axis_w = width - 2 * pad - label_w - gap - note_w
    years = max(last.year - (start or first).year + 1, 1)
    step = _year_step(years, axis_w)
    left = start if start is not None else dt.date(max(first.year - first.year % step, dt.MINYEAR), 1, 1)
    right_x = _x(end) if end is not None else _x(day) + max(30.0, (_x(day) - _x(left)) * 0.015)
    left_x = _x(left)
    if right_x <= left_x:
        right_x = left_x + 1

    inner = width - 2 * pad
    title = _wrap(canvas, title, 15, inner, "bold", measure=_widest)
    subtitle = _wrap(canvas, subtitle, 10, inner, measure=_widest)
    title_h = _text_size(canvas, title, 15, "bold")[1]
    subtitle_h = _text_size(canvas, subtitle, 10)[1] if subtitle else 0.0
    credit = "source: treatytrack"
    footer_w = inner - _widest(credit, 7.5) - 0.3
    coverage = _wrap(canvas, coverage, 7.5, footer_w, measure=_widest)
    coverage_h = _text_size(canvas, coverage, 7.5)[1] if coverage else 0.0
    note = f"Dataset reviewed {reviewed.isoformat()}."
    if day > reviewed:
        note += " After that date, standings are projected from the treaty's own rules (notice periods)."
    note += " Every date comes from a source named in the data."
    if any(group.region is not None for group in groups):
        note += " Regions: the UN's M49 geographic regions."
    note = _wrap(canvas, note, 7.5, footer_w, measure=_widest)
    note_h = _text_size(canvas, note, 7.5)[1]
    legend = _state_legend(figure, lines, day, left, last, inner * 0.94)  # measured at 100 dpi: room for hinting
    legend_h = _extent_inches(canvas, legend)[1] if legend else 0.0
    ticks_h = 0.24  # the year labels above the rows
    top_block = pad + title_h + 0.10 + (subtitle_h + 0.12 if subtitle else 0) + (legend_h + 0.12 if legend else 0)
    top_block += ticks_h
    bottom_block = 0.30 + 0.14 + (coverage_h + 0.06 if coverage else 0) + note_h + pad
    height = top_block + axes_h + bottom_block
    figure.set_size_inches(width, height)

    def fy(inches_from_top: float) -> float:
        return 1 - inches_from_top / height

    y = pad
    figure.text(pad / width, fy(y), title, fontsize=15, fontweight="bold", color=INK, va="top", gid="title")
    y += title_h + 0.10
    if subtitle:
        figure.text(pad / width, fy(y), subtitle, fontsize=10, color=MUTED, va="top", gid="subtitle")
        y += subtitle_h + 0.12
    if legend:
        legend.set_bbox_to_anchor((pad / width - 0.005, fy(y - 0.02)), transform=figure.transFigure)
        y += legend_h + 0.12
    y += ticks_h

    axes_left = pad + label_w + gap
    axes = figure.add_axes((axes_left / width, fy(y + axes_h), axis_w / width, axes_h / height))
    axes.set_xlim(left_x, right_x)
    axes.set_ylim(axes_h, 0)
    for side in ("right", "left"):
        axes.spines[side].set_visible(False)
    for side in ("top", "bottom"):
        axes.spines[side].set_color(MUTED)
    axes.set_yticks([])
    axes.set_facecolor("white")

    tick_years = [
        year
        for year in range(left.year, min(last.year + 2, dt.MAXYEAR + 1))
        if year % step == 0 and left_x <= _x(dt.date(year, 1, 1)) <= right_x
    ]
    axes.set_xticks([_x(dt.date(year, 1, 1)) for year in tick_years], [str(year) for year in tick_years])
    minor = 1 if step <= 10 else step // 5
    axes.set_xticks(
        [
            _x(dt.date(year, 1, 1))
            for year in range(left.year, min(last.year + 2, dt.MAXYEAR + 1))
            if year % minor == 0 and left_x <= _x(dt.date(year, 1, 1)) <= right_x
        ],
        minor=True,
    )
    axes.tick_params(axis="x", which="both", top=True, labeltop=True, bottom=True, labelbottom=True)
    axes.tick_params(axis="x", which="major", length=4, color=MUTED, labelcolor=INK, labelsize=8.5)
    axes.tick_params(axis="x", which="minor", length=2, color=MUTED)
    for tick, year in zip(axes.xaxis.get_major_ticks(numticks=len(tick_years)), tick_years, strict=True):
        tick.set_gid(f"tick-{year}")
    axes.grid(axis="x", which="major", color=GRID, linewidth=0.5)
    axes.set_axisbelow(True)

    label_at = blended_transform_factory(figure.transFigure, axes.transData)
    full = (pad / width, 1 - 2 * pad / width)
    for kind, top, row_h, what in rows:
        middle = top + row_h / 2
        if kind == "region":
            region, count = what
            if top > top_gap:  # a rule between regions (the first lies under the axis' own)
                axes.add_patch(
                    Rectangle(
                        (full[0], top + 0.06), full[1], 0.012, transform=label_at, clip_on=False,
                        facecolor=INK, linewidth=0, zorder=1,
                    )
                )  # fmt: skip
            figure.text(
                pad / width, top + row_h - 0.05, f"{region}  ({count})", transform=label_at, ha="left",
                va="bottom", fontsize=_REGION_LABEL, fontweight="bold", color=INK, gid=f"group-{_slug(region)}",
            )  # fmt: skip
            continue
        if kind == "subregion":
            subregion = what
            figure.text(
                pad / width, top + row_h - 0.035, subregion, transform=label_at, ha="left", va="bottom",
                fontsize=_SUBREGION_LABEL, fontstyle="italic", color=MUTED, gid=f"subgroup-{_slug(subregion)}",
            )  # fmt: skip
            continue
        index, line = what
        if index % 2 == 1:  # every other state shaded, names included, to lead the eye along the row
            axes.add_patch(
                Rectangle(
                    (full[0], top), full[1], row_h, transform=label_at, clip_on=False,
                    facecolor=BAND, linewidth=0, zorder=-1,
                )
            )  # fmt: skip
        figure.text(
            (pad + label_w) / width, middle, labels[line.code], transform=label_at, ha="right", va="center",
            fontsize=_STATE_LABEL, color=INK, linespacing=1.0, gid=f"label-{line.code}",
        )  # fmt: skip
        for number, spell in _drawn(line):
            status = spell.standing.status.value
            until = spell.until or day
            style = STANDING_STYLE[status]
            axes.add_patch(
                Rectangle(
                    (_x(spell.start), middle - _STATE_BAR / 2),
                    max(_x(until) - _x(spell.start), 0.0),
                    _STATE_BAR,
                    facecolor=style.face,
                    edgecolor=style.edge,
                    hatch=style.hatch,
                    linewidth=0.5 if style.hatch else 0.0,
                    zorder=2,
                    gid=f"spell-{line.code}-{number}-{status}",
                )
            )
        if line.code in notes:
            figure.text(
                (axes_left + axis_w + gap) / width, middle, notes[line.code], transform=label_at, ha="left",
                va="center", fontsize=_NOTE_SIZE, color=INK, gid=f"note-{line.code}",
            )  # fmt: skip
        for number, notice in enumerate(line.notices, 1):
            if left_x <= _x(notice) <= right_x:
                _marker(axes, notice, middle, NOTICE_MARK, f"mark-{line.code}-{number}-withdrawal-notice", zorder=5)

    if left_x <= _x(day) <= right_x:
        axes.axvline(_x(day), color=BLACK, linewidth=1.0, linestyle=(0, (4, 2.5)), zorder=7, gid="as-of")
        axes.annotate(
            f"as of {day.isoformat()}", (_x(day), top_gap - 0.06), xytext=(-3, 0), textcoords="offset points",
            ha="right", va="bottom", fontsize=7.5, color=INK, gid="as-of-label",
        )  # fmt: skip

    footer_y = height - pad + 0.02
    figure.text(pad / width, fy(footer_y), note, fontsize=7.5, color=MUTED, va="bottom", gid="footer-reviewed")
    if coverage:
        figure.text(
            pad / width, fy(footer_y - note_h - 0.06), coverage, fontsize=7.5, color=INK, va="bottom",
            gid="footer-coverage",
        )  # fmt: skip
    figure.text(
        1 - pad / width, fy(footer_y), credit, fontsize=7.5, color=MUTED, ha="right", va="bottom",
        gid="footer-source",
    )  # fmt: skip
    return figure


def _state_legend(
    figure: Figure, lines: Sequence[StateLine], day: dt.date, left: dt.date, last: dt.date, fits: float
) -> Legend | None:
    """A key to the standings and marks drawn, in `STANDING_STYLE`'s order."""
    drawn = {spell.standing.status.value for line in lines for _, spell in _drawn(line)}
    handles: list[Any] = [_patch(style) for status, style in STANDING_STYLE.items() if status in drawn]
    if any(left <= notice <= last for line in lines for notice in line.notices):
        handles.append(_line(NOTICE_MARK))
    if left <= day <= last or not lines:
        handles.append(Line2D([], [], color=BLACK, linewidth=1.0, linestyle=(0, (4, 2.5)), label="as-of date"))
    return _fit_legend(figure, handles, fits)


def _fit_legend(figure: Figure, handles: list[Any], fits: float) -> Legend | None:
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
        if columns == 1 or _extent_inches(canvas, legend)[0] <= fits:
            break
        legend.remove()
    legend.set_gid("legend")
    return legend


def inline_svg(svg: bytes) -> str:
    """An SVG document as an element to put inside an HTML page: no XML prolog or doctype."""
    text = svg.decode("utf-8")
    start = text.index("<svg")
    return text[start:].strip()


__all__ = ["FORMATS", "StateGroup", "inline_svg", "lifespan_chart", "participation_chart"]
