"""Known answers for the two OAS conventions (issue #20): CIFTA's and the Inter-American
Transparency Convention's tables are UNODA's record of the deposits with the OAS General
Secretariat (per-state pages harvested in July 2018), whole lists with the later ratifiers' days
in force missing (`list_complete`). The counts are checked against the figures the OAS and the
Arms Control Association published, since the harvested list has no header of its own."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from tests.conftest import party_standings
from treatytrack.cli import app
from treatytrack.core.models import Dataset, Treaty
from treatytrack.core.vocab import PartyStatus
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path

CIFTA = "cifta"
TRANSPARENCY = "oas-transparency-convention"
LIST_DAY = "2018-07-05"
runner = CliRunner()


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(bundled_path(), use_cache=False)


def _treaty(dataset: Dataset, treaty_id: str) -> Treaty:
    return next(t for t in dataset.treaties if t.id == treaty_id)


def _parties(treaty_id: str, day: str) -> list[dict[str, str | None]]:
    result = runner.invoke(app, ["parties", treaty_id, "--as-of", day, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, str | None]] = json.loads(result.stdout)
    return rows


def test_the_united_states_signed_both_and_ratified_neither() -> None:
    assert party_standings("USA", "2026-06-01", [CIFTA, TRANSPARENCY]) == {
        CIFTA: ("signatory", "1997-11-14"),
        TRANSPARENCY: ("signatory", "1999-06-07"),
    }


def test_canada_signed_cifta_only_and_is_bound_by_the_transparency_convention_from_its_entry_into_force() -> None:
    """Canada deposited on 1999-10-18, before the sixth deposit, so it is bound from 2002-11-21."""
    assert party_standings("CAN", "2026-06-01", [CIFTA, TRANSPARENCY]) == {
        CIFTA: ("signatory", "1997-11-14"),
        TRANSPARENCY: ("party", "2002-11-21"),
    }


def test_a_later_deposit_has_its_day_but_no_day_in_force() -> None:
    """The Dominican Republic's CIFTA deposit of 24 April 2009 (UNODA and the OAS's press release;
    the State Department's table said 'R 4/10') came after entry into force, and no rule for later
    ratifications was read: consented from that day, the day in force not recorded."""
    result = runner.invoke(app, ["party", "DOM", "--as-of", "2026-06-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)["treaties"]}
    assert (rows[CIFTA]["status"], rows[CIFTA]["since"]) == ("consented", "2009-04-24")
    assert "the day the treaty took effect for it is not recorded" in rows[CIFTA]["why"]
    assert (rows[TRANSPARENCY]["status"], rows[TRANSPARENCY]["since"]) == ("consented", "2009-07-17")


@pytest.mark.parametrize("code", ["CUB", "JAM"])
def test_a_state_the_list_does_not_name_is_not_a_party_to_the_transparency_convention(code: str) -> None:
    result = runner.invoke(app, ["party", code, "--as-of", "2026-06-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    row = next(r for r in json.loads(result.stdout)["treaties"] if r["id"] == TRANSPARENCY)
    assert (row["status"], row["why"]) == ("not-party", f"not on the list of states as of {LIST_DAY}")


def test_cifta_counts_agree_with_the_oas_fact_sheet_of_2018() -> None:
    """OAS fact sheet of 4 April 2018: 'All the OAS member states have signed the Convention and 31
    have ratified it' (Dominica acceded without signing: 33 signatures among the 34 states)."""
    rows = _parties(CIFTA, LIST_DAY)
    consents = [r for r in rows if r["consent"] is not None]
    assert len(consents) == 31
    assert sum(r["signed"] is not None for r in rows) == 33
    assert sorted(r["code"] for r in rows if r["consent"] is None) == ["CAN", "JAM", "USA"]
    assert [r["code"] for r in rows if r["consent"] == "acceded"] == ["DMA"]


def test_transparency_counts_agree_with_the_arms_control_associations() -> None:
    """The Arms Control Association counts 21 signatories and 17 States that ratified or acceded."""
    rows = _parties(TRANSPARENCY, LIST_DAY)
    assert sum(r["consent"] is not None for r in rows) == 17
    assert sum(r["signed"] is not None for r in rows) == 21
    assert {r["code"]: r["consent"] for r in rows if r["consent"] in ("accepted", "acceded")} == {
        "DOM": "accepted",
        "PAN": "acceded",
    }


def test_the_counts_line_says_the_list_is_whole_and_its_days_partial() -> None:
    result = runner.invoke(app, ["parties", CIFTA, "--counts", "--as-of", LIST_DAY])
    assert result.exit_code == 0, result.output
    assert "3 parties, 28 consented (day in force not recorded), 3 signatories" in result.stdout
    assert f"complete list as of {LIST_DAY}, some days not recorded" in result.stdout


@pytest.mark.parametrize(
    ("treaty_id", "nth", "entry"),
    [(CIFTA, 2, "1998-07-01"), (TRANSPARENCY, 6, "2002-11-21")],
)
def test_the_nth_deposit_is_thirty_days_before_entry_into_force(
    bundled: Dataset, treaty_id: str, nth: int, entry: str
) -> None:
    """CIFTA's second deposit (Mexico, 1998-06-01) and the Transparency Convention's sixth
    (Paraguay, 2002-10-22, AG/RES. 1881's condition) fall 30 days before the recorded entry into
    force: the list's days agree with the conventions' own dates."""
    treaty = _treaty(bundled, treaty_id)
    assert treaty.participation is not None
    rows = treaty.participation.states.values()
    deposits = sorted(day for row in rows for kind, day, _ in row.acts() if kind.consent)
    assert deposits[nth - 1] + dt.timedelta(days=30) == dt.date.fromisoformat(entry)


def test_both_lists_are_whole_as_of_the_harvest(bundled: Dataset) -> None:
    for treaty_id in (CIFTA, TRANSPARENCY):
        table = _treaty(bundled, treaty_id).participation
        assert table is not None
        assert table.list_complete
        assert table.as_of == dt.date.fromisoformat(LIST_DAY)


def test_where_the_state_department_disagrees_the_row_keeps_both(bundled: Dataset) -> None:
    states = _treaty(bundled, CIFTA).participation.states  # type: ignore[union-attr]
    for code, day, other in (("HTI", "2007-04-20", "'R 2/07'"), ("SUR", "2008-05-04", "'R 3/08'")):
        row = states[code]
        assert row.ratified == dt.date.fromisoformat(day)
        assert row.note is not None and other in row.note


def test_brazil_is_bound_from_the_day_its_decree_gives() -> None:
    """Brazil's Decree No. 3.229 of 1999: deposit 1999-09-28, in force for Brazil 1999-10-28 'under art.
    XXV'. The row's own `in_force` answers, the only later ratifier whose day is recorded."""
    assert party_standings("BRA", "1999-10-27", [CIFTA])[CIFTA] == ("ratified", "1999-09-28")
    assert party_standings("BRA", "1999-10-28", [CIFTA])[CIFTA] == ("party", "1999-10-28")


def test_party_answers_before_the_deposit_too() -> None:
    """Saint Vincent and the Grenadines signed on 1997-11-14 and deposited on 2012-08-17."""
    assert party_standings("VCT", "2012-08-16", [CIFTA])[CIFTA] == ("signatory", "1997-11-14")
    assert party_standings("VCT", "2012-08-17", [CIFTA])[CIFTA][0] == PartyStatus.CONSENTED.value
