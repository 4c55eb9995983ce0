"""CSV is written as it is made, and the pieces add up to the whole."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatytrack.render.csvout import cell, csv_chunks, render_csv

COLUMNS = ["id", "name", "note"]
TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)
RECORDS = st.lists(st.fixed_dictionaries({c: st.none() | TEXT for c in COLUMNS}), max_size=9)


def written_whole(records: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([cell(r[c]) for c in COLUMNS] for r in records)
    return out.getvalue()


@given(RECORDS, st.integers(min_value=1, max_value=4))
def test_the_pieces_are_the_whole_text(records: list[dict[str, Any]], batch: int) -> None:
    chunks = list(csv_chunks(iter(records), COLUMNS, batch))
    assert "".join(chunks) == written_whole(records) == render_csv(records, COLUMNS)
    assert all(chunk.count("\n") >= batch for chunk in chunks[:-1])


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
