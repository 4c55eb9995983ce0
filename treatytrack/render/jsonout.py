"""JSON: the records as written by `records`, UTF-8, two-space indent, stable key order.

orjson rather than the standard library: `json.dumps(..., indent=2)` falls back to the pure-Python
encoder, about ten times slower on a large listing; the text is the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import orjson

_OPTIONS = orjson.OPT_INDENT_2


def render_json_bytes(payload: Any) -> bytes:
    return orjson.dumps(payload, option=_OPTIONS | orjson.OPT_APPEND_NEWLINE)


def render_json(payload: Any) -> str:
    return render_json_bytes(payload).decode()


def json_array_chunks(items: Iterable[Any], batch: int = 256) -> Iterator[bytes]:
    """`render_json_bytes(list(items))`, a batch of items at a time: a long listing is never
    held whole, and orjson still does the indenting.

    Each batch is encoded as an array of its own; without its brackets, that is the batch's part
    of the whole array's text, and the parts are joined with commas.
    """
    iterator = iter(items)
    opening = b"["
    while chunk := list(islice(iterator, batch)):
        yield opening
        yield orjson.dumps(chunk, option=_OPTIONS)[1:-2]  # "\n  {...},\n  {...}" without "[" and "\n]"
        opening = b","
    yield b"[]\n" if opening == b"[" else b"\n]\n"
