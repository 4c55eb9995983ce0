"""The bundled data's recorded consents all become standings (issue #19's checks on the real data)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from treatytrack.cli import app
from treatytrack.core.engine import assess
from treatytrack.core.models import Dataset, Treaty
from treatytrack.core.parties import party_names
from treatytrack.core.standing import StateHistory, standings_on
from treatytrack.core.vocab import PartyStatus
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path

D = dt.date.fromisoformat
runner = CliRunner()


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(bundled_path())


def _treaty(dataset: Dataset, treaty_id: str) -> Treaty:
    return next(t for t in dataset.treaties if t.id == treaty_id)


def test_no_recorded_consent_reads_not_recorded(bundled: Dataset) -> None:
    """On 2026-12-01, in every treaty, a state whose consent is recorded is a party, consented,
    withdrawn... never `not-recorded`."""
    history = StateHistory(bundled.state_history)
    wrong = [
        f"{treaty.id}/{s.state}"
        for treaty in bundled.treaties
        for s in standings_on(treaty, D("2026-12-01"), history)
        if s.status is PartyStatus.NOT_RECORDED and any(a.kind.consent for a in s.acts)
    ]
    assert wrong == []


@pytest.mark.parametrize("treaty_id", ["bwc", "enmod", "tlatelolco", "geneva-protocol"])
def test_show_json_has_no_consent_without_a_standing(treaty_id: str) -> None:
    result = runner.invoke(app, ["show", treaty_id, "--format", "json", "--as-of", "2026-12-01"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    rows = record["parties"]
    assert rows
    assert not [r for r in rows if r["consent"] is not None and r["status"] == "not-recorded"]


def test_a_consent_without_a_day_in_force_is_counted_apart(bundled: Dataset) -> None:
    """Where a treaty records no rule for later consents, those states read `consented`: never
    counted as parties, and never as unknown."""
    history = StateHistory(bundled.state_history)
    for treaty in bundled.treaties:
        for s in standings_on(treaty, D("2026-12-01"), history):
            if s.status is PartyStatus.CONSENTED:
                assert s.consent is not None and s.bound_from is None
                assert "not recorded" in s.why or "not recorded for it" in s.why


def test_depositary_states_are_parties(bundled: Dataset) -> None:
    """A treaty's notes name its depositaries: each depositary state named in `depositary` has a
    row that makes it a party (or says why not) while the treaty is in force."""
    names = party_names(bundled)
    history = StateHistory(bundled.state_history)
    day = bundled.reviewed
    missing = []
    for treaty in bundled.treaties:
        if treaty.depositary is None or assess(treaty, day).status.value != "in-force":
            continue
        if treaty.parent is not None:  # a protocol's depositary is its treaty's: a party to that, not to it
            continue
        named = [code for code, name in names.items() if len(code) == 3 and name in treaty.depositary]
        found = {s.state: s for s in standings_on(treaty, day, history)}
        for code in named:
            standing = found.get(code)
            if standing is None or standing.status in (PartyStatus.NOT_RECORDED, PartyStatus.NOT_PARTY):
                missing.append(f"{treaty.id}/{code}")
    assert missing == []


def test_counts_match_the_depositaries(bundled: Dataset) -> None:
    """The BWC's bound count on 2025-12-31 is within 2 of its depositaries' (189, after Kiribati's
    accession of 2025-05-20); ENMOD's on its list's day within 1 of the UN list's 78 parties."""
    history = StateHistory(bundled.state_history)

    def bound(treaty_id: str, day: str) -> int:
        return sum(1 for s in standings_on(_treaty(bundled, treaty_id), D(day), history) if s.status.bound)

    bwc = _treaty(bundled, "bwc")
    assert bwc.party_count is not None and bwc.party_count.count == 189
    assert abs(bound("bwc", "2025-12-31") - 189) <= 2
    assert abs(bound("enmod", "2026-02-03") - 78) <= 1


def test_the_us_and_russia_are_both_bound_by_the_global_treaties_they_joined() -> None:
    out = runner.invoke(app, ["list", "--party", "USA", "--party", "RUS", "--as-of", "2026-06-01", "--format", "json"])
    ids = {r["id"] for r in json.loads(out.stdout)}
    assert {"geneva-protocol", "seabed-treaty", "enmod", "icsant"} <= ids
