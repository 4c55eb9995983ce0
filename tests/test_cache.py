"""The cache of validated datasets: faster repeats, never stale, never trusted when corrupt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SMALL
from treatytrack import cache
from treatytrack.load import LoadError, load_dataset


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("TREATYTRACK_CACHE_DIR", str(home))
    return home


def test_second_load_comes_from_the_cache(tmp_path: Path, cache_home: Path) -> None:
    data = tmp_path / "t.yaml"
    data.write_bytes(SMALL.read_bytes())
    first = load_dataset(data)
    entries = list(cache_home.glob("dataset-*.pickle"))
    assert len(entries) == 1
    assert load_dataset(data) == first
    assert cache.read(cache.cache_key(data.read_bytes())) == first


def test_an_edit_of_the_same_size_in_the_same_second_is_seen(tmp_path: Path, cache_home: Path) -> None:
    data = tmp_path / "t.yaml"
    original = SMALL.read_bytes()
    data.write_bytes(original)
    stat = data.stat()
    assert load_dataset(data).treaties[0].short_name == "INF Treaty"
    edited = original.replace(b"short_name: INF Treaty", b"short_name: INF Pact!!")
    assert len(edited) == len(original)
    data.write_bytes(edited)
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_dataset(data).treaties[0].short_name == "INF Pact!!"


def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path: Path, cache_home: Path) -> None:
    data = tmp_path / "t.yaml"
    data.write_bytes(SMALL.read_bytes())
    expected = load_dataset(data, use_cache=False)
    entry = cache.entry_path(cache.cache_key(data.read_bytes()))
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(b"not a pickle")
    assert load_dataset(data) == expected
    assert cache.read(cache.cache_key(data.read_bytes())) == expected


def test_invalid_files_are_never_cached(tmp_path: Path, cache_home: Path) -> None:
    data = tmp_path / "t.yaml"
    data.write_bytes(b"version: 1\n")
    with pytest.raises(LoadError):
        load_dataset(data)
    assert not list(cache_home.glob("dataset-*"))


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("TREATYTRACK_CACHE_DIR", str(blocker / "sub"))
    assert load_dataset(SMALL).treaties
