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
from treatytrack.render import OutputFormat, counted

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
    standing: StandingOpt = None,
    kind: KindOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
    why: WhyOpt = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            metavar="N",
            parser=positive,
            help="Show at most N treaties: the N oldest (the first N of the listing's order).",
        ),
    ] = None,
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """Treaties and their status on a date, with entry into force, expiry and days left.

    Oldest first: in the order of the day each treaty began (signed or opened for signature, or
    else entered into force), then by id.
    """
    day = today(as_of)
    if standing is not None and not party:
        raise typer.BadParameter(
            "--standing is the standing each --party must have; give --party CODE", param_hint="'--standing'"
        )
    dataset = load(data, extra, no_cache)
    from treatytrack.api.data import TreatyData
    from treatytrack.core.query import projected
    from treatytrack.render.records import treaty_record

    parties = party_codes(dataset, party)
    rows = TreatyData(dataset).rows(
        on=day,
        party=parties,
        status=status or (),
        category=category or (),
        kind=kind or (),
        standing=standing or StandingFilter.BOUND,
    )
    caveats = _left_out(dataset, day, parties, {r.treaty.id for r in rows}) if parties else []
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

        return list_table(list(records), day, dataset.reviewed, width, why=why, caveats=caveats)

    emit_listing(records, output, table, "list", empty, caveats, why=why)


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


def _left_out(dataset: Dataset, day: dt.date, parties: list[str], shown: set[str]) -> list[str]:
    """The treaties a standing filter could not decide (a state's standing not recorded, or a
    consent without a recorded day in force), one line each: said on stderr, and inside the
    table and the Markdown document, so that a published listing carries its own caveat."""
    from treatytrack.core.query import undecided_caveats, undecided_standings

    caveats = undecided_caveats(undecided_standings(dataset, day, parties, shown))
    if caveats:
        left_out = counted(len(caveats), "treaty", "treaties")
        note(f"note: {left_out} left out because a standing is undecided (see the listing's end).")
    return caveats
