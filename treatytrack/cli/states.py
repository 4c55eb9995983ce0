"""`parties` and `standings`: every state's standing under a treaty, on a day or over time."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated

import typer

from treatytrack.cli.common import (
    AsOf,
    CategoryOpt,
    DataOpt,
    ExtraOpt,
    FormatOpt,
    KindOpt,
    NoCacheOpt,
    PartyOpt,
    app,
    day_option,
    emit,
    find_or_fail,
    load,
    note,
    party_codes,
    today,
)
from treatytrack.completion import complete_treaty
from treatytrack.render import OutputFormat
from treatytrack.vocab import StandingFilter

if TYPE_CHECKING:
    from rich.console import RenderableType

    from treatytrack.render.records import Record

PARTIES_COLUMNS = [
    "treaty_id",
    "code",
    "name",
    "status",
    "since",
    "signed",
    "consent",
    "consent_date",
    "in_force_for_state",
    "withdrawal_notice",
    "withdrawal_effective",
    "why",
    "source",
    "as_of",
]


@app.command("parties")
def parties_command(
    name: Annotated[
        str, typer.Argument(metavar="TREATY", help="Treaty id, short name or alias.", autocompletion=complete_treaty)
    ],
    standing: Annotated[
        StandingFilter | None,
        typer.Option(
            "--standing",
            metavar="STANDING",
            help="Only states with this standing on the as-of date: bound, signed, any, or one standing exactly.",
        ),
    ] = None,
    as_of: AsOf = None,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Every recorded state's standing under one treaty on a date, with its signature, consent and withdrawal."""
    day = today(as_of)
    dataset = load(data, day, extra, no_cache)
    from treatytrack.parties import party_names
    from treatytrack.render.records import state_record
    from treatytrack.standing import StateHistory, by_name, standings_on

    treaty = find_or_fail(dataset, name)
    names = party_names(dataset)
    standings = by_name(standings_on(treaty, day, StateHistory(dataset.state_history)), names)
    if standing is not None:
        standings = [s for s in standings if standing.matches(s.status)]
    records = [state_record(treaty, s, names, day) for s in standings]
    if treaty.participation is None:
        note(f"note: {treaty.short_name} has no list of states; these are the states its events name.")

    def markdown() -> str:
        from treatytrack.render.markdown import render_table

        rows = [
            [r["code"], r["name"], r["status"], r["since"], r["signed"], _consent(r), r["in_force_for_state"]]
            for r in records
        ]
        return render_table(["Code", "Name", "Standing", "Since", "Signed", "Consent", "In force for it"], rows)

    def table(width: int) -> RenderableType:
        from treatytrack.render.records import coverage_record
        from treatytrack.render.table import states_table
        from treatytrack.standing import tally

        summary = {
            "as_of": day.isoformat(),
            "counts": {s.value: n for s, n in tally(standings).items()},
            "coverage": coverage_record(treaty),
        }
        return states_table(records, treaty.short_name, summary, width)

    emit(output, records, PARTIES_COLUMNS, markdown, table)


def _consent(record: Record) -> str | None:
    if record["consent"] is None:
        return None
    return f"{record['consent']} {record['consent_date']}"


class PanelBy(enum.StrEnum):
    CHANGE = "change"
    YEAR = "year"


SPELL_COLUMNS = [
    "treaty_id",
    "treaty",
    "code",
    "name",
    "start",
    "until",
    "status",
    "since",
    "bound",
    "signed_only",
    "why",
]
YEAR_COLUMNS = ["treaty_id", "treaty", "code", "name", "year", "status", "since", "bound", "signed_only"]


@app.command("standings")
def standings_command(
    names: Annotated[
        list[str] | None,
        typer.Argument(metavar="[TREATY]...", help="Treaties (default: all).", autocompletion=complete_treaty),
    ] = None,
    by: Annotated[
        PanelBy,
        typer.Option(
            "--by",
            metavar="change|year",
            help="change: one row per state, treaty and standing held (start, until); "
            "year: one row per state, treaty and year (the standing on 31 December).",
        ),
    ] = PanelBy.CHANGE,
    party: PartyOpt = None,
    category: CategoryOpt = None,
    kind: KindOpt = None,
    start: Annotated[
        str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="Only standings held on or after this date.")
    ] = None,
    as_of: AsOf = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format (csv and json for analysis).")
    ] = (OutputFormat.CSV),
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Standings as long, tidy data for pandas or R: every state's standing over time, by change or by year."""
    day = today(as_of)
    first = day_option(start, "--from")
    dataset = load(data, day, extra, no_cache)
    from treatytrack.panel import panel_states, spells, years
    from treatytrack.parties import party_names
    from treatytrack.query import select_treaties
    from treatytrack.render.records import spell_record, year_record
    from treatytrack.standing import StateHistory

    wanted = party_codes(dataset, party)
    ids = [find_or_fail(dataset, n).id for n in names or []]
    treaties = select_treaties(dataset, ids=ids, parties=wanted, categories=category or (), kinds=kind or ())
    history = StateHistory(dataset.state_history)
    codes = party_names(dataset)
    records: list[Record] = []
    for treaty in treaties:
        began = treaty.began
        if began is None or began > day:
            continue
        for state in panel_states(treaty, history, wanted):
            if by is PanelBy.YEAR:
                since_year = max(began.year, first.year if first else began.year)
                records += [year_record(row, codes) for row in years(treaty, state, since_year, day, history)]
            else:
                held = spells(treaty, state, day, history)
                records += [spell_record(s, codes) for s in held if first is None or s.until is None or s.until > first]
    columns = YEAR_COLUMNS if by is PanelBy.YEAR else SPELL_COLUMNS

    def markdown() -> str:
        from treatytrack.render.markdown import render_table

        return render_table(columns, [[r[c] for c in columns] for r in records])

    def table(width: int) -> RenderableType:
        from treatytrack.render.table import panel_table

        return panel_table(records, columns)

    emit(output, records, columns, markdown, table)
