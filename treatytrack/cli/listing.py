"""`list`, `show`, `expiring`, `validate` and `schema`: the dataset as it stands on a day."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from treatytrack.cli.common import (
    EXIT_FINDING,
    AsOf,
    CategoryOpt,
    DataOpt,
    ExtraOpt,
    FormatOpt,
    KindOpt,
    NoCacheOpt,
    PartyOpt,
    StandingOpt,
    app,
    emit,
    find_or_fail,
    load,
    note,
    party_codes,
    print_renderable,
    shifted,
    span_option,
    today,
    write,
)
from treatytrack.completion import complete_treaty
from treatytrack.render import OutputFormat
from treatytrack.vocab import StandingFilter, Status

WhyOpt = Annotated[bool, typer.Option("--why", help="Show how each status was derived: the rule and the events.")]

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable

    from rich.console import RenderableType

    from treatytrack.models import Dataset
    from treatytrack.render.records import Record


@app.command("list")
def list_command(
    as_of: AsOf = None,
    status: Annotated[
        list[Status] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only this status (repeatable): " + ", ".join(s.value for s in Status) + ".",
        ),
    ] = None,
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
        int | None, typer.Option("--limit", min=1, metavar="N", help="Show at most N treaties (the oldest first).")
    ] = None,
) -> None:
    """Treaties and their status on a date, with entry into force, expiry and days left."""
    day = today(as_of)
    dataset = load(data, day, extra, no_cache)
    from treatytrack.query import treaty_rows
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
        typer.echo(f"note: showing {limit} of {len(rows)} treaties (--limit).", err=True)
        rows = rows[:limit]
    records: Iterable[Record]
    if output in (OutputFormat.JSON, OutputFormat.CSV):
        records = map(treaty_record, rows)  # made as they are written: a long listing is never held whole
    else:
        records = [treaty_record(r) for r in rows]

    def table(width: int) -> RenderableType:
        from treatytrack.render.table import list_table

        return list_table(list(records), day, dataset.reviewed, width, why=why)

    _emit_listing(records, output, table, "list")


def _note_unrecorded(dataset: Dataset, day: dt.date, parties: list[str], shown: set[str]) -> None:
    """Say which treaties a standing filter could not decide: the data does not record the state."""
    from treatytrack.query import unrecorded_standings

    missing: dict[str, list[str]] = {}
    for treaty, party in unrecorded_standings(dataset, day, parties):
        if treaty.id not in shown:
            missing.setdefault(party, []).append(treaty.short_name)
    for party, names in missing.items():
        listed = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        note(f"note: {party}'s standing is not recorded for {len(names)} treaties, left out: {listed}.")


LIST_COLUMNS = [
    "id",
    "name",
    "short_name",
    "kind",
    "instrument",
    "categories",
    "status",
    "status_since",
    "signed",
    "opened_for_signature",
    "entry_into_force",
    "expires",
    "expires_by",
    "days_left",
    "as_of",
    "why",
]


EXPIRING_COLUMNS = ["deadline", "what", "party", "why"]


def _emit_listing(
    records: Iterable[Record], output: OutputFormat, table: Callable[[int], RenderableType], view: str
) -> None:
    def document() -> str:
        from treatytrack.render import markdown

        rows = list(records)
        return markdown.list_markdown(rows) if view == "list" else markdown.expiring_markdown(rows)

    columns = LIST_COLUMNS if view == "list" else [c for c in LIST_COLUMNS if c != "why"] + EXPIRING_COLUMNS
    emit(output, records, columns, document, table)


@app.command("show")
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
) -> None:
    """One treaty in full: status, key dates, parties, limits and its sourced history."""
    day = today(as_of)
    dataset = load(data, day, extra, no_cache)
    from treatytrack.engine import assess
    from treatytrack.parties import party_names
    from treatytrack.query import TreatyRow
    from treatytrack.render.records import detail_record, event_record
    from treatytrack.standing import StateHistory

    treaty = find_or_fail(dataset, name)
    names = party_names(dataset)
    record = detail_record(TreatyRow(treaty, assess(treaty, day), day), names, StateHistory(dataset.state_history))
    if output is OutputFormat.JSON:
        from treatytrack.render.jsonout import render_json

        write(render_json(record))
    elif output is OutputFormat.CSV:
        from treatytrack.render.csvout import render_csv

        rows = [{"treaty_id": treaty.id, **event_record(e)} for e in treaty.events]
        write(render_csv(rows, ["treaty_id", "date", "type", "party", "note", "source", "new_expiry", "effective"]))
    elif output is OutputFormat.MARKDOWN:
        from treatytrack.render.markdown import show_markdown

        write(show_markdown(record))
    else:
        from treatytrack.render.table import show_view

        print_renderable(lambda width: show_view(record, dataset.reviewed, why=why))


@app.command("expiring")
def expiring_command(
    within: Annotated[
        str, typer.Option("--within", metavar="SPAN", help="Window after the as-of date: 1y, 6m, 2w, 90d.")
    ] = "1y",
    as_of: AsOf = None,
    fail_on_expiring: Annotated[
        bool, typer.Option("--fail-on-expiring", help="Exit 1 when anything falls in the window (for cron and CI).")
    ] = False,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """What expires, or whose pending withdrawal takes effect, within a window, soonest first."""
    day = today(as_of)
    until = shifted(day, span_option(within, "--within"), within, "--within")
    from treatytrack.query import deadlines_within

    dataset = load(data, until, extra, no_cache)
    from treatytrack.render.records import deadline_record

    deadlines = deadlines_within(dataset, day, until)
    records = [deadline_record(d) for d in deadlines]

    def table(width: int) -> RenderableType:
        from treatytrack.render.table import expiring_table

        return expiring_table(deadlines, day, until)

    _emit_listing(records, output, table, "expiring")
    if fail_on_expiring and deadlines:
        typer.echo(f"treatytrack: {len(deadlines)} deadline(s) up to {until}.", err=True)
        raise typer.Exit(EXIT_FINDING)


@app.command("validate")
def validate_command(
    files: Annotated[
        list[Path] | None, typer.Argument(metavar="[FILE]...", help="Files to check (default: the dataset in use).")
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table (one FILE:LINE:COL line per problem) or json.")
    ] = OutputFormat.TABLE,
    data: DataOpt = None,
    strict_sources: Annotated[
        bool,
        typer.Option(
            "--strict-sources",
            help="Also refuse citations that are not a publisher's http(s) page: copy sites, "
            "search or redirect URLs, staging servers, bare IP addresses.",
        ),
    ] = False,
) -> None:
    """Check treaty files and print every problem, one `FILE:LINE:COL: message` line each."""
    from treatytrack.load import LoadError, load_dataset, source_problems
    from treatytrack.paths import bundled_path

    targets = files or [data if data is not None else bundled_path()]
    problems = []
    for number, target in enumerate(targets):
        try:  # problems are located as the file is read, a batch at a time; one note on a slow parser is enough
            loaded = load_dataset(target, use_cache=False, notify=note if number == 0 else None)
        except LoadError as err:
            problems.extend(err.problems)
            continue
        if strict_sources:
            problems.extend(source_problems(target, loaded))
    if output is OutputFormat.JSON:
        from treatytrack.controls import escape
        from treatytrack.render.jsonout import render_json

        records = [
            {"file": escape(p.file), "line": p.line, "column": p.column, "message": escape(p.message)} for p in problems
        ]
        write(render_json(records))
    else:
        write("".join(f"{p}\n" for p in problems))
    if problems:
        typer.echo(
            f"treatytrack: {len(problems)} problem(s) in {len({p.file for p in problems})} of {len(targets)} file(s).",
            err=True,
        )
        raise typer.Exit(EXIT_FINDING)
    typer.echo(f"treatytrack: {len(targets)} file(s) valid.", err=True)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of treaty files, for editors and other repositories."""
    from treatytrack.render.jsonout import render_json
    from treatytrack.schema import dataset_schema

    write(render_json(dataset_schema()))
