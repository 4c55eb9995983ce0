"""Data files are examined before they are read: only regular files, and none over the size limit,
whichever door they come in by (--data, --extra, validate, the cache key, completion, --version)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app
from treatytrack.cli.completion import complete_treaty
from treatytrack.store import yamlstrict
from treatytrack.store.paths import MAX_BYTES

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent
CONSOLE_SCRIPT = "import sys; sys.argv[0] = 'treatytrack'; from treatytrack.entry import main; main()"


@pytest.fixture
def huge(tmp_path: Path) -> Path:
    """A sparse file just over the limit: no disk used, and reading it would still take time."""
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)  # no writer: opening it for reading the usual way would wait for ever
    return path


@pytest.fixture
def nothing_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything over the limit is decoded, parsed or hashed."""
    real_decode, real_compose, real_digest = yamlstrict.decode, yamlstrict.compose, hashlib.file_digest

    def decode(data: bytes) -> str:
        assert len(data) <= MAX_BYTES, "an oversized file was read"
        return real_decode(data)

    def compose(text: str) -> object:
        assert len(text) <= MAX_BYTES, "an oversized file was parsed"
        return real_compose(text)

    def file_digest(handle: object, digest: object) -> object:
        assert os.fstat(handle.fileno()).st_size <= MAX_BYTES, "an oversized file was hashed"  # type: ignore[attr-defined]
        return real_digest(handle, digest)  # type: ignore[arg-type]

    monkeypatch.setattr(yamlstrict, "decode", decode)
    monkeypatch.setattr(yamlstrict, "compose", compose)
    monkeypatch.setattr(hashlib, "file_digest", file_digest)


def invoke(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and all that was said (validate prints its problems on stdout)."""
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stdout + result.stderr


def test_dev_zero_ends_at_once() -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", CONSOLE_SCRIPT, "list", "--as-of", "2026-11-28", "--data", "/dev/zero"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert time.monotonic() - started < 20
    assert done.returncode == 1
    assert (
        done.stderr.splitlines()[0]
        == "/dev/zero: is a character device, not a file; treatytrack reads data from files only"
    )


@pytest.mark.usefixtures("nothing_is_read")
@pytest.mark.parametrize("door", ["--data", "--extra", "validate"])
def test_a_file_over_the_limit_is_refused_before_it_is_read(door: str, huge: Path) -> None:
    if door == "validate":
        code, _, err = invoke("validate", str(huge))
    elif door == "--data":
        code, _, err = invoke("list", "--as-of", "2026-11-28", "--data", str(huge))
    else:
        code, _, err = invoke("list", "--as-of", "2026-11-28", "--data", str(SMALL), "--extra", str(huge), "--no-cache")
    assert code == 1
    assert f"{huge}: is larger than 64 MiB (64.0 MiB); split it into several files" in err.splitlines()


@pytest.mark.parametrize("door", ["--data", "--extra", "validate"])
def test_a_fifo_is_refused_without_waiting_for_a_writer(door: str, fifo: Path) -> None:
    if door == "validate":
        code, _, err = invoke("validate", str(fifo))
    elif door == "--data":
        code, _, err = invoke("list", "--as-of", "2026-11-28", "--data", str(fifo))
    else:
        code, _, err = invoke("list", "--as-of", "2026-11-28", "--data", str(SMALL), "--extra", str(fifo))
    assert code == 1
    assert f"{fifo}: is a FIFO (a pipe), not a file; treatytrack reads data from files only" in err.splitlines()


def test_a_directory_is_refused(tmp_path: Path) -> None:
    code, _, err = invoke("validate", str(tmp_path))
    assert code == 1
    assert err.splitlines()[0] in (
        f"{tmp_path}: is a directory, not a YAML file",
        f"{tmp_path}: is a directory, not a file; treatytrack reads data from files only",
    )


def test_completion_and_version_do_not_wait_or_read_devices(fifo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in (str(fifo), "/dev/zero"):
        monkeypatch.setenv("TREATYTRACK_DATA", path)
        assert complete_treaty("") == []
        result = runner.invoke(app, ["--version"])
        assert result.stdout.endswith("(dataset reviewed unknown)\n")
