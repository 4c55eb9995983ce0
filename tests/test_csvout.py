"""CSV is written as it is made, and the pieces add up to the whole."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatytrack.render.csvout import _is_number, cell, csv_chunks, render_csv

COLUMNS = ["id", "name", "note"]
TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)
RECORDS = st.lists(st.fixed_dictionaries({c: st.none() | TEXT for c in COLUMNS}), max_size=9)


def parsed(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@given(RECORDS, st.integers(min_value=1, max_value=4))
def test_the_pieces_are_the_whole_text(records: list[dict[str, Any]], batch: int) -> None:
    chunks = list(csv_chunks(iter(records), COLUMNS, batch))
    whole = render_csv(records, COLUMNS)
    assert "".join(chunks) == whole
    assert all(chunk.count("\n") >= batch for chunk in chunks[:-1])
    # A CSV reader reads back every cell as written (defused), each row a record.
    assert parsed(whole) == [COLUMNS, *([cell(r[c]) for c in COLUMNS] for r in records)]


NAIVE_LINES = re.compile("\r\n|\r|\n")


def _starts_a_formula(line: str) -> bool:
    first = line.split(",", maxsplit=1)[0]
    return first.startswith(("=", "+", "-", "@", "\t")) and not _is_number(first)


@given(RECORDS)
def test_no_line_starts_a_formula_even_for_a_naive_reader(records: list[dict[str, Any]]) -> None:
    """A reader that splits on every line break (CR too) sees no line that a spreadsheet would
    start with a formula."""
    for line in NAIVE_LINES.split(render_csv(records, COLUMNS)):
        assert not _starts_a_formula(line), line


@pytest.mark.parametrize(
    "value",
    ['\r=HYPERLINK("https://evil.example","x")', "ok\r\n@SUM(A1)", "a\n+1+1", "x\r\r-2+3", "a\n\t=1"],
)
def test_a_line_break_inside_a_cell_cannot_start_a_formula(value: str) -> None:
    text = render_csv([{"id": "a", "name": value, "note": "=1"}], COLUMNS)
    (header, row) = parsed(text)
    assert header == COLUMNS
    assert row[0] == "a" and row[2] == "'=1"
    assert row[1].replace("'", "") == value  # the same text, defused
    assert text.count('"') >= 2  # the cell with the line break is quoted
    for line in NAIVE_LINES.split(text):
        assert not _starts_a_formula(line), line


def test_a_bare_cr_is_quoted() -> None:
    assert render_csv([{"id": "a\rb", "name": None, "note": "c,d"}], COLUMNS) == 'id,name,note\n"a\rb",,"c,d"\n'


def test_numbers_are_left_alone() -> None:
    assert [cell(v) for v in (-5, "-5", "+1.5", "-1e3", "-x", True, None, ["a", "=b"])] == [
        "-5",
        "-5",
        "+1.5",
        "-1e3",
        "'-x",
        "true",
        "",
        "a;'=b",  # a `;` locale reads `=b` as a cell of its own
    ]


def test_rows_are_written_before_the_records_run_out() -> None:
    """The first batch leaves before the last record is made (here, before a failure)."""

    def records() -> Iterator[dict[str, str]]:
        yield {"id": "a", "name": "A", "note": "=1+1"}
        yield {"id": "b", "name": "B", "note": ""}
        raise RuntimeError("the third record")

    chunks = csv_chunks(records(), COLUMNS, batch=2)
    assert next(chunks) == "id,name,note\na,A,'=1+1\nb,B,\n"
    with pytest.raises(RuntimeError):
        next(chunks)
