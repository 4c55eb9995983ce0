"""Known answers for the OSCE-area instruments whose lists are whole (issue 20, osce3 branch): the
Vienna Document (open only to the OSCE participating States; the 57 of 2012 all have rows), the
Open Skies Treaty (the Dutch list of 2021 with Sweden added) and the Adapted CFE Treaty (its 30
signatories). Read through `party --format json` on pinned days, so a row lost from a table, a code
dropped from `open_to` or a list no longer marked whole changes them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import party_standings
from treatytrack.cli import app
from treatytrack.core.models import Dataset, Participation
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path

OSCE = ("vienna-document", "open-skies", "adapted-cfe-treaty")
DAY = "2026-11-28"

# The 57 participating States osce.org names, as ISO codes.
PARTICIPATING_STATES = {
    "ALB",
    "AND",
    "ARM",
    "AUT",
    "AZE",
    "BEL",
    "BLR",
    "BIH",
    "BGR",
    "CAN",
    "HRV",
    "CYP",
    "CZE",
    "DNK",
    "EST",
    "FIN",
    "FRA",
    "GEO",
    "DEU",
    "GRC",
    "VAT",
    "HUN",
    "ISL",
    "IRL",
    "ITA",
    "KAZ",
    "KGZ",
    "LVA",
    "LIE",
    "LTU",
    "LUX",
    "MLT",
    "MDA",
    "MCO",
    "MNG",
    "MNE",
    "NLD",
    "MKD",
    "NOR",
    "POL",
    "PRT",
    "ROU",
    "RUS",
    "SMR",
    "SRB",
    "SVK",
    "SVN",
    "ESP",
    "SWE",
    "CHE",
    "TJK",
    "TUR",
    "TKM",
    "UKR",
    "GBR",
    "USA",
    "UZB",
}


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(bundled_path(), use_cache=False)


def table_of(dataset: Dataset, treaty_id: str) -> Participation:
    table = next(t for t in dataset.treaties if t.id == treaty_id).participation
    assert table is not None
    return table


def osce_standings(code: str, day: str = DAY) -> dict[str, tuple[str, str | None]]:
    return party_standings(code, day, OSCE)


@pytest.mark.parametrize("code", ["CHN", "IND", "JPN"])
def test_a_state_outside_the_osce_is_not_a_party_to_any_of_the_three(code: str) -> None:
    assert osce_standings(code) == dict.fromkeys(OSCE, ("not-party", None))


def test_why_each_answers_not_a_party() -> None:
    result = CliRunner().invoke(app, ["party", "CHN", "--as-of", DAY, "--format", "json"])
    assert result.exit_code == 0, result.output
    why = {row["id"]: row["why"] for row in json.loads(result.stdout)["treaties"] if row["id"] in OSCE}
    assert why["vienna-document"] == "open only to the 61 states its record lists, not to CHN"
    assert why["open-skies"] == "not on the list of states as of 2021-06-18"
    assert why["adapted-cfe-treaty"] == "not on the list of states as of 1999-11-19"


def test_vienna_document_names_every_participating_state(bundled: Dataset) -> None:
    """Each of the 57 has a row, or is carried on by the state whose row it continues (the Russian
    Federation by the USSR's, Serbia by the FRY's); `open_to` is the 57 and the four that ended."""
    table = table_of(bundled, "vienna-document")
    assert table.list_complete and table.open_to is not None
    assert len(PARTICIPATING_STATES) == 57
    rows = set(table.states)
    assert rows | {"RUS", "SRB"} == PARTICIPATING_STATES | {"SUN", "CSK", "SCG"}
    assert set(table.open_to.states) == PARTICIPATING_STATES | {"SUN", "CSK", "SCG", "YUG"}


@pytest.mark.parametrize(
    ("code", "day", "expected"),
    [
        # On the list with no day of joining recorded: never read as a non-participant.
        ("AND", DAY, ("not-recorded", None)),
        ("BIH", DAY, ("not-recorded", None)),
        ("CZE", DAY, ("not-recorded", None)),
        ("SVK", DAY, ("not-recorded", None)),
        # Carried on from the state each continues.
        ("RUS", DAY, ("party", "1991-01-01")),
        ("SRB", DAY, ("party", "2000-11-10")),
        ("MNG", DAY, ("party", "2012-11-21")),
        # The SFR Yugoslavia took part but has no row (only the day by which it ended is known).
        ("YUG", "1991-06-01", ("not-recorded", None)),
    ],
)
def test_vienna_document_known_answers(code: str, day: str, expected: tuple[str, str | None]) -> None:
    assert party_standings(code, day, ["vienna-document"])["vienna-document"] == expected


def test_open_skies_names_its_34_states_parties_with_sweden(bundled: Dataset) -> None:
    table = table_of(bundled, "open-skies")
    assert table.list_complete
    parties = set(table.states) - {"CSK", "KGZ"}
    assert len(parties) == 34 and "SWE" in parties
    assert osce_standings("SWE")["open-skies"] == ("not-recorded", None)  # a party, its day not recorded
    assert osce_standings("KGZ")["open-skies"] == ("signatory", "1992-12-15")
    assert osce_standings("USA")["open-skies"][0] == "withdrawn"


def test_adapted_cfe_is_whole_on_its_thirty_signatories(bundled: Dataset) -> None:
    table = table_of(bundled, "adapted-cfe-treaty")
    assert table.list_complete and len(table.states) == 30
    assert osce_standings("RUS")["adapted-cfe-treaty"] == ("signatory", "1999-11-19")
    # A participating State of the OSCE that was not a CFE State Party never signed it.
    assert osce_standings("AUT")["adapted-cfe-treaty"] == ("not-party", None)
