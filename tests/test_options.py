"""Options and help: no value accepted and then ignored, help a person can read, examples that run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app

runner = CliRunner()
AS_OF = "2026-11-28"
COMMANDS = [
    "list",
    "show",
    "expiring",
    "timeline",
    "diff",
    "party",
    "parties",
    "limits",
    "export",
    "standings",
    "validate",
    "schema",
]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


# 1. Values a command does not know are usage errors, in the user's words ------------------------

USAGE = [
    (["list", "--status", "inforce"], "'inforce' is not a status; did you mean in-force?"),
    (["list", "--status", "expird"], "'expird' is not a status; did you mean expired?"),
    (["list", "--kind", "bilaterl"], "'bilaterl' is not a kind; did you mean bilateral?"),
    (["list", "--category", "nukes"], "'nukes' is not a category; did you mean nuclear?"),
    (["list", "--category", "testban"], "'testban' is not a category; did you mean test-ban?"),
    (["list", "-f", "jsn"], "'jsn' is not an output format; did you mean json?"),
    (["timeline", "--type", "withdrawal"], "'withdrawal' is not an event type; did you mean withdrawn?"),
    (
        ["timeline", "--type", "withdrawalnotice"],
        "'withdrawalnotice' is not an event type; did you mean withdrawal-notice?",
    ),
    (["export", "--type", "signd", "csv"], "'signd' is not an event type; did you mean signed?"),
    (["export", "icss"], "'icss' is not an export format; did you mean ics?"),
    (["validate", "-f", "csv"], "'csv' is not a format of validate; one of: table, json"),
    (["validate", "-f", "markdown"], "'markdown' is not a format of validate; one of: table, json"),
    (["list", "--color", "allways"], "'allways' is not a colour setting; did you mean always?"),
    (["list", "--limit", "0"], "0 is less than 1; give 1 or more"),
    (["export", "svg", "--width", "0"], "0.0 is not between 4 and 40"),
]


@pytest.mark.parametrize(("args", "message"), USAGE, ids=[" ".join(a) for a, _ in USAGE])
def test_an_unknown_value_is_a_usage_error_naming_the_closest(args: list[str], message: str) -> None:
    code, out, err = run(*args, "--data", str(SMALL))
    assert (code, out) == (2, "")
    assert message in err
    assert "Value error" not in err and "is not one of" not in err  # Pydantic's and Click's own words


@pytest.mark.parametrize(
    "args", [["--status", "In-Force"], ["--status", "IN_FORCE"], ["--status", "in force"], ["--kind", "Regional"]]
)
def test_case_underscores_and_spaces_are_forgiven(args: list[str]) -> None:
    code, out, _ = run("list", "--as-of", "2015-01-01", "--data", str(SMALL), "-f", "csv", *args)
    exact = run(
        "list",
        "--as-of",
        "2015-01-01",
        "--data",
        str(SMALL),
        "-f",
        "csv",
        args[0],
        args[1].lower().replace("_", "-").replace(" ", "-"),
    )[1]
    assert code == 0 and out == exact and len(out.splitlines()) > 1


def test_type_lists_its_values_in_help() -> None:
    _, out, _ = run("timeline", "--help")
    flat = re.sub(r"-\s+", "-", " ".join(out.split()))  # Click wraps after hyphens
    for value in ("withdrawal-notice", "opened-for-signature", "entered-into-force", "statement"):
        assert value in flat


# 2. Help: no internals, whole summaries, sections, examples ---------------------------------------

INTERNALS = re.compile(r"\{\w+\}|<[\w\[\]|, ]+>|\[x[<>]=|\[\[|\]\.\.\.\]")


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_no_typer_internals(command: str | None) -> None:
    code, out, _ = run(*([command] if command else []), "--help")
    assert code == 0
    assert not INTERNALS.findall(out), INTERNALS.findall(out)


def test_usage_lines_name_arguments_as_click_does() -> None:
    usage = {c: run(c, "--help")[1].splitlines()[0] for c in COMMANDS}
    assert usage["show"] == "Usage: treatytrack show [OPTIONS] NAME..."
    assert usage["validate"] == "Usage: treatytrack validate [OPTIONS] [FILE]..."
    assert usage["timeline"] == "Usage: treatytrack timeline [OPTIONS] [NAME]..."
    assert usage["diff"] == "Usage: treatytrack diff [OPTIONS] [FROM] [TO]"
    assert usage["export"] == "Usage: treatytrack export [OPTIONS] FORMAT"
    assert usage["limits"] == "Usage: treatytrack limits [OPTIONS] [NAME]"


def test_top_level_help_groups_commands_and_keeps_summaries_whole() -> None:
    _, out, _ = run("--help")
    sections = re.findall(r"^(\w[\w ]+):$", out, re.MULTILINE)
    assert sections == ["Options", "Ask about treaties", "Write reports", "Check data files", "Examples", "Environment"]
    assert "parties" in out.split("Ask about treaties:")[1].split("Write reports:")[0]
    assert out.index("validate") > out.index("Check data files") > out.index("export")
    assert "..." not in out.split("Ask about treaties:")[1].split("Examples:")[0]  # Click's cut
    for variable in ("NO_COLOR", "FORCE_COLOR", "TREATYTRACK_DATA"):
        assert variable in out


def examples(command: str | None) -> list[str]:
    """The example commands of a help text: the lines of its Examples section that run treatytrack."""
    out = run(*([command] if command else []), "--help")[1]
    section = out.split("\nExamples:\n", 1)[1].split("\n\n", 1)[0]
    return [line.strip() for line in section.splitlines() if line.strip().startswith("treatytrack ")]


ALL_EXAMPLES = [(command, line) for command in [None, *COMMANDS] for line in examples(command)]


def test_every_command_has_examples() -> None:
    assert {command for command, _ in ALL_EXAMPLES} == {None, *COMMANDS}


@pytest.mark.parametrize(("command", "line"), ALL_EXAMPLES, ids=[line for _, line in ALL_EXAMPLES])
def test_every_example_runs(command: str | None, line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each example, as written (the date pinned where the command takes one), exits 0."""
    monkeypatch.chdir(tmp_path)  # examples that write a file write it here
    args = shlex.split(line)[1:]
    takes_date = "--as-of" in run(args[0], "--help")[1]
    if takes_date and "--as-of" not in args:
        args += ["--as-of", AS_OF]
    code, out, err = run(*args)
    assert code == 0, err
    assert out or err or list(tmp_path.iterdir()), "the example said nothing and wrote nothing"


# 3. Colour ------------------------------------------------------------------------------------------

ESCAPE = "\x1b["


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {}, False),  # auto, and not a terminal
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": ""}, True),
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # the flag wins over the environment
        ([], {"TTY_COMPATIBLE": "1", "NO_COLOR": ""}, True),  # a terminal
        ([], {"TTY_COMPATIBLE": "1", "NO_COLOR": "1"}, None),  # NO_COLOR: no colour (bold stays)
    ],
)
def test_color(args: list[str], env: dict[str, str], coloured: bool | None) -> None:
    for where in (["list", *args], [*args, "list"]):  # after the command or before it
        code, out, _ = run(*where, "--as-of", AS_OF, "--data", str(SMALL), env=env)
        assert code == 0
        if coloured is None:
            assert "\x1b[32m" not in out and "\x1b[1m" in out
        else:
            assert (ESCAPE in out) is coloured
            assert ("\x1b[32m" in out) is coloured  # green: in-force


def test_hyperlinks_only_on_a_terminal() -> None:
    """A source's URL is a hyperlink (OSC 8) on a terminal; forced colour into a pipe or a file
    gets the text alone."""
    args = ["show", "new-start", "--as-of", AS_OF, "--data", str(SMALL)]
    assert "\x1b]8;" in run(*args, env={"TTY_COMPATIBLE": "1", "NO_COLOR": ""})[1]
    piped = run("--color", "always", *args)[1]
    assert ESCAPE in piped and "\x1b]8;" not in piped
    assert "https://www.state.gov/new-start/" in piped
