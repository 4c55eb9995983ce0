from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from treatytrack.core.models import Dataset
from treatytrack.store.load import load_dataset

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
SMALL = FIXTURES / "small.yaml"


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test sees the same narrow, colourless terminal and no user data settings."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("TREATYTRACK_DATA", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TREATYTRACK_EXTRA", raising=False)
    monkeypatch.delenv("TREATYTRACK_NO_CACHE", raising=False)
    monkeypatch.setenv("TREATYTRACK_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def small() -> Dataset:
    return load_dataset(SMALL)


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it so the change shows as a diff."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run UPDATE_GOLDEN=1 pytest to create it"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True, scope="session")
def _matplotlib_font_cache() -> None:
    """Build matplotlib's font list once, before any test captures stderr: on a machine where it
    does not exist yet, matplotlib logs "building the font cache" to stderr if that takes over
    five seconds, which a test expecting empty stderr would take for a treatytrack message."""
    with contextlib.suppress(ImportError):  # the test extra includes the charts extra
        import matplotlib.font_manager  # noqa: F401


def party_standings(code: str, day: str, ids: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """`party CODE --as-of DAY`'s status and since-day for the treaties `ids`, as the CLI prints them."""
    from typer.testing import CliRunner

    from treatytrack.cli import app

    result = CliRunner().invoke(app, ["party", code, "--as-of", day, "--format", "json"])
    assert result.exit_code == 0, result.output
    wanted = set(ids)
    return {
        row["id"]: (row["status"], row["since"]) for row in json.loads(result.stdout)["treaties"] if row["id"] in wanted
    }
