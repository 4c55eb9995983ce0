"""The declared-numbers chart: one small panel per ceiling, each party's declared values over
time as a line, the ceiling as a dashed line, the day the limits took effect and each party's
suspension marked, "not provided" as a labelled marker where the party's line stops, and the
sources named in the footer.

Lines join only consecutive six-monthly exchanges: where the record holds no value for a data
date in between, the line breaks, so a straight segment never suggests numbers nobody declared.

Imported only with the pictures (the `charts` extra), never at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, cast
from urllib.parse import urlsplit

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MultipleLocator

from treatytrack.core.declared import DeclaredSeries
from treatytrack.render.figure_draw import save, text_size, widest, wrap_text
from treatytrack.render.figure_layout import x_of
from treatytrack.render.figure_style import BLUE, GRID, INK, MUTED, ORANGE, RC_PARAMS, VERMILLION
from treatytrack.render.xmlchars import xml_safe

# Two parties' lines, told apart by colour, marker shape and dash (never colour alone).
PARTY_LOOKS: tuple[tuple[str, str, Any], ...] = ((BLUE, "o", "-"), (VERMILLION, "s", (0, (5, 1.5))), (ORANGE, "D", ":"))
NEXT_EXCHANGE_DAYS = (
    215  # six months and a little (2018-02-05 to 2018-09-01 is 208 days): data dates further apart are not joined
)
AXES_INCHES = 1.6
HEADROOM = 1.3  # the y axis runs this far past the largest value: room for the marks' labels


def declared_figure(
    fmt: str,
    treaty_name: str,
    series: Sequence[DeclaredSeries],
    names: Mapping[str, str],
    *,
    treaty_id: str,
    day: dt.date,
    suspended: Sequence[tuple[str, dt.date]] = (),
    title: str | None = None,
    width: float = 10.0,
    generator: str = "treatytrack",
) -> bytes:
    """SVG, PNG or PDF bytes. `series` are ceilings with declared rows (rows after `day` are left
    out); `suspended` the (party, day) of each suspension to mark."""
    heading = title or f"{treaty_name}: declared numbers against the limits"
    with matplotlib.rc_context(cast(Any, RC_PARAMS)):
        figure = _figure((treaty_name, treaty_id), series, names, day, suspended, heading, width)
        drawn = save(figure, fmt, heading, generator)
    return xml_safe(drawn) if fmt == "svg" else drawn


def _figure(
    treaty: tuple[str, str],
    series: Sequence[DeclaredSeries],
    names: Mapping[str, str],
    day: dt.date,
    suspended: Sequence[tuple[str, dt.date]],
    heading: str,
    width: float,
) -> Figure:
    """Laid out in inches from the top: every text is wrapped to the width and measured first, so
    the figure's height is what its parts need and nothing overlaps at any --width."""
    treaty_name, treaty_id = treaty
    rows = [[r for r in s.rows if r.date <= day] for s in series]
    dates = [r.date for shown in rows for r in shown] or [day]
    deadlines = [d for d in sorted({s.deadline for s in series if s.deadline is not None}) if d <= day]
    stops = [(p, d) for p, d in suspended if d <= day]
    first = min(dates + deadlines + [d for _, d in stops])
    last = max(dates + deadlines + [d for _, d in stops])
    span = (x_of(dt.date(first.year, 1, 1)), x_of(dt.date(last.year + 1, 1, 1)))
    parties = list(dict.fromkeys(r.party for shown in rows for r in shown))
    looks = {p: PARTY_LOOKS[i % len(PARTY_LOOKS)] for i, p in enumerate(parties)}
    left, right = 0.75, 1.0  # inches: the count labels, and the ceiling labels right of the panels
    fits = width - left - right

    figure = Figure(figsize=(width, 10.0))
    canvas = FigureCanvasAgg(figure)
    title = wrap_text(canvas, heading, 13, width - left - 0.3, "bold", measure=widest)
    subtitle = wrap_text(
        canvas,
        f"What each party declared, by data date, to {day.isoformat()}. Dashed: the treaty's ceiling. "
        "Lines join consecutive six-monthly exchanges; a gap is a data date the record has no source for.",
        9,
        width - left - 0.3,
        measure=widest,
    )
    hosts = list(
        dict.fromkeys((urlsplit(r.source).hostname or r.source).removeprefix("www.") for shown in rows for r in shown)
    )
    footer = wrap_text(
        canvas,
        f"Sources: the {treaty_name} record's declared rows, each citing its page ({', '.join(hosts)}); "
        f"`treatytrack limits {treaty_id} --declared --format csv` lists them with their notes.",
        7.5,
        width - left - 0.3,
        measure=widest,
    )
    panel_titles = [wrap_text(canvas, s.item[0].upper() + s.item[1:], 9.5, fits, measure=widest) for s in series]
    handles = _legend_handles(parties, looks, names, any(r.not_provided for shown in rows for r in shown))
    columns = _legend_columns(handles, width - left - 0.3)
    legend_rows = -(-len(handles) // columns)

    y = 0.2  # the running top of the next part, in inches
    placed: list[tuple[float, float]] = []  # (top, height) of each panel's axes
    title_at = y
    y += text_size(canvas, title, 13, "bold")[1] + 0.12
    subtitle_at = y
    y += text_size(canvas, subtitle, 9)[1] + 0.14
    legend_at = y
    y += legend_rows * 0.22 + 0.2
    for panel_title in panel_titles:
        y += text_size(canvas, panel_title, 9.5)[1] + 0.1
        placed.append((y, AXES_INCHES))
        y += AXES_INCHES + 0.32
    y += 0.2  # the last panel's year labels
    footer_h = text_size(canvas, footer, 7.5)[1]
    height = y + footer_h + 0.25
    figure.set_size_inches(width, height)

    def fy(inches_from_top: float) -> float:
        return 1 - inches_from_top / height

    x0 = left / width
    figure.text(x0, fy(title_at), title, fontsize=13, weight="bold", color=INK, va="top", gid="title")
    figure.text(x0, fy(subtitle_at), subtitle, fontsize=9, color=MUTED, va="top")
    legend = figure.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(x0, fy(legend_at)), ncols=columns, frameon=False,
        fontsize=8.5, borderaxespad=0, borderpad=0, handlelength=2.6, columnspacing=1.8,
    )  # fmt: skip
    legend.set_gid("legend")
    for index, (ceiling_series, shown) in enumerate(zip(series, rows, strict=True)):
        top, axes_h = placed[index]
        axes = figure.add_axes((x0, fy(top + axes_h), fits / width, axes_h / height))
        _panel(axes, ceiling_series, panel_titles[index], shown, looks, names, index, span)
        axes.tick_params(labelbottom=index == len(series) - 1)
        for mark in [*deadlines, *(d for _, d in stops)]:
            axes.axvline(x_of(mark), color=MUTED, linewidth=0.9, linestyle=":", zorder=1)
        if index == 0:
            labels = [(d, f"limits in force from {d.isoformat()}") for d in deadlines]
            labels += [(d, f"{names.get(p, p)} suspends, {d.isoformat()}") for p, d in stops]
            _mark_labels(axes, labels, span, fits)
    figure.text(x0, 0.12 / height, footer, fontsize=7.5, color=MUTED, va="bottom", gid="footer")
    return figure


def _legend_handles(
    parties: Sequence[str], looks: Mapping[str, tuple[str, str, Any]], names: Mapping[str, str], not_provided: bool
) -> list[Any]:
    handles: list[Any] = [
        Line2D([], [], color=looks[p][0], marker=looks[p][1], linestyle=looks[p][2], markersize=4.5, label=names.get(p, p))
        for p in parties
    ]  # fmt: skip
    handles.append(Line2D([], [], color=INK, linestyle=(0, (4, 3)), linewidth=1.1, label="ceiling"))
    if not_provided:
        handles.append(
            Line2D([], [], color=INK, marker="X", linestyle="none", markerfacecolor="white", label="not provided")
        )
    return handles


def _legend_columns(handles: Sequence[Any], fits: float) -> int:
    """As many columns as fit the width: each entry is its label, its handle and the spacing."""
    entries = [widest(h.get_label(), 8.5) + 0.62 for h in handles]
    for columns in range(len(entries), 0, -1):
        rows = [entries[i : i + columns] for i in range(0, len(entries), columns)]
        widths = [max(row[c] for row in rows if c < len(row)) for c in range(columns)]
        if sum(widths) <= fits:
            return columns
    return 1


def _panel(
    axes: Any,
    series: DeclaredSeries,
    title: str,
    shown: Sequence[Any],
    looks: Mapping[str, tuple[str, str, Any]],
    names: Mapping[str, str],
    index: int,
    span: tuple[float, float],
) -> None:
    x_min, x_max = span
    ceiling = series.ceiling or 0
    values = [r.value for r in shown if r.value is not None]
    top = max([ceiling, *values]) * HEADROOM
    axes.set_xlim(x_min, x_max)
    axes.set_ylim(0, top)
    axes.set_title(title, loc="left", fontsize=9.5, color=INK, pad=5)
    axes.axhline(ceiling, color=INK, linewidth=1.1, linestyle=(0, (4, 3)), zorder=2, gid=f"ceiling-{index}")
    axes.annotate(
        f"limit\n{ceiling:,}", (1, ceiling), xycoords=("axes fraction", "data"), xytext=(6, 0),
        textcoords="offset points", va="center", ha="left", fontsize=8.5, color=INK, weight="bold",
    )  # fmt: skip
    for party, (colour, marker, dash) in looks.items():
        mine = [r for r in shown if r.party == party]
        xs: list[float] = []
        ys: list[float] = []
        previous: dt.date | None = None
        for row in mine:
            if row.not_provided:
                axes.plot(
                    [x_of(row.date)], [top * 0.1], marker="X", color=INK, markerfacecolor="white", markersize=8,
                    linestyle="none", zorder=5, gid=f"not-provided-{party}-{index}",
                )  # fmt: skip
                axes.annotate(
                    f"{names.get(party, party)}: not provided", (x_of(row.date), top * 0.1), xytext=(-8, 0),
                    textcoords="offset points", ha="right", va="center", fontsize=8, color=INK,
                )  # fmt: skip
                continue
            if previous is not None and (row.date - previous).days > NEXT_EXCHANGE_DAYS:
                xs.append(float("nan"))
                ys.append(float("nan"))
            xs.append(x_of(row.date))
            ys.append(float(cast(int, row.value)))
            previous = row.date
        axes.plot(
            xs, ys, color=colour, marker=marker, linestyle=dash, linewidth=1.6, markersize=4.2, zorder=4,
            gid=f"declared-{party}-{index}",
        )  # fmt: skip
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v):,}"))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: str(dt.date.fromordinal(int(v)).year)))
    first_year = dt.date.fromordinal(int(x_min)).year
    last_year = dt.date.fromordinal(int(x_max)).year
    axes.set_xticks([x_of(dt.date(y, 1, 1)) for y in range(first_year, last_year + 1)])
    axes.yaxis.set_major_locator(MultipleLocator(_step(top)))
    axes.grid(axis="y", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)
    axes.set_ylabel(series.unit, fontsize=8.5, color=MUTED)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8.5, colors=INK)


def _step(top: float) -> int:
    """A round gridline step giving three to six lines."""
    for step in (50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 6:
            return step
    return 10_000


def _mark_labels(axes: Any, labels: Sequence[tuple[dt.date, str]], span: tuple[float, float], inches: float) -> None:
    """Each vertical mark's label in the top of the panel (above every value: the y axis runs
    HEADROOM past the largest), ending just left of its mark; a label that would run into the one
    before it goes a line lower."""
    per_inch = (span[1] - span[0]) / inches
    rows_end: list[float] = []  # the x where each line's last label ends
    for day, text in sorted(labels):
        end = x_of(day) - 0.06 * per_inch
        begin = end - widest(text, 8) * per_inch
        row = next((i for i, ends in enumerate(rows_end) if begin > ends + 0.1 * per_inch), len(rows_end))
        if row == len(rows_end):
            rows_end.append(end)
        rows_end[row] = end
        axes.annotate(
            text, (x_of(day), 0.97), xycoords=("data", "axes fraction"), xytext=(-4, -11 * row),
            textcoords="offset points", ha="right", va="top", fontsize=8, color=MUTED, gid="mark-label",
        )  # fmt: skip
