"""Exit statuses and what is said on stderr: failures (with their status), notes that
-q/--quiet leaves out, and the one-line report of a crash.

A finding exits 1, a usage error 2, a bug 70 and a failed read or write 74, so that a script
can tell them apart.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer

from treatytrack.cli.settings import settings

EXIT_FINDING = 1
EXIT_USAGE = 2
EXIT_SOFTWARE = 70  # sysexits.h EX_SOFTWARE: an internal error, a bug to report
EXIT_IOERR = 74  # sysexits.h EX_IOERR: reading or writing failed (a full disk, a vanished file)


def interactive(stream: Any) -> bool:
    """Whether `stream` is a terminal a person reads (TTY_COMPATIBLE=1 or 0 says so outright, as
    Rich reads it); FORCE_COLOR forces colour, not this."""
    declared = os.environ.get("TTY_COMPATIBLE", "")
    if declared in ("0", "1"):
        return declared == "1"
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _say(message: str) -> None:
    """A message on stderr: on a terminal, wrapped at spaces to its width (the terminal would cut words)."""
    if interactive(sys.stderr):
        import shutil
        import textwrap

        width = shutil.get_terminal_size().columns
        message = "\n".join(
            textwrap.fill(line, width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)
            for line in message.splitlines()
        )
    typer.echo(message, err=True)


def fail(message: str, code: int = EXIT_FINDING) -> NoReturn:
    _say(message)
    raise typer.Exit(code)


def note(message: str) -> None:
    """Something worth knowing that is not an error; -q/--quiet leaves it out."""
    if not settings.quiet:
        _say(message)


def review_note(reviewed: dt.date, day: dt.date, projected: Sequence[str]) -> None:
    """Say, once, that statuses shown are projections: `projected` names the treaties whose
    status (or a party's standing) in the output follows from their rules after the review date."""
    if not projected:
        return
    names = list(dict.fromkeys(projected))
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    subject = f"the status of {shown} on {day} is" if len(names) == 1 else f"the statuses of {shown} on {day} are"
    note(
        f"note: the data was reviewed on {reviewed}; {subject} projected from the treaties' rules "
        "(expiry dates, notice periods), not observed."
    )


def period_bars_note(short_names: Sequence[str]) -> None:
    """Say, once, that a chart's bar starts on the first day of a month, a year or a span: the
    treaties named have a key date (a regime's founding, a protocol's first day in force) known
    only to that period, not to the day."""
    if not short_names:
        return
    names = ", ".join(dict.fromkeys(short_names))
    note(
        f"note: {names}: a key date is known only to a month, a year or a span of days; the chart's bar starts on "
        "that period's first day, which is not the recorded day."
    )


def crash_status(error: Exception) -> int:
    """Report an exception no command handled, in one line on stderr; the exit status to use.

    An operating-system error (a full disk, an output that vanished) is not a bug: it is said
    plainly and exits 74. Anything else is a bug: it exits 70, never 1, so that a script can
    tell it from a finding. TREATYTRACK_DEBUG=1 prints the traceback too.
    """
    from treatytrack.core.controls import escape

    if os.environ.get("TREATYTRACK_DEBUG"):
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    if isinstance(error, OSError):
        where = f": {os.fsdecode(error.filename)}" if error.filename is not None else ""
        message, status = f"treatytrack: I/O error: {error.strerror or error}{where}", EXIT_IOERR
    else:
        detail = str(error)
        detail = f"{detail[:200]}..." if len(detail) > 200 else detail
        message = (
            f"treatytrack: internal error ({type(error).__name__}{': ' + detail if detail else ''}). "
            "This is a bug: please report it with the command you ran (TREATYTRACK_DEBUG=1 shows the traceback)."
        )
        status = EXIT_SOFTWARE
    with contextlib.suppress(OSError):
        print(escape(message), file=sys.stderr, flush=True)
    return status
