"""`show`: one treaty in full on a day: status, key dates, parties, limits and its sourced history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

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
    name: Annotated[
        str,
        typer.Argument(
            help="Treaty id, short name or alias (any case), e.g. 'New START'.", autocompletion=complete_treaty
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
    """One treaty in full: status, key dates, parties, limits and its sourced history."""
    day = today(as_of)
    dataset = load(data, extra, no_cache)
    from treatytrack.core.engine import assess
    from treatytrack.core.parties import party_names
    from treatytrack.core.query import TreatyRow, projected
    from treatytrack.core.standing import StateHistory
    from treatytrack.render.records import detail_record

    treaty = find_or_fail(dataset, name)
    names = party_names(dataset)
    history = StateHistory(dataset.state_history)
    row = TreatyRow(treaty, assess(treaty, day), day)
    record = detail_record(row, names, history)
    changed = projected([row], dataset.reviewed)
    if not changed and day > dataset.reviewed:  # or a party's standing
        then = detail_record(TreatyRow(treaty, assess(treaty, dataset.reviewed), dataset.reviewed), names, history)
        if [p["status"] for p in then["parties"]] != [p["status"] for p in record["parties"]]:
            changed = [treaty.short_name]
    review_note(dataset.reviewed, day, changed)
    if output is OutputFormat.JSON:
        from treatytrack.render.jsonout import render_json

        write(render_json(record))
    elif output is OutputFormat.CSV:
        from treatytrack.core.history import event_entry
        from treatytrack.render.csvout import render_csv
        from treatytrack.render.records import EVENT_COLUMNS, entry_record

        # The treaty's recorded events, in the columns of every CSV of events.
        write(render_csv([entry_record(event_entry(treaty, e)) for e in treaty.events], EVENT_COLUMNS))
    elif output is OutputFormat.MARKDOWN:
        from treatytrack.render.markdown import show_markdown

        write(show_markdown(record))
    else:
        from treatytrack.render.detail import show_view

        print_renderable(lambda width: show_view(record, dataset.reviewed, width, why=why))
