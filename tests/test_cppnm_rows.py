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


def test_the_uk_amendment_deposit_stays_not_recorded() -> None:
    """The UK is a party by its government's word, but no stored official page gives its deposit
    (data/README.md, Known gaps): the partial list says so. France's and India's rows, known only
    to a year or a span, are tested in test_cppnm_between.py."""
    row = _row("GBR", "2026-06-01")
    assert row["status"] == "not-recorded"
    assert "partial" in row["why"]


@pytest.mark.parametrize(
    ("code", "since", "act"),
    [
        ("GHA", "2002-11-15", "2002-10-16"),  # BGBl. III Nr. 153/2005: deposit 16 Oct 2002
        ("TZA", "2006-06-23", "2006-05-24"),  # BGBl. III Nr. 148/2008: deposit 24 May 2006
        ("IRQ", "2014-08-06", "acceded on 2014-07-07"),  # BGBl. III Nr. 150/2015: accession
    ],
)
def test_austrias_notices_date_later_parties_thirty_days_after_deposit(code: str, since: str, act: str) -> None:
    """Austria's notices give the day of deposit; art. 19(2) binds the state thirty days later."""
    row = _row(code, "2026-06-01", "cppnm")
    assert (row["status"], row["since"]) == ("party", since)
    assert act in row["why"]
    assert _row(code, since, "cppnm")["status"] == "party"


def test_austrias_own_amendment_deposit_binds_from_the_entry_into_force() -> None:
    row = _row("AUT", "2026-06-01")
    assert (row["status"], row["since"]) == ("party", "2016-05-08")
    assert "in force for it on 2016-05-08" in row["why"]
    assert _row("AUT", "2016-05-07")["since"] == "2006-09-18"  # BGBl. III Nr. 74/2016
