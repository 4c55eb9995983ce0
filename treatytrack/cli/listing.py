"""`list`, `show`, `expiring`, `validate` and `schema`: the dataset as it stands on a day."""

from __future__ import annotations

import datetime as dt
import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from treatytrack.cli.completion import complete_treaty
from treatytrack.cli.data import find_or_fail, load, party_codes
from treatytrack.cli.dates import shifted, span_option, today
from treatytrack.cli.emit import emit, print_renderable, write
from treatytrack.cli.exits import EXIT_FINDING, interactive, note, review_note
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
    choice,
    completer,
    positive,
)
from treatytrack.cli.program import command
from treatytrack.core.vocab import StandingFilter
from treatytrack.render import OutputFormat, counted

WhyOpt = Annotated[bool, typer.Option("--why", help="Show how each status was derived: the rule and the events.")]

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable

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

    _emit_listing(records, output, table, "list", empty)


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
    records: Iterable[Record],
    output: OutputFormat,
    table: Callable[[int], RenderableType],
    view: str,
    empty: str | None = None,
) -> None:
    def document() -> str:
        from treatytrack.render import markdown

        rows = list(records)
        return markdown.list_markdown(rows) if view == "list" else markdown.expiring_markdown(rows)

    columns = LIST_COLUMNS if view == "list" else [c for c in LIST_COLUMNS if c != "why"] + EXPIRING_COLUMNS
    emit(output, records, columns, document, table, empty)


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
    from treatytrack.render.records import detail_record, event_record

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
        from treatytrack.render.csvout import render_csv

        rows = [{"treaty_id": treaty.id, **event_record(e)} for e in treaty.events]
        write(render_csv(rows, ["treaty_id", "date", "type", "party", "note", "source", "new_expiry", "effective"]))
    elif output is OutputFormat.MARKDOWN:
        from treatytrack.render.markdown import show_markdown

        write(show_markdown(record))
    else:
        from treatytrack.render.table import show_view

        print_renderable(lambda width: show_view(record, dataset.reviewed, width, why=why))


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
    from treatytrack.core.engine import assess
    from treatytrack.core.query import TreatyRow
    from treatytrack.render.records import deadline_record

    deadlines = deadlines_within(dataset, day, until)
    records = [deadline_record(d) for d in deadlines]
    rows = [TreatyRow(d.treaty, assess(d.treaty, day), day) for d in {d.treaty.id: d for d in deadlines}.values()]
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

    _emit_listing(records, output, table, "expiring", empty)
    if fail_on_expiring and deadlines:
        typer.echo(f"treatytrack: {counted(len(deadlines), 'deadline')} up to {until}.", err=True)
        raise typer.Exit(EXIT_FINDING)


class ValidateFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"


@command(
    "validate",
    ("check the dataset in use (the bundled one, or --data / TREATYTRACK_DATA)", "treatytrack validate"),
    ("the problems as JSON, for an editor or a script", "treatytrack validate -f json"),
)
def validate_command(
    files: Annotated[
        list[Path] | None, typer.Argument(metavar="FILE", help="Files to check (default: the dataset in use).")
    ] = None,
    output: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            parser=choice(ValidateFormat, "a format of validate"),
            autocompletion=completer(f.value for f in ValidateFormat),
            help="table (one FILE:LINE:COL: message line per problem) or json.",
        ),
    ] = ValidateFormat.TABLE,
    data: DataOpt = None,
    strict_sources: Annotated[
        bool,
        typer.Option(
            "--strict-sources",
            help="Also refuse citations that are not a publisher's http(s) page: copy sites, "
            "search or redirect URLs, staging servers, bare IP addresses.",
        ),
    ] = False,
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """Check treaty files and print every problem, one `FILE:LINE:COL: message` line each."""
    from treatytrack.core.controls import escape
    from treatytrack.store.load import LoadError, NotATreatyFile, load_dataset, source_problems
    from treatytrack.store.paths import bundled_path

    targets = files or [data if data is not None else bundled_path()]
    problems = []
    skipped = 0
    for number, target in enumerate(targets):
        try:  # problems are located as the file is read, a batch at a time; one note on a slow parser is enough
            loaded = load_dataset(target, use_cache=False, notify=note if number == 0 else None)
        except NotATreatyFile:
            # A YAML file of another kind (a CI workflow, a tool's settings), e.g. from a
            # pre-commit hook's file pattern: said, not failed.
            skipped += 1
            note(
                f"note: {escape(os.fspath(target))} is not a treaty file (no top-level `version` or `treaties`); skipped."
            )
            continue
        except LoadError as err:
            problems.extend(err.problems)
            continue
        if strict_sources:
            problems.extend(source_problems(target, loaded))
    if output is ValidateFormat.JSON:
        from treatytrack.render.jsonout import render_json

        records = [
            {"file": escape(p.file), "line": p.line, "column": p.column, "message": escape(p.message)} for p in problems
        ]
        write(render_json(records))
    elif interactive(sys.stdout):  # a person reads it: wrapped at spaces, a problem's lines indented
        import shutil

        from treatytrack.render.layout import wrap

        width = shutil.get_terminal_size().columns
        write("".join(line + "\n" for p in problems for line in wrap(str(p), width, "    ")))
    else:  # a tool reads it: one FILE:LINE:COL: message line per problem, whatever its length
        write("".join(f"{p}\n" for p in problems))
    if problems:
        files_with = len({p.file for p in problems})
        where = counted(len(targets), "file")
        if files_with != len(targets):
            where = f"{files_with} of {where}"
        typer.echo(f"treatytrack: {counted(len(problems), 'problem')} in {where}.", err=True)
        raise typer.Exit(EXIT_FINDING)
    checked = len(targets) - skipped
    aside = f" ({counted(skipped, 'other YAML file')} skipped)" if skipped else ""
    note(
        f"treatytrack: {counted(checked, 'file')} valid{aside}."
        if checked
        else f"treatytrack: no treaty file to check{aside}."
    )


@command("schema", ("the JSON Schema of treaty files, for an editor's YAML support", "treatytrack schema"))
def schema_command(quiet: QuietOpt = False, color: ColorOpt = None) -> None:
    """Print the JSON Schema of treaty files, for editors and other repositories."""
    from treatytrack.render.jsonout import render_json
    from treatytrack.store.schema import dataset_schema

    write(render_json(dataset_schema()))
