"""`export svg|png|pdf|html`: the lifespan chart as a figure, and the self-contained report page.

Reached only from `export` (treatytrack.cli.history dispatches these formats here), so neither
matplotlib nor Jinja2 is imported by any other command. The charts need the optional `charts`
extra; without it the figure formats stop with a usage error saying how to install it, and the
page is written without its chart, saying the same.

Seams for issue #16 part 2 (after the participation model): a per-state figure is one more
function in treatytrack.render.figures, dispatched from `export_picture` (e.g. by a
`--states TREATY` option); the page's per-state tables take `states=` in `report_views`.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence

from treatytrack import __version__
from treatytrack.cli.common import fail, note
from treatytrack.history import Lifespan, chart_spans, timeline
from treatytrack.models import Dataset, Treaty

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
    from treatytrack.engine import assess
    from treatytrack.query import TreatyRow
    from treatytrack.render.records import treaty_record
    from treatytrack.render.report import report_html, treaty_views

    spans = chart_spans(treaties, day, start=first, end=last, parties=parties, types=types)
    shown = [s.treaty for s in spans]  # in order of their start, as in the chart
    entries = timeline(shown, day, start=first, end=last, parties=parties, types=types)
    rows = [treaty_record(TreatyRow(t, assess(t, day), day)) for t in shown]
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
        treaties=treaty_views(shown, day, entries),
        chart_svg=chart_svg,
        chart_missing=missing,
    )


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
    if fmt in ("png", "pdf") and destination is None and sys.stdout.isatty():
        fail(f"treatytrack: export {fmt} is binary; give --output FILE or redirect it to a file.", EXIT_USAGE)
    if fmt == "html":
        return export_page(dataset, treaties, day, first, last, parties, types, title, width)
    svg_or_binary = export_picture(fmt, dataset, treaties, day, first, last, parties, types, title, width)
    return svg_or_binary.decode("utf-8") if fmt == "svg" else svg_or_binary
