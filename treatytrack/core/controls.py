"""Characters that change how a terminal shows text, and how messages show them harmlessly.

A terminal obeys control characters: ESC starts escape sequences (`\\e[2J` clears the screen,
`\\e]52;c;...` writes the clipboard), C1 controls do the same in one byte, and the Unicode
bidirectional embeddings, overrides and isolates reorder what is shown ("Trojan Source").
Data never needs them, so the loader refuses them (`FORBIDDEN_IN_TEXT`, `FORBIDDEN_IN_FILE`),
and a message that quotes input passes it through `escape` first, so that what reaches the
terminal is what the input says, visibly: `\\x1b`, `\\u202e`. Kept free of imports beyond `re`:
the command line's error paths use it.
"""

from __future__ import annotations

import re

# In a loaded string (after YAML has decoded escapes such as "\e" and "\x9b"): C0 controls but
# tab and newline, DEL, C1, and the bidirectional embeddings, overrides and isolates.
FORBIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# In a file's raw text: the same, but carriage returns are line breaks (CRLF files).
FORBIDDEN_IN_FILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Shown escaped in a message (one line each): every control, line and paragraph separators too.
_SHOWN_ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str) -> str:
    """`text` with every control character written out (`\\x1b`, `\\n`, `\\u202e`): safe to print
    on one line of a terminal."""
    return _SHOWN_ESCAPED.sub(_escaped, text)


def describe(char: str) -> str:
    """A control character as a message names it: `U+001B`."""
    return f"U+{ord(char):04X}"
