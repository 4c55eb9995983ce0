"""JSON: the records as written by `records`, UTF-8, two-space indent, stable key order.

orjson rather than the standard library: `json.dumps(..., indent=2)` falls back to the pure-Python
encoder, about ten times slower on a large listing; the text is the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import orjson

_OPTIONS = orjson.OPT_INDENT_2


def render_json_bytes(payload: Any) -> bytes:
    return orjson.dumps(payload, option=_OPTIONS | orjson.OPT_APPEND_NEWLINE)


def render_json(payload: Any) -> str:
    return render_json_bytes(payload).decode()


def json_array_chunks(items: Iterable[Any]) -> Iterator[bytes]:
    """`render_json_bytes(list(items))`, an item at a time: a long listing is never held whole.

    Each item is encoded on its own and indented one more level; JSON text has no raw newlines
    inside strings, so every newline in an encoded item is a line break of the layout.
    """
    separator = b"[\n  "
    for item in items:
        yield separator
        yield orjson.dumps(item, option=_OPTIONS).replace(b"\n", b"\n  ")
        separator = b",\n  "
    yield b"[]\n" if separator == b"[\n  " else b"\n]\n"
