"""The installed `treatytrack` script: pauses the cyclic garbage collector, runs the CLI, and
ends the process without tearing the interpreter down.

Paused before anything else is imported: importing Typer, Click and Pydantic allocates enough
objects to set off dozens of collections, each walking everything built so far (about 7% of a
command's start-up here). A command is short-lived and builds acyclic data, which reference
counting frees. Importing `treatytrack.cli` itself (tests, tools) leaves the collector alone.

At the end, Python's own shutdown would collect and free every module it imported (Typer,
Click, Pydantic, Rich) one object at a time: about 30 ms, a sixth of a whole command, spent on
memory the operating system takes back at once anyway. So once the command is done and its
output flushed, `main` runs the exit handlers libraries registered (as shutdown would) and ends
the process directly.

A reader that goes away (`treatytrack list | head -1`) ends the process as it ends `cat`: by
SIGPIPE, which the shell reports as status 141, with nothing printed. Python ignores SIGPIPE
and turns it into an exception, which Click would report as status 1, a finding's status.
"""

import gc

gc.disable()

import atexit  # noqa: E402
import contextlib  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
from typing import NoReturn  # noqa: E402

from treatytrack.cli import main as run  # noqa: E402

__all__ = ["exit_status", "main"]

EXIT_IOERR = 74  # as treatytrack.cli.exits: the output could not be written
EXIT_SIGPIPE = 128 + 13  # as a shell reports a process ended by SIGPIPE


def exit_status(code: object) -> int:
    """The process's exit status for `sys.exit(code)`, as the interpreter itself derives it
    (None is success; a message is printed and is a failure)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def main() -> NoReturn:
    if hasattr(signal, "SIGPIPE"):  # not on Windows
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        run()
    except SystemExit as stop:
        status = exit_status(stop.code)
    else:
        status = 0
    if _threads_running():  # the interpreter would wait for them: leave the normal way
        sys.exit(status)
    # What shutdown does first, and all of it that matters here: logging's flush, anything a
    # library registered. Then the buffered output, which os._exit would drop.
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader has gone (`| head`), and SIGPIPE was not the default
        status = EXIT_SIGPIPE
    except OSError as error:  # the output was not all delivered: a full disk, say
        with contextlib.suppress(OSError):
            print(f"treatytrack: cannot write the output: {error.strerror or error}", file=sys.stderr)
        status = EXIT_IOERR
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(status)


def _threads_running() -> bool:
    threading = sys.modules.get("threading")
    if threading is None:
        return False
    main_thread = threading.main_thread()
    return any(t is not main_thread and not t.daemon and t.is_alive() for t in threading.enumerate())
