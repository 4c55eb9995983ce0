"""The real bundled dataset, loaded through the loader users get: invariants and known answers."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from treatytrack.core.checks import iso_codes
from treatytrack.core.engine import Status, assess, status_on
from treatytrack.core.models import Dataset, Treaty
from treatytrack.core.standing import StateHistory, standing_on
from treatytrack.core.vocab import EventType, PartyStatus
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(bundled_path(), use_cache=False)


def treaty(dataset: Dataset, treaty_id: str) -> Treaty:
    return next(t for t in dataset.treaties if t.id == treaty_id)


def test_coverage(bundled: Dataset) -> None:
    assert len(bundled.treaties) >= 45
    ids = {t.id for t in bundled.treaties}
    for expected in (
        "salt-i",
        "abm-treaty",
        "salt-ii",
        "ttbt",
        "pnet",
        "inf-treaty",
        "start-i",
        "start-ii",
        "sort",
        "new-start",
        "pmda",
        "hotline-1963",
        "nuclear-accidents-1971",
        "incsea-1972",
        "geneva-protocol",
        "antarctic-treaty",
        "ptbt",
        "outer-space-treaty",
        "npt",
        "seabed-treaty",
        "bwc",
        "enmod",
        "ccw",
        "cwc",
        "ctbt",
        "ottawa-convention",
        "cluster-munitions",
        "att",
        "tpnw",
        "tlatelolco",
        "rarotonga",
        "bangkok",
        "pelindaba",
        "semipalatinsk",
        "cfe-treaty",
        "open-skies",
        "vienna-document",
        "jcpoa",
        "mtcr",
        "wassenaar",
        "hcoc",
    ):
        assert expected in ids


def test_invariants(bundled: Dataset) -> None:
    ids = [t.id for t in bundled.treaties]
    assert len(ids) == len(set(ids))
    known = set(iso_codes()) | {o.code for o in bundled.non_state_parties}
    for t in bundled.treaties:
        assert set(t.recorded_states) <= known, t.id
        dates = [e.date for e in t.events]
        assert dates == sorted(dates), t.id
        for key in (t.signed, t.opened_for_signature, t.entry_into_force):
            assert key is None or key.source.strip()
        for e in t.events:
            assert e.source.strip(), (t.id, e)
            assert e.party is None or e.party in known
        if t.opened and t.in_force_from:
            assert t.opened <= t.in_force_from, t.id


def test_no_status_is_stored() -> None:
    text = bundled_path().read_text(encoding="utf-8")
    assert not re.search(r"^\s*(status|in_force|expired|days_left):", text, re.MULTILINE)


@pytest.mark.parametrize(
    ("treaty_id", "day", "expected"),
    [
        ("inf-treaty", "2019-08-01", Status.SUSPENDED),
        ("inf-treaty", "2019-08-03", Status.TERMINATED),
        ("tpnw", "2021-01-21", Status.NOT_IN_FORCE),
        ("tpnw", "2021-01-22", Status.IN_FORCE),
        ("new-start", "2015-06-01", Status.IN_FORCE),
        ("new-start", "2023-03-01", Status.SUSPENDED),
        ("new-start", "2026-11-28", Status.EXPIRED),
        ("abm-treaty", "2002-06-13", Status.TERMINATED),
        ("start-i", "2009-12-05", Status.EXPIRED),
        ("salt-i", "1977-10-03", Status.EXPIRED),
        ("sort", "2011-02-05", Status.TERMINATED),
        ("ctbt", "2026-11-28", Status.NOT_IN_FORCE),
        ("npt", "2026-11-28", Status.IN_FORCE),
        ("cwc", "1997-04-29", Status.IN_FORCE),
        ("pmda", "2025-11-06", Status.TERMINATED),
    ],
)
def test_known_statuses(bundled: Dataset, treaty_id: str, day: str, expected: Status) -> None:
    assert status_on(treaty(bundled, treaty_id), D(day)) is expected


def test_new_start_expired_after_its_2021_extension(bundled: Dataset) -> None:
    now = assess(treaty(bundled, "new-start"), D("2026-11-28"))
    assert (now.status, now.since, now.expires_by) == (Status.EXPIRED, D("2026-02-05"), "extension")


@pytest.mark.parametrize(
    ("treaty_id", "party", "day", "expected"),
    [
        ("open-skies", "USA", "2020-11-21", PartyStatus.PARTY),
        ("open-skies", "USA", "2020-11-22", PartyStatus.WITHDRAWN),
        ("open-skies", "RUS", "2021-12-18", PartyStatus.WITHDRAWN),
        ("ctbt", "RUS", "2023-11-02", PartyStatus.DERATIFIED),
        ("ctbt", "USA", "2026-11-28", PartyStatus.SIGNATORY),
        ("npt", "PRK", "2004-01-01", PartyStatus.WITHDRAWN),
        ("cfe-treaty", "RUS", "2023-11-07", PartyStatus.WITHDRAWN),
        ("ottawa-convention", "LTU", "2025-12-27", PartyStatus.WITHDRAWN),
        ("ottawa-convention", "POL", "2026-02-20", PartyStatus.WITHDRAWN),
        # Ukraine's declared suspension of 2025 is a claim the Convention does not provide for.
        ("ottawa-convention", "UKR", "2026-11-28", PartyStatus.SUSPENSION_CLAIMED),
        # Issue #13's wrong answers, each now right.
        ("ottawa-convention", "UKR", "2006-05-31", PartyStatus.RATIFIED),
        ("ottawa-convention", "UKR", "2006-06-01", PartyStatus.PARTY),
        ("ottawa-convention", "FIN", "2005-01-01", PartyStatus.NOT_PARTY),
        ("ottawa-convention", "EST", "2005-01-01", PartyStatus.PARTY),
        ("ottawa-convention", "FIN", "2026-01-10", PartyStatus.WITHDRAWN),
        ("ccw", "USA", "2026-11-28", PartyStatus.PARTY),
        ("outer-space-treaty", "USA", "2026-11-28", PartyStatus.PARTY),
        ("outer-space-treaty", "RUS", "2026-11-28", PartyStatus.PARTY),
        ("vienna-document", "MNE", "1995-01-01", PartyStatus.NOT_YET_EXISTING),
        ("npt", "SUN", "2026-11-28", PartyStatus.CEASED_TO_EXIST),
        ("npt", "RUS", "2026-11-28", PartyStatus.PARTY),
        ("inf-treaty", "RUS", "1989-01-01", PartyStatus.NOT_YET_EXISTING),
        ("att", "USA", "2026-11-28", PartyStatus.SIGNATURE_WITHDRAWN),
        ("ctbt", "USA", "2026-11-28", PartyStatus.SIGNATORY),
        ("tpnw", "DEU", "2026-11-28", PartyStatus.NOT_PARTY),
        ("cluster-munitions", "LTU", "2025-03-06", PartyStatus.WITHDRAWN),
        # Issue #20 item 5: the 2025 Ottawa withdrawals take effect on the days the UN list's End
        # Notes give (as of 2026-02-03), not a day before; Poland's on the day given in advance.
        ("ottawa-convention", "EST", "2025-12-26", PartyStatus.PARTY),
        ("ottawa-convention", "EST", "2025-12-27", PartyStatus.WITHDRAWN),
        ("ottawa-convention", "LVA", "2025-12-26", PartyStatus.PARTY),
        ("ottawa-convention", "LVA", "2025-12-27", PartyStatus.WITHDRAWN),
        ("ottawa-convention", "FIN", "2026-01-09", PartyStatus.PARTY),
        ("ottawa-convention", "POL", "2026-02-19", PartyStatus.PARTY),
        # Ukraine's Rada law (2025-07-15) is a domestic act; the claim starts with the UN communication.
        ("ottawa-convention", "UKR", "2025-07-17", PartyStatus.PARTY),
        ("ottawa-convention", "UKR", "2025-07-18", PartyStatus.SUSPENSION_CLAIMED),
        # Tonga's accession of 2025-06-25 binds from the first day of the sixth month (2025-12-01).
        ("ottawa-convention", "TON", "2025-11-30", PartyStatus.RATIFIED),
        ("ottawa-convention", "TON", "2025-12-01", PartyStatus.PARTY),
        # The other 2025 acts on the saved UN and UNODA lists, each bound on its treaty's own day.
        ("att", "VUT", "2025-12-03", PartyStatus.RATIFIED),
        ("att", "VUT", "2025-12-04", PartyStatus.PARTY),
        ("cluster-munitions", "VUT", "2026-02-28", PartyStatus.RATIFIED),
        ("cluster-munitions", "VUT", "2026-03-01", PartyStatus.PARTY),
        ("ottawa-convention", "MHL", "2025-09-01", PartyStatus.PARTY),
        ("tpnw", "GHA", "2025-12-24", PartyStatus.RATIFIED),
        ("tpnw", "GHA", "2025-12-25", PartyStatus.PARTY),
        ("tpnw", "KGZ", "2026-08-22", PartyStatus.SIGNATORY),
        ("bwc", "KIR", "2025-05-19", PartyStatus.NOT_PARTY),
        ("bwc", "KIR", "2025-05-20", PartyStatus.PARTY),
        # Tonga's CTBT and TPNW acts of 2026-07-07 are on UNODA's database only: not recorded.
        ("ctbt", "TON", "2026-08-22", PartyStatus.NOT_PARTY),
        ("tpnw", "TON", "2026-08-22", PartyStatus.NOT_PARTY),
        # The US countermeasures of 2023-06-01 are a statement: the US stays a party; Russia's
        # suspension of 2023-02-21 stands.
        ("new-start", "USA", "2023-06-02", PartyStatus.PARTY),
        ("new-start", "RUS", "2023-06-02", PartyStatus.SUSPENDED),
    ],
)
def test_known_party_standings(bundled: Dataset, treaty_id: str, party: str, day: str, expected: PartyStatus) -> None:
    history = StateHistory(bundled.state_history)
    assert standing_on(treaty(bundled, treaty_id), party, D(day), history).status is expected


@pytest.mark.parametrize(
    ("party", "day", "words"),
    [
        ("USA", "2023-06-01", "Countermeasures"),
        ("RUS", "2026-02-06", "No informal extensions"),
    ],
)
def test_new_start_statements_of_issue_20(bundled: Dataset, party: str, day: str, words: str) -> None:
    """The US countermeasures and the Kremlin's 'no informal extensions' are statements: neither
    changed the treaty's status (suspended by Russia's claim in 2023, expired on 2026-02-05)."""
    new_start = treaty(bundled, "new-start")
    [event] = [e for e in new_start.events if e.date == D(day) and e.party == party]
    assert event.type is EventType.STATEMENT
    assert words in (event.note or "")
    before, after = (status_on(new_start, D(day) + dt.timedelta(days=n)) for n in (-1, 1))
    assert before is after
