"""`parties` and `standings`: every state's standing under a treaty, on a day or over time."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from treatytrack.api.data import TreatyData
from treatytrack.cli.completion import complete_treaty
from treatytrack.cli.data import check_any_party, find_or_fail, load, party_codes
from treatytrack.cli.dates import day_option, today
from treatytrack.cli.emit import emit, write
from treatytrack.cli.exits import note, review_note
from treatytrack.cli.options import (
    AnyPartyOpt,
    AsOf,
    CategoryOpt,
    ColorOpt,
    DataOpt,
    ExtraOpt,
    FormatOpt,
    KindOpt,
    NoCacheOpt,
    PartiesOpt,
    QuietOpt,
    choice,
    completer,
    join_or,
)
from treatytrack.cli.program import command
from treatytrack.core.vocab import PartyStatus, StandingFilter
from treatytrack.render import OutputFormat

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import RenderableType

    from treatytrack.core.models import Treaty
    from treatytrack.core.standing import Standing
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


@command(
    "parties",
    ("every state recorded for the CFE Treaty, and where each stands", "treatytrack parties cfe"),
    (
        "the states bound by the Open Skies Treaty in 2020",
        "treatytrack parties 'open skies' --as-of 2020-06-01 --standing bound",
    ),
)
def parties_command(
    name: Annotated[
        str, typer.Argument(metavar="TREATY", help="Treaty id, short name or alias.", autocompletion=complete_treaty)
    ],
    standing: Annotated[
        StandingFilter | None,
        typer.Option(
            "--standing",
            metavar="STANDING",
            parser=choice(StandingFilter, "a standing"),
            autocompletion=completer(s.value for s in StandingFilter),
            help="Only states with this standing on the as-of date: bound, signed, any, or one standing exactly.",
        ),
    ] = None,
    counts: Annotated[
        bool,
        typer.Option(
            "--counts", help="Only how many states had each standing on the as-of date (and the list's coverage)."
        ),
    ] = False,
    as_of: AsOf = None,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """Every recorded state's standing under one treaty on a date, with its signature, consent and withdrawal."""
    day = today(as_of)
    dataset = load(data, extra, no_cache)
    from treatytrack.api.data import TreatyData
    from treatytrack.render.records import state_record

    treaty = find_or_fail(dataset, name, "TREATY")
    answers = TreatyData(dataset)
    names = answers.names
    standings = answers.parties(treaty.id, on=day)
    if standing is not None:
        standings = [s for s in standings if standing.matches(s.status)]
    records = [state_record(treaty, s, names, day) for s in standings]
    if treaty.participation is None:
        note(f"note: {treaty.short_name} has no list of states; these are the states its events name.")
    if day > dataset.reviewed:  # a standing that changes after the review is a projection
        then = {s.state: s.status for s in answers.parties(treaty.id, on=dataset.reviewed)}
        review_note(
            dataset.reviewed, day, [treaty.short_name for s in standings if then.get(s.state, s.status) is not s.status]
        )
    if counts:
        _emit_counts(treaty, standings, day, output)
        return
    empty = None
    if not records:
        which = f" with standing {standing.value}" if standing is not None else ""
        empty = (
            f"note: no state{which} is recorded for {treaty.short_name} on {day}; try another --standing or --as-of."
        )

    def markdown() -> str:
        from treatytrack.render.markdown import render_table

        rows = [
            [r["code"], r["name"], r["status"], r["since"], r["signed"], _consent(r), r["in_force_for_state"]]
            for r in records
        ]
        return render_table(["Code", "Name", "Standing", "Since", "Signed", "Consent", "In force for it"], rows)

    def table(width: int) -> RenderableType:
        from treatytrack.core.standing import tally
        from treatytrack.render.records import coverage_record
        from treatytrack.render.table import states_table

        summary = {
            "as_of": day.isoformat(),
            "counts": {s.value: n for s, n in tally(standings).items()},
            "coverage": coverage_record(treaty),
        }
        return states_table(records, treaty.short_name, summary, width)

    emit(output, records, PARTIES_COLUMNS, markdown, table, empty)


def _emit_counts(treaty: Treaty, standings: list[Standing], day: dt.date, output: OutputFormat) -> None:
    """`parties TREATY --counts`: a count per standing, from the table, on any date."""
    from treatytrack.core.standing import tally
    from treatytrack.render.records import coverage_line, coverage_record

    tallied = {s.value: n for s, n in sorted(tally(standings).items(), key=lambda kv: list(PartyStatus).index(kv[0]))}
    summary = {"treaty_id": treaty.id, "as_of": day.isoformat(), "coverage": coverage_record(treaty), "counts": tallied}
    if output is OutputFormat.JSON:
        from treatytrack.render.jsonout import render_json

        write(render_json(summary))
    elif output in (OutputFormat.CSV, OutputFormat.MARKDOWN):
        rows = [
            {"treaty_id": treaty.id, "as_of": day.isoformat(), "status": k, "states": n} for k, n in tallied.items()
        ]
        if output is OutputFormat.CSV:
            from treatytrack.render.csvout import render_csv

            write(render_csv(rows, ["treaty_id", "as_of", "status", "states"]))
        else:
            from treatytrack.render.markdown import render_table

            write(render_table(["Standing", "States"], [[r["status"], r["states"]] for r in rows], align="lr"))
    else:
        write(f"{treaty.short_name}: {coverage_line(summary)}\n")


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
    "consented",
    "signed_only",
    "why",
]
YEAR_COLUMNS = ["treaty_id", "treaty", "code", "name", "year", "status", "since", "bound", "consented", "signed_only"]


@command(
    "standings",
    ("every state's standings under the CTBT, a row per change, for pandas or R", "treatytrack standings ctbt"),
    (
        "Russia's standing under every treaty, year by year, as JSON",
        "treatytrack standings --party RUS --by year -f json",
    ),
)
def standings_command(
    names: Annotated[
        list[str] | None,
        typer.Argument(metavar="TREATY", help="Treaties (default: all).", autocompletion=complete_treaty),
    ] = None,
    by: Annotated[
        PanelBy,
        typer.Option(
            "--by",
            metavar="BY",
            parser=choice(PanelBy, "a panel (change or year)"),
            autocompletion=completer(p.value for p in PanelBy),
            help="change: one row per state, treaty and standing held (start, until); "
            "year: one row per state, treaty and year (the standing on 31 December).",
        ),
    ] = PanelBy.CHANGE,
    party: PartiesOpt = None,
    any_party: AnyPartyOpt = False,
    category: CategoryOpt = None,
    kind: KindOpt = None,
    start: Annotated[
        str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="Only standings held on or after this date.")
    ] = None,
    as_of: AsOf = None,
    output: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            parser=choice(OutputFormat, "an output format"),
            autocompletion=completer(f.value for f in OutputFormat),
            help="Output: " + join_or(f.value for f in OutputFormat) + " (csv and json for analysis).",
        ),
    ] = (OutputFormat.CSV),
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """Standings as long, tidy data for pandas or R: every state's standing over time, by change or by year."""
    check_any_party(any_party, party)
    day = today(as_of)
    first = day_option(start, "--from")
    if first is not None and first > day:
        raise typer.BadParameter(
            f"--from ({first}) is after the as-of date ({day}), where the standings end", param_hint="'--from'"
        )
    dataset = load(data, extra, no_cache)
    wanted = party_codes(dataset, party)
    ids = [find_or_fail(dataset, n, "TREATY").id for n in names or []]
    chosen = {"treaty": ids, "party": wanted, "category": category or (), "kind": kind or (), "any_party": any_party}
    from treatytrack.api.data import TreatyData

    answers = TreatyData(dataset)
    if by is PanelBy.YEAR and output is OutputFormat.CSV and _year_runs_csv(answers, day, first, chosen):
        return
    records = standings_records(answers, by, day, first, **chosen)
    columns = YEAR_COLUMNS if by is PanelBy.YEAR else SPELL_COLUMNS
    if day > dataset.reviewed and by is PanelBy.CHANGE:  # a standing begun after the review is a projection
        review_note(
            dataset.reviewed,
            day,
            [str(r["treaty"]) for r in records if r["start"] and str(r["start"]) > str(dataset.reviewed)],
        )
    empty = (
        None if records else "note: no standing is recorded for this selection; try fewer filters or an earlier --from."
    )

    def markdown() -> str:
        from treatytrack.render.markdown import render_table

        return render_table(columns, [[r[c] for c in columns] for r in records])

    def table(width: int) -> RenderableType:
        from treatytrack.render.table import panel_table

        return panel_table(records, columns, width)

    emit(output, records, columns, markdown, table, empty)


def standings_records(
    data: TreatyData, by: PanelBy, day: dt.date, first: dt.date | None, **chosen: Any
) -> list[Record]:
    """The rows of `standings` (and of `export datapackage`): the Python API's `standings` table
    (`chosen`: its treaty, party, category, kind and any_party), by change or by year, up to `day`."""
    from treatytrack.render.records import panel_record

    table = data.standings(on=day, by=by.value, since=first, **chosen)
    return [panel_record(row) for row in table]


def _year_runs_csv(answers: TreatyData, day: dt.date, first: dt.date | None, chosen: dict[str, Any]) -> bool:
    """`standings --by year` as CSV, written from the panel's runs of years (the same text as its
    records give, made once per run instead of once per row); False when there is no row."""
    from itertools import chain

    from treatytrack.render.csvout import year_run_chunks

    runs = answers.panel(on=day, by="year", since=first, **chosen)
    opening = next(runs, None)
    if opening is None:
        return False  # the records' way says why, and writes the header alone
    for chunk in year_run_chunks(chain([opening], runs), answers.names):
        write(chunk)
    return True
