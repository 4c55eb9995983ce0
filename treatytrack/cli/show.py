"""`show`: one treaty in full on a day: status, key dates, parties, limits and its sourced history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from treatytrack.cli.completion import complete_treaty
from treatytrack.cli.data import find_or_fail, load
from treatytrack.cli.dates import today
from treatytrack.cli.emit import print_renderable, write
from treatytrack.cli.exits import review_note
from treatytrack.cli.options import (
    AsOf,
    ColorOpt,
    DataOpt,
    ExtraOpt,
    FormatOpt,
    NoCacheOpt,
    QuietOpt,
    WhyOpt,
)
from treatytrack.cli.program import command
from treatytrack.render import OutputFormat

if TYPE_CHECKING:
    pass


@command(
    "show",
    ("a treaty by its name, an alias or an id, in any case", "treatytrack show 'New START'"),
    (
        "the ABM Treaty as it stood before the US withdrawal, with the evidence",
        "treatytrack show abm --as-of 2001-12-01 --why",
    ),
    ("everything the record says, as JSON", "treatytrack show new-start -f json"),
)
def show_command(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME",
            help="Treaty id, short name or alias (any case), e.g. 'New START'; several for several treaties.",
            autocompletion=complete_treaty,
        ),
    ],
    as_of: AsOf = None,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
    why: WhyOpt = False,
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """One treaty in full: status, key dates, parties, limits and its sourced history.

    Several NAMEs show each in turn: one view after another, a section each in Markdown, one CSV
    of all their events, and in JSON an array of the records (one NAME: the record itself).
    """
    day = today(as_of)
    if why and output is OutputFormat.CSV:
        raise typer.BadParameter(
            "the CSV of show is the treaty's events; --why adds the evidence to the table and Markdown "
            "(JSON always has it)",
            param_hint="'--why'",
        )
    dataset = load(data, extra, no_cache)
    from treatytrack.api.data import TreatyData
    from treatytrack.core.query import projected
    from treatytrack.render.records import detail_record

    treaties = list({t.id: t for t in (find_or_fail(dataset, name) for name in names)}.values())
    answers = TreatyData(dataset)
    party_of, history = answers.names, answers.history
    records = []
    changed: list[str] = []
    for treaty in treaties:
        row = answers.row(treaty, on=day)
        record = detail_record(row, party_of, history)
        records.append(record)
        moved = projected([row], dataset.reviewed)
        if not moved and day > dataset.reviewed:  # or a party's standing
            then = detail_record(answers.row(treaty, on=dataset.reviewed), party_of, history)
            if [p["status"] for p in then["parties"]] != [p["status"] for p in record["parties"]]:
                moved = [treaty.short_name]
        changed += moved
    review_note(dataset.reviewed, day, changed)
    if output is OutputFormat.JSON:
        from treatytrack.render.jsonout import render_json

        write(render_json(records[0] if len(records) == 1 else records))
    elif output is OutputFormat.CSV:
        from treatytrack.core.history import event_entry
        from treatytrack.render.csvout import render_csv
        from treatytrack.render.records import EVENT_COLUMNS, entry_record

        # The treaties' recorded events, in the columns of every CSV of events.
        write(render_csv([entry_record(event_entry(t, e)) for t in treaties for e in t.events], EVENT_COLUMNS))
    elif output is OutputFormat.MARKDOWN:
        from treatytrack.render.markdown import show_markdown

        write("\n".join(show_markdown(r, why=why) for r in records))
    else:
        from functools import partial

        from treatytrack.render.detail import show_view

        for number, record in enumerate(records):
            if number:
                write("\n")  # a blank line between one treaty's view and the next
            print_renderable(partial(_view, show_view, record, dataset.reviewed, why))


def _view(show_view: Any, record: Any, reviewed: Any, why: bool, width: int) -> Any:
    """One treaty's view at the terminal's width (a function, not a lambda in a loop)."""
    return show_view(record, reviewed, width, why=why)
