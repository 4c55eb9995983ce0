"""Terminal output is written as Rich lays it out, in batches, and is the same as printing it whole."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from treatytrack.cli.emit import print_renderable


def long_table(rows: int) -> Table:
    table = Table(title="A long table", caption="the end")
    table.add_column("Name", overflow="fold", ratio=1)
    table.add_column("Day", no_wrap=True)
    for n in range(rows):
        table.add_row(Text(f"treaty number {n} " * (n % 7 + 1)), Text(f"2026-11-{n % 28 + 1:02d}"))
    return table


@pytest.mark.parametrize("rows", [0, 1, 199, 450])
def test_batched_printing_writes_what_printing_whole_writes(rows: int, capsys: pytest.CaptureFixture[str]) -> None:
    whole = io.StringIO()
    Console(file=whole, width=100, highlight=False, emoji=False).print(long_table(rows))
    widths: list[int] = []

    def build(width: int) -> Table:
        widths.append(width)
        return long_table(rows)

    print_renderable(build)
    assert widths == [100]  # COLUMNS, as set for every test
    # The same lines, without the spaces Rich pads them with.
    assert capsys.readouterr().out == "".join(f"{line.rstrip(' ')}\n" for line in whole.getvalue().splitlines())
