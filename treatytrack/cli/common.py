"""What every command shares: the app, common options, loading data, writing output.

The only module that knows about stdout, stderr, exit codes and "today". Heavy modules
(Pydantic, PyYAML, Rich) are imported inside the commands that use them, so that `--version`,
`--help` and shell completion stay quick.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from treatytrack import __version__
from treatytrack.cli.completion import complete_party
from treatytrack.core.vocab import Category, EventType, Kind, StandingFilter, Status
from treatytrack.render import OutputFormat

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta
    from rich.console import RenderableType

    from treatytrack.cli.output import Target
    from treatytrack.core.models import Dataset, Treaty

EXIT_FINDING = 1
EXIT_USAGE = 2
EXIT_SOFTWARE = 70  # sysexits.h EX_SOFTWARE: an internal error, a bug to report
EXIT_IOERR = 74  # sysexits.h EX_IOERR: reading or writing failed (a full disk, a vanished file)


class ColorMode(enum.StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class Settings:
    """What the global options of one run asked for (reset at the start of every run)."""

    quiet = False
    color: ColorMode = ColorMode.AUTO


settings = Settings()

# The sections of `treatytrack --help`, in order; a command not named here goes in the first.
SECTIONS = (
    ("Ask about treaties", ("list", "show", "expiring", "timeline", "diff", "party", "parties", "limits")),
    ("Write reports", ("export", "standings")),
    ("Check data files", ("validate", "schema")),
)


class Group(TyperGroup):
    """The top level: every run starts from default settings; `--help` lists the commands in
    sections, each with its whole one-line summary."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        if parent is None:
            settings.quiet, settings.color = False, ColorMode.AUTO
        return super().make_context(info_name, args, parent, **extra)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        commands = {name: self.get_command(ctx, name) for name in self.list_commands(ctx)}
        placed = {name for _, names in SECTIONS for name in names}
        widest = max(map(len, commands), default=0)  # one column width for every section
        for number, (title, names) in enumerate(SECTIONS):
            wanted = [*names, *(n for n in commands if n not in placed)] if number == 0 else list(names)
            rows = [
                (name.ljust(widest), _summary(command))
                for name in wanted
                if (command := commands.get(name)) is not None and not command.hidden
            ]
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        _write_examples(self.epilog, formatter)


def _summary(command: Any) -> str:
    """The first line of a command's help, whole (Click would cut it to fit)."""
    return (command.short_help or (command.help or "").strip().split("\n\n")[0]).replace("\n", " ")


class Command(TyperCommand):
    """A command whose usage line and argument list name arguments as Click does (`NAME`,
    `[NAME]`, `[NAME]...`), and whose epilog lists examples as written."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument_name(param, usage=True))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                arguments.append((_argument_name(param), getattr(param, "help", None) or ""))
            elif (record := param.get_help_record(ctx)) is not None:
                options.append(record)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        _write_examples(self.epilog, formatter)


def _argument_name(param: Any, *, usage: bool = False) -> str:
    name = str(param.metavar or param.name.upper())
    if usage and not param.required:
        name = f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")


def _write_examples(epilog: str | None, formatter: Any) -> None:
    """An epilog's lines as they are written (Click would re-flow them into a paragraph)."""
    if not epilog:
        return
    formatter.write_paragraph()
    for line in epilog.strip("\n").splitlines():
        formatter.write(f"{' ' * formatter.current_indent}{line}\n" if line.strip() else "\n")


def examples(*pairs: tuple[str, str]) -> str:
    """An Examples epilog: each command under a comment saying what it answers."""
    lines = ["Examples:"]
    for comment, command in pairs:
        lines += [f"  # {comment}", f"  {command}"]
    return "\n".join(lines)


app = typer.Typer(
    name="treatytrack",
    help="Which arms-control agreements hold on any date: status, expiries, withdrawals, timelines.\n\n"
    "Every command that depends on the date takes --as-of (default: today). -q/--quiet and --color "
    "may also follow the command.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=Group,
    epilog=examples(
        ("what held on a date", "treatytrack list --as-of 2015-06-01"),
        ("one treaty in full, with its sources", "treatytrack show 'New START'"),
        ("deadlines in the next two years", "treatytrack expiring --within 2y"),
        ("a calendar of deadlines from 2026 on", "treatytrack export ics --from 2026-01-01 -o deadlines.ics"),
    )
    + "\n\nEnvironment:\n"
    "  TREATYTRACK_DATA       a dataset to use instead of the bundled one (--data)\n"
    f"  TREATYTRACK_EXTRA      files to load on top, '{os.pathsep}' between them (--extra)\n"
    "  TREATYTRACK_CACHE_DIR  the cache's folder (TREATYTRACK_NO_CACHE=1: none)\n"
    "  NO_COLOR               no colour, unless --color always\n"
    "  FORCE_COLOR            colour off a terminal too, unless --color never",
    pretty_exceptions_enable=False,  # an internal error is reported in one line (`crash_status`)
)


def command(name: str, *pairs: tuple[str, str]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command, with its examples."""
    return app.command(name, cls=Command, epilog=examples(*pairs))


_Choice = TypeVar("_Choice", bound=enum.Enum)


def _normal(value: str) -> str:
    return re.sub(r"[\s_]+", "-", value.strip().casefold())


def _did_you_mean(value: str, allowed: Sequence[str], noun: str) -> NoReturn:
    import difflib

    close = difflib.get_close_matches(_normal(value), allowed, n=1, cutoff=0.5)
    squashed = [a for a in allowed if a.replace("-", "") == _normal(value).replace("-", "")]
    hint = f"did you mean {(squashed or close)[0]}?" if squashed or close else "one of: " + ", ".join(allowed)
    raise typer.BadParameter(f"{value!r} is not {noun}; {hint}")


def choice(values: type[_Choice], noun: str) -> Callable[[str], _Choice]:
    """A parser for an option whose value is one of an enum's: any case, `_` or a space for `-`;
    anything else is a usage error naming the closest value."""

    def parse(value: Any) -> _Choice:
        if isinstance(value, values):
            return value
        wanted = _normal(str(value))
        for member in values:
            if member.value == wanted:
                return member
        _did_you_mean(str(value), [str(m.value) for m in values], noun)

    return parse


def completer(allowed: Iterable[str]) -> Callable[[str], list[str]]:
    values = list(allowed)
    return lambda incomplete: [v for v in values if v.startswith(incomplete.casefold())]


def join_or(values: Iterable[str]) -> str:
    items = list(values)
    return ", ".join(items[:-1]) + f" or {items[-1]}" if len(items) > 1 else "".join(items)


EVENT_TYPES = (*(e.value for e in EventType), "opened-for-signature")


def parse_event_type(value: str) -> str:
    wanted = _normal(value)
    if wanted in EVENT_TYPES:
        return wanted
    _did_you_mean(value, EVENT_TYPES, "an event type")


_N = TypeVar("_N", int, float)


def between(low: int, high: int, kind: Callable[[Any], _N] = int) -> Callable[[Any], _N]:
    """A parser for a number (whole, or `kind=float`) from `low` to `high`."""

    def parse(value: Any) -> _N:
        try:
            number = kind(value)
        except (TypeError, ValueError):
            what = "a whole number" if kind is int else "a number"
            raise typer.BadParameter(f"{value!r} is not {what}") from None
        if not low <= number <= high:
            raise typer.BadParameter(f"{number} is not between {low} and {high}")
        return number

    return parse


def positive(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise typer.BadParameter(f"{value!r} is not a whole number") from None
    if number < 1:
        raise typer.BadParameter(f"{number} is less than 1; give 1 or more")
    return number


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
        parser=choice(StandingFilter, "a standing"),
        autocompletion=completer(s.value for s in StandingFilter),
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
        parser=choice(Category, "a category"),
        autocompletion=completer(c.value for c in Category),
        help="Only this category (repeatable): " + join_or(c.value for c in Category) + ".",
    ),
]
KindOpt = Annotated[
    list[Kind] | None,
    typer.Option(
        "--kind",
        metavar="KIND",
        parser=choice(Kind, "a kind"),
        autocompletion=completer(k.value for k in Kind),
        help="Only this kind (repeatable): " + join_or(k.value for k in Kind) + ".",
    ),
]
StatusOpt = Annotated[
    list[Status] | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        parser=choice(Status, "a status"),
        autocompletion=completer(s.value for s in Status),
        help="Only this status (repeatable): " + join_or(s.value for s in Status) + ".",
    ),
]
TypeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        metavar="TYPE",
        parser=parse_event_type,
        autocompletion=completer(EVENT_TYPES),
        help="Only this event type (repeatable): " + join_or(sorted(EVENT_TYPES)) + ".",
    ),
]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        parser=choice(OutputFormat, "an output format"),
        autocompletion=completer(f.value for f in OutputFormat),
        help="Output: " + join_or(f.value for f in OutputFormat) + ".",
    ),
]


def _set_quiet(value: bool) -> None:
    if value:
        settings.quiet = True


def _set_color(value: ColorMode | None) -> None:
    if value is not None:
        settings.color = value


QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", callback=_set_quiet, expose_value=False, help="Say nothing but errors on stderr (no notes)."
    ),
]
ColorOpt = Annotated[
    ColorMode | None,
    typer.Option(
        "--color",
        metavar="WHEN",
        parser=choice(ColorMode, "a colour setting"),
        autocompletion=completer(c.value for c in ColorMode),
        callback=_set_color,
        expose_value=False,
        show_default=False,
        help="Colour: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always or never. "
        "[default: auto]",
    ),
]


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
    from treatytrack.core.query import parse_window

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


def interactive(stream: Any) -> bool:
    """Whether `stream` is a terminal a person reads (TTY_COMPATIBLE=1 or 0 says so outright, as
    Rich reads it); FORCE_COLOR forces colour, not this."""
    declared = os.environ.get("TTY_COMPATIBLE", "")
    if declared in ("0", "1"):
        return declared == "1"
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _say(message: str) -> None:
    """A message on stderr: on a terminal, wrapped at spaces to its width (the terminal would cut words)."""
    if interactive(sys.stderr):
        import shutil
        import textwrap

        width = shutil.get_terminal_size().columns
        message = "\n".join(
            textwrap.fill(line, width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)
            for line in message.splitlines()
        )
    typer.echo(message, err=True)


def fail(message: str, code: int = EXIT_FINDING) -> NoReturn:
    _say(message)
    raise typer.Exit(code)


def note(message: str) -> None:
    """Something worth knowing that is not an error; -q/--quiet leaves it out."""
    if not settings.quiet:
        _say(message)


def review_note(reviewed: dt.date, day: dt.date, projected: Sequence[str]) -> None:
    """Say, once, that statuses shown are projections: `projected` names the treaties whose
    status (or a party's standing) in the output follows from their rules after the review date."""
    if not projected:
        return
    names = list(dict.fromkeys(projected))
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    subject = f"the status of {shown} on {day} is" if len(names) == 1 else f"the statuses of {shown} on {day} are"
    note(
        f"note: the data was reviewed on {reviewed}; {subject} projected from the treaties' rules "
        "(expiry dates, notice periods), not observed."
    )


def crash_status(error: Exception) -> int:
    """Report an exception no command handled, in one line on stderr; the exit status to use.

    An operating-system error (a full disk, an output that vanished) is not a bug: it is said
    plainly and exits 74. Anything else is a bug: it exits 70, never 1, so that a script can
    tell it from a finding. TREATYTRACK_DEBUG=1 prints the traceback too.
    """
    from treatytrack.core.controls import escape

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
    from treatytrack.store.paths import bundled_path

    return [data if data is not None else bundled_path(), *extra_paths(extra)]


def output_target(destination: Path, force: bool, inputs: Sequence[Path]) -> Target:
    """Where `--output` writes (see treatytrack.cli.output), or a usage error saying why not there."""
    from treatytrack.cli.output import OutputRefused, plan

    try:
        return plan(os.fspath(destination), force=force, inputs=inputs)
    except OutputRefused as refused:
        from treatytrack.core.controls import escape

        fail(f"treatytrack: {escape(str(refused))}", EXIT_USAGE)


def write_output(destination: Path, force: bool, inputs: Sequence[Path], data: bytes) -> None:
    """Write `data` to `--output` (checked again, just before), or exit 2 (refused) or 74 (failed)."""
    from treatytrack.cli.output import OutputFailed, OutputRefused, write
    from treatytrack.core.controls import escape

    target = output_target(destination, force, inputs)
    try:
        write(target, data)
    except OutputFailed as failed:
        fail(f"treatytrack: {escape(str(failed))}", EXIT_IOERR)
    except OutputRefused as refused:
        fail(f"treatytrack: {escape(str(refused))}", EXIT_USAGE)
    if target.how != "stdout":
        note(f"treatytrack: wrote {escape(os.fspath(destination))}")


def load(data: Path | None, extra: list[Path] | None = None, no_cache: bool = False) -> Dataset:
    from treatytrack.store.load import LoadError, load_dataset
    from treatytrack.store.paths import bundled_path

    path = data if data is not None else bundled_path()
    try:
        dataset = load_dataset(path, use_cache=not no_cache, notify=note)
        extras = extra_paths(extra)
        if extras:
            from treatytrack.store.overlay import apply_extras

            dataset = apply_extras(dataset, os.fspath(path), extras)
    except LoadError as err:
        for problem in err.problems:
            typer.echo(str(problem), err=True)
        count = len(err.problems)
        fail(f"treatytrack: the data did not load ({count} problem{'s' if count != 1 else ''}).")
    return dataset


def console() -> Any:
    """A Rich console for stdout, coloured as --color asks: `auto` leaves it to Rich (a terminal,
    NO_COLOR, FORCE_COLOR, TERM=dumb), `always` and `never` override all of those."""
    from rich.console import Console

    # Data is printed as written: no :name: emoji codes, no highlighting of numbers or URLs.
    if settings.color is ColorMode.NEVER:
        return Console(highlight=False, emoji=False, markup=False, color_system=None)
    if settings.color is ColorMode.ALWAYS:
        forced = Console(highlight=False, emoji=False, markup=False, force_terminal=True, no_color=False)
        if forced.color_system is None:  # TERM=dumb: still the 8 standard colours
            forced = Console(
                highlight=False, emoji=False, markup=False, force_terminal=True, no_color=False, color_system="standard"
            )
        return forced
    return Console(highlight=False, emoji=False, markup=False)


def print_renderable(build: Callable[[int], RenderableType]) -> None:
    """Print what `build(width)` makes for this terminal's width (80 when not a terminal).

    Line by line as Rich lays it out, a few hundred lines at a time: `Console.print` would lay
    out a whole table before writing its first row (seconds, for thousands of rows). Lines are
    not cut at the width (a source's URL is printed whole), and lose their trailing spaces.
    Hyperlinks are kept only on a terminal: a file or a pipe gets the text.
    """
    from rich.segment import Segment, Segments

    out = console()
    links = out.color_system is not None and interactive(sys.stdout)
    segments = out.render(build(out.width), out.options)
    batch: list[Segment] = []
    newline = Segment.line()
    for number, line in enumerate(Segment.split_lines(segments), 1):
        while line and not line[-1].control and not line[-1].text.rstrip(" "):
            line.pop()
        if line and not line[-1].control:
            last = line[-1]
            line[-1] = Segment(last.text.rstrip(" "), last.style)
        if not links:
            line[:] = [
                Segment(s.text, s.style.update_link(None), s.control) if s.style and s.style.link else s for s in line
            ]
        batch += line
        batch.append(newline)
        if number % 200 == 0:
            out.print(Segments(batch), end="", crop=False)
            batch = []
    out.print(Segments(batch), end="", crop=False)


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
    from treatytrack.store.paths import InputRefused, bundled_path, open_input

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
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """Which arms-control agreements hold on any date: status, expiries, withdrawals, timelines."""


def emit(
    output: OutputFormat,
    records: Iterable[Mapping[str, object]],
    csv_columns: Sequence[str],
    markdown: Callable[[], str],
    table: Callable[[int], RenderableType],
    empty: str | None = None,
) -> None:
    """Write `records` in the chosen format: JSON and CSV from the records themselves, Markdown
    and the terminal table from the view's own renderers.

    `empty` is said (a note on stderr) when the listing is empty: why, and what to try. JSON,
    CSV and Markdown still write their empty document; the terminal gets no empty table.
    """
    if empty is not None:
        note(empty)
        if output is OutputFormat.TABLE:
            return
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
    from treatytrack.core.parties import PartyNotFound, resolve_party

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
    from treatytrack.core.query import TreatyNotFound, find_treaty

    try:
        return find_treaty(dataset, name)
    except TreatyNotFound as miss:
        hint = f" Did you mean: {', '.join(miss.suggestions)}?" if miss.suggestions else ""
        fail(f"treatytrack: no treaty named {name!r}.{hint} (`treatytrack list` shows them all)")
