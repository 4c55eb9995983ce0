"""The three CSVs of events (`timeline --format csv`, `export csv`, `show NAME --format csv`)
write one schema (issue #22): the same columns in the same order, the same value formats, and
the same row for the same event; the README's machine-readable contract names the columns."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app
from treatytrack.render.records import EVENT_COLUMNS

runner = CliRunner()
README = Path(__file__).resolve().parent.parent / "README.md"
AS_OF = ["--as-of", "2026-11-28", "--data", str(SMALL)]
COMMANDS = {
    "timeline": ["timeline", "--format", "csv", *AS_OF],
    "export": ["export", "csv", *AS_OF],
    "show": ["show", "new-start", "--format", "csv", *AS_OF],
    "show npt": ["show", "npt", "--format", "csv", *AS_OF],
}
EXPECTED = ["date", "id", "short_name", "name", "type", "party", "note", "source", "new_expiry", "effective", "derived"]
FORMATS = {
    "date": r"\d{4}-\d\d-\d\d",
    "id": r"[a-z0-9-]+",
    "type": r"[a-z-]+",
    "party": r"([A-Z][A-Z0-9]{1,7})?",
    "new_expiry": r"(\d{4}-\d\d-\d\d)?",
    "effective": r"(\d{4}-\d\d-\d\d)?",
    "derived": r"true|false",
}


def rows(args: list[str]) -> tuple[list[str], list[dict[str, str]]]:
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout, newline=""))
    found = list(reader)
    return list(reader.fieldnames or []), found


@pytest.mark.parametrize("name", list(COMMANDS))
def test_one_schema_for_every_csv_of_events(name: str) -> None:
    header, found = rows(COMMANDS[name])
    assert header == list(EVENT_COLUMNS) == EXPECTED
    assert found
    for row in found:
        for column, pattern in FORMATS.items():
            assert re.fullmatch(pattern, row[column]), (column, row[column])


def test_the_same_event_is_the_same_row_everywhere() -> None:
    _, timeline = rows(COMMANDS["timeline"])
    _, export = rows(COMMANDS["export"])
    assert timeline == export
    for name in ("show", "show npt"):
        _, shown = rows(COMMANDS[name])
        for row in shown:  # a recorded event: the timeline has it, cell for cell
            assert row in timeline
    _, shown = rows(COMMANDS["show"])
    extended = next(r for r in shown if r["type"] == "extended")
    assert (extended["new_expiry"], extended["derived"]) == ("2026-02-05", "false")


def test_the_readme_names_the_columns_in_order() -> None:
    """The documented contract (docs/contract.md, linked from the README) names the columns."""
    contract = (README.parent / "docs" / "contract.md").read_text(encoding="utf-8")
    assert ", ".join(f"`{c}`" for c in EVENT_COLUMNS) in " ".join(contract.split())
