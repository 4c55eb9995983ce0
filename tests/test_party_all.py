"""Repeated `--party` means the same in every command: the treaties whose record names all of
the states (or a state one of them continues); `--any-party` asks for any of them, where a
command offers it."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-28", "--data", str(SMALL), "--no-cache"]
BOTH = ["--party", "USA", "--party", "PRK"]  # the small fixture's NPT alone names both


def _ids(args: list[str]) -> set[str]:
    result = runner.invoke(app, [*args, *AS_OF])
    assert result.exit_code == 0, result.output
    if "json" in args and args[0] == "export":
        return {t["id"] for t in json.loads(result.stdout)["treaties"]}
    if args[0] == "standings":
        return {r["treaty_id"] for r in csv.DictReader(io.StringIO(result.stdout))}
    return {r["id"] for r in csv.DictReader(io.StringIO(result.stdout))}


@pytest.mark.parametrize(
    "command",
    [
        ["export", "json"],
        ["timeline", "-f", "csv"],
        ["standings"],
        ["diff", "1950-01-01", "-f", "csv"],
    ],
)
def test_repeated_party_means_all_of_them(command: list[str]) -> None:
    assert _ids([*command, *BOTH]) == {"npt"}
    assert _ids([*command, *BOTH, "--any-party"]) > {"npt"}  # USA's treaties too


def test_any_party_keeps_a_treaty_naming_either() -> None:
    assert _ids(["export", "json", *BOTH, "--any-party"]) == {"inf-treaty", "new-start", "open-skies", "npt", "ctbt"}


@pytest.mark.parametrize("command", [["export", "json"], ["timeline"], ["standings"], ["diff", "1950-01-01"]])
def test_any_party_without_several_parties_is_a_usage_error(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--party", "USA", "--any-party", *AS_OF])
    assert result.exit_code == 2
    assert "--any-party" in result.stderr and result.stdout == ""


def test_any_party_does_not_apply_to_by_state() -> None:
    args = ["export", "svg", "--by-state", "--treaty", "npt", *BOTH, "--any-party", *AS_OF]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "--any-party" in result.stderr


@pytest.mark.parametrize("command", ["export", "timeline", "diff", "standings"])
def test_help_says_which(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    text = " ".join(result.stdout.split())
    assert "--any-party" in text and "all of them" in text and "any of them" in text
