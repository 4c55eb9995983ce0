"""`limits --declared` and `export svg|png|pdf --declared`: the numbers the parties declared
against a treaty's ceilings (New START's aggregate numbers), as a listing and as a chart."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from treatytrack.cli.emit import emit
from treatytrack.cli.exits import EXIT_USAGE, fail
from treatytrack.render import OutputFormat

if TYPE_CHECKING:
    from rich.console import RenderableType

    from treatytrack.core.models import Dataset, Treaty


def declared_listing(dataset: Dataset, treaties: list[Treaty], named: bool, day: dt.date, output: OutputFormat) -> None:
    """Each ceiling (and declared total) of `treaties` with each party's latest declared value on
    or before `day`. Dated by data date, so the treaty's status on `day` does not filter them: a
    number declared while it was in force stays what was declared."""
    from treatytrack.cli.data import state_names
    from treatytrack.core.declared import latest_declared
    from treatytrack.render.declared_records import DECLARED_COLUMNS, declared_record, declared_text, limit_text

    names = state_names(dataset)
    records = [declared_record(t, found, names) for t in treaties for found in latest_declared(t, day)]
    empty = None
    if not records:
        with_rows = [t for t in treaties if t.declared or any(limit.declared for limit in t.limits)]
        if named and not with_rows:
            empty = f"note: the record of {treaties[0].short_name} holds no declared numbers."
        elif with_rows:
            first = min(r.date for t in with_rows for r in _rows(t))
            empty = (
                f"note: nothing was declared on or before {day}; the first data date is {first} (try --as-of {first})."
            )
        else:
            empty = "note: no treaty in the data holds declared numbers."

    def markdown() -> str:
        from treatytrack.render.markdown import link, render_table

        rows = [
            [r["short_name"], r["item"], limit_text(r), r["unit"], r["party_name"], declared_text(r), r["date"],
             link("source", str(r["source"]))]
            for r in records
        ]  # fmt: skip
        headers = ["Treaty", "Item", "Limit", "Unit", "Party", "Declared", "Data date", "Source"]
        return render_table(headers, rows, align="llrllrll")

    def table(width: int) -> RenderableType:
        from treatytrack.render.table import declared_table

        return declared_table(records, str(day), width)

    emit(output, records, DECLARED_COLUMNS, markdown, table, empty)


def _rows(treaty: Treaty) -> list:  # type: ignore[type-arg]
    return [*treaty.declared, *(row for limit in treaty.limits for row in limit.declared)]


def check_declared_options(fmt: str, by_state: bool, *others: object) -> None:
    """`export --declared` draws one treaty's declared numbers as svg, png or pdf: the filters of
    the other exports (--treaty, --party, --category, --kind, --type, --from, --to) do not apply."""
    import typer

    if fmt not in ("svg", "png", "pdf"):
        raise typer.BadParameter(
            f"--declared draws svg, png or pdf, not {fmt} (for the data: treatytrack limits TREATY --declared)",
            param_hint="'--declared'",
        )
    if by_state or any(others):
        raise typer.BadParameter(
            "--declared draws one treaty's declared numbers; it takes --as-of, --title, --width and --output, "
            "not --by-state, --treaty, --party, --category, --kind, --type, --from or --to",
            param_hint="'--declared'",
        )


def declared_chart(
    fmt: str, dataset: Dataset, treaty: Treaty, day: dt.date, title: str | None, width: float | None, to_stdout: bool
) -> bytes:
    """The declared values of `treaty` over time against its ceilings, as SVG, PNG or PDF; exit 2
    without the charts extra or without declared numbers measured against a ceiling."""
    from treatytrack.cli.publish import INSTALL_HINT, _charts_missing, _refuse_terminal

    _refuse_terminal(fmt, None if to_stdout else fmt)
    from treatytrack.core.declared import declared_series

    series = [s for s in declared_series(treaty) if s.ceiling is not None]
    if not series:
        fail(
            f"treatytrack: export {fmt} --declared: the record of {treaty.short_name} holds no declared numbers "
            f"against a ceiling; `treatytrack limits {treaty.id} --declared` lists what it holds.",
            EXIT_USAGE,
        )
    try:
        from treatytrack.render.declared_chart import declared_figure
    except ImportError as err:
        if not _charts_missing(err):
            raise
        fail(f"treatytrack: export {fmt} draws with matplotlib, which is not installed: {INSTALL_HINT}", EXIT_USAGE)
    from treatytrack import __version__
    from treatytrack.cli.data import state_names

    suspensions = [(e.party or "", e.date) for e in treaty.events if e.type.value == "suspended"]
    return declared_figure(
        fmt,
        treaty.short_name,
        series,
        state_names(dataset),
        treaty_id=treaty.id,
        day=day,
        suspended=suspensions,
        title=title,
        width=width or 10.0,
        generator=f"treatytrack {__version__}",
    )
