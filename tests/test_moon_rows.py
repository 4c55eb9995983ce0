"""Known answers for the Moon Agreement's table (issue #20): a later ratification or accession binds
thirty days after its deposit (art. 19(4)), a withdrawal one year after the notice (art. 20), and the
undated UN list leaves the states it does not name `not-recorded`."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from treatytrack.cli import app

runner = CliRunner()
MOON = "moon-agreement"


def _row(code: str, as_of: str) -> dict[str, str]:
    result = runner.invoke(app, ["party", code, "--as-of", as_of, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["id"] == MOON]
    assert len(rows) == 1, result.stdout
    return rows[0]


@pytest.mark.parametrize(
    ("code", "since"),
    [("ARM", "2018-02-18"), ("VEN", "2016-12-03"), ("AUT", "1984-07-11"), ("PHL", "1984-07-11")],
)
def test_a_consent_binds_thirty_days_after_deposit_or_from_entry_into_force(code: str, since: str) -> None:
    row = _row(code, "2026-06-01")
    assert (row["status"], row["since"]) == ("party", since)


def test_armenia_is_not_yet_bound_in_the_thirty_days_after_its_accession() -> None:
    assert _row("ARM", "2018-02-17")["status"] != "party"


def test_saudi_arabia_withdrew_a_year_after_its_notice() -> None:
    assert _row("SAU", "2024-01-04")["status"] == "party"
    assert _row("SAU", "2024-01-05")["status"] == "withdrawn"


@pytest.mark.parametrize("code", ["USA", "RUS", "CHN"])
def test_a_state_the_undated_list_does_not_name_stays_not_recorded(code: str) -> None:
    row = _row(code, "2026-06-01")
    assert row["status"] == "not-recorded"
    assert "partial" in row["why"]
