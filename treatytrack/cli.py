"""The command line: parse options, call the core, hand results to a renderer.

The only module that knows about stdout, stderr, exit codes and "today". Heavy modules
(Pydantic, PyYAML, Rich) are imported inside the commands that use them, so that `--version`,
`--help` and shell completion stay quick.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from treatytrack import __version__
from treatytrack.render import OutputFormat
from treatytrack.vocab import Category, Kind, Status

if TYPE_CHECKING:
    from rich.console import RenderableType

    from treatytrack.models import Dataset

app = typer.Typer(
    name="treatytrack",
    help="Which arms-control agreements hold on any date: status, expiries, withdrawals, timelines.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_FINDING = 1

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    if not _DAY.fullmatch(value.strip()):
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2026-11-28")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value} is not a calendar date") from None


AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD", help="Answer for this date instead of today (local calendar date)."),
]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data", envvar="TREATYTRACK_DATA", metavar="PATH", help="Use this YAML file instead of the bundled dataset."
    ),
]
ExtraOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--extra",
        metavar="PATH",
        help="Also load this file on top (repeatable): new treaties, or events added to loaded ones. "
        f"Env: TREATYTRACK_EXTRA, paths separated by '{os.pathsep}'.",
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option("--no-cache", envvar="TREATYTRACK_NO_CACHE", help="Parse and check the data file afresh; skip the cache."),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def _today(as_of: str | None) -> dt.date:
    try:
        day = parse_day(as_of)
    except typer.BadParameter as err:
        err.param_hint = "'--as-of'"
        raise
    return day if day is not None else dt.date.today()


def _fail(message: str, code: int = EXIT_FINDING) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _extra_paths(extra: list[Path] | None) -> list[Path]:
    if extra:
        return list(extra)
    from_env = os.environ.get("TREATYTRACK_EXTRA", "")
    return [Path(p) for p in from_env.split(os.pathsep) if p]


def _load(
    data: Path | None, day: dt.date | None = None, extra: list[Path] | None = None, no_cache: bool = False
) -> Dataset:
    from treatytrack.load import LoadError, load_dataset
    from treatytrack.paths import bundled_path

    path = data if data is not None else bundled_path()
    try:
        dataset = load_dataset(path, use_cache=not no_cache)
        extras = _extra_paths(extra)
        if extras:
            from treatytrack.overlay import apply_extras

            dataset = apply_extras(dataset, os.fspath(path), extras)
    except LoadError as err:
        for problem in err.problems:
            typer.echo(str(problem), err=True)
        count = len(err.problems)
        _fail(f"treatytrack: the data did not load ({count} problem{'s' if count != 1 else ''}).")
    if day is not None and day > dataset.reviewed:
        typer.echo(
            f"note: {day} is after the dataset's review date ({dataset.reviewed}); statuses after "
            "that date are projected from the treaties' own rules (expiry dates, notice periods), not observed.",
            err=True,
        )
    return dataset


def _print(build: Callable[[int], RenderableType]) -> None:
    """Print what `build(width)` makes for this terminal's width (80 when not a terminal)."""
    from rich.console import Console

    console = Console(highlight=False)
    console.print(build(console.width))


def _write(text: str) -> None:
    sys.stdout.write(text)


def _version(value: bool) -> None:
    if not value:
        return
    from treatytrack.paths import bundled_path

    path = Path(os.environ["TREATYTRACK_DATA"]) if os.environ.get("TREATYTRACK_DATA") else bundled_path()
    reviewed = "unknown"
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(4096)
        found = re.search(r"^reviewed:\s*[\"']?(\d{4}-\d{2}-\d{2})", head, re.MULTILINE)
        if found:
            reviewed = found.group(1)
    except OSError:
        pass
    typer.echo(f"treatytrack {__version__} (dataset reviewed {reviewed})")
    raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and the dataset's review date."
        ),
    ] = False,
) -> None:
    """Which arms-control agreements hold on any date: status, expiries, withdrawals, timelines."""


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
    category: Annotated[
        list[Category] | None,
        typer.Option(
            "--category",
            metavar="CATEGORY",
            help="Only this category (repeatable): " + ", ".join(c.value for c in Category) + ".",
        ),
    ] = None,
    party: Annotated[
        list[str] | None,
        typer.Option("--party", metavar="CODE", help="Only treaties that list this party, e.g. RUS (repeatable)."),
    ] = None,
    kind: Annotated[
        list[Kind] | None,
        typer.Option("--kind", metavar="KIND", help="Only this kind (repeatable): bilateral, multilateral, regional."),
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Treaties and their status on a date, with entry into force, expiry and days left."""
    day = _today(as_of)
    dataset = _load(data, day, extra, no_cache)
    from treatytrack.query import treaty_rows
    from treatytrack.render.records import treaty_record

    rows = treaty_rows(
        dataset, day, statuses=status or (), categories=category or (), parties=party or (), kinds=kind or ()
    )
    records = [treaty_record(r) for r in rows]

    def table(width: int) -> RenderableType:
        from treatytrack.render.table import list_table

        return list_table(records, day, dataset.reviewed, width)

    _emit_listing(records, output, table, "list")


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
]


def _emit_listing(
    records: list[dict[str, object]], output: OutputFormat, table: Callable[[int], RenderableType], view: str
) -> None:
    from treatytrack.render import markdown

    if output is OutputFormat.JSON:
        from treatytrack.render.jsonout import render_json

        _write(render_json(records))
    elif output is OutputFormat.CSV:
        from treatytrack.render.csvout import render_csv

        columns = LIST_COLUMNS if view == "list" else [*LIST_COLUMNS, "deadline", "what", "party", "why"]
        _write(render_csv(records, columns))
    elif output is OutputFormat.MARKDOWN:
        _write(markdown.list_markdown(records) if view == "list" else markdown.expiring_markdown(records))
    else:
        _print(table)


@app.command("show")
def show_command(
    name: Annotated[str, typer.Argument(help="Treaty id, short name or alias (any case), e.g. 'New START'.")],
    as_of: AsOf = None,
    output: FormatOpt = OutputFormat.TABLE,
    data: DataOpt = None,
    extra: ExtraOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """One treaty in full: status, key dates, parties, limits and its sourced history."""
    day = _today(as_of)
    dataset = _load(data, day, extra, no_cache)
    from treatytrack.checks import iso_codes
    from treatytrack.engine import assess
    from treatytrack.query import TreatyNotFound, TreatyRow, find_treaty
    from treatytrack.render.records import detail_record, event_record

    try:
        treaty = find_treaty(dataset, name)
    except TreatyNotFound as miss:
        hint = f" Did you mean: {', '.join(miss.suggestions)}?" if miss.suggestions else ""
        _fail(f"treatytrack: no treaty named {name!r}.{hint} (`treatytrack list` shows them all)")
    names = dict(iso_codes()) | {org.code: org.name for org in dataset.non_state_parties}
    record = detail_record(TreatyRow(treaty, assess(treaty, day), day), names)
    if output is OutputFormat.JSON:
        from treatytrack.render.jsonout import render_json

        _write(render_json(record))
    elif output is OutputFormat.CSV:
        from treatytrack.render.csvout import render_csv

        rows = [{"treaty_id": treaty.id, **event_record(e)} for e in treaty.events]
        _write(render_csv(rows, ["treaty_id", "date", "type", "party", "note", "source", "new_expiry", "effective"]))
    elif output is OutputFormat.MARKDOWN:
        from treatytrack.render.markdown import show_markdown

        _write(show_markdown(record))
    else:
        from treatytrack.render.table import show_view

        _print(lambda width: show_view(record, dataset.reviewed))


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
    day = _today(as_of)
    from treatytrack.query import deadlines_within, parse_window

    try:
        until = day + parse_window(within)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="'--within'") from None
    dataset = _load(data, until, extra, no_cache)
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


def main() -> None:
    app()


@app.command("validate")
def validate_command(
    files: Annotated[
        list[Path] | None, typer.Argument(metavar="[FILE]...", help="Files to check (default: the dataset in use).")
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table (one FILE:LINE:COL line per problem) or json.")
    ] = OutputFormat.TABLE,
    data: DataOpt = None,
) -> None:
    """Check treaty files and print every problem, one `FILE:LINE:COL: message` line each."""
    from treatytrack.load import LoadError, load_dataset
    from treatytrack.paths import bundled_path

    targets = files or [data if data is not None else bundled_path()]
    problems = []
    for target in targets:
        try:
            load_dataset(target, use_cache=False)
        except LoadError as err:
            problems.extend(err.problems)
    if output is OutputFormat.JSON:
        from treatytrack.render.jsonout import render_json

        _write(
            render_json([{"file": p.file, "line": p.line, "column": p.column, "message": p.message} for p in problems])
        )
    else:
        _write("".join(f"{p}\n" for p in problems))
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

    _write(render_json(dataset_schema()))
