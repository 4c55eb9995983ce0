"""CSV (RFC 4180 with LF row ends): one row per record, lists joined with `;`.

A cell is quoted when it holds the delimiter, a quote, or a line break of any kind (LF, and a
bare CR too, which the standard library's writer leaves unquoted when rows end in LF; a reader
that takes CR for a row break would then see a new row there). Spreadsheets run a cell that
starts with `=`, `+`, `-`, `@`, a tab or a CR as a formula, and one that reads a file with `;`
between cells (as many locales do) starts a cell after every `;`: a cell that starts with any
of these or with `;`, any line inside a cell that starts so (a naive reader splitting on line
breaks sees it start a row), and any part after a `;` that starts with a formula's character, is
defused with an apostrophe before it. A number such as `-5` is left as it is. Every CSV that
treatytrack writes goes through `cell`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", ";")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')
# A line break followed by a formula's start (or a `;`), or a `;` followed by a formula's start.
_STARTS_INSIDE = re.compile(r"(?:\r\n|\r|\n)(?=[=+\-@\t\r;])|;(?=[=+\-@\t])")


def cell(value: Any) -> str:
    """A record's value as the text of its cell, defused (not yet quoted)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    text = str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        text = "'" + text
    if "\r" in text or "\n" in text or ";" in text:
        text = _STARTS_INSIDE.sub(r"\g<0>'", text)
    return text


def field(text: str) -> str:
    """A cell's text as written in the file: quoted when it must be."""
    if _NEEDS_QUOTES.search(text) is None:
        return text
    return '"' + text.replace('"', '""') + '"'


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render_csv(records: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    return "".join(csv_chunks(records, columns))


def csv_chunks(records: Iterable[Mapping[str, Any]], columns: Sequence[str], batch: int = 256) -> Iterator[str]:
    """`render_csv`, `batch` rows at a time: a long listing is never held whole.

    A long listing repeats the same few values (a treaty's name, a status, a year) thousands of
    times: each distinct string is defused and quoted once (`_Fields`), and numbers, booleans and
    empty cells, which never need either, are written as they are."""
    rows = [",".join(field(c) for c in columns) + "\n"]
    text = _Fields()
    seen = text.seen
    for count, record in enumerate(records, 1):
        values = map(record.get, columns)
        rows.append(",".join([seen[v] if v.__class__ is str and v in seen else text(v) for v in values]) + "\n")
        if count % batch == 0:
            yield "".join(rows)
            rows.clear()
    yield "".join(rows)


class _Fields:
    """`field(cell(value))`, remembered for strings (up to `LIMIT` of them, then started afresh)."""

    LIMIT = 50_000

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def __call__(self, value: Any) -> str:
        kind = type(value)
        if kind is str:
            found = self.seen.get(value)
            if found is None:
                if len(self.seen) >= self.LIMIT:
                    self.seen.clear()
                found = self.seen[value] = field(cell(value))
            return found
        if value is None:
            return ""
        if kind is bool:
            return "true" if value else "false"
        if kind is int:  # digits and a sign: never quoted, and a number is not defused
            return str(value)
        return field(cell(value))


def year_run_chunks(runs: Iterable[Any], names: Mapping[str, str], batch: int = 256) -> Iterator[str]:
    """`csv_chunks` of the by-year panel's records (`YEAR_RUN_COLUMNS`), written from runs of
    years that share one standing (`core.panel.YearRun`): a run's cells are made once and each of
    its years put between them, so a panel of 155,000 rows costs its 10,000 runs, not its rows.
    The text is the same as `csv_chunks` of the rows' records (tests/test_panel.py)."""
    text = _Fields()
    lines = [",".join(field(c) for c in YEAR_RUN_COLUMNS) + "\n"]
    for run in runs:
        standing, treaty = run.standing, run.treaty
        status, code = standing.status, standing.state
        since = standing.since.isoformat() if standing.since is not None else None
        head = ",".join(map(text, (treaty.id, treaty.short_name, code, names.get(code, code)))) + ","
        tail = "," + ",".join(
            map(text, (status.value, since, status.bound, status.value == "consented", status.signed_only))
        )
        lines.extend([f"{head}{year}{tail}\n" for year in range(run.first, run.last + 1)])
        if len(lines) >= batch:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)


# The columns of `standings --by year` (the Python API's YEAR_COLUMNS), in this order.
YEAR_RUN_COLUMNS = (
    "treaty_id",
    "treaty",
    "code",
    "name",
    "year",
    "status",
    "since",
    "bound",
    "consented",
    "signed_only",
)
