"""Known answers for the Moon Agreement's table (issue #20): a later ratification or accession binds
thirty days after its deposit (art. 19(4)), a withdrawal one year after the notice (art. 20), and the
UN list, whose copy is undated but dates Armenia's accession of 2018-01-19, is whole as of that day:
a state it does not name is `not-party`, said with that day."""

from __future__ import annotations

import pytest

from tests.conftest import party_standings

MOON = "moon-agreement"


def _standing(code: str, day: str) -> tuple[str, str | None]:
    return party_standings(code, day, [MOON])[MOON]


@pytest.mark.parametrize(
    ("code", "since"),
    [("ARM", "2018-02-18"), ("VEN", "2016-12-03"), ("AUT", "1984-07-11"), ("PHL", "1984-07-11")],
)
def test_a_consent_binds_thirty_days_after_deposit_or_from_entry_into_force(code: str, since: str) -> None:
    assert _standing(code, "2026-06-01") == ("party", since)


def test_armenia_is_not_yet_bound_in_the_thirty_days_after_its_accession() -> None:
    assert _standing("ARM", "2018-02-17")[0] != "party"


def test_saudi_arabia_withdrew_a_year_after_its_notice() -> None:
    assert _standing("SAU", "2024-01-04")[0] == "party"
    assert _standing("SAU", "2024-01-05")[0] == "withdrawn"


@pytest.mark.parametrize("code", ["USA", "RUS", "CHN"])
def test_a_state_the_list_does_not_name_is_not_a_party(code: str) -> None:
    assert _standing(code, "2026-06-01") == ("not-party", None)


def test_the_reason_names_the_day_the_list_is_whole_as_of() -> None:
    import json

    from typer.testing import CliRunner

    from treatytrack.cli import app

    result = CliRunner().invoke(app, ["party", "USA", "--as-of", "2026-06-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    row = next(r for r in json.loads(result.stdout)["treaties"] if r["id"] == MOON)
    assert row["why"] == "not on the list of states as of 2018-01-19"


def test_the_signatories_stay_signatories() -> None:
    assert _standing("IND", "2026-06-01") == ("signatory", "1982-01-18")
    assert _standing("FRA", "2026-06-01") == ("signatory", "1980-01-29")
