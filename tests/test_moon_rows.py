"""Known answers for the Moon Agreement's table (issue #20): a later ratification or accession binds
thirty days after its deposit (art. 19(4)), a withdrawal one year after the notice (art. 20), and the
undated UN list leaves the states it does not name `not-recorded`."""

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
def test_a_state_the_undated_list_does_not_name_stays_not_recorded(code: str) -> None:
    assert _standing(code, "2026-06-01")[0] == "not-recorded"
