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
# deposited (US State Department); China deposited in October 1997 (month only). France's, the
# UK's and Russia's deposits are not dated by a stored official source: they have no row.
PELINDABA = ("pelindaba-protocol-1", "pelindaba-protocol-2")


@pytest.mark.parametrize("state", ["USA", "GBR", "FRA", "CHN", "RUS"])
def test_party_lists_the_pelindaba_protocols_for_each_nuclear_weapon_state(state: str) -> None:
    rows = _party(state, "2026-06-01")
    for protocol in PELINDABA:
        assert protocol in rows, f"{protocol} missing from 'party {state} --category nwfz'"


@pytest.mark.parametrize("state", ["RUS", "FRA", "GBR"])
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
    assert {p["code"] for p in record["parties"]} == {"CHN", "USA"}


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
