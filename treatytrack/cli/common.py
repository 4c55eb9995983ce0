"""What every command shares: the app, common options, loading data, writing output.

The only module that knows about stdout, stderr, exit codes and "today". Heavy modules
(Pydantic, PyYAML, Rich) are imported inside the commands that use them, so that `--version`,
`--help` and shell completion stay quick.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from treatytrack import __version__
from treatytrack.completion import complete_party
from treatytrack.render import OutputFormat
from treatytrack.vocab import Category, Kind, StandingFilter

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta
    from rich.console import RenderableType

    from treatytrack.models import Dataset, Treaty
    from treatytrack.output import Target

app = typer.Typer(
    name="treatytrack",
    help="Which arms-control agreements hold on any date: status, expiries, withdrawals, timelines.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,  # an internal error is reported in one line (`crash_status`)
)

EXIT_FINDING = 1
EXIT_USAGE = 2
EXIT_SOFTWARE = 70  # sysexits.h EX_SOFTWARE: an internal error, a bug to report
EXIT_IOERR = 74  # sysexits.h EX_IOERR: reading or writing failed (a full disk, a vanished file)

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: `\\d` would take any script's
DATE_RANGE = f"dates run from {dt.date.min} to {dt.date.max}"


def parse_day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    if not _DAY.fullmatch(value.strip()):
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2026-11-28 ({DATE_RANGE})")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value.strip()} is not a calendar date ({DATE_RANGE})") from None


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
    typer.Option(
        "--no-cache", envvar="TREATYTRACK_NO_CACHE", help="Parse and check the data file afresh; skip the cache."
    ),
]
PartyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--party",
        metavar="CODE",
        autocompletion=complete_party,
        help="A state or organisation, by code or name: RUS, Russia (repeatable: all of them).",
    ),
]
StandingOpt = Annotated[
    StandingFilter,
    typer.Option(
        "--standing",
        metavar="STANDING",
        help="With --party: the standing each party must have on the as-of date: bound (a party, default), "
        "signed (signatory, ratified but not yet bound, deratified), any (either), or one standing exactly: "
        + ", ".join(s.value for s in StandingFilter if s.value not in ("bound", "signed", "any"))
        + ".",
    ),
]
CategoryOpt = Annotated[
    list[Category] | None,
    typer.Option(
        "--category",
        metavar="CATEGORY",
        help="Only this category (repeatable): " + ", ".join(c.value for c in Category) + ".",
    ),
]
KindOpt = Annotated[
    list[Kind] | None,
    typer.Option("--kind", metavar="KIND", help="Only this kind (repeatable): bilateral, multilateral, regional."),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def day_option(value: str | None, name: str) -> dt.date | None:
    """A date option or argument, with a usage error naming it when it is not a date."""
    try:
        return parse_day(value)
    except typer.BadParameter as err:
        err.param_hint = f"'{name}'"
        raise


def today(as_of: str | None) -> dt.date:
    day = day_option(as_of, "--as-of")
    return day if day is not None else dt.date.today()


def span_option(value: str, name: str) -> relativedelta:
    """A span option (`--within`, `--since`, `--alarm`), with a usage error naming it."""
    from treatytrack.query import parse_window

    try:
        return parse_window(value)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint=f"'{name}'") from None


def shifted(day: dt.date, span: relativedelta, value: str, name: str, *, back: bool = False) -> dt.date:
    """`day` plus (or, `back`, minus) a span option's span, or a usage error if that leaves the calendar."""
    try:
        return day - span if back else day + span
    except (ValueError, OverflowError):
        where = f"{value.strip()} {'before' if back else 'after'} {day}"
        edge = dt.date.min if back else dt.date.max
        raise typer.BadParameter(
            f"{where} is {'before' if back else 'past'} {edge}, the {'first' if back else 'last'} day treatytrack "
            f"can count {'from' if back else 'to'}; give a shorter span or another --as-of",
            param_hint=f"'{name}'",
        ) from None


def fail(message: str, code: int = EXIT_FINDING) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def note(message: str) -> None:
    typer.echo(message, err=True)


def crash_status(error: Exception) -> int:
    """Report an exception no command handled, in one line on stderr; the exit status to use.

    An operating-system error (a full disk, an output that vanished) is not a bug: it is said
    plainly and exits 74. Anything else is a bug: it exits 70, never 1, so that a script can
    tell it from a finding. TREATYTRACK_DEBUG=1 prints the traceback too.
    """
    from treatytrack.controls import escape

    if os.environ.get("TREATYTRACK_DEBUG"):
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    if isinstance(error, OSError):
        where = f": {os.fsdecode(error.filename)}" if error.filename is not None else ""
        message, status = f"treatytrack: I/O error: {error.strerror or error}{where}", EXIT_IOERR
    else:
        detail = str(error)
        detail = f"{detail[:200]}..." if len(detail) > 200 else detail
        message = (
            f"treatytrack: internal error ({type(error).__name__}{': ' + detail if detail else ''}). "
            "This is a bug: please report it with the command you ran (TREATYTRACK_DEBUG=1 shows the traceback)."
        )
        status = EXIT_SOFTWARE
    with contextlib.suppress(OSError):
        print(escape(message), file=sys.stderr, flush=True)
    return status


def extra_paths(extra: list[Path] | None) -> list[Path]:
    if extra:
        return list(extra)
    from_env = os.environ.get("TREATYTRACK_EXTRA", "")
    return [Path(p) for p in from_env.split(os.pathsep) if p]


def input_files(data: Path | None, extra: list[Path] | None) -> list[Path]:
    """Every file a command reads its data from: --data (or the bundled dataset) and --extra."""
    from treatytrack.paths import bundled_path

    return [data if data is not None else bundled_path(), *extra_paths(extra)]


def output_target(destination: Path, force: bool, inputs: Sequence[Path]) -> Target:
    """Where `--output` writes (see treatytrack.output), or a usage error saying why not there."""
    from treatytrack.output import OutputRefused, plan

    try:
        return plan(os.fspath(destination), force=force, inputs=inputs)
    except OutputRefused as refused:
        from treatytrack.controls import escape

        fail(f"treatytrack: {escape(str(refused))}", EXIT_USAGE)


def write_output(destination: Path, force: bool, inputs: Sequence[Path], data: bytes) -> None:
    """Write `data` to `--output` (checked again, just before), or exit 2 (refused) or 74 (failed)."""
    from treatytrack.controls import escape
    from treatytrack.output import OutputFailed, OutputRefused, write

    target = output_target(destination, force, inputs)
    try:
        write(target, data)
    except OutputFailed as failed:
        fail(f"treatytrack: {escape(str(failed))}", EXIT_IOERR)
    except OutputRefused as refused:
        fail(f"treatytrack: {escape(str(refused))}", EXIT_USAGE)
    if target.how != "stdout":
        note(f"treatytrack: wrote {escape(os.fspath(destination))}")


def load(
    data: Path | None, day: dt.date | None = None, extra: list[Path] | None = None, no_cache: bool = False
) -> Dataset:
    from treatytrack.load import LoadError, load_dataset
    from treatytrack.paths import bundled_path

    path = data if data is not None else bundled_path()
    try:
        dataset = load_dataset(path, use_cache=not no_cache, notify=note)
        extras = extra_paths(extra)
        if extras:
            from treatytrack.overlay import apply_extras

            dataset = apply_extras(dataset, os.fspath(path), extras)
    except LoadError as err:
        for problem in err.problems:
            typer.echo(str(problem), err=True)
        count = len(err.problems)
        fail(f"treatytrack: the data did not load ({count} problem{'s' if count != 1 else ''}).")
    if day is not None and day > dataset.reviewed:
        typer.echo(
            f"note: {day} is after the dataset's review date ({dataset.reviewed}); statuses after "
            "that date are projected from the treaties' own rules (expiry dates, notice periods), not observed.",
            err=True,
        )
    return dataset


def print_renderable(build: Callable[[int], RenderableType]) -> None:
    """Print what `build(width)` makes for this terminal's width (80 when not a terminal).

    Line by line as Rich lays it out, a few hundred lines at a time: `Console.print` would lay
    out a whole table before writing its first row (seconds, for thousands of rows).
    """
    from rich.console import Console
    from rich.segment import Segment, Segments

    # Data is printed as written: no [markup] (a `[/]` would crash, a `[link=...]` hide a link), no :emoji: codes.
    console = Console(highlight=False, emoji=False, markup=False)
    segments = console.render(build(console.width), console.options)
    batch: list[Segment] = []
    for number, line in enumerate(Segment.split_and_crop_lines(segments, console.width, pad=False), 1):
        batch += line
        if number % 200 == 0:
            console.print(Segments(batch), end="")
            batch = []
    console.print(Segments(batch), end="")


def write(text: str) -> None:
    sys.stdout.write(text)


def write_bytes(chunks: Iterable[bytes]) -> None:
    """UTF-8 output straight to the byte stream, as it is made: a large listing is neither
    held whole nor copied into a str."""
    buffer = getattr(sys.stdout, "buffer", None)
    sys.stdout.flush()
    for chunk in chunks:
        if buffer is None:
            sys.stdout.write(chunk.decode())
        else:
            buffer.write(chunk)


def _version(value: bool) -> None:
    if not value:
        return
    from treatytrack.paths import InputRefused, bundled_path, open_input

    path = Path(os.environ["TREATYTRACK_DATA"]) if os.environ.get("TREATYTRACK_DATA") else bundled_path()
    reviewed = "unknown"
    try:
        with open_input(path) as handle:
            head = handle.read(4096).decode("utf-8", errors="replace")
        found = re.search(r"^reviewed:[ \t]*[\"']?([0-9]{4}-[0-9]{2}-[0-9]{2})", head, re.MULTILINE)
        if found:
            reviewed = found.group(1)
    except (OSError, InputRefused):
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


def emit(
    output: OutputFormat,
    records: Iterable[Mapping[str, object]],
    csv_columns: Sequence[str],
    markdown: Callable[[], str],
    table: Callable[[int], RenderableType],
) -> None:
    """Write `records` in the chosen format: JSON and CSV from the records themselves, Markdown
    and the terminal table from the view's own renderers."""
    if output is OutputFormat.JSON:
        from treatytrack.render.jsonout import json_array_chunks

        write_bytes(json_array_chunks(records))
    elif output is OutputFormat.CSV:
        from treatytrack.render.csvout import csv_chunks

        for chunk in csv_chunks(records, csv_columns):
            write(chunk)
    elif output is OutputFormat.MARKDOWN:
        write(markdown())
    else:
        print_renderable(table)


def party_codes(dataset: Dataset, queries: Iterable[str] | None, option: str = "--party") -> list[str]:
    """Each state or organisation named (a code or a name: `RUS`, `Russia`, `russian federation`),
    as its code; an unknown one is a usage error with the closest names."""
    from treatytrack.parties import PartyNotFound, resolve_party

    codes = []
    for query in queries or ():
        try:
            codes.append(resolve_party(dataset, query))
        except PartyNotFound as miss:
            hint = f"; did you mean {', '.join(miss.suggestions)}?" if miss.suggestions else ""
            raise typer.BadParameter(
                f"no state or organisation called {query!r}{hint} (codes are ISO 3166-1 alpha-3, e.g. RUS)",
                param_hint=f"'{option}'",
            ) from None
    return list(dict.fromkeys(codes))


def find_or_fail(dataset: Dataset, name: str) -> Treaty:
    """The treaty called `name`, or exit 1 with the closest names."""
    from treatytrack.query import TreatyNotFound, find_treaty

    try:
        return find_treaty(dataset, name)
    except TreatyNotFound as miss:
        hint = f" Did you mean: {', '.join(miss.suggestions)}?" if miss.suggestions else ""
        fail(f"treatytrack: no treaty named {name!r}.{hint} (`treatytrack list` shows them all)")
