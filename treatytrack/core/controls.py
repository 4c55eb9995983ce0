"""Characters that change how a terminal shows text, and how messages show them harmlessly.

A terminal obeys control characters: ESC starts escape sequences (`\\e[2J` clears the screen,
`\\e]52;c;...` writes the clipboard), C1 controls do the same in one byte, and the Unicode
bidirectional embeddings, overrides and isolates reorder what is shown ("Trojan Source").
Invisible formatting characters (zero-width space, non-joiner and joiner, the left-to-right and
right-to-left marks, the word joiner and invisible operators, the zero-width no-break space
U+FEFF) show nothing, so that two names that look the same in a table differ, or a mark
reorders a cell. Data never needs any of them, so the loader refuses them all
(`FORBIDDEN_IN_TEXT`, `FORBIDDEN_IN_FILE`; a byte-order mark opening a file is not text),
and a message that quotes input passes it through `escape` first, so that what reaches the
terminal is what the input says, visibly: `\\x1b`, `\\u202e`. Kept free of imports beyond `re`:
the command line's error paths use it.
"""

from __future__ import annotations

import re

# The invisible formatting characters: U+200B..U+200F, U+2060..U+2065, U+FEFF (the bidirectional
# embeddings, overrides and isolates, U+202A..U+202E and U+2066..U+2069, are listed with them).
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
# In a loaded string (after YAML has decoded escapes such as "\e" and "\x9b"): C0 controls but
# tab and newline, DEL, C1, and the invisible formatting characters.
FORBIDDEN_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
# In a file's raw text: the same, but carriage returns are line breaks (CRLF files).
FORBIDDEN_IN_FILE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE}]")
# Shown escaped in a message (one line each): every control, line and paragraph separators too.
_SHOWN_ESCAPED = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_INVISIBLE}]")
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


def kind(char: str) -> str:
    """What a refused character is, for a message: `control character` or `invisible formatting
    character` (U+200B..U+200F, U+2060..U+2065, U+FEFF)."""
    code = ord(char)
    if 0x200B <= code <= 0x200F or 0x2060 <= code <= 0x2065 or code == 0xFEFF:
        return "invisible formatting character"
    return "control character"
