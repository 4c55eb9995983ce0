"""The cache of validated datasets: faster repeats, never stale, never trusted when corrupt."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import stat
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SMALL
from treatytrack.store import cache
from treatytrack.store.load import LoadError, load_dataset
from treatytrack.store.paths import bundled_path

BUNDLED = bundled_path()


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


@given(st.binary(max_size=4096), st.integers(min_value=0, max_value=2))
@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_file_hashed_in_blocks_has_the_key_of_its_bytes(tmp_path: Path, data: bytes, megabytes: int) -> None:
    content = data + b"x" * (megabytes << 20)  # across the 1 MiB block boundary, too
    path = tmp_path / "t.yaml"
    path.write_bytes(content)
    assert cache.file_key(path) == cache.cache_key(content)


def test_an_unreadable_file_has_no_key_and_the_load_says_why(tmp_path: Path, cache_home: Path) -> None:
    missing = tmp_path / "missing.yaml"
    assert cache.file_key(missing) is None
    with pytest.raises(LoadError, match="no such file"):
        load_dataset(missing)


def test_loaded_records_share_equal_days_and_key_sets(tmp_path: Path, cache_home: Path) -> None:
    """Shared objects are what keeps a large dataset small, in memory and in the cache."""
    data = tmp_path / "t.yaml"
    data.write_bytes(BUNDLED.read_bytes())
    for dataset in (load_dataset(data), load_dataset(data)):  # parsed, then from the cache
        events = [e for t in dataset.treaties for e in t.events]
        days = {e.date: e.date for e in events}
        assert all(e.date is days[e.date] for e in events)
        key_sets = {frozenset(e.model_fields_set): e.model_fields_set for e in events}
        assert all(e.model_fields_set is key_sets[frozenset(e.model_fields_set)] for e in events)
        assert len(key_sets) < len(events) / 10


def test_a_shared_key_set_is_not_changed_by_a_copy(tmp_path: Path, cache_home: Path) -> None:
    events = [e for t in load_dataset(BUNDLED).treaties for e in t.events if e.note is None]
    first, second = events[0], events[1]
    assert first.model_fields_set is second.model_fields_set
    before = set(first.model_fields_set)
    copied = first.model_copy(update={"note": "added"})
    assert "note" in copied.model_fields_set
    assert first.model_fields_set == before == second.model_fields_set


def test_a_missing_libyaml_is_said_once_when_yaml_is_parsed(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pure-Python parser gives the same answers several times slower: the CLI says so (on
    stderr, so the data on stdout is unchanged), only when it parses, never from the cache."""
    from typer.testing import CliRunner

    from treatytrack.cli import app
    from treatytrack.store import yamlstrict
    from treatytrack.store.load import SLOW_PARSER

    data = tmp_path / "t.yaml"
    data.write_bytes(SMALL.read_bytes())
    runner = CliRunner()
    args = ["list", "--format", "json", "--as-of", "2026-11-28", "--data", str(data)]
    fast = runner.invoke(app, args)
    assert SLOW_PARSER not in fast.stderr
    monkeypatch.setattr(yamlstrict, "LIBYAML", False)
    cached = runner.invoke(app, args)
    assert SLOW_PARSER not in cached.stderr  # served from the cache: nothing parsed
    parsed = runner.invoke(app, [*args, "--no-cache"])
    assert parsed.exit_code == 0
    assert parsed.stderr.count(SLOW_PARSER) == 1
    assert parsed.stdout == fast.stdout
    checked = runner.invoke(app, ["validate", str(data), str(data)])
    assert (checked.exit_code, checked.stderr.count(SLOW_PARSER)) == (0, 1)


# Safety: an entry is code to the unpickler, so only the user's own, and only our classes -------


class _RunsCode:
    """Pickles as a call of os.system: what a planted entry would hold."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (self.command,))


def _planted(tmp_path: Path, payload: object) -> tuple[Path, Path]:
    data = tmp_path / "t.yaml"
    data.write_bytes(SMALL.read_bytes())
    entry = cache.entry_path(cache.cache_key(data.read_bytes()))
    entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    entry.write_bytes(pickle.dumps(payload))
    entry.chmod(0o600)
    return data, entry


def test_a_pickle_that_would_run_code_is_refused_and_rewritten(tmp_path: Path, cache_home: Path) -> None:
    marker = tmp_path / "ran"
    data, entry = _planted(tmp_path, ({"version": 1}, {"version"}, _RunsCode(f"touch {marker}")))
    planted = entry.read_bytes()
    assert cache.read(cache.cache_key(data.read_bytes())) is None
    assert not marker.exists()
    assert load_dataset(data) == load_dataset(data, use_cache=False)  # a miss: parsed, and stored afresh
    assert not marker.exists()
    assert cache.read(cache.cache_key(data.read_bytes())) is not None
    pickle.loads(planted)  # the payload is live: a plain unpickler runs it
    assert marker.exists()


@pytest.mark.parametrize(
    "payload",
    [
        ({"version": 1}, {"version"}, 0),  # not the dataset's fields
        ([], set(), 0),
        ({"version": 1, "reviewed": dt.date(2026, 1, 1), "non_state_parties": ()}, ["version"], 0),
        "a string",
    ],
)
def test_an_entry_of_the_wrong_shape_is_a_miss(tmp_path: Path, cache_home: Path, payload: object) -> None:
    data, _ = _planted(tmp_path, payload)
    assert cache.read(cache.cache_key(data.read_bytes())) is None
    assert load_dataset(data).treaties


def _entry_of_another_file(tmp_path: Path) -> tuple[Path, Path]:
    """The entry for `t.yaml` holds the bundled dataset: served only if the cache is trusted."""
    data = tmp_path / "t.yaml"
    data.write_bytes(SMALL.read_bytes())
    other = tmp_path / "other.yaml"
    other.write_bytes(BUNDLED.read_bytes())
    load_dataset(other)
    (source,) = cache.cache_dir().glob("dataset-*.pickle")
    entry = cache.entry_path(cache.cache_key(data.read_bytes()))
    source.rename(entry)
    return data, entry


def test_the_cache_directory_is_made_private(tmp_path: Path, cache_home: Path) -> None:
    load_dataset(SMALL)
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    (entry,) = cache_home.glob("dataset-*.pickle")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o1777])
def test_a_directory_others_can_write_to_is_not_used(tmp_path: Path, cache_home: Path, mode: int) -> None:
    data, entry = _entry_of_another_file(tmp_path)
    assert len(load_dataset(data).treaties) > len(load_dataset(data, use_cache=False).treaties)  # served as planted
    cache_home.chmod(mode)
    assert cache.read(cache.cache_key(data.read_bytes())) is None
    assert load_dataset(data) == load_dataset(data, use_cache=False)
    assert list(cache_home.glob("dataset-*.pickle")) == [entry]  # nothing written there either


def test_the_command_line_says_why_the_cache_is_not_used(tmp_path: Path, cache_home: Path) -> None:
    from typer.testing import CliRunner

    from treatytrack.cli import app

    cache_home.mkdir(mode=0o700)
    cache_home.chmod(0o777)
    result = CliRunner().invoke(app, ["list", "--as-of", "2026-11-28", "--data", str(SMALL), "--format", "json"])
    assert result.exit_code == 0
    assert f"note: not using the cache in {cache_home}: others can write to it" in result.stderr


@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_an_entry_others_can_write_to_is_not_read(tmp_path: Path, cache_home: Path, mode: int) -> None:
    data, entry = _entry_of_another_file(tmp_path)
    entry.chmod(mode)
    assert cache.read(cache.cache_key(data.read_bytes())) is None
    assert load_dataset(data) == load_dataset(data, use_cache=False)


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give files away")
def test_an_entry_or_directory_of_another_user_is_not_read(tmp_path: Path, cache_home: Path) -> None:
    data, entry = _entry_of_another_file(tmp_path)
    os.chown(entry, 65534, 65534)
    assert cache.read(cache.cache_key(data.read_bytes())) is None
    os.chown(entry, 0, 0)
    os.chown(cache_home, 65534, 65534)
    assert cache.read(cache.cache_key(data.read_bytes())) is None


def test_a_symlinked_entry_is_not_followed(tmp_path: Path, cache_home: Path) -> None:
    data, entry = _entry_of_another_file(tmp_path)
    elsewhere = tmp_path / "elsewhere.pickle"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert cache.read(cache.cache_key(data.read_bytes())) is None


def test_the_key_changes_with_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edited treatytrack (a checkout, a reinstall of the same version) never reads entries
    written by other code: its source files are part of the key."""
    package = tmp_path / "treatytrack"
    (package / "render").mkdir(parents=True)
    (package / "models.py").write_text("x = 1\n")
    (package / "render" / "table.py").write_text("y = 1\n")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    keys = set()
    for edit in (None, "models.py", "render/table.py"):
        if edit is not None:
            (package / edit).write_text("changed = True\n")
        cache._versions.cache_clear()
        keys.add(cache.cache_key(b"the same data"))
    cache._versions.cache_clear()
    assert len(keys) == 3


def test_the_fingerprint_is_cheap() -> None:
    cache._versions.cache_clear()
    started = time.perf_counter()
    cache._versions()
    assert time.perf_counter() - started < 0.05  # measured: about 0.4 ms


def test_the_restricted_unpickler_reads_back_everything_the_models_hold(tmp_path: Path, cache_home: Path) -> None:
    """Every class a dataset's records use is one the unpickler accepts (they are found from the
    models, not listed): the bundled dataset comes back from the cache whole, not as a miss."""
    data = tmp_path / "t.yaml"
    data.write_bytes(BUNDLED.read_bytes())
    parsed = load_dataset(data)
    key = cache.file_key(data)
    assert key is not None
    assert cache.read(key) == parsed


def write_entries(home: Path, count: int, what: str = "dataset") -> list[Path]:
    """`count` entries of `what`, each a second older than the next."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = home / f"{what}-{number:064x}.pickle"
        path.write_bytes(pickle.dumps(number))
        os.utime(path, (1_000_000 + number, 1_000_000 + number))
        paths.append(path)
    return paths


def test_a_write_keeps_the_most_recently_used_entries_of_its_kind(tmp_path: Path, cache_home: Path) -> None:
    old = write_entries(cache_home, cache.KEEP + 3)
    changes = write_entries(cache_home, cache.KEEP + 3, "changes")
    other = cache_home / "notes.txt"
    other.write_text("mine")
    assert cache.read_own(old[0], pickle.load) == 0  # read: used now, so kept
    data = tmp_path / "t.yaml"
    data.write_bytes(SMALL.read_bytes())
    load_dataset(data)  # writes one more dataset entry
    kept = sorted(p.name for p in cache_home.glob("dataset-*.pickle"))
    expected = {old[0].name, cache.entry_path(cache.cache_key(data.read_bytes())).name}
    expected |= {p.name for p in old[-(cache.KEEP - 2) :]}
    assert len(kept) == cache.KEEP
    assert set(kept) == expected
    assert all(p.exists() for p in changes)  # another kind: left to its own writes
    assert other.read_text() == "mine"  # not an entry: never removed


def test_a_write_removes_temporary_files_a_killed_run_left(tmp_path: Path, cache_home: Path) -> None:
    cache_home.mkdir(mode=0o700, parents=True)
    left = cache_home / ".tmp-abandoned.pickle"
    left.write_bytes(b"half")
    os.utime(left, (time.time() - 2 * 86400, time.time() - 2 * 86400))
    writing = cache_home / ".tmp-being-written.pickle"  # another run's, still at work
    writing.write_bytes(b"half")
    data = tmp_path / "t.yaml"
    data.write_bytes(SMALL.read_bytes())
    load_dataset(data)
    assert not left.exists()
    assert writing.exists()


def test_pruning_follows_no_link(tmp_path: Path, cache_home: Path) -> None:
    outside = tmp_path / "precious.pickle"
    outside.write_bytes(b"keep me")
    write_entries(cache_home, cache.KEEP)
    link = cache_home / f"dataset-{'f' * 64}.pickle"
    link.symlink_to(outside)
    os.utime(link, (1, 1), follow_symlinks=False)
    data = tmp_path / "t.yaml"
    data.write_bytes(SMALL.read_bytes())
    load_dataset(data)
    assert outside.read_bytes() == b"keep me"
