"""`show A B` shows each treaty in turn, in every format; `list` says its order and which end
`--limit` keeps."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app

runner = CliRunner()
ARGS = ["--as-of", "2026-11-28", "--data", str(SMALL), "--no-cache"]


def _show(*args: str) -> str:
    result = runner.invoke(app, ["show", *args, *ARGS])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_is_an_array_of_the_records() -> None:
    records = json.loads(_show("inf", "New START", "-f", "json"))
    assert [r["id"] for r in records] == ["inf-treaty", "new-start"]
    assert json.loads(_show("inf", "-f", "json"))["id"] == "inf-treaty"  # one: the record itself


def test_a_treaty_named_twice_is_shown_once() -> None:
    assert [r["id"] for r in json.loads(_show("inf", "inf-treaty", "npt", "-f", "json"))] == ["inf-treaty", "npt"]


def test_the_table_shows_one_view_after_another() -> None:
    out = _show("inf", "npt")
    assert out.index("inf-treaty") < out.index("npt\n")
    assert out == _show("inf") + "\n" + _show("npt")


def test_markdown_has_a_section_each_and_csv_every_event() -> None:
    assert _show("inf", "npt", "-f", "markdown") == _show("inf", "-f", "markdown") + "\n" + _show(
        "npt", "-f", "markdown"
    )
    rows = list(csv.DictReader(io.StringIO(_show("inf", "npt", "-f", "csv"))))
    assert {r["id"] for r in rows} == {"inf-treaty", "npt"}


def test_a_missing_one_fails_the_whole_command() -> None:
    result = runner.invoke(app, ["show", "inf", "nope", *ARGS])
    assert result.exit_code == 1 and result.stdout == ""


def test_list_help_says_its_order_and_which_end_limit_keeps() -> None:
    text = " ".join(runner.invoke(app, ["list", "--help"], env={"COLUMNS": "200"}).stdout.split())
    assert "Oldest first: in the order of the day each treaty began" in text
    assert "Show at most N treaties: the N oldest" in text
