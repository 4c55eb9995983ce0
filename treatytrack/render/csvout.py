"""CSV: one row per record, lists joined with `;`, cells that a spreadsheet would run as formulas
defused with a leading apostrophe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    text = str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render_csv(records: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    return "".join(csv_chunks(records, columns))


def csv_chunks(records: Iterable[Mapping[str, Any]], columns: Sequence[str], batch: int = 256) -> Iterator[str]:
    """`render_csv`, `batch` rows at a time: a long listing is never held whole."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for count, record in enumerate(records, 1):
        writer.writerow([cell(record.get(c)) for c in columns])
        if count % batch == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()
