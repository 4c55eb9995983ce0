"""The nuclear-weapon states under the NWFZ protocols, asked through the CLI on pinned days.

The protocols are instruments of their own (`parent`: the zone treaty), so `party XXX
--category nwfz` answers for each protocol a state may join. These are the known answers the
sources bear out; the protocols left out for want of a sourced first day in force are listed
in data/README.md (Known gaps), and must stay out rather than show "never entered into force".
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from treatytrack.cli import app
from treatytrack.core.models import Dataset
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path

runner = CliRunner()
PROTOCOLS = ("rarotonga-protocol-1", "rarotonga-protocol-2")


def _bundled() -> Dataset:
    return load_dataset(bundled_path(), use_cache=False)


def _party(state: str, as_of: str) -> dict[str, dict[str, object]]:
    """`party STATE --category nwfz` on `as_of`, as JSON rows keyed by treaty id."""
    result = runner.invoke(app, ["party", state, "--category", "nwfz", "--as-of", as_of, "--format", "json"])
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)["treaties"]}


def _standing(state: str, treaty_id: str, as_of: str) -> tuple[object, object]:
    row = _party(state, as_of)[treaty_id]
    return row["status"], row["since"]


def test_the_protocols_are_listed_under_nwfz_for_every_nuclear_weapon_state() -> None:
    for state in ("USA", "GBR", "FRA", "CHN", "RUS"):
        rows = _party(state, "2026-06-01")
        for protocol in PROTOCOLS:
            assert protocol in rows, f"{protocol} missing from 'party {state} --category nwfz'"


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_united_states_has_only_signed_the_rarotonga_protocols(protocol: str) -> None:
    assert _standing("USA", protocol, "2026-06-01") == ("signatory", "1996-03-25")


@pytest.mark.parametrize(
    ("state", "since"),
    [("FRA", "1996-09-20"), ("GBR", "1997-09-19")],
)
@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_france_and_the_united_kingdom_are_bound_from_their_deposits(protocol: str, state: str, since: str) -> None:
    assert _standing(state, protocol, "2026-06-01") == ("party", since)
    day_before = _party(state, "1996-09-19")[protocol]["status"]
    assert day_before == "signatory"


def test_russia_continues_the_ussr_ratification_of_protocol_2() -> None:
    assert _standing("RUS", "rarotonga-protocol-2", "2026-06-01") == ("party", "1988-04-21")
    assert _standing("SUN", "rarotonga-protocol-2", "1990-01-01") == ("party", "1988-04-21")


def test_china_is_a_party_to_protocol_2_from_a_deposit_known_only_to_the_month() -> None:
    # Signed on 10 February 1987 (white paper of 1995); deposited in October 1988 (white paper of
    # 2005, month only): no day is ever shown, and October 1988 itself is left open.
    assert _standing("CHN", "rarotonga-protocol-2", "1987-03-01") == ("signatory", "1987-02-10")
    status, since = _standing("CHN", "rarotonga-protocol-2", "1988-10-15")
    assert status not in ("party", "signatory") and since is None
    assert _standing("CHN", "rarotonga-protocol-2", "1988-11-01") == ("party", None)
    assert _standing("CHN", "rarotonga-protocol-2", "2026-06-01") == ("party", None)


def test_protocol_2_was_not_in_force_before_the_first_deposit() -> None:
    treaty_status = _party("GBR", "1988-04-20")["rarotonga-protocol-2"]["treaty_status"]
    assert treaty_status == "not-in-force"
    assert _party("GBR", "1988-04-21")["rarotonga-protocol-2"]["treaty_status"] == "in-force"


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_show_lists_the_protocol_rows(protocol: str) -> None:
    result = runner.invoke(app, ["show", protocol, "--as-of", "2026-06-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["instrument"] == "protocol"
    assert "nwfz" in record["categories"]
    codes = {p["code"] for p in record["parties"]}
    assert {"FRA", "GBR", "USA"} <= codes


def test_each_protocol_record_names_its_zone_treaty_as_parent() -> None:
    parents = {t.id: t.parent for t in _bundled().treaties if t.id in PROTOCOLS}
    assert parents == dict.fromkeys(PROTOCOLS, "rarotonga")


def test_no_ratified_nwfz_protocol_reads_never_in_force() -> None:
    # A protocol record without `entry_into_force` reads "never entered into force", false once
    # any state has ratified it: such a protocol stays out of the data until a source dates its
    # first deposit (data/README.md, Known gaps), and one that is recorded has its day.
    protocols = [t for t in _bundled().treaties if t.instrument.value == "protocol" and "nwfz" in t.categories]
    assert {t.id for t in protocols} >= set(PROTOCOLS)
    for protocol in protocols:
        rows = protocol.participation.states.values() if protocol.participation else ()
        if any(row.ratified or row.acceded or row.in_force for row in rows):
            assert protocol.entry_into_force is not None, protocol.id


def test_show_names_the_treaty_a_protocol_belongs_to() -> None:
    """`show` says which treaty a protocol is part of (JSON `parent`, the table's "Part of")."""
    runner = CliRunner()
    shown = runner.invoke(app, ["show", "rarotonga-protocol-2", "--as-of", "2026-06-01", "-f", "json"])
    assert json.loads(shown.stdout)["parent"] == "rarotonga"
    table = runner.invoke(app, ["show", "rarotonga-protocol-2", "--as-of", "2026-06-01"], env={"COLUMNS": "100"})
    assert any(line.startswith("Part of") and "rarotonga" in line for line in table.stdout.splitlines())
    treaty = runner.invoke(app, ["show", "npt", "--as-of", "2026-06-01", "-f", "json"])
    assert json.loads(treaty.stdout)["parent"] is None


# ---- Pelindaba Protocols I and II ----
# The Protocols entered into force with the Treaty, 15 July 2009, for the signatories that had
# deposited (US State Department); China deposited in October 1997 (month only), the UK by 21
# January 2003 (a span). France's and Russia's deposits are not dated or bounded by a stored
# official source: they have no row.
PELINDABA = ("pelindaba-protocol-1", "pelindaba-protocol-2")


@pytest.mark.parametrize("state", ["USA", "GBR", "FRA", "CHN", "RUS"])
def test_party_lists_the_pelindaba_protocols_for_each_nuclear_weapon_state(state: str) -> None:
    rows = _party(state, "2026-06-01")
    for protocol in PELINDABA:
        assert protocol in rows, f"{protocol} missing from 'party {state} --category nwfz'"


@pytest.mark.parametrize("state", ["RUS", "FRA"])
@pytest.mark.parametrize("protocol", PELINDABA)
def test_states_whose_deposit_no_source_dates_are_not_recorded_never_signatories(protocol: str, state: str) -> None:
    # A signature-only row would show a state that has ratified as a mere signatory.
    assert _standing(state, protocol, "2026-06-01") == ("not-recorded", None)


@pytest.mark.parametrize("protocol", PELINDABA)
def test_united_states_has_only_signed_the_pelindaba_protocols(protocol: str) -> None:
    assert _standing("USA", protocol, "2026-06-01") == ("signatory", "1996-04-11")


@pytest.mark.parametrize("protocol", PELINDABA)
def test_china_is_bound_from_the_day_the_protocols_entered_into_force(protocol: str) -> None:
    assert _standing("CHN", protocol, "1996-05-01") == ("signatory", "1996-04-11")
    # Deposited in October 1997, known only to the month: that month is left open.
    status, since = _standing("CHN", protocol, "1997-10-15")
    assert status not in ("party", "signatory") and since is None
    before = _party("CHN", "2009-07-14")[protocol]
    assert before["status"] != "party" and before["treaty_status"] == "not-in-force"
    first_day = _party("CHN", "2009-07-15")[protocol]
    assert (first_day["status"], first_day["since"], first_day["treaty_status"]) == ("party", "2009-07-15", "in-force")


@pytest.mark.parametrize("protocol", PELINDABA)
def test_show_gives_the_pelindaba_protocol_its_parent_and_rows(protocol: str) -> None:
    result = runner.invoke(app, ["show", protocol, "--as-of", "2026-06-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["parent"] == "pelindaba"
    assert record["instrument"] == "protocol"
    assert {p["code"] for p in record["parties"]} == {"CHN", "GBR", "USA"}


@pytest.mark.parametrize("protocol", PELINDABA)
def test_the_united_kingdom_ratified_by_2003_is_bound_from_the_protocols_first_day(protocol: str) -> None:
    """A Commons answer of 21 January 2003 says the UK had ratified: its deposit lies between the
    opening and that day, every day of which gives the same day in force, 15 July 2009."""
    inside = _party("GBR", "2000-01-01")[protocol]
    assert (inside["status"], inside["since"]) == ("day-not-recorded", None)
    assert "between 1996-04-11 and 2003-01-21" in str(inside["why"])
    assert _standing("GBR", protocol, "2009-07-14") == ("ratified", None)
    assert _standing("GBR", protocol, "2009-07-15") == ("party", "2009-07-15")


# ---- Tlatelolco Additional Protocol II ----
# In force for each state on its deposit (art. 5); first in force on a day between its conclusion
# (14 February 1967) and the US deposit of 12 May 1971 (the UK's deposit is not dated by a stored
# official source). France and the UK had ratified by 24 May 1978 (Carter's message to the Senate).


def test_the_united_states_is_a_party_to_additional_protocol_2_from_its_deposit() -> None:
    assert _standing("USA", "tlatelolco-protocol-2", "1971-05-11") == ("signatory", "1968-04-01")
    assert _standing("USA", "tlatelolco-protocol-2", "2026-06-01") == ("party", "1971-05-12")
    row = _party("USA", "1970-01-01")["tlatelolco-protocol-2"]
    assert row["treaty_status"] == "day-not-recorded"
    assert _party("USA", "1971-05-13")["tlatelolco-protocol-2"]["treaty_status"] == "in-force"


@pytest.mark.parametrize("state", ["FRA", "GBR"])
def test_a_ratification_known_only_to_have_happened_by_1978_is_never_given_a_day(state: str) -> None:
    assert _standing(state, "tlatelolco-protocol-2", "1975-01-01") == ("day-not-recorded", None)
    row = _party(state, "2026-06-01")["tlatelolco-protocol-2"]
    assert (row["status"], row["since"]) == ("party", None)
    assert "and 1978-05-24 (day not recorded)" in str(row["why"])


def test_china_is_a_party_to_additional_protocol_2_from_a_deposit_known_to_the_month() -> None:
    assert _standing("CHN", "tlatelolco-protocol-2", "1974-06-15") == ("day-not-recorded", None)
    assert _standing("CHN", "tlatelolco-protocol-2", "1974-07-01") == ("party", None)


def test_additional_protocol_2_is_open_to_the_nuclear_weapon_states_only() -> None:
    row = _party("IND", "2026-06-01")["tlatelolco-protocol-2"]
    assert (row["status"], row["why"]) == ("not-party", "open only to CHN, FRA, GBR, SUN, USA, not to IND")


def test_russia_is_not_recorded_rather_than_a_signatory_of_additional_protocol_2() -> None:
    # The USSR signed on 18 May 1978 and ratified later; no stored official source dates or bounds
    # the ratification, so there is no row (a signature-only row would make Russia a signatory).
    assert _standing("RUS", "tlatelolco-protocol-2", "2026-06-01") == ("not-recorded", None)


def test_show_gives_additional_protocol_2_its_parent_and_its_span() -> None:
    result = runner.invoke(app, ["show", "tlatelolco-protocol-2", "--as-of", "2026-06-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["parent"] == "tlatelolco"
    entry = record["dates"]["entry_into_force"]
    assert (entry["date"], entry["precision"]) == ("1967-02-14/1971-05-12", "between")
    assert {p["code"] for p in record["parties"]} == {"CHN", "FRA", "GBR", "USA"}


def test_only_protocol_2_of_pelindaba_records_a_rule_for_later_deposits() -> None:
    # Art. 7 of Protocol II was read (on deposit, or the Treaty's entry into force if later);
    # Protocol I's article was not, so a later depositor there needs its own `in_force`.
    rules = {
        t.id: t.participation.in_force_for_state
        for t in _bundled().treaties
        if t.id in PELINDABA and t.participation is not None
    }
    assert rules["pelindaba-protocol-1"] is None
    rule = rules["pelindaba-protocol-2"]
    assert rule is not None and rule.rule.value == "on-deposit"
