"""Exit statuses a script can rely on: 0 success, 1 a finding, 2 a usage error, 70 a bug,
74 an I/O failure, 141 (SIGPIPE) a reader that went away; never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SMALL
from treatytrack import cli

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-28"
# What the installed `treatytrack` script runs, after `INJECT` (if any) has broken something.
CONSOLE_SCRIPT = "import sys; sys.argv[0] = 'treatytrack'; from treatytrack.entry import main; main()"
INJECT = (
    "import treatytrack.core.query as q\n"
    "def broken(*args, **kwargs):\n"
    "    raise RuntimeError('injected failure \\x1b[2J')\n"
    "q.treaty_rows = broken\n"
)
LIST = ["list", "--as-of", AS_OF, "--format", "json", "--data", str(SMALL)]


def script(args: list[str], *, inject: bool = False, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    code = (INJECT if inject else "") + CONSOLE_SCRIPT
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )
    return done.returncode, done.stdout, done.stderr


def test_a_crash_exits_70_with_one_line_asking_for_a_bug_report() -> None:
    code, out, err = script(LIST, inject=True)
    assert code == 70
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("treatytrack: internal error (RuntimeError: injected failure \\x1b[2J). This is a bug")
    assert "please report it" in err
    assert "Traceback" not in err and "╭" not in err and "\x1b" not in err


def test_debug_shows_the_traceback() -> None:
    code, _, err = script(LIST, inject=True, env={"TREATYTRACK_DEBUG": "1"})
    assert code == 70
    assert "Traceback (most recent call last)" in err
    assert err.rstrip().splitlines()[-1].startswith("treatytrack: internal error (RuntimeError")


def test_a_crash_in_process_through_main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from treatytrack.api.data import TreatyData

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("no such thing")

    monkeypatch.setattr(TreatyData, "rows", broken)  # what `list` asks for its rows
    monkeypatch.setattr(sys, "argv", ["treatytrack", *LIST])
    monkeypatch.setattr(cli.program.app, "registered_commands", list(cli.program.app.registered_commands))
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 70
    err = capsys.readouterr().err
    assert err.startswith("treatytrack: internal error (KeyError: 'no such thing').")
    assert err.count("\n") == 1


def test_findings_and_usage_errors_keep_their_statuses() -> None:
    assert script(["show", "no-such-treaty", "--as-of", AS_OF, "--data", str(SMALL)])[0] == 1
    assert script(["list", "--as-of", "2026-02-30"])[0] == 2


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_output_that_cannot_be_written_exits_74() -> None:
    """`treatytrack export json > /dev/full`: the system's failure, said plainly; not a bug (70),
    not a finding (1)."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-c", CONSOLE_SCRIPT, "export", "json", "--as-of", AS_OF],
            cwd=REPO,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 74
    assert done.stderr in (
        "treatytrack: I/O error: No space left on device\n",  # a write while the command ran
        "treatytrack: cannot write the output: No space left on device\n",  # the last flush
    )


@pytest.mark.parametrize("launcher", [["-c", CONSOLE_SCRIPT], ["-m", "treatytrack"]], ids=["script", "python-m"])
def test_a_closed_pipe_ends_the_process_by_sigpipe_quietly(launcher: list[str]) -> None:
    """`list --format json | head -1`: the conventional end, the one `cat` has (the shell
    reports 128 + 13 = 141), never status 1 and never a message. The reader is closed before
    the process starts, so its first write fails, whatever the pipe's buffer could hold."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run(
            [sys.executable, *launcher, *LIST],
            cwd=REPO,
            stdout=writer,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (-signal.SIGPIPE, b"")


def test_the_shell_sees_141() -> None:
    """The same through a shell's pipeline: the reader (`true`) has exited before treatytrack
    starts writing, and bash reports the writer's status as 128 + SIGPIPE."""
    command = (
        f"(sleep 0.5; exec {sys.executable} -c {CONSOLE_SCRIPT!r} {' '.join(LIST)}) | true; echo ${{PIPESTATUS[0]}}"
    )
    done = subprocess.run(["bash", "-c", command], cwd=REPO, capture_output=True, text=True, timeout=60, check=False)
    assert (done.stdout, done.stderr) == ("141\n", "")
