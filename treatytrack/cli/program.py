"""The Typer app, its top-level callback (`--version`, -q, --color) and the layout of `--help`:
commands in sections, usage lines naming arguments as Click does, examples written as written.

Every command module registers on `app` through `command`. Heavy modules (Pydantic, PyYAML,
Rich) are imported inside the commands that use them, so that `--version`, `--help` and shell
completion stay quick.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from treatytrack import __version__
from treatytrack.cli.options import ColorOpt, QuietOpt
from treatytrack.cli.settings import ColorMode, settings

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
