"""The whole record's changes kept in the cache (`store.changes`): a window read from it is the
window the core works out, and an entry that is missing, corrupt or forged is worked out again."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import SMALL
from tests.test_standing import tables
from treatytrack.cli import app
from treatytrack.core import history as core
from treatytrack.core.models import Dataset
from treatytrack.core.standing import StateHistory
from treatytrack.store import cache
from treatytrack.store import changes as kept
from treatytrack.store.load import load_dataset, load_keyed
from treatytrack.store.paths import bundled_path

D = dt.date.fromisoformat
runner = CliRunner()


def whole_record(dataset: Dataset) -> list[core.Change]:
    return core.changes_between(dataset.treaties, dt.date.min, dt.date.max, StateHistory(dataset.state_history))


def in_window(changes: list[core.Change], start: dt.date, end: dt.date) -> list[core.Change]:
    return [c for c in changes if start < c.date <= end]


# --- a window of the whole record is the window the core reads ---------------------------------


@settings(max_examples=200, deadline=None)
@given(case=tables(), start=st.dates(D("1960-01-01"), D("2040-12-31")), days=st.integers(0, 20000))
def test_a_window_of_the_whole_record_is_the_window_itself(
    case: tuple[Dataset, str], start: dt.date, days: int
) -> None:
    dataset, _ = case
    end = min(start + dt.timedelta(days=days), dt.date(2040, 12, 31))
    history = StateHistory(dataset.state_history)
    assert core.changes_between(dataset.treaties, start, end, history) == in_window(whole_record(dataset), start, end)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2016-11-28", "2026-11-28"),
        ("1991-12-25", "1991-12-26"),
        ("1900-01-01", "1970-03-05"),
        ("2019-02-01", "2019-08-02"),
    ],
)
def test_the_bundled_windows_agree(start: str, end: str) -> None:
    dataset = load_dataset(bundled_path(), use_cache=False)
    history = StateHistory(dataset.state_history)
    window = core.changes_between(dataset.treaties, D(start), D(end), history)
    assert window
    assert window == in_window(whole_record(dataset), D(start), D(end))


# --- the command reads the kept record, and works it out again when it cannot ------------------


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TREATYTRACK_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "t.yaml"
    copy.write_bytes(SMALL.read_bytes())
    return copy


def diff(data: Path, *more: str) -> str:
    result = runner.invoke(app, ["diff", "1980-01-01", "2026-11-28", "--data", str(data), *more])
    assert result.exit_code == 0, result.output
    return result.stdout


def entry(data: Path) -> Path:
    _, key = load_keyed(data)
    assert key is not None
    return cache.entry_path(key, "changes")


def test_the_first_diff_keeps_the_record_and_the_next_reads_it(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = diff(data)
    assert "INF Treaty" in first
    assert entry(data).is_file()

    def refused(*args: object) -> None:
        raise AssertionError("worked out again, though the record was kept")

    monkeypatch.setattr(core, "changes_between", refused)
    assert diff(data) == first
    assert diff(data, "--format", "json") != first  # the kept record serves every format


OVERLAY = """\
version: 1
treaties:
  - id: ctbt
    events:
      - date: 2025-01-02
        type: ratified
        party: USA
        source: https://example.org/ratified
"""


def test_no_cache_and_an_overlay_work_the_window_out_and_keep_nothing(data: Path, tmp_path: Path) -> None:
    expected = diff(data)
    entry(data).unlink()
    assert diff(data, "--no-cache") == expected
    assert not entry(data).exists()
    overlay = tmp_path / "extra.yaml"
    overlay.write_text(OVERLAY, encoding="utf-8")
    with_overlay = diff(data, "--extra", str(overlay))
    assert "2025-01-02  CTBT" in with_overlay and "2025-01-02" not in expected
    assert not entry(data).exists()
    assert diff(data) == expected  # the base file's record, kept now, has not the overlay's change
    assert entry(data).exists()
    assert diff(data, "--extra", str(overlay)) == with_overlay


def rows_of(data: Path) -> list[tuple[object, ...]]:
    dataset = load_dataset(data)
    return [(c.date, c.treaty.id, c.party, c.before, c.after, c.why, c.kind) for c in whole_record(dataset)]


@pytest.mark.parametrize(
    "forged",
    [
        pytest.param(lambda rows: b"not a pickle", id="not-a-pickle"),
        pytest.param(lambda rows: pickle.dumps({"rows": rows}), id="not-a-list"),
        pytest.param(lambda rows: pickle.dumps([(*r[:6],) for r in rows]), id="short-rows"),
        pytest.param(lambda rows: pickle.dumps(list(reversed(rows))), id="out-of-order"),
        pytest.param(lambda rows: pickle.dumps([(r[0], "no-such-treaty", *r[2:]) for r in rows]), id="unknown-treaty"),
        pytest.param(lambda rows: pickle.dumps([(*r[:3], 7, *r[4:]) for r in rows]), id="not-text"),
        pytest.param(lambda rows: pickle.dumps([(Path("x"), *r[1:]) for r in rows]), id="a-class-not-allowed"),
        pytest.param(lambda rows: pickle.dumps(rows) + b"more", id="trailing-bytes"),
    ],
)
def test_an_entry_that_is_not_the_record_is_worked_out_again(data: Path, forged: object) -> None:
    expected = diff(data)
    path = entry(data)
    path.write_bytes(forged(rows_of(data)))  # type: ignore[operator]
    assert diff(data) == expected
    assert pickle.loads(path.read_bytes()) == rows_of(data)  # written again, whole


def test_an_entry_is_kept_by_the_bytes_of_its_file(data: Path) -> None:
    before = diff(data)
    data.write_bytes(SMALL.read_bytes().replace(b"short_name: INF Treaty", b"short_name: INF Pact!!"))
    after = diff(data)
    assert "INF Pact!!" in after and "INF Treaty" not in after
    assert after.replace("INF Pact!!", "INF Treaty") == before


def test_the_empty_window_hint_is_the_same_from_the_kept_record(data: Path) -> None:
    args = ["diff", "2030-01-01", "2030-02-01", "--data", str(data)]
    worked_out = runner.invoke(app, [*args, "--no-cache"])
    diff(data)  # keeps the record
    kept_record = runner.invoke(app, args)
    assert worked_out.exit_code == kept_record.exit_code == 0
    assert "the last before is" in worked_out.stderr
    assert kept_record.stderr == worked_out.stderr


def test_the_store_reads_the_same_window_the_core_works_out(data: Path) -> None:
    dataset, key = load_keyed(data)
    history = StateHistory(dataset.state_history)
    chosen = dataset.treaties[1:]
    for start, end in [(D("1900-01-01"), D("2030-01-01")), (D("1987-12-08"), D("1988-06-01"))]:
        expected = core.changes_between(chosen, start, end, history)
        assert kept.changes_between(dataset, key, chosen, start, end, history) == expected  # works it out
        assert kept.changes_between(dataset, key, chosen, start, end, history) == expected  # reads it back
