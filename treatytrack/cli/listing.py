"""`list`: the treaties and their status on a day, filtered, with why a listing came out empty."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from treatytrack.cli.data import load, party_codes
from treatytrack.cli.dates import today
from treatytrack.cli.emit import emit_listing
from treatytrack.cli.exits import note, review_note
from treatytrack.cli.options import (
    AsOf,
    CategoryOpt,
    ColorOpt,
    DataOpt,
    ExtraOpt,
    FormatOpt,
    KindOpt,
    NoCacheOpt,
    PartyOpt,
    QuietOpt,
    StandingOpt,
    StatusOpt,
    WhyOpt,
    positive,
)
from treatytrack.cli.program import command
from treatytrack.core.vocab import StandingFilter
from treatytrack.render import OutputFormat

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import RenderableType

    from treatytrack.core.models import Dataset
    from treatytrack.render.records import Record


@command(
    "list",
    ("what was in force on 1 June 2015, as CSV", "treatytrack list --as-of 2015-06-01 --status in-force -f csv"),
    (
        "bilateral nuclear agreements, and why each has its status",
        "treatytrack list --kind bilateral --category nuclear --why",
    ),
    ("the first five treaties of the data", "treatytrack list --limit 5"),
)
def list_command(
    as_of: AsOf = None,
    status: StatusOpt = None,
    category: CategoryOpt = None,
    party: PartyOpt = None,
    standing: StandingOpt = StandingFilter.BOUND,
    kind: KindOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
    why: WhyOpt = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", metavar="N", parser=positive, help="Show at most N treaties (the oldest first)."),
    ] = None,
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """Treaties and their status on a date, with entry into force, expiry and days left."""
    day = today(as_of)
    dataset = load(data, extra, no_cache)
    from treatytrack.core.query import projected, treaty_rows
    from treatytrack.render.records import treaty_record

    parties = party_codes(dataset, party)
    rows = treaty_rows(
        dataset,
        day,
        statuses=status or (),
        categories=category or (),
        parties=parties,
        standing=standing,
        kinds=kind or (),
    )
    if parties:
        _note_unrecorded(dataset, day, parties, {r.treaty.id for r in rows})
    if limit is not None and len(rows) > limit:
        note(f"note: showing {limit} of {len(rows)} treaties (--limit).")
        rows = rows[:limit]
    review_note(dataset.reviewed, day, projected(rows, dataset.reviewed))
    filters = {
        "--status": [s.value for s in status or ()],
        "--category": [c.value for c in category or ()],
        "--party": list(party or ()),
        "--kind": [k.value for k in kind or ()],
    }
    empty = None if rows else _no_treaties(dataset, day, filters)
    records: Iterable[Record]
    if output in (OutputFormat.JSON, OutputFormat.CSV):
        records = map(treaty_record, rows)  # made as they are written: a long listing is never held whole
    else:
        records = [treaty_record(r) for r in rows]

    def table(width: int) -> RenderableType:
        from treatytrack.render.table import list_table

        return list_table(list(records), day, dataset.reviewed, width, why=why)

    emit_listing(records, output, table, "list", empty)


def _no_treaties(dataset: Dataset, day: dt.date, filters: dict[str, list[str]]) -> str:
    """Why `list` found nothing, and what to try."""
    given = [f"{option} {value}" for option, values in filters.items() for value in values]
    if given:
        return f"note: no treaty matches {' '.join(given)} on {day}; try fewer filters (`treatytrack list --as-of {day}` shows all)."
    began = [t.began for t in dataset.treaties if t.began is not None]
    if began:
        first = min(began)
        return f"note: no treaty in the data had begun by {day}; the first began on {first} (try --as-of {first})."
    return "note: the data holds no treaties."


def _note_unrecorded(dataset: Dataset, day: dt.date, parties: list[str], shown: set[str]) -> None:
    """Say which treaties a standing filter could not decide: the data does not record the state."""
    from treatytrack.core.query import unrecorded_standings

    missing: dict[str, list[str]] = {}
    for treaty, party in unrecorded_standings(dataset, day, parties):
        if treaty.id not in shown:
            missing.setdefault(party, []).append(treaty.short_name)
    for party, names in missing.items():
        listed = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        note(f"note: {party}'s standing is not recorded for {len(names)} treaties, left out: {listed}.")
