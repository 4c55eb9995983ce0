"""The table layout (render.layout): widths decided before Rich draws, words broken only where
they may be, columns giving way in the order a table states."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from treatytrack.core.query import treaty_rows
from treatytrack.render.layout import MIN_PIECE, Column, break_long_words, build_table, lay_out, word_pieces, wrap
from treatytrack.render.records import treaty_record
from treatytrack.render.table import list_table
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path


def render(renderable: object, width: int) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None, emoji=False, highlight=False)
    console.print(renderable)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def test_columns_give_way_in_the_stated_order() -> None:
    cells = [Text("2026-02-05")]
    columns = [
        Column("Treaty", "flex", keep=True, cells=[Text("Anti-Personnel Mine Ban Convention")]),
        Column("A", "fixed", drop=2, cells=cells),
        Column("B", "fixed", drop=0, cells=cells),
        Column("C", "fixed", drop=1, cells=cells),
    ]
    assert [c.header for c in lay_out(columns, 200)] == ["Treaty", "A", "B", "C"]
    assert [c.header for c in lay_out(columns, 50)] == ["Treaty", "A", "C"]
    assert [c.header for c in lay_out(columns, 40)] == ["Treaty", "A"]
    assert [c.header for c in lay_out(columns, 10)] == ["Treaty"]  # never left out


def test_a_column_that_goes_can_hand_its_text_to_another() -> None:
    columns = [
        Column("Event", "short", keep=True, cells=[Text("withdrawn"), Text("expired")]),
        Column("Party", "short", drop=0, merge_into="Event", cells=[Text("USA"), Text("")]),
        Column("Note", "flex", keep=True, cells=[Text("a long note " * 5)] * 2),
    ]
    shown = lay_out(columns, 30)
    assert [c.header for c in shown] == ["Event", "Note"]
    assert [c.plain for c in shown[0].cells] == ["USA withdrawn", "expired"]


@pytest.mark.parametrize(
    ("word", "width", "lines"),
    [
        ("withdrawal-notice", 12, ["withdrawal-", "notice"]),
        ("not-in-force", 8, ["not-in-", "force"]),
        ("2026-02-05", 8, ["2026-", "02-05"]),  # no hyphen to break at: cut, each piece >= 5 here
        ("understandings/reservations", 16, ["understandings/", "reservations"]),
        ("a" * 16, 15, ["a" * 8, "a" * 8]),
        ("a" * 31, 15, ["a" * 11, "a" * 10, "a" * 10]),
    ],
)
def test_word_pieces(word: str, width: int, lines: list[str]) -> None:
    assert word_pieces(word, width) == lines


@given(st.text(alphabet="ab-/", min_size=1, max_size=80), st.integers(15, 40))
def test_pieces_fit_and_a_cut_leaves_at_least_8(word: str, width: int) -> None:
    """In a column at least FLEX_MIN (15) wide, a piece is whole, or broken where it may be, or
    at least MIN_PIECE long."""
    lines = word_pieces(word, width)
    assert "".join(lines) == word
    assert all(len(line) <= width for line in lines)


@given(st.integers(16, 300), st.integers(15, 40))
def test_an_unbreakable_word_is_cut_into_pieces_of_8_or_more(length: int, width: int) -> None:
    lines = word_pieces("x" * length, width)
    assert all(MIN_PIECE <= len(line) <= width for line in lines) or lines == ["x" * length]


def test_break_long_words_keeps_the_style() -> None:
    text = Text("see withdrawal-notice now", style="bold")
    broken = break_long_words(text, 12)
    assert broken.plain == "see withdrawal-\nnotice now"
    assert all(span.style == "bold" for span in broken.spans) or broken.style == "bold"


def test_wrap_indents_continuation_lines() -> None:
    assert wrap("tests/fixtures/bad.yaml:11:20: a calendar date", 30, "    ") == [
        "tests/fixtures/bad.yaml:11:20:",
        "    a calendar date",
    ]


WORD = st.text(alphabet="abcdefghij-/", min_size=1, max_size=20)
CELL = st.lists(WORD, max_size=6).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.tuples(CELL, CELL, st.sampled_from(["in-force", "not-in-force", "expired"])), max_size=6),
    width=st.integers(40, 200),
)
def test_tables_fit_their_width(rows: list[tuple[str, str, str]], width: int) -> None:
    """Whatever the cells, the table is no wider than the width, and the kept columns are there."""
    columns = [
        Column("Treaty", "flex", keep=True, cells=[Text(a) for a, _, _ in rows]),
        Column("Note", "flex", drop=1, ratio=2, cells=[Text(b) for _, b, _ in rows]),
        Column("Status", "short", keep=True, cells=[Text(c) for _, _, c in rows]),
        Column("Since", "fixed", drop=0, cells=[Text("2026-02-05") for _ in rows]),
    ]
    out = render(build_table(columns, width), width)
    assert max(len(line.rstrip()) for line in out.splitlines()) <= width
    assert "Treaty" in out.splitlines()[0] and "Status" in out.splitlines()[0]


def test_rich_measures_no_cell() -> None:
    """Every column has its width before Rich sees the table: Rich's measuring (most of a long
    table's rendering time) never runs."""
    dataset = load_dataset(bundled_path())
    day = dt.date(2026, 11, 28)
    records = [treaty_record(r) for r in treaty_rows(dataset, day)]
    with mock.patch.object(Text, "__rich_measure__", side_effect=AssertionError("measured")):
        for width in (40, 80, 200):
            for why in (False, True):
                assert "New START" in render(list_table(records, day, dataset.reviewed, width, why=why), width)
