"""Shell completion reads names without parsing the whole dataset."""

from __future__ import annotations

import pytest

from tests.conftest import SMALL
from treatytrack.cli.completion import complete_party, complete_treaty


@pytest.fixture(autouse=True)
def _small_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATYTRACK_DATA", str(SMALL))


def test_treaty_names_complete_ids_and_short_names() -> None:
    assert complete_treaty("new") == ["new-start", "New START"]
    assert complete_treaty("")[:2] == ["inf-treaty", "new-start"]


def test_party_codes_complete() -> None:
    assert complete_party("r") == ["RUS", "Russia", "'Russian Federation'"]
    assert "PRK" in complete_party("")
    assert all(len(c) == 3 for c in complete_party(""))  # names once something is typed


def test_party_names_complete_quoted_for_the_shell() -> None:
    assert complete_party("north") == ["'North Korea'"]
    assert complete_party("'North K") == ["'North Korea'"]  # the word as the shell gives it, quote and all
    assert complete_party("dp") == ["DPRK"]
    assert complete_party("sov") == ["'Soviet Union'"]
