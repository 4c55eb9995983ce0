"""The per-state picture, drawn with matplotlib (the optional `charts` extra): one treaty's
states against time.

The picture (`participation_chart`, issue #16 part 2) draws one treaty's states
against time: one row per state, under headings for its UN region and sub-region (or in one
alphabetical run), a bar for each standing it held (`panel.spells`), styled by `STANDING_STYLE`,
markers for withdrawal notices. Its ids: `group-REGION` (a region's heading, as `group-europe`),
`subgroup-SUBREGION` (a sub-region's, as `subgroup-northern-europe`), `label-CODE` (a state's name), `spell-CODE-N-STANDING` (its Nth
drawn spell), `mark-CODE-N-withdrawal-notice` (its Nth notice), `note-CODE` (what sets it apart
on the as-of day, at the row's end: "withdrew 2025-12-27"), `footer-coverage`,
and, as the lifespan chart's, `tick-YEAR`, `as-of`, `legend`, `title`, `subtitle`, `footer-reviewed`,
`footer-source`. Its height grows with its rows (0.16 inch a state), names in full.

Like the lifespan chart (treatytrack.render.figures), it only draws what the core computed
(`panel.spells`, each standing with its dates): where the rows and the axis go is worked out in
`figure_layout`, the look is `figure_style`'s, the shared matplotlib calls `figure_draw`'s.
Imported only by `export svg|png|pdf --by-state`, never at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

# `import matplotlib` itself, not only its submodules: with the extra gone (or hidden, as tests do)
# this fails here, at import, even while submodules imported earlier are still in sys.modules.
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import blended_transform_factory

from treatytrack.render.figure_draw import (
    extent_inches,
    fit_legend,
    fitted_heading,
    heading,
    legend_line,
    legend_patch,
    marker,
    save,
    text_size,
    widest,
    wrap_text,
)
from treatytrack.render.figure_layout import (
    StateGroup,
    drawn_spells,
    end_note,
    slug,
    state_rows,
    x_of,
    year_axis,
)
from treatytrack.render.figure_style import BAND, BLACK, GRID, INK, MUTED, NOTICE_MARK, RC_PARAMS, STANDING_STYLE
from treatytrack.render.xmlchars import xml_safe

if TYPE_CHECKING:
    from treatytrack.core.panel import StateLine

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
    with matplotlib.rc_context(cast(Any, RC_PARAMS)):  # a plain dict: matplotlib types keys as literals
        figure = _participation_figure(groups, day, reviewed, title, subtitle, coverage, start, end, width)
        drawn = save(figure, fmt, title, generator)
    return xml_safe(drawn) if fmt == "svg" else drawn


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
    labels = {line.code: wrap_text(canvas, line.name, _STATE_LABEL, limit, measure=widest) for line in lines}
    label_w = max((widest(text, _STATE_LABEL) for text in labels.values()), default=0.5)

    # The rows, top to bottom, in inches from the top of the axes (the axes' own y unit).
    top_gap, bottom_gap = 0.20, 0.06  # room for the as-of label; a margin above the axis
    rows, bottom = state_rows(groups, labels, top_gap)
    axes_h = bottom + bottom_gap

    starts = [spell.start for line in lines for _, spell in drawn_spells(line)]
    first = min(starts, default=start or day)
    last = end if end is not None else day
    shows_day = (start is None or start <= day) and day <= last
    notes = {line.code: note for line in lines if shows_day and (note := end_note(line)) is not None}
    note_w = max((widest(note, _NOTE_SIZE) for note in notes.values()), default=-gap) + gap
    if width - 2 * pad - label_w - gap - note_w < 0.45 * width:  # too narrow: the bars say it alone
        notes, note_w = {}, 0.0
    axis_w = width - 2 * pad - label_w - gap - note_w
    axis = year_axis(first, last, start, end, day, axis_w)
    left, left_x, right_x = axis.left, axis.left_x, axis.right_x

    inner = width - 2 * pad
    title, subtitle, (title_h, subtitle_h) = fitted_heading(canvas, title, subtitle, inner, widest)
    credit = "source: treatytrack"
    footer_w = inner - widest(credit, 7.5) - 0.3
    coverage = wrap_text(canvas, coverage, 7.5, footer_w, measure=widest)
    coverage_h = text_size(canvas, coverage, 7.5)[1] if coverage else 0.0
    note = f"Dataset reviewed {reviewed.isoformat()}."
    if day > reviewed:
        note += " After that date, standings are projected from the treaty's own rules (notice periods)."
    note += " Every date comes from a source named in the data."
    if any(group.region is not None for group in groups):
        note += " Regions: the UN's M49 geographic regions."
    note = wrap_text(canvas, note, 7.5, footer_w, measure=widest)
    note_h = text_size(canvas, note, 7.5)[1]
    legend = _state_legend(figure, lines, day, left, last, inner * 0.94)  # measured at 100 dpi: room for hinting
    legend_h = extent_inches(canvas, legend)[1] if legend else 0.0
    ticks_h = 0.24  # the year labels above the rows
    top_block = pad + title_h + 0.10 + (subtitle_h + 0.12 if subtitle else 0) + (legend_h + 0.12 if legend else 0)
    top_block += ticks_h
    bottom_block = 0.30 + 0.14 + (coverage_h + 0.06 if coverage else 0) + note_h + pad
    height = top_block + axes_h + bottom_block
    figure.set_size_inches(width, height)

    def fy(inches_from_top: float) -> float:
        return 1 - inches_from_top / height

    y = heading(figure, title, subtitle, (pad, width, fy), (title_h, subtitle_h))
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

    tick_years = axis.labelled()
    axes.set_xticks([x_of(dt.date(year, 1, 1)) for year in tick_years], [str(year) for year in tick_years])
    axes.set_xticks(axis.minor(bounded=True), minor=True)
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
                va="bottom", fontsize=_REGION_LABEL, fontweight="bold", color=INK, gid=f"group-{slug(region)}",
            )  # fmt: skip
            continue
        if kind == "subregion":
            subregion = what
            figure.text(
                pad / width, top + row_h - 0.035, subregion, transform=label_at, ha="left", va="bottom",
                fontsize=_SUBREGION_LABEL, fontstyle="italic", color=MUTED, gid=f"subgroup-{slug(subregion)}",
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
        for number, spell in drawn_spells(line):
            status = spell.standing.status.value
            until = spell.until or day
            style = STANDING_STYLE[status]
            axes.add_patch(
                Rectangle(
                    (x_of(spell.start), middle - _STATE_BAR / 2),
                    max(x_of(until) - x_of(spell.start), 0.0),
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
            if left_x <= x_of(notice) <= right_x:
                marker(axes, notice, middle, NOTICE_MARK, f"mark-{line.code}-{number}-withdrawal-notice", zorder=5)

    if left_x <= x_of(day) <= right_x:
        axes.axvline(x_of(day), color=BLACK, linewidth=1.0, linestyle=(0, (4, 2.5)), zorder=7, gid="as-of")
        axes.annotate(
            f"as of {day.isoformat()}", (x_of(day), top_gap - 0.06), xytext=(-3, 0), textcoords="offset points",
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
    drawn = {spell.standing.status.value for line in lines for _, spell in drawn_spells(line)}
    handles: list[Any] = [legend_patch(style) for status, style in STANDING_STYLE.items() if status in drawn]
    if any(left <= notice <= last for line in lines for notice in line.notices):
        handles.append(legend_line(NOTICE_MARK))
    if left <= day <= last or not lines:
        handles.append(Line2D([], [], color=BLACK, linewidth=1.0, linestyle=(0, (4, 2.5)), label="as-of date"))
    return fit_legend(figure, handles, fits)


__all__ = ["participation_chart"]
