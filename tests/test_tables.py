"""The bundled per-state tables against what their lists say: counts, sources, dates, codes."""

from __future__ import annotations

import pytest

from treatytrack.core.checks import iso_codes
from treatytrack.core.models import Act, Dataset, Treaty
from treatytrack.core.vocab import CONSENTS, ActKind
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path

# The header of each UN Treaty Collection page, STATUS AS AT 03-02-2026: (signatories, parties).
UNTC_HEADERS = {
    "enmod": (48, 78),
    "ccw": (50, 128),
    "ccw-protocol-iv": (None, 111),
    "ccw-amended-protocol-ii": (None, 107),
    "ccw-article-1-amendment": (None, 90),
    "ccw-protocol-v": (None, 99),
    "cwc": (165, 193),
    "ctbt": (187, 178),
    "ottawa-convention": (132, 162),
    "cluster-munitions": (107, 112),
    "att": (130, 117),
    "tpnw": (95, 74),
}


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(bundled_path(), use_cache=False)


def treaty(dataset: Dataset, treaty_id: str) -> Treaty:
    return next(t for t in dataset.treaties if t.id == treaty_id)


@pytest.mark.parametrize(("treaty_id", "header"), UNTC_HEADERS.items())
def test_untc_tables_match_the_list_headers(bundled: Dataset, treaty_id: str, header: tuple[int | None, int]) -> None:
    """A signatory or party the list counts is a row with a signature (or consent) and no withdrawal
    that took effect; a continued state's row (the USSR's) stands for its successor's place. Rows of
    states that had ceased to exist before the list's day (Czechoslovakia, from its End Notes) are
    not in its counts."""
    from treatytrack.core.standing import StateHistory

    record = treaty(bundled, treaty_id)
    assert record.participation is not None and record.participation.as_of is not None
    history, listed = StateHistory(bundled.state_history), record.participation.as_of
    rows = [
        row
        for code, row in record.participation.states.items()
        if row.withdrawn is None and (history.successor(code) is not None or not history.ceased_by(code, listed))
    ]
    signatories = sum(1 for row in rows if row.signed is not None)
    parties = sum(1 for row in rows if any(kind in CONSENTS for kind, _, _ in row.acts()))
    assert (signatories if header[0] is not None else None, parties) == header
    assert record.participation.as_of is not None and record.participation.as_of.isoformat() == "2026-02-03"
    assert record.participation.source is not None
    assert record.participation.source.startswith("https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=")


def test_every_table_row_has_a_source_a_known_code_and_ordered_acts(bundled: Dataset) -> None:
    known = set(iso_codes()) | {o.code for o in bundled.non_state_parties}
    for record in bundled.treaties:
        participation = record.participation
        if participation is None:
            continue
        for code, row in participation.states.items():
            assert code in known, (record.id, code)
            for kind, day, written in row.acts():
                source = (written.source if written else None) or row.source or participation.source
                assert source, (record.id, code, kind)
                if participation.as_of is not None and day > participation.as_of:
                    assert written is not None and written.source, (record.id, code, kind)
            consent = next((day for kind, day, _ in row.acts() if kind in CONSENTS), None)
            if row.signed is not None and consent is not None and record.kind.value != "bilateral":
                signed = row.signed.date if isinstance(row.signed, Act) else row.signed
                assert signed <= consent or row.succeeded is not None, (record.id, code)
        assert list(participation.states) == sorted(participation.states), record.id


def test_the_ccw_instruments_name_the_ccw(bundled: Dataset) -> None:
    for treaty_id in ("ccw-protocol-iv", "ccw-amended-protocol-ii", "ccw-article-1-amendment", "ccw-protocol-v"):
        record = treaty(bundled, treaty_id)
        assert record.parent == "ccw"
        assert record.participation is not None
        assert all(
            kind in (ActKind.CONSENTED, ActKind.SUCCEEDED, ActKind.RATIFIED, ActKind.ACCEPTED, ActKind.APPROVED)
            or kind is ActKind.ACCEDED
            for row in record.participation.states.values()
            for kind, _, _ in row.acts()
        )


# The header of survivalscores.org's rendering of UNODA's database (as of 2026-08-22): states
# joined, per treaty; its one NWFZ column counts the five zones together (105).
UNODA_JOINED = {
    "npt": 191,
    "bwc": 189,
    "tlatelolco": 33,
    "rarotonga": 14,
    "bangkok": 10,
    "pelindaba": 43,
    "semipalatinsk": 5,
}


@pytest.mark.parametrize(("treaty_id", "joined"), UNODA_JOINED.items())
def test_unoda_tables_match_the_list_header(bundled: Dataset, treaty_id: str, joined: int) -> None:
    record = treaty(bundled, treaty_id)
    assert record.participation is not None
    assert (
        record.participation.source
        == f"https://treaties.unoda.org/t/{'canwfz' if treaty_id == 'semipalatinsk' else treaty_id}"
    )
    assert record.participation.as_of is not None and record.participation.as_of.isoformat() == "2026-08-22"
    from treatytrack.core.standing import StateHistory

    history, listed = StateHistory(bundled.state_history), record.participation.as_of
    rows = [  # a state gone before the list's day, with no successor, is not on it (Czechoslovakia)
        row
        for code, row in record.participation.states.items()
        if history.successor(code) is not None or not history.ceased_by(code, listed)
    ]
    assert sum(1 for row in rows if any(kind in CONSENTS for kind, _, _ in row.acts())) == joined
    nwfz = ("tlatelolco", "rarotonga", "bangkok", "pelindaba", "semipalatinsk")
    assert sum(UNODA_JOINED[t] for t in nwfz) == 105
