"""`export svg|png|pdf|html`: the lifespan chart as a figure, and the self-contained report page.

Reached only from `export` (treatytrack.cli.exporting dispatches these formats here), so neither
matplotlib nor Jinja2 is imported by any other command. The charts need the optional `charts`
extra; without it the figure formats stop with a usage error saying how to install it, and the
page is written without its chart, saying the same.

`export svg|png|pdf --treaty NAME --by-state [--order region|name]` draws one treaty's states
against time instead (`export_states`: state_figure.participation_chart, from panel.spells, grouped
by treatytrack.core.regions); `--party` then chooses the states drawn. The page's per-state tables
(`state_rows`) hold the same rows as `parties TREATY --format json` on the same day.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from treatytrack import __version__
from treatytrack.cli.exits import fail, note, period_bars_note
from treatytrack.core.history import Lifespan, chart_spans, imprecise_starts, timeline
from treatytrack.core.models import Dataset, Treaty
from treatytrack.core.vocab import Kind

if TYPE_CHECKING:
    from treatytrack.core.standing import StateHistory
    from treatytrack.render.report import StateRow

EXIT_USAGE = 2
PICTURES = ("svg", "png", "pdf")
INSTALL_HINT = "pip install 'treatytrack[charts]'"
GENERATOR = f"treatytrack {__version__}"
# Modules of the charts extra: only their absence means "not installed" (any other failure is a bug).
_CHART_MODULES = ("matplotlib", "numpy", "PIL", "kiwisolver", "contourpy", "fontTools", "pyparsing", "cycler")


def _charts_missing(err: ImportError) -> bool:
    return isinstance(err, ModuleNotFoundError) and (err.name or "").split(".")[0] in _CHART_MODULES


def default_title(day: dt.date) -> str:
    return f"Arms-control agreements, to {day.isoformat()}"


def _subtitle(spans: Sequence[Lifespan], day: dt.date, first: dt.date | None, last: dt.date | None) -> str:
    count = f"{len(spans)} agreement{'s' if len(spans) != 1 else ''}"
    window = ""
    if first or last:
        window = f", {first.isoformat() if first else 'from the start'} to {(last or day).isoformat()}"
    return f"{count}{window}: signed, in force, suspended and ended; status as of {day.isoformat()}"


def export_picture(
    fmt: str,
    dataset: Dataset,
    treaties: Sequence[Treaty],
    day: dt.date,
    first: dt.date | None,
    last: dt.date | None,
    parties: Sequence[str],
    types: Sequence[str],
    title: str | None,
    width: float,
) -> bytes:
    """The lifespan chart of `treaties` as SVG, PNG or PDF; exit 2 without the charts extra."""
    try:
        from treatytrack.render.figures import lifespan_chart
    except ImportError as err:
        if not _charts_missing(err):
            raise
        fail(f"treatytrack: export {fmt} draws with matplotlib, which is not installed: {INSTALL_HINT}", EXIT_USAGE)
    spans = chart_spans(treaties, day, start=first, end=last, parties=parties, types=types)
    period_bars_note(imprecise_starts(spans))
    return lifespan_chart(
        spans,
        day=day,
        reviewed=dataset.reviewed,
        title=title or default_title(day),
        subtitle=_subtitle(spans, day, first, last),
        fmt=fmt,
        start=first,
        end=last,
        width=width,
        generator=GENERATOR,
    )


def export_page(
    dataset: Dataset,
    treaties: Sequence[Treaty],
    day: dt.date,
    first: dt.date | None,
    last: dt.date | None,
    parties: Sequence[str],
    types: Sequence[str],
    title: str | None,
    width: float,
) -> str:
    """The report page: status table, chart, one section per treaty alive in the window."""
    from treatytrack.api.data import TreatyData
    from treatytrack.render.records import treaty_record
    from treatytrack.render.report import report_html, treaty_views

    spans = chart_spans(treaties, day, start=first, end=last, parties=parties, types=types)
    period_bars_note(imprecise_starts(spans))
    shown = [s.treaty for s in spans]  # in order of their start, as in the chart
    entries = timeline(shown, day, start=first, end=last, parties=parties, types=types)
    answers = TreatyData(dataset)
    rows = [treaty_record(answers.row(t, on=day)) for t in shown]
    states, captions = _state_tables(dataset, [t for t in shown if _has_state_table(t)], day, answers.names)
    title = title or default_title(day)
    chart_svg: str | None = None
    missing: str | None = None
    try:
        from treatytrack.render.figures import inline_svg, lifespan_chart
    except ImportError as err:
        if not _charts_missing(err):
            raise
        missing = f"The lifespan chart needs the charts extra ({INSTALL_HINT}); the tables below hold the same dates."
        note(f"treatytrack: the page has no chart: matplotlib is not installed ({INSTALL_HINT}).")
    else:
        svg = lifespan_chart(
            spans,
            day=day,
            reviewed=dataset.reviewed,
            title=title,
            subtitle=_subtitle(spans, day, first, last),
            fmt="svg",
            start=first,
            end=last,
            width=width,
            generator=GENERATOR,
        )
        chart_svg = inline_svg(svg)
    return report_html(
        title=title,
        day=day,
        reviewed=dataset.reviewed,
        generator=GENERATOR,
        status_rows=rows,
        treaties=treaty_views(shown, day, entries, states, captions),
        chart_svg=chart_svg,
        chart_missing=missing,
    )


MAX_STATES = 400  # rows of a per-state chart: 64 inches tall; matplotlib draws at most 65,536 pixels a side


def default_states_title(treaty: Treaty, day: dt.date) -> str:
    return f"{treaty.short_name}: each state's standing, to {day.isoformat()}"


def export_states(
    fmt: str,
    dataset: Dataset,
    treaty: Treaty,
    day: dt.date,
    first: dt.date | None,
    last: dt.date | None,
    parties: Sequence[str],
    order: str,
    title: str | None,
    width: float,
    destination: object,
) -> bytes:
    """The per-state chart of `treaty` (its recorded states, or the `parties` asked for) as SVG,
    PNG or PDF; exit 2 without the charts extra, without a per-state table, or past MAX_STATES."""
    _refuse_terminal(fmt, destination)
    try:
        from treatytrack.render.figure_layout import StateGroup
        from treatytrack.render.state_figure import participation_chart
    except ImportError as err:
        if not _charts_missing(err):
            raise
        fail(f"treatytrack: export {fmt} draws with matplotlib, which is not installed: {INSTALL_HINT}", EXIT_USAGE)
    from treatytrack.cli.data import state_names
    from treatytrack.core.panel import state_line
    from treatytrack.core.regions import Order, group_states
    from treatytrack.core.standing import StateHistory, states_of, tally
    from treatytrack.render.records import coverage_line, coverage_record

    if treaty.participation is None:
        fail(
            f"treatytrack: export {fmt} --by-state: {treaty.short_name} has no per-state table (no list of "
            f"states) to draw; `treatytrack parties {treaty.id}` shows the states its events name.",
            EXIT_USAGE,
        )
    history = StateHistory(dataset.state_history)
    codes = list(dict.fromkeys(parties)) if parties else states_of(treaty, history)
    if len(codes) > MAX_STATES:
        fail(
            f"treatytrack: export {fmt} --by-state draws at most {MAX_STATES} states and {treaty.short_name} "
            f"has {len(codes)}; choose some with --party CODE (repeatable).",
            EXIT_USAGE,
        )
    names = state_names(dataset)
    organisations = {org.code for org in dataset.non_state_parties}
    ordered = Order(order)
    groups = [
        StateGroup(
            g.region, g.subregion, [state_line(treaty, code, names.get(code, code), day, history) for code in g.codes]
        )
        for g in group_states(codes, names, ordered, organisations)
    ]
    standings = [line.now for group in groups for line in group.lines]
    coverage = coverage_line(
        {
            "as_of": day.isoformat(),
            "counts": {s.value: n for s, n in tally(standings).items()},
            "coverage": coverage_record(treaty),
        }
    )
    table = treaty.participation
    listed = f"on the list ({table.list_name})" if table.list_name else "on the list"
    count = f"{len(codes)} state{'s' if len(codes) != 1 else ''}"
    chosen = "chosen" if parties else listed
    grouping = "by UN region and sub-region" if ordered is Order.REGION else "in alphabetical order"
    subtitle = f"{count} {chosen}, {grouping}, from signature or consent to {day.isoformat()}"
    return participation_chart(
        groups,
        day=day,
        reviewed=dataset.reviewed,
        title=title or default_states_title(treaty, day),
        subtitle=subtitle,
        coverage=coverage,
        fmt=fmt,
        start=first,
        end=last,
        width=width,
        generator=GENERATOR,
    )


def state_rows(treaty: Treaty, day: dt.date, history: StateHistory, names: dict[str, str]) -> list[StateRow]:
    """The page's per-state table of `treaty`: the records `parties TREATY` gives on `day`, in its order."""
    from treatytrack.core.standing import by_name, standings_on
    from treatytrack.render.records import state_record
    from treatytrack.render.report import state_row

    standings = by_name(standings_on(treaty, day, history), names)
    return [state_row(state_record(treaty, s, names, day)) for s in standings]


def _state_tables(
    dataset: Dataset, treaties: Sequence[Treaty], day: dt.date, names: dict[str, str]
) -> tuple[dict[str, list[StateRow]], dict[str, str]]:
    """Each treaty's per-state rows (states named from `names`) and its caption (counts and coverage line)."""
    from treatytrack.core.standing import StateHistory
    from treatytrack.render.records import coverage_line, coverage_record

    history = StateHistory(dataset.state_history)
    rows = {t.id: state_rows(t, day, history, names) for t in treaties}
    captions = {}
    for treaty in treaties:
        counts: dict[str, int] = {}
        for row in rows[treaty.id]:
            counts[row.standing] = counts.get(row.standing, 0) + 1
        captions[treaty.id] = coverage_line(
            {"as_of": day.isoformat(), "counts": counts, "coverage": coverage_record(treaty)}
        )
    return rows, captions


def _has_state_table(treaty: Treaty) -> bool:
    return treaty.participation is not None and treaty.kind is not Kind.BILATERAL


def _refuse_terminal(fmt: str, destination: object) -> None:
    if fmt in ("png", "pdf") and destination is None and sys.stdout.isatty():
        fail(f"treatytrack: export {fmt} is binary; give --output FILE or redirect it to a file.", EXIT_USAGE)


def export_published(
    fmt: str,
    dataset: Dataset,
    treaties: Sequence[Treaty],
    day: dt.date,
    first: dt.date | None,
    last: dt.date | None,
    parties: Sequence[str],
    types: Sequence[str],
    title: str | None,
    width: float,
    destination: object,
) -> str | bytes:
    """What `export FORMAT` writes for the chart formats and the page."""
    _refuse_terminal(fmt, destination)
    if fmt == "html":
        return export_page(dataset, treaties, day, first, last, parties, types, title, width)
    svg_or_binary = export_picture(fmt, dataset, treaties, day, first, last, parties, types, title, width)
    return svg_or_binary.decode("utf-8") if fmt == "svg" else svg_or_binary
