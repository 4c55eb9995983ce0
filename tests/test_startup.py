"""Start-up shortcuts change nothing a user can see.

`main()` keeps only the invoked command, and `cache_dir()` copies platformdirs' rule instead of
importing it. Each test compares the shortcut with the slow path it replaces. (Tables are laid out
before Rich sees them, so Rich measures no cell: tests/test_layout.py.)
"""

from __future__ import annotations

import gc
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from unittest import mock

import platformdirs
import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer._completion_classes import BashComplete, ZshComplete
from typer.testing import CliRunner

from treatytrack.cli import app, command_named, completion_args, keep_only, main
from treatytrack.entry import exit_status
from treatytrack.store.paths import cache_dir

# Each test starts fresh Python processes and times or traces their imports.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-28"
COMMANDS = {
    "list",
    "show",
    "expiring",
    "validate",
    "schema",
    "timeline",
    "export",
    "diff",
    "party",
    "limits",
    "parties",
    "standings",
}
GROUPS = {"import"}  # command groups: `import untc`
runner = CliRunner()
# CliRunner forces Click's help to 80 columns; a real process at COLUMNS=100 wraps it at min(100, 80) - 2.
HELP_WIDTH = 78

# What the installed `treatytrack` script runs. Click names the program after argv[0], and shell
# completion answers only to _<PROGRAM>_COMPLETE, so under `python -m` it would not answer to
# _TREATYTRACK_COMPLETE.
CONSOLE_SCRIPT = "import sys; sys.argv[0] = 'treatytrack'; from treatytrack.entry import main; main()"
LAUNCHERS = {
    "console-script": (["-c", CONSOLE_SCRIPT], "treatytrack"),
    "python-m": (["-m", "treatytrack"], "python -m treatytrack"),
}


def _completion_key(key: str) -> bool:
    return (
        (key.startswith("_") and key.endswith("_COMPLETE"))
        or key.startswith("_TYPER_COMPLETE")
        or key in {"COMP_WORDS", "COMP_CWORD"}
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The test's environment (see conftest) without any shell's completion request, and a fresh
    cache; output buffered, as it is for users (this machine sets PYTHONUNBUFFERED)."""
    clean = {k: v for k, v in os.environ.items() if not _completion_key(k) and k != "PYTHONUNBUFFERED"}
    return clean | {
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "PYTHONIOENCODING": "utf-8",
        "TREATYTRACK_CACHE_DIR": str(tmp_path / "cache"),
    }


@pytest.fixture
def own_commands(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[typer.models.CommandInfo]]:
    """A private copy of the app's command list, so pruning in this process leaves `app` whole
    (and the garbage collector back on, since main() turns it off)."""
    commands = list(app.registered_commands)
    monkeypatch.setattr(app, "registered_commands", commands)
    for key in [k for k in os.environ if _completion_key(k)]:
        monkeypatch.delenv(key)
    collecting = gc.isenabled()
    yield commands
    if collecting:
        gc.enable()


def run_main(launcher: Sequence[str], args: Sequence[str], env: Mapping[str, str]) -> tuple[int, str, str]:
    """`main()` in a process of its own: pruning changes that process's `app` only."""
    done = subprocess.run(
        [sys.executable, *launcher, *args],
        env=dict(env),
        cwd=REPO,
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def run_full(args: Sequence[str], prog_name: str, env: Mapping[str, str] | None = None) -> tuple[int, str, str]:
    """The same command line through `app` with every command registered."""
    result = runner.invoke(
        app, list(args), prog_name=prog_name, env=env, terminal_width=HELP_WIDTH, catch_exceptions=False
    )
    return result.exit_code, result.stdout, result.stderr


def listed_commands(help_text: str) -> list[str]:
    """The commands of every section of the top-level help (the sections after Options)."""
    sections = help_text.split("\nOptions:\n", 1)[1].split("\nExamples:\n", 1)[0].split("\n\n")[1:]
    return [line.split()[0] for part in sections for line in part.splitlines()[1:] if re.match(r"  \S", line)]


# 1. Pruning commands in main() -------------------------------------------------------------------

CASES = {
    "list-json": ["list", "--format", "json", "--as-of", AS_OF],
    "list-table": ["list", "--as-of", AS_OF],
    "show-json": ["show", "new-start", "--as-of", AS_OF, "--format", "json"],
    "help": ["--help"],
    "list-help": ["list", "--help"],
    "show-help": ["show", "--help"],
    "unknown-command": ["lst"],
    "missing-argument": ["show"],
    "unknown-treaty": ["show", "no-such-treaty", "--as-of", AS_OF],
    "bad-date": ["list", "--as-of", "2026-02-30"],
    "version": ["--version"],
    "import-help": ["import", "untc", "--help"],
    "import-no-command": ["import"],
}


@pytest.mark.parametrize("launcher", LAUNCHERS.values(), ids=LAUNCHERS.keys())
@pytest.mark.parametrize("args", CASES.values(), ids=CASES.keys())
def test_pruned_main_matches_the_full_app(
    launcher: tuple[list[str], str], args: list[str], env: dict[str, str]
) -> None:
    """Exit code, stdout and stderr are those of the app with every command."""
    command, prog_name = launcher
    assert run_main(command, args, env) == run_full(args, prog_name)


def test_top_level_help_lists_every_command(env: dict[str, str]) -> None:
    """`--help` is not a command name, so nothing is pruned before it."""
    code, out, _ = run_main(["-c", CONSOLE_SCRIPT], ["--help"], env)
    assert code == 0
    assert sorted(listed_commands(out)) == sorted(COMMANDS | GROUPS)


def test_unknown_command_still_suggests_the_closest(env: dict[str, str]) -> None:
    """A typo keeps every command, so Click can still offer the nearest one."""
    code, out, err = run_main(["-c", CONSOLE_SCRIPT], ["lst"], env)
    assert (code, out) == (2, "")
    assert "No such command 'lst'. Did you mean 'list'?" in err


def test_the_installed_script_pauses_the_collector_before_importing_the_cli() -> None:
    """The console script and `python -m` start from treatytrack.entry; importing the CLI as a
    library leaves the collector as it was."""
    probe = (
        "import sys, gc, treatytrack.entry; "
        "print(gc.isenabled(), 'typer' in sys.modules, treatytrack.entry.main.__module__)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "treatytrack.entry"]
    library = subprocess.run(
        [sys.executable, "-c", "import gc, treatytrack.cli; print(gc.isenabled())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert library.stdout.strip() == "True"
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'treatytrack = "treatytrack.entry:main"' in pyproject
    assert "from treatytrack.entry import main" in (REPO / "treatytrack" / "__main__.py").read_text(encoding="utf-8")


def test_main_really_prunes(
    own_commands: list[typer.models.CommandInfo], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The comparisons above are not vacuous: main() leaves one command and still runs it."""
    monkeypatch.setattr(sys, "argv", ["treatytrack", "schema"])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 0
    assert [c.name for c in own_commands] == ["schema"]
    assert capsys.readouterr().out.lstrip().startswith("{")


@pytest.mark.parametrize(("name", "kept"), [("list", ["list"]), ("lst", sorted(COMMANDS)), (None, sorted(COMMANDS))])
def test_keep_only(own_commands: list[typer.models.CommandInfo], name: str | None, kept: list[str]) -> None:
    """An unknown or missing name keeps everything: Typer then reports or lists them itself."""
    keep_only(name)
    assert sorted(str(c.name) for c in own_commands) == kept


def test_every_command_has_an_explicit_name() -> None:
    """keep_only matches on CommandInfo.name; a command named after its function would have None."""
    assert {c.name for c in app.registered_commands} == COMMANDS


# 2. Shell completion ------------------------------------------------------------------------------

# What is typed, (bash's index of the word being completed), and what must be offered: exactly
# these command names, or at least these values.
BASH = {
    "every-command": ("treatytrack ", "1", COMMANDS | GROUPS, "exactly"),
    "command-prefix": ("treatytrack ex", "1", {"export", "expiring"}, "exactly"),
    "treaty-name": ("treatytrack show new", "2", {"new-start"}, "at least"),
    "treaty-after-option": ("treatytrack show --as-of 2026-11-28 new", "4", {"new-start"}, "at least"),
    "party-code": ("treatytrack list --party RU", "3", {"RUS"}, "at least"),
}
ZSH = {
    "every-command": ("treatytrack ", COMMANDS | GROUPS, "exactly"),
    "command-prefix": ("treatytrack ex", {"export", "expiring"}, "exactly"),
    "treaty-name": ("treatytrack show new", {"new-start"}, "at least"),
    "party-code": ("treatytrack list --party RU", {"RUS"}, "at least"),
}


def offers(offered: set[str], wanted: set[str], how: str) -> bool:
    return offered == wanted if how == "exactly" else wanted <= offered


def zsh_names(script: str) -> list[str]:
    """The values in Typer's zsh answer: `_arguments '*: :(("a":"help" "b"))'`, one per line."""
    return re.findall(r'(?:^|\(\()"((?:[^"\\]|\\.)*)"', script, re.MULTILINE)


@pytest.mark.parametrize(("words", "cword", "wanted", "how"), BASH.values(), ids=BASH.keys())
def test_bash_completion_with_pruning(words: str, cword: str, wanted: set[str], how: str, env: dict[str, str]) -> None:
    """The pruned process offers what the full app offers, and what a user expects."""
    request = {"_TREATYTRACK_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
    code, out, err = run_main(["-c", CONSOLE_SCRIPT], [], env | request)
    assert (code, err) == (0, "")
    assert (code, out, err) == run_full([], "treatytrack", request)
    assert offers(set(out.split()), wanted, how)


@pytest.mark.parametrize(("line", "wanted", "how"), ZSH.values(), ids=ZSH.keys())
def test_zsh_completion_with_pruning(line: str, wanted: set[str], how: str, env: dict[str, str]) -> None:
    request = {"_TREATYTRACK_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    code, out, err = run_main(["-c", CONSOLE_SCRIPT], [], env | request)
    assert (code, err) == (0, "")
    assert (code, out, err) == run_full([], "treatytrack", request)
    assert offers(set(zsh_names(out)), wanted, how)


def test_another_programs_completion_request_does_not_prune(env: dict[str, str]) -> None:
    """A completion environment inherited from another program is not a request to treatytrack."""
    inherited = {"_OTHER_COMPLETE": "bash_complete", "COMP_WORDS": "other list", "COMP_CWORD": "2"}
    args = ["show", "new-start", "--as-of", AS_OF, "--format", "json"]
    assert run_main(["-c", CONSOLE_SCRIPT], args, env | inherited) == run_full(args, "treatytrack")


def test_python_m_ignores_a_completion_request_it_does_not_answer(env: dict[str, str]) -> None:
    inherited = {"_TREATYTRACK_COMPLETE": "complete_bash", "COMP_WORDS": "treatytrack show", "COMP_CWORD": "2"}
    args = ["list", "--format", "json", "--as-of", AS_OF]
    assert run_main(["-m", "treatytrack"], args, env | inherited) == run_full(args, "python -m treatytrack", inherited)


def test_command_named_examples() -> None:
    assert command_named([]) is None
    assert command_named(["list", "--as-of", AS_OF]) == "list"
    assert command_named(["--help"]) is None
    assert command_named(["-V"]) is None
    assert command_named(["lst"]) == "lst"


@given(st.lists(st.text(max_size=12), max_size=6))
def test_command_named_is_the_first_word_unless_an_option(words: list[str]) -> None:
    named = command_named(words)
    assert named is None or named == words[0]
    if words and words[0].startswith("-"):
        assert named is None
    if words and not words[0].startswith("-"):
        assert named == words[0]


BASH_REQUEST = {"_TREATYTRACK_COMPLETE": "complete_bash"}
ZSH_REQUEST = {"_TREATYTRACK_COMPLETE": "complete_zsh"}


@pytest.mark.parametrize(
    ("environ", "typed"),
    [
        ({}, None),
        ({"COMP_WORDS": "treatytrack show new", "COMP_CWORD": "2"}, None),  # no request: not completing
        ({"_OTHER_COMPLETE": "complete_bash", "COMP_WORDS": "other list x", "COMP_CWORD": "2"}, None),
        (BASH_REQUEST | {"COMP_WORDS": "treatytrack show new", "COMP_CWORD": "2"}, ["show"]),
        (BASH_REQUEST | {"COMP_WORDS": "treatytrack show new", "COMP_CWORD": "3"}, ["show", "new"]),
        (BASH_REQUEST | {"COMP_WORDS": "treatytrack ", "COMP_CWORD": "1"}, []),
        (BASH_REQUEST | {"COMP_WORDS": "treatytrack ex", "COMP_CWORD": "1"}, []),
        (BASH_REQUEST | {"COMP_WORDS": "treatytrack list --party RU", "COMP_CWORD": "3"}, ["list", "--party"]),
        (BASH_REQUEST | {"COMP_WORDS": "treatytrack show new", "COMP_CWORD": "two"}, []),
        (BASH_REQUEST | {"COMP_WORDS": "treatytrack show new", "COMP_CWORD": ""}, []),
        (BASH_REQUEST | {"COMP_WORDS": "treatytrack show new"}, []),
        (BASH_REQUEST, []),
        (ZSH_REQUEST | {"_TYPER_COMPLETE_ARGS": "treatytrack show new"}, ["show"]),
        (ZSH_REQUEST | {"_TYPER_COMPLETE_ARGS": "treatytrack show new "}, ["show", "new"]),
        (ZSH_REQUEST | {"_TYPER_COMPLETE_ARGS": "treatytrack show "}, ["show"]),
        (ZSH_REQUEST | {"_TYPER_COMPLETE_ARGS": "treatytrack ex"}, []),
        (ZSH_REQUEST | {"_TYPER_COMPLETE_ARGS": "treatytrack "}, []),
        (ZSH_REQUEST | {"_TYPER_COMPLETE_ARGS": ""}, []),
    ],
)
def test_completion_args(environ: dict[str, str], typed: list[str] | None) -> None:
    assert completion_args(environ) == typed


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.", min_size=1, max_size=8)
CLICK_COMMAND = typer.main.get_command(app)


@settings(max_examples=60)
@given(words=st.lists(WORD, max_size=5), cword=st.integers(0, 7), trailing_space=st.booleans())
def test_completion_args_reads_what_typer_reads(words: list[str], cword: int, trailing_space: bool) -> None:
    """The words main() prunes by are the words Typer's bash and zsh completion go on to parse."""
    line = " ".join(["treatytrack", *words]) + (" " if trailing_space else "")
    bash = BASH_REQUEST | {"COMP_WORDS": line, "COMP_CWORD": str(cword)}
    zsh = ZSH_REQUEST | {"_TYPER_COMPLETE_ARGS": line}
    for environ, shell in ((bash, BashComplete), (zsh, ZshComplete)):
        with mock.patch.dict(os.environ, environ, clear=True):
            typer_args, _ = shell(CLICK_COMMAND, {}, "treatytrack", "_TREATYTRACK_COMPLETE").get_completion_args()
        assert completion_args(environ) == typer_args


# 4. cache_dir -------------------------------------------------------------------------------------

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shortcut is Linux's XDG rule")


def platformdirs_cache() -> Path:
    return Path(platformdirs.user_cache_dir("treatytrack", appauthor=False))


@linux_only
@pytest.mark.parametrize("xdg", [None, "ABSOLUTE", "relative/cache", "~/cache", "", "   ", " /leading-blank"])
def test_cache_dir_follows_platformdirs(xdg: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TREATYTRACK_CACHE_DIR", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg") if xdg == "ABSOLUTE" else xdg)
    assert cache_dir() == platformdirs_cache()
    if xdg == "ABSOLUTE":
        assert cache_dir() == tmp_path / "xdg" / "treatytrack"


@linux_only
@pytest.mark.parametrize("home", [None, "ABSOLUTE", "/", "relative-home", ""])
def test_cache_dir_follows_platformdirs_for_odd_homes(
    home: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """platformdirs treats a HOME that is not absolute (empty included) as unset."""
    monkeypatch.delenv("TREATYTRACK_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", str(tmp_path) if home == "ABSOLUTE" else home)
    assert cache_dir() == platformdirs_cache()


@pytest.mark.parametrize("xdg", [None, "/somewhere/else"])
def test_treatytrack_cache_dir_overrides(xdg: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    monkeypatch.setenv("TREATYTRACK_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


@linux_only
def test_empty_treatytrack_cache_dir_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATYTRACK_CACHE_DIR", "")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache_dir() == platformdirs_cache()


# 5. Leaving without interpreter teardown ----------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "status", "printed"),
    [(None, 0, ""), (0, 0, ""), (1, 1, ""), (2, 2, ""), (258, 2, ""), ("no such file", 1, "no such file\n")],
)
def test_exit_status_is_the_interpreters(
    code: object, status: int, printed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert exit_status(code) == status
    assert capsys.readouterr().err == printed


def test_a_large_output_is_delivered_whole_before_the_process_ends(env: dict[str, str]) -> None:
    """os._exit drops whatever is still buffered, so main() flushes first; the JSON export is
    hundreds of kilobytes, many times the stream's buffer."""
    args = ["export", "json", "--as-of", AS_OF]
    code, out, err = run_main(["-c", CONSOLE_SCRIPT], args, env)
    assert (code, err) == (0, "")
    assert out == run_full(args, "treatytrack")[1]
    assert out.endswith("}\n") and len(out) > 100_000


def test_exit_handlers_still_run(env: dict[str, str]) -> None:
    """Code registered to run at exit runs, before the output is flushed, whatever the status."""
    script = "import atexit; atexit.register(print, 'handler ran'); " + CONSOLE_SCRIPT
    for args, expected in ((["--version"], 0), (["list", "--as-of", "2026-02-30"], 2)):
        code, out, _ = run_main(["-c", script], args, env)
        assert code == expected
        assert out.endswith("handler ran\n")


def test_a_running_thread_is_waited_for(env: dict[str, str]) -> None:
    """The interpreter waits for threads that are not daemons; so does main()."""
    script = (
        "import threading, time; "
        "threading.Thread(target=lambda: (time.sleep(2), print('thread done'))).start(); " + CONSOLE_SCRIPT
    )
    code, out, _ = run_main(["-c", script], ["--version"], env)
    assert code == 0
    assert out.endswith("thread done\n")


def test_a_reader_that_has_gone_gets_no_traceback(env: dict[str, str]) -> None:
    """`treatytrack export json | head -c 100`: once the reader has gone, the process ends as
    `cat` does, by SIGPIPE (the shell reports 141), with nothing on stderr; never status 1, a
    finding's. The reader is gone from the start here, so every write fails, whatever the pipe's
    buffer holds."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run(
            [sys.executable, "-c", CONSOLE_SCRIPT, "export", "json", "--as-of", AS_OF],
            env=env,
            cwd=REPO,
            stdout=writer,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (-signal.SIGPIPE, b"")


# 6. Charts and the page load only where they are drawn ---------------------------------------------

HEAVY = ("matplotlib", "numpy", "PIL", "jinja2", "markupsafe", "html5lib")


def imported_by(launcher: Sequence[str], args: Sequence[str], env: Mapping[str, str]) -> set[str]:
    """The modules a command's process had imported when it ended (exit handlers still run)."""
    probe = (
        "import atexit, sys; atexit.register(lambda: sys.stderr.write('\\nMODULES ' + ' '.join(sys.modules) + '\\n')); "
        + launcher[1]
    )
    _, _, err = run_main(["-c", probe], args, env)
    line = next(line for line in err.splitlines() if line.startswith("MODULES "))
    return {name.split(".")[0] for name in line.split()[1:]}


@pytest.mark.parametrize(
    "args",
    [["--version"], ["list", "--as-of", AS_OF], ["list", "--format", "json", "--as-of", AS_OF], ["show", "new-start"]],
    ids=["version", "list", "list-json", "show"],
)
def test_start_up_imports_no_chart_or_template_library(args: list[str], env: dict[str, str]) -> None:
    """matplotlib (and NumPy, Pillow) and Jinja2 are imported by `export svg|png|pdf|html` only."""
    found = imported_by(LAUNCHERS["console-script"][0], args, env)
    assert "typer" in found  # the probe saw the command run
    assert found.isdisjoint(HEAVY), found & set(HEAVY)


def test_importing_the_cli_and_running_list_does_not_import_matplotlib() -> None:
    """As a library (tests, tools): `import treatytrack.cli` and a `list` through CliRunner."""
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from treatytrack.cli import app\n"
        f"result = CliRunner().invoke(app, ['list', '--as-of', '{AS_OF}'])\n"
        "assert result.exit_code == 0 and 'New START' in result.stdout, result.stdout\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(sys.argv[1:])))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *HEAVY], capture_output=True, text=True, check=True, cwd=REPO, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_the_chart_command_does_import_matplotlib(env: dict[str, str], tmp_path: Path) -> None:
    """The tests above are not vacuous: the probe sees matplotlib when a chart is drawn."""
    target = tmp_path / "chart.svg"
    found = imported_by(LAUNCHERS["console-script"][0], ["export", "svg", "--as-of", AS_OF, "-o", str(target)], env)
    assert {"matplotlib", "jinja2"} & found == {"matplotlib"}
