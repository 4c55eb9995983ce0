"""`validate` and `schema`: checking treaty files, and the JSON Schema editors check them with."""

from __future__ import annotations

import enum
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from treatytrack.cli.data import extra_paths
from treatytrack.cli.emit import write
from treatytrack.cli.exits import EXIT_FINDING, interactive, note
from treatytrack.cli.options import (
    ColorOpt,
    DataOpt,
    ExtraOpt,
    QuietOpt,
    choice,
    completer,
)
from treatytrack.cli.program import command
from treatytrack.render import counted

if TYPE_CHECKING:
    from treatytrack.core.models import Dataset
    from treatytrack.store.problems import Problem


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
    extra: ExtraOpt = None,
    strict_sources: Annotated[
        bool,
        typer.Option(
            "--strict-sources",
            help="Also refuse citations that are not a publisher's http(s) page: copy sites, "
            "search or redirect URLs, staging servers, bare IP addresses.",
        ),
    ] = False,
    skip_other_yaml: Annotated[
        bool,
        typer.Option(
            "--skip-other-yaml",
            help="Skip, with a note, a YAML file that is not a treaty file (a CI workflow) instead of failing; "
            "a file named like a treaty file (treaties.yaml, *.treaties.yaml) or with misspelt treaty keys "
            "still fails. The pre-commit hook passes it.",
        ),
    ] = False,
    quiet: QuietOpt = False,
    color: ColorOpt = None,
) -> None:
    """Check treaty files and print every problem, one `FILE:LINE:COL: message` line each."""
    from treatytrack.core.controls import escape
    from treatytrack.core.soundness import unrun_summary
    from treatytrack.store.load import load_dataset, name_problems, overlay_shaped, source_problems
    from treatytrack.store.paths import bundled_path
    from treatytrack.store.problems import LoadError, NotATreatyFile

    if files and data is not None:
        raise typer.BadParameter("give FILEs to check or --data (the dataset in use), not both", param_hint="'--data'")
    if files and extra:
        raise typer.BadParameter(
            "--extra checks an overlay against the dataset in use (--data or the bundled one), not against FILEs",
            param_hint="'--extra'",
        )
    extra = [] if files else extra_paths(extra)  # as every command reads them (TREATYTRACK_EXTRA too)
    targets = files or [data if data is not None else bundled_path()]
    problems = []
    unrun: list[tuple[str, str]] = []  # checks that could not run, for a broken part they need
    skipped = 0
    for number, target in enumerate(targets):
        try:  # problems are located as the file is read, a batch at a time; one note on a slow parser is enough
            loaded = load_dataset(target, use_cache=False, notify=note if number == 0 else None)
        except NotATreatyFile as err:
            # A YAML file of another kind (a CI workflow, a tool's settings) from a pre-commit
            # hook's file pattern is said, not failed; anything else named is a treaty file that is broken.
            if skip_other_yaml and not err.misspelt and not TREATY_FILE_NAME.search(target.as_posix()):
                skipped += 1
                note(
                    f"note: {escape(os.fspath(target))} is not a treaty file (no top-level `version` or `treaties`); skipped."
                )
                continue
            problems.extend(err.problems)
            continue
        except LoadError as err:
            no_review = any(p.message == "(top level): missing required key `reviewed`" for p in err.problems)
            if files and no_review and overlay_shaped(target):  # an extra file: checked on top of the dataset in use
                problems.extend(_overlay_problems(target, data))
                continue
            problems.extend(err.problems)
            unrun.extend((check, f"{os.fspath(target)}: {place}") for check, place in err.unrun)
            continue
        problems.extend(name_problems(target, loaded))
        if strict_sources:
            problems.extend(source_problems(target, loaded))
        if extra:
            problems.extend(_extra_problems(loaded, target, extra))
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
        read = len(targets) + len(extra)
        where = counted(read, "file")
        if files_with != read:
            where = f"{files_with} of {where}"
        typer.echo(f"treatytrack: {counted(len(problems), 'problem')} in {where}.", err=True)
        summary = unrun_summary(unrun)
        if summary is not None:
            typer.echo(escape(f"treatytrack: {summary}."), err=True)
        raise typer.Exit(EXIT_FINDING)
    checked = len(targets) + len(extra) - skipped
    aside = f" ({counted(skipped, 'other YAML file')} skipped)" if skipped else ""
    note(
        f"treatytrack: {counted(checked, 'file')} valid{aside}."
        if checked
        else f"treatytrack: no treaty file to check{aside}."
    )


def _extra_problems(dataset: Dataset, base: Path, extra: list[Path]) -> list[Problem]:
    """The problems of each --extra file applied over `dataset`, as every command would apply it."""
    from treatytrack.store.overlay import apply_extras
    from treatytrack.store.problems import LoadError

    try:
        apply_extras(dataset, os.fspath(base), extra)
    except LoadError as err:
        return list(err.problems)
    return []


# The names of treaty files, as the pre-commit hook's `files` pattern has them.
TREATY_FILE_NAME = re.compile(r"(^|/)(treaties|.*\.treaties)\.ya?ml$")


def _overlay_problems(target: Path, data: Path | None) -> list[Problem]:
    """The problems of an extra file (`--extra`: additions to known treaties) applied to the
    dataset in use (--data, or the bundled one)."""
    from treatytrack.store.load import load_dataset
    from treatytrack.store.overlay import apply_extras
    from treatytrack.store.paths import bundled_path
    from treatytrack.store.problems import LoadError

    base = data if data is not None else bundled_path()
    try:
        apply_extras(load_dataset(base, notify=note), os.fspath(base), [target])
    except LoadError as err:
        return err.problems
    return []


@command("schema", ("the JSON Schema of treaty files, for an editor's YAML support", "treatytrack schema"))
def schema_command(quiet: QuietOpt = False, color: ColorOpt = None) -> None:
    """Print the JSON Schema of treaty files, for editors and other repositories."""
    from treatytrack.render.jsonout import render_json
    from treatytrack.store.schema import dataset_schema

    write(render_json(dataset_schema()))
