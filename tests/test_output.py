"""`export -o PATH`: files replaced atomically and only with --force, links followed, FIFOs and
devices written directly, and never a file the command reads."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app, output
from treatytrack.store import paths

runner = CliRunner()
AS_OF = "2026-11-28"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data.yaml"
    copy.write_bytes(SMALL.read_bytes())
    return copy


def export(destination: str | Path, *extra: str, data: Path = SMALL) -> tuple[int, str, str]:
    args = ["export", "csv", "--as-of", AS_OF, "--data", str(data), "-o", str(destination), *extra]
    result = runner.invoke(app, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def expected_csv() -> str:
    result = runner.invoke(app, ["export", "csv", "--as-of", AS_OF, "--data", str(SMALL)], catch_exceptions=False)
    assert result.exit_code == 0
    return result.stdout


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    umask = os.umask(0o027)
    try:
        assert export(target)[0] == 0
    finally:
        os.umask(umask)
    assert target.read_text() == expected_csv()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


def test_an_existing_file_needs_force_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("mine\n")
    target.chmod(0o604)
    code, out, err = export(target)
    assert (code, out) == (2, "")
    assert err == f"treatytrack: {target} exists; add --force to replace it\n"
    assert target.read_text() == "mine\n"
    inode = target.stat().st_ino
    assert export(target, "--force")[0] == 0
    assert target.read_text() == expected_csv()
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert target.stat().st_ino != inode  # replaced by a rename: a reader sees old or new, never half


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    target.write_text("mine\n")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = export(target, "--force")
    assert code == 74
    assert err == f"treatytrack: cannot write {target}: No space left on device\n"
    assert target.read_text() == "mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_dash_is_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = export("-")
    assert (code, err) == (0, "")
    assert out == expected_csv()
    assert list(tmp_path.iterdir()) == []  # no file named "-"
    code, out, _ = export("/dev/stdout")
    assert (code, out) == (0, expected_csv())


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    real.chmod(0o600)
    link = tmp_path / "link.csv"
    link.symlink_to("real.csv")
    assert export(link)[0] == 2  # the file it points at exists
    assert export(link, "--force")[0] == 0
    assert link.is_symlink() and os.readlink(link) == "real.csv"
    assert real.read_text() == expected_csv()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def test_a_dangling_symlink_makes_its_target(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "sub" / "new.csv")
    assert export(link)[0] == 0
    assert link.is_symlink()
    assert (tmp_path / "sub" / "new.csv").read_text() == expected_csv()


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to own files as others")
def test_someone_elses_symlink_in_a_shared_directory_is_not_followed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    os.chown(shared, 65533, 65533)
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    trap = shared / "report.csv"
    trap.symlink_to(victim)
    os.lchown(trap, 65534, 65534)
    code, _, err = export(trap, "--force")
    assert code == 2
    assert "symbolic link in a shared directory, owned by someone else" in err
    assert victim.read_text() == "precious\n"


def test_a_fifo_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, err = export(fifo)  # no --force: nothing is overwritten
    reader.join(timeout=30)
    assert code == 0, err
    assert received == [expected_csv().encode()]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_dev_null_stays_a_device(force: list[str]) -> None:
    before = os.lstat("/dev/null")
    assert export("/dev/null", *force)[0] == 0
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_dev_full_is_a_failure_not_a_replacement() -> None:
    before = os.lstat("/dev/full")
    code, _, err = export("/dev/full", "--force")
    assert (code, err) == (74, "treatytrack: cannot write /dev/full: No space left on device\n")
    after = os.lstat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_directory_is_refused(tmp_path: Path) -> None:
    code, _, err = export(tmp_path, "--force")
    assert code == 2
    assert err == f"treatytrack: {tmp_path} is a directory; give a file's path\n"


def test_a_missing_directory_is_refused(tmp_path: Path) -> None:
    code, _, err = export(tmp_path / "nowhere" / "out.csv")
    assert code == 2 and "no such directory" in err


@pytest.mark.parametrize("how", ["same path", "hard link", "symlink", "relative path"])
def test_the_data_file_is_never_written_over(
    how: str, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = data.read_bytes()
    target: str | Path = data
    if how == "hard link":
        target = tmp_path / "hard.yaml"
        os.link(data, target)
    elif how == "symlink":
        target = tmp_path / "soft.yaml"
        target.symlink_to(data)
    elif how == "relative path":
        monkeypatch.chdir(tmp_path)
        target = "./data.yaml"
    code, out, err = export(target, "--force", data=data)
    assert (code, out) == (2, "")
    assert "is a file this command reads" in err and "refusing to write over it" in err
    assert data.read_bytes() == original


def test_an_extra_file_is_never_written_over(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("version: 1\ntreaties: []\n")
    assert export(extra, "--force", "--extra", str(extra), data=data)[0] == 2
    monkeypatch.setenv("TREATYTRACK_EXTRA", str(extra))
    assert export(extra, "--force", data=data)[0] == 2
    assert extra.read_text() == "version: 1\ntreaties: []\n"


def test_the_bundled_dataset_is_never_written_over(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "bundled_path", lambda: data)  # a copy stands in for it
    original = data.read_bytes()
    result = runner.invoke(app, ["export", "csv", "--as-of", AS_OF, "-o", str(data), "--force"])
    assert result.exit_code == 2
    assert data.read_bytes() == original


def test_an_inherited_descriptor_is_written_as_it_is(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with open(target, "wb") as handle:
        handle.write(b"head\n")
        handle.flush()
        plan = output.plan(f"/dev/fd/{handle.fileno()}", force=False)
        assert plan.how == "fd"
        output.write(plan, b"body\n")
    assert target.read_bytes() == b"head\nbody\n"  # appended at the descriptor's offset, not replaced


def test_refusals_come_before_the_work(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An export that cannot be written is refused before the data is loaded."""
    from treatytrack.cli import exporting

    target = tmp_path / "out.csv"
    target.write_text("mine\n")
    monkeypatch.setattr(exporting, "load", lambda *a, **k: pytest.fail("loaded before refusing"))
    assert export(target, data=data)[0] == 2


def test_a_file_that_appears_while_writing_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    plan = output.plan(str(target), force=False)
    target.write_text("someone else's\n")  # between the check and the write
    with pytest.raises(output.OutputRefused, match="appeared while the output was being written"):
        output.write(plan, b"mine\n")
    assert target.read_text() == "someone else's\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
