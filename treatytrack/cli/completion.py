"""Shell completion of treaty names and party codes.

Completion runs on every <TAB>, so it reads the data file with a regular expression instead of
parsing and validating it: ids, short names and state codes (a participation row's key, an event's `party`) start their lines.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from treatytrack.store.paths import MAX_BYTES, InputRefused, bundled_path, open_input

_ID = re.compile(r"^\s*-?\s*id:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)
_SHORT = re.compile(r"^\s*short_name:\s*['\"]?([^'\"\n#]+?)['\"]?\s*$", re.MULTILINE)
# A participation row (`  USA: {signed: ...}`), an event's party, or a state's history entry.
_STATES = re.compile(
    r"^\s+([A-Z][A-Z0-9]{1,7}):\s*(?:\{|$)|^\s*(?:-\s*)?party:\s*['\"]?([A-Z][A-Z0-9]{1,7})\b", re.MULTILINE
)


def _text() -> str:
    path = Path(os.environ["TREATYTRACK_DATA"]) if os.environ.get("TREATYTRACK_DATA") else bundled_path()
    try:
        with open_input(path) as handle:  # <TAB> must not wait on a FIFO or read /dev/zero
            return handle.read(MAX_BYTES).decode("utf-8", errors="replace")
    except (OSError, InputRefused):
        return ""


def complete_treaty(incomplete: str) -> list[str]:
    text = _text()
    names = dict.fromkeys(_ID.findall(text) + [s.strip() for s in _SHORT.findall(text)])
    wanted = incomplete.casefold()
    return [n for n in names if n.casefold().startswith(wanted)]


def complete_party(incomplete: str) -> list[str]:
    """The data's party codes, and (once something is typed) their names: ISO's and customary
    ones, any case or accents; a name with a space or a quote comes quoted for the shell."""
    import shlex

    from treatytrack.core.statenames import fold, names_for

    codes = sorted({row or party for row, party in _STATES.findall(_text())})
    typed = incomplete.lstrip("'\"")
    found = [c for c in codes if c.startswith(typed.upper())]
    if typed:
        wanted = fold(typed)
        names = [n for c in codes for n in names_for(c) if n != c and fold(n).startswith(wanted)]
        found += [shlex.quote(n) for n in sorted(set(names), key=str.casefold)]
    return found
