"""`expiring`: what expires, or whose pending withdrawal takes effect, within a window; exits 1
with --fail-on-expiring when anything does (for cron and CI)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from treatytrack.cli.data import load
from treatytrack.cli.dates import shifted, span_option, today
from treatytrack.cli.emit import emit_listing
from treatytrack.cli.exits import EXIT_FINDING, review_note
from treatytrack.cli.options import (
    AsOf,
    ColorOpt,
    DataOpt,
    ExtraOpt,
    FormatOpt,
    NoCacheOpt,
    QuietOpt,
)
from treatytrack.cli.program import command
from treatytrack.render import OutputFormat, counted

if TYPE_CHECKING:
    from rich.console import RenderableType


@command(
    "expiring",
    ("what expires or takes effect in the next two years", "treatytrack expiring --within 2y"),
    ("the same for a past date, as Markdown", "treatytrack expiring --as-of 2025-09-01 --within 1y -f markdown"),
)
def expiring_command(
    within: Annotated[
        str,
        typer.Option("--within", metavar="SPAN", help="Window after the as-of date: 1y, 6m, 2w, 90d (or 1y6m)."),
    ] = "1y",
    as_of: AsOf = None,
    fail_on_expiring: Annotated[
        bool, typer.Option("--fail-on-expiring", help="Exit 1 when anything falls in the window (for cron and CI).")
    ] = False,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """What expires, or whose pending withdrawal takes effect, within a window, soonest first.

    --fail-on-expiring exits 1 when anything falls in the window, for cron jobs and CI.
    """
    day = today(as_of)
    until = shifted(day, span_option(within, "--within"), within, "--within")
    from treatytrack.core.query import deadlines_within, projected

    dataset = load(data, extra, no_cache)
    from treatytrack.api.data import TreatyData
    from treatytrack.render.records import deadline_record

    deadlines = deadlines_within(dataset, day, until)
    records = [deadline_record(d) for d in deadlines]
    answers = TreatyData(dataset)
    rows = [answers.row(d.treaty, on=day) for d in {d.treaty.id: d for d in deadlines}.values()]
    review_note(dataset.reviewed, day, projected(rows, dataset.reviewed))
    empty = None
    if not deadlines:
        later = deadlines_within(dataset, day, dt.date.max)
        if later:
            from treatytrack.core.query import span_reaching

            first = later[0]
            empty = (
                f"note: no deadline after {day} up to {until}; the next is {first.treaty.short_name} "
                f"({first.what}) on {first.date} (try --within {span_reaching(day, first.date)})."
            )
        else:
            empty = f"note: no deadline after {day} up to {until}, nor later: nothing in the data is due to end or take effect."

    def table(width: int) -> RenderableType:
        from treatytrack.render.table import expiring_table

        return expiring_table(deadlines, day, until, width)

    emit_listing(records, output, table, "expiring", empty)
    if fail_on_expiring and deadlines:
        typer.echo(f"treatytrack: {counted(len(deadlines), 'deadline')} up to {until}.", err=True)
        raise typer.Exit(EXIT_FINDING)
