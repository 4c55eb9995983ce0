"""CPPNM and 2005 Amendment rows that an official source bounds but does not date (issue #20),
read through `party --format csv` on pinned days: before the span's first day the state is not yet
named, inside it the standing is `day-not-recorded`, after its last day the state is a party
(with no day of its own unless the rule gives one every day of the span shares)."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from treatytrack.cli import app

runner = CliRunner()
AMENDMENT = "cppnm-amendment-2005"


def _row(code: str, as_of: str, treaty_id: str) -> dict[str, str] | None:
    result = runner.invoke(app, ["party", code, "--as-of", as_of, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["id"] == treaty_id]
    assert len(rows) <= 1, result.stdout
    return rows[0] if rows else None


def _standing(code: str, as_of: str, treaty_id: str) -> tuple[str, str, str]:
    row = _row(code, as_of, treaty_id)
    assert row is not None, f"{treaty_id} missing for {code} on {as_of}"
    return row["status"], row["since"], row["why"]


# The UK: signed by 16 Dec 1980 and not yet ratified (Commons written answer of that day);
# bound by 14 May 1998 (the Prime Minister's written answer). Neither answer dates the acts.


def test_uk_signature_lies_between_the_opening_and_the_1980_written_answer() -> None:
    status, since, why = _standing("GBR", "1980-06-01", "cppnm")
    assert (status, since) == ("day-not-recorded", "")
    assert "signed between 1980-03-03 and 1980-12-16 (day not recorded)" in why


def test_uk_consent_inside_its_span_is_day_not_recorded_after_a_signature() -> None:
    status, since, why = _standing("GBR", "1990-01-01", "cppnm")
    assert (status, since) == ("day-not-recorded", "")
    assert "between 1980-12-16 and 1998-05-14" in why
    assert "before it: signatory" in why


def test_uk_is_a_party_without_a_day_after_the_1998_written_answer() -> None:
    assert _standing("GBR", "1998-05-14", "cppnm")[0] == "day-not-recorded"  # the span's last day is in it
    status, since, why = _standing("GBR", "1998-05-15", "cppnm")
    assert (status, since) == ("party", "")
    assert why == "in force for it between 1987-02-08 and 1998-05-14 (day not recorded)"
    assert _standing("GBR", "2026-11-28", "cppnm")[:2] == ("party", "")


# India: 'India is party to the Convention' (PIB, Prime Minister's Office, 27 Mar 2012); no
# signature, so the span starts at the opening for signature.


def test_india_is_not_named_before_the_opening_for_signature() -> None:
    assert _row("IND", "1980-01-01", "cppnm") is None  # the Convention was not yet open


def test_india_inside_its_span_is_day_not_recorded() -> None:
    status, since, why = _standing("IND", "2000-01-01", "cppnm")
    assert (status, since) == ("day-not-recorded", "")
    assert "between 1980-03-03 and 2012-03-27 (day not recorded)" in why


def test_india_is_a_party_without_a_day_after_its_2012_report() -> None:
    assert _standing("IND", "2012-03-28", "cppnm")[:2] == ("party", "")
    assert _standing("IND", "2026-11-28", "cppnm")[:2] == ("party", "")


# The Amendment: India ratified by 27 Mar 2012 (same report); France in 2013 (its 2016 Nuclear
# Security Summit progress report). Both before the entry into force, which binds them on 8 May 2016.


@pytest.mark.parametrize(
    ("code", "inside", "words"),
    [
        ("IND", "2010-01-01", "ratified between 2005-07-08 and 2012-03-27 (day not recorded)"),
        ("FRA", "2013-06-01", "approved in 2013 (day not recorded)"),
    ],
)
def test_an_amendment_consent_inside_its_period_is_day_not_recorded(code: str, inside: str, words: str) -> None:
    status, since, why = _standing(code, inside, AMENDMENT)
    assert (status, since) == ("day-not-recorded", "")
    assert words in why


def test_before_its_year_france_has_not_consented_to_the_amendment() -> None:
    assert _standing("FRA", "2012-12-31", AMENDMENT)[0] == "not-party"


@pytest.mark.parametrize("code", ["IND", "FRA"])
def test_an_amendment_consent_before_entry_into_force_shows_no_day_then_binds_from_it(code: str) -> None:
    status, since, _why = _standing(code, "2016-05-07", AMENDMENT)
    assert (status, since) == ("ratified", "")  # consented, never given a day of its own
    assert _standing(code, "2016-05-08", AMENDMENT)[:2] == ("party", "2016-05-08")
    assert _standing(code, "2026-11-28", AMENDMENT)[:2] == ("party", "2016-05-08")
