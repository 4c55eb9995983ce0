"""Known answers for the CPPNM's 2005 Amendment rows of the major states (issue #20), read
through `party --format csv` on pinned days: a deposit before the Amendment's entry into force
binds from 8 May 2016, and the states no stored source dates stay `not-recorded`."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from treatytrack.cli import app

runner = CliRunner()
AMENDMENT = "cppnm-amendment-2005"


def _row(code: str, as_of: str, treaty_id: str = AMENDMENT) -> dict[str, str]:
    result = runner.invoke(app, ["party", code, "--as-of", as_of, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["id"] == treaty_id]
    assert len(rows) == 1, result.stdout
    return rows[0]


@pytest.mark.parametrize(
    ("code", "act"),
    [
        ("RUS", "accepted on 2008-09-19"),  # Russian Foreign Ministry, 12 Apr 2016
        ("CHN", "ratified on 2009-09-14"),  # China Radio International, 15 Sep 2009
        ("CHE", "in force for it on 2016-05-08"),  # SR 0.732.031.1 gives the day in force itself
        ("USA", "ratified on 2015-07-31"),  # White House fact sheet, 1 Apr 2016
    ],
)
def test_an_early_deposit_binds_from_the_entry_into_force(code: str, act: str) -> None:
    row = _row(code, "2026-06-01")
    assert (row["treaty_status"], row["status"], row["since"]) == ("in-force", "party", "2016-05-08")
    assert act in row["why"]


@pytest.mark.parametrize(("code", "deposit"), [("RUS", "2008-09-19"), ("CHE", "2008-10-15")])
def test_the_day_before_the_entry_into_force_only_the_deposit_shows(code: str, deposit: str) -> None:
    row = _row(code, "2016-05-07")
    assert row["treaty_status"] == "not-in-force"
    assert row["status"] != "party"
    assert row["since"] == deposit


def test_before_its_deposit_china_is_not_yet_named() -> None:
    assert _row("CHN", "2009-09-13")["status"] == "not-party"
    assert _row("CHN", "2009-09-14")["since"] == "2009-09-14"


@pytest.mark.parametrize("code", ["FRA", "GBR", "IND"])
def test_an_undated_deposit_stays_not_recorded(code: str) -> None:
    """France, the UK and India are parties by their governments' word, but no stored source
    gives their day of deposit (data/README.md, Known gaps): the partial list says so."""
    row = _row(code, "2026-06-01")
    assert row["status"] == "not-recorded"
    assert "partial" in row["why"]


@pytest.mark.parametrize("code", ["GBR", "IND"])
def test_the_convention_itself_stays_not_recorded_for_the_uk_and_india(code: str) -> None:
    row = _row(code, "2026-06-01", "cppnm")
    assert row["status"] == "not-recorded"
