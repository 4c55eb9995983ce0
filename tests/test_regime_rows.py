"""Known answers for the HCoC, PSI and Wassenaar rows of issue 20 (the rows-regimes branch), read
through `party --format json` on pinned days: each row's day comes from the source named beside
it in data/treaties.yaml, so a row lost, mistyped or dated a day off changes these answers."""

from __future__ import annotations

import pytest

from tests.conftest import party_standings
from treatytrack.core.models import Dataset
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path

REGIMES = ("hcoc", "psi", "wassenaar")


def regime_standings(code: str, day: str) -> dict[str, tuple[str, str | None]]:
    return party_standings(code, day, REGIMES)


@pytest.mark.parametrize(
    ("code", "day", "regime", "expected"),
    [
        # The launch subscribers the Dutch Foreign Minister names (letter of 6 December 2002):
        # the whole EU of then, the US, Libya and Russia, subscribing from 25 November 2002.
        ("RUS", "2026-06-01", "hcoc", ("subscribing", "2002-11-25")),
        ("FRA", "2026-06-01", "hcoc", ("subscribing", "2002-11-25")),
        ("GBR", "2026-06-01", "hcoc", ("subscribing", "2002-11-25")),
        ("DEU", "2002-11-25", "hcoc", ("subscribing", "2002-11-25")),
        ("LBY", "2026-06-01", "hcoc", ("subscribing", "2002-11-25")),
        ("USA", "2026-06-01", "hcoc", ("subscribing", "2002-11-25")),
        ("IND", "2016-05-31", "hcoc", ("not-party", None)),
        ("IND", "2016-06-01", "hcoc", ("subscribing", "2016-06-01")),
        # Russia joined the PSI on 31 May 2004 (its Foreign Ministry's statement that day).
        ("RUS", "2004-05-30", "psi", ("not-party", None)),
        ("RUS", "2004-05-31", "psi", ("endorsing", "2004-05-31")),
        ("RUS", "2026-06-01", "psi", ("endorsing", "2004-05-31")),
        # Colombia announced its endorsement on 9 April 2010 (State Department media note).
        ("COL", "2010-04-08", "psi", ("not-party", None)),
        ("COL", "2010-04-09", "psi", ("endorsing", "2010-04-09")),
        ("FRA", "2026-06-01", "psi", ("endorsing", "2003-06-12")),
        ("RUS", "2026-06-01", "wassenaar", ("member", "1996-07-12")),
    ],
)
def test_regime_standing_on_a_pinned_day(code: str, day: str, regime: str, expected: tuple[str, str | None]) -> None:
    assert regime_standings(code, day)[regime] == expected


@pytest.mark.parametrize(
    ("code", "regime"),
    [
        # Still without a dated source: the launch subscribers the Dutch letter does not name
        # (Norway) or later ones (Japan). (Wassenaar's table is a dated list since the regimes3
        # branch: tests/test_regime_lists.py.)
        ("NOR", "hcoc"),
        ("CHN", "psi"),
    ],
)
def test_what_no_source_dates_stays_not_recorded(code: str, regime: str) -> None:
    assert regime_standings(code, "2026-06-01")[regime] == ("not-recorded", None)


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(bundled_path(), use_cache=False)


@pytest.mark.parametrize("regime", REGIMES)
def test_every_dated_row_cites_its_own_source(bundled: Dataset, regime: str) -> None:
    """A compiled table has no list to stand behind its rows' days: each dated row names its own
    source, on its act or on the row (Wassenaar's co-founders cite the ACDA fact sheet; its rows
    without a day, on the list but undated, have no act to source)."""
    record = next(t for t in bundled.treaties if t.id == regime)
    assert record.participation is not None and record.participation.coverage == "partial"
    states = record.participation.states
    assert record.party_count is not None and len(states) <= record.party_count.count
    for code, row in states.items():
        acts = row.acts()
        if not acts:
            assert regime == "wassenaar" and row.note, code
            continue
        [(_, _, act)] = acts
        source = act.source if act is not None and act.source else row.source
        assert source is not None and source.startswith("http"), code
