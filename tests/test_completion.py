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
    assert complete_party("r") == ["RUS"]
    assert "PRK" in complete_party("")
