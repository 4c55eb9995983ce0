"""Plain-text output (render.plain): a view written without Rich drawing its tables is the same
text Rich would write, whatever the cells and the width; and Rich does not draw them."""

from __future__ import annotations

import io
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, Group
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from treatytrack.render.layout import Column, build_table
from treatytrack.render.plain import view_lines, writes_plain

# Spaces, hyphens and slashes (break opportunities), a wide character, an accent, an em dash,
# a line break: each a different way for a cell to wrap.
WORD = st.text(alphabet="abcdefghij-/—é漢 \n", min_size=0, max_size=24)


def plain_console(width: int) -> Console:
    return Console(width=width, file=io.StringIO(), color_system=None, emoji=False, highlight=False, markup=False)


def rich_lines(console: Console, renderable: object) -> list[str]:
    """What `print_renderable` writes when Rich draws everything: its lines, without trailing spaces."""
    out = []
    for line in Segment.split_lines(console.render(renderable, console.options)):
        out.append("".join(s.text for s in line).rstrip(" "))
    return out


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(WORD, WORD, WORD, st.sampled_from(["1", "22", "", "4,000 "])), max_size=6),
    width=st.integers(10, 120),
    show_header=st.booleans(),
)
def test_plain_text_is_what_rich_writes(rows: list[tuple[str, str, str, str]], width: int, show_header: bool) -> None:
    columns = [
        Column("Date", "fixed", keep=True, cells=[Text("2026-02-05") for _ in rows]),
        Column("Treaty name", "flex", keep=True, cells=[Text(a, style="bold") for a, _, _, _ in rows]),
        Column("Party", "short", drop=1, merge_into="Event", cells=[Text(b) for _, b, _, _ in rows]),
        Column("Event", "short", drop=3, cells=[Text(c) for _, _, c, _ in rows]),
        Column("Count", "fixed", drop=0, justify="right", cells=[Text(d) for *_, d in rows]),
    ]
    view = Group(Text("A title", style="bold"), build_table(columns, width, show_header=show_header), Text("end"))
    console = plain_console(width)
    assert writes_plain(console)
    assert list(view_lines(console, view)) == rich_lines(console, view)


def test_rich_draws_no_table_in_plain_text() -> None:
    """Every row of a laid-out table is written without Rich's Table (most of a long view's time)."""
    cells = [Text(f"treaty number {n}") for n in range(300)]
    table = build_table([Column("Treaty", "flex", keep=True, cells=cells)], 80)
    with mock.patch.object(Table, "__rich_console__", side_effect=AssertionError("drawn by Rich")):
        lines = list(view_lines(plain_console(80), Group(table)))
    assert lines[:3] == ["Treaty", "─" * 17, "treaty number 0"] and len(lines) == 302


def test_a_coloured_or_terminal_console_is_left_to_rich() -> None:
    coloured = Console(file=io.StringIO(), color_system="standard", force_terminal=True)
    assert not writes_plain(coloured)
    assert not writes_plain(Console(file=io.StringIO(), color_system=None, force_terminal=True))
