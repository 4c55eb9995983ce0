"""The command line: parse options, call the core, hand results to a renderer.

Typer builds the parameters of every registered command before it runs any of them, so `main()`
imports only the module of the command being run (or completed) and keeps only that command;
`--help`, an unknown command or anything unusual see them all. `app`, as imported from here,
always has every command.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from treatytrack.cli import program
from treatytrack.cli.exits import crash_status

if TYPE_CHECKING:
    import typer

__all__ = ["app", "main"]

# Each command's module; their order is the order `--help` lists the commands in.
MODULES = (
    "listing",
    "show",
    "expiring",
    "checking",
    "states",
    "timeline",
    "exporting",
    "diff",
    "analysis",
    "importing",
    "importing_dutch",
)
COMMANDS = {
    "list": "listing",
    "show": "show",
    "expiring": "expiring",
    "validate": "checking",
    "schema": "checking",
    "timeline": "timeline",
    "export": "exporting",
    "diff": "diff",
    "party": "analysis",
    "parties": "states",
    "standings": "states",
    "limits": "analysis",
    "import": "importing_dutch",  # a group: `import untc` (importing), `import verdragenbank` (which imports it)
}


def register(modules: Sequence[str]) -> typer.Typer:
    """The app, with the commands of `modules` registered (importing a module registers them)."""
    for module in modules:
        importlib.import_module(f"treatytrack.cli.{module}")
    return program.app


def command_named(args: Sequence[str]) -> str | None:
    """The subcommand `args` run, when it comes first (after a top-level option such as `--help`,
    every command may be needed)."""
    return args[0] if args and not args[0].startswith("-") else None


def completion_args(environ: Mapping[str, str], program: str = "treatytrack") -> list[str] | None:
    """The words already typed when the shell asks for completions (None when it is not asking).

    Read as Typer's completion classes read them: bash sends COMP_WORDS and COMP_CWORD, the
    other shells _TYPER_COMPLETE_ARGS. The word being completed is left out: while it is the
    command's name, every command is a candidate.
    """
    if "_TREATYTRACK_COMPLETE" not in environ:  # not another program's request, inherited
        return None
    if program != "treatytrack":  # e.g. `python -m treatytrack`, to which Click does not answer
        return None
    if "_TYPER_COMPLETE_ARGS" in environ:
        line = environ["_TYPER_COMPLETE_ARGS"]
        words = line.split()[1:]
        return words if line.endswith(" ") else words[:-1]
    words = environ.get("COMP_WORDS", "").split()
    try:
        return words[1 : int(environ.get("COMP_CWORD", ""))]
    except ValueError:
        return []  # malformed: let Typer see every command


def keep_only(name: str | None) -> None:
    """Drop every command but `name` from this process's app, if `name` is one of them."""
    commands = program.app.registered_commands
    wanted = [c for c in commands if c.name == name]
    if wanted:
        commands[:] = wanted


def main() -> None:
    # A command lives for a second or so and builds acyclic data, which reference counting frees;
    # the cyclic collector would only walk the loaded dataset again and again (on a large file,
    # about a third of a cached run). The installed script (treatytrack.entry) has paused it
    # already, before the imports; tests that import the CLI keep it until they call main().
    gc.disable()
    typed = completion_args(os.environ, Path(sys.argv[0]).stem)
    name = command_named(sys.argv[1:] if typed is None else typed)
    module = COMMANDS.get(name or "")
    application = register((module,) if module else MODULES)
    keep_only(name)
    try:
        application()
    except Exception as error:  # a bug (or the system failing): one line and its own status, no traceback
        raise SystemExit(crash_status(error)) from None


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # for tests and tools: every command
        return register(MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
