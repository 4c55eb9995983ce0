"""Terminal table layout: which columns a width can hold, how wide each one is, where text breaks.

Rich would measure every cell of a table to lay it out (most of a long table's rendering time),
and at a narrow width it squeezes every column alike: a treaty name ends up four characters wide,
or a column disappears. Here each table says what its columns are, and the layout is decided
from the cells' plain text before Rich sees them; Rich is handed a width for every column and
only draws.

- A `fixed` column (dates, numbers, codes) is never wrapped: it is as wide as its widest cell.
- A `short` column (statuses, event types) is as wide as its widest cell when there is room;
  otherwise it wraps, never narrower than its longest unbreakable unit.
- A `flex` column (names, notes) takes a share (`ratio`) of what is left, up to its widest
  line, and never less than its longest unit or `FLEX_MIN`, whichever is less.
- Text breaks at spaces, and after a hyphen between letters or after a slash ("withdrawal-" /
  "notice"). A unit longer than its column is cut into pieces of at least `MIN_PIECE`
  characters: a column at least `FLEX_MIN` wide can always do that.
- When the columns do not fit at their wanted widths, they give way one at a time in the order
  the table gives (`drop`, lowest first); a `keep` column (the treaty's name) never does. A
  column may hand its text to a neighbour as it goes (`merge_into`): the party that acted is put
  in front of the event it did.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

if TYPE_CHECKING:
    from rich.table import Table

Fit = Literal["fixed", "short", "flex"]

FLEX_MIN = 15  # a flex column this wide can cut any unit into pieces of MIN_PIECE or more
FLEX_WANT = 20  # the width a flex column asks for before others give way
MIN_PIECE = 8

# Break opportunities inside a word: after a hyphen between letters, after a slash before a word
# character. Dates (2026-02-05) and numbers keep their hyphens.
_BREAK = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])|(?<=/)(?=\w)")


def width_of(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def units(word: str) -> list[str]:
    """The pieces a word may break into without cutting it: "not-in-force" -> not-, in-, force."""
    if "-" not in word and "/" not in word:
        return [word]
    return _BREAK.split(word)


def longest_unit(text: str, at_least: int = 0) -> int:
    """The width of the longest unbreakable unit of `text` (or `at_least`, if more)."""
    best = at_least
    for word in text.split():
        if width_of(word) > best:
            best = max(best, *(width_of(u) for u in units(word)))
    return best


def _cut(unit: str, width: int) -> list[str]:
    """A unit too long for `width`, cut into near-equal pieces (each >= MIN_PIECE when width >= FLEX_MIN)."""
    count = math.ceil(len(unit) / width)
    size, extra = divmod(len(unit), count)
    pieces, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        pieces.append(unit[start:end])
        start = end
    return pieces


def word_pieces(word: str, width: int) -> list[str]:
    """`word` as lines of at most `width`, broken at its break opportunities, cut only if must be."""
    lines: list[str] = []
    current = ""
    for unit in units(word):
        if width_of(current + unit) <= width:
            current += unit
            continue
        if current:
            lines.append(current)
            current = ""
        if width_of(unit) <= width:
            current = unit
        else:
            *whole, current = _cut(unit, width)
            lines.extend(whole)
    if current:
        lines.append(current)
    return lines


_WORD = re.compile(r"\S+")


def break_long_words(text: Text, width: int) -> Text:
    """`text` with a line break inside every word wider than `width` (Rich would cut it anywhere)."""
    plain = text.plain
    offsets: list[int] = []
    for match in _WORD.finditer(plain):
        if width_of(match.group()) <= width:
            continue
        position = match.start()
        for piece in word_pieces(match.group(), width)[:-1]:
            position += len(piece)
            offsets.append(position)
    if not offsets:
        return text
    return Text("\n").join(text.divide(offsets))


@dataclass
class Column:
    """One column of a table to lay out: its header, its cells, and how it gives way."""

    header: str
    fit: Fit = "short"
    keep: bool = False  # never left out
    drop: int = 0  # columns that are not kept give way lowest first
    ratio: int = 1  # a flex column's share of the spare width
    justify: Literal["left", "right"] = "left"
    merge_into: str | None = None  # header of the column that takes this one's text when it goes
    cells: list[Text] = field(default_factory=list)
    width: int = 0  # decided by `lay_out`
    longest_word: int = 0


class Size(NamedTuple):
    natural: int  # the widest line: no wrapping at all
    narrowest: int  # the longest unit (or FLEX_MIN): never narrower
    comfortable: int  # a flex column's longest word (up to FLEX_MIN): no hyphen breaks
    wanted: int  # asked for before other columns give way
    word: int  # the widest word, for `build_table`: which cells need breaking


def _measure(column: Column) -> Size:
    header = column.header
    header_width = max((width_of(line) for line in header.splitlines()), default=0)
    unit = longest_unit(header)
    natural = word = 0  # of the cells
    for cell in column.cells:
        plain = cell.plain
        if plain.isascii():  # the common case, measured in C: len is the width
            longest_line = max(map(len, plain.splitlines()), default=0) if "\n" in plain else len(plain)
            longest_word = max(map(len, plain.split()), default=0) if longest_line > unit else 0
        else:
            longest_line = max((width_of(line) for line in plain.splitlines()), default=0)
            longest_word = max((width_of(w) for w in plain.split()), default=0)
        natural = max(natural, longest_line)
        word = max(word, longest_word)
        if longest_word > unit:
            unit = longest_unit(plain, unit)
    if column.fit == "fixed":  # cells never wrap; the header may, at a space
        narrowest = max(natural, longest_unit(header))
        return Size(max(natural, header_width), narrowest, narrowest, narrowest, word)
    natural = max(natural, header_width)
    if column.fit == "short":
        return Size(natural, unit, unit, natural, word)
    narrowest = min(natural, max(min(unit, FLEX_MIN), longest_unit(header)))
    comfortable = max(narrowest, min(word, FLEX_MIN, natural))
    return Size(natural, narrowest, comfortable, max(comfortable, min(natural, FLEX_WANT * column.ratio)), word)


GAP = 2  # between columns: one character of padding and the (blank) column separator


def _overhead(count: int) -> int:
    return GAP * max(count - 1, 0)


def lay_out(columns: Sequence[Column], width: int) -> list[Column]:
    """The columns that fit in `width`, with their widths set; the others merged or left out.

    Columns give way while the shown ones want more than the width. Then each starts at its
    narrowest; flex columns widen to keep their words whole, then up to FLEX_WANT; fixed and
    short columns (the most important first) to their natural width; and flex columns share what
    is left by ratio.
    """
    sizes = {id(c): _measure(c) for c in columns}
    shown = list(columns)

    def wanted(cols: list[Column]) -> int:
        return sum(sizes[id(c)].wanted for c in cols) + _overhead(len(cols))

    while wanted(shown) > width:
        droppable = [c for c in shown if not c.keep]
        if not droppable:
            break
        going = min(droppable, key=lambda c: c.drop)
        shown.remove(going)
        target = _merge(going, shown)
        if target is not None:  # its cells have grown
            sizes[id(target)] = _measure(target)
    for column in shown:
        column.width = sizes[id(column)].narrowest
        column.longest_word = sizes[id(column)].word
    spare = width - sum(c.width for c in shown) - _overhead(len(shown))

    def grow(column: Column, to: int) -> None:
        nonlocal spare
        step = min(spare, to - column.width)
        if step > 0:
            column.width += step
            spare -= step

    flexible = [c for c in shown if c.fit == "flex"]
    for column in flexible:
        grow(column, sizes[id(column)].comfortable)
    for column in flexible:  # a long note needs room more than a short column needs one line
        grow(column, min(sizes[id(column)].natural, FLEX_WANT))
    for column in sorted((c for c in shown if c.fit != "flex"), key=_importance):
        grow(column, sizes[id(column)].natural)
    flexible = [c for c in shown if c.fit == "flex" and c.width < sizes[id(c)].natural]
    while spare > 0 and flexible:
        total = sum(c.ratio for c in flexible)
        before = spare
        for column in flexible:
            grow(column, min(sizes[id(column)].natural, column.width + max(1, before * column.ratio // total)))
        flexible = [c for c in flexible if c.width < sizes[id(c)].natural]
        if spare == before:
            break
    return shown


def _importance(column: Column) -> tuple[int, int]:
    return (0 if column.keep else 1, -column.drop)


def _merge(going: Column, shown: list[Column]) -> Column | None:
    target = next((c for c in shown if c.header == going.merge_into), None)
    if target is None:
        return None
    for index, (extra, cell) in enumerate(zip(going.cells, target.cells, strict=True)):
        if extra.plain and extra.plain != "—":
            target.cells[index] = Text.assemble(extra, " ", cell) if cell.plain else extra
    return target


class LaidOutTable:
    """A table whose columns are laid out: Rich draws it (the Rich `Table` is built only then),
    or `render.plain` writes it as plain text, the same characters without Rich's machinery."""

    def __init__(self, columns: list[Column], width: int, show_header: bool) -> None:
        self.columns, self.width, self.show_header = columns, width, show_header
        self._table: Table | None = None

    def rich_table(self) -> Table:
        if self._table is None:
            # Imported here: output written as plain text (a file, a pipe) never builds one.
            from rich import box
            from rich.table import Table

            table = Table(
                box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), show_header=self.show_header
            )
            for column in self.columns:
                table.add_column(
                    column.header,
                    width=column.width,
                    no_wrap=column.fit == "fixed",
                    overflow="fold",
                    justify=column.justify,
                )
            for index in range(len(self.columns[0].cells) if self.columns else 0):
                table.add_row(*(fitted(c.cells[index], c) for c in self.columns))
            self._table = table
        return self._table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.rich_table()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.rich_table())


def build_table(columns: Sequence[Column], width: int, *, show_header: bool = True) -> LaidOutTable:
    """The columns that fit in `width`, each at its decided width, in the one table style every
    command uses: a rule under the header, two spaces between columns."""
    return LaidOutTable(lay_out(columns, width), width, show_header)


def fitted(cell: Text, column: Column) -> Text:
    """The cell as its column draws it: a word wider than the column broken where `word_pieces` breaks it."""
    if column.fit == "fixed" or column.longest_word <= column.width:
        return cell
    return break_long_words(cell, column.width)


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Plain text as lines of at most `width`, continuation lines starting with `indent`,
    broken where `break_long_words` would break it."""
    lines: list[str] = []
    current = ""
    narrow = max(1, width - width_of(indent))  # the room on a continuation line
    for word in text.split():
        room = narrow if lines else width
        candidate = f"{current} {word}" if current else word
        if width_of(candidate) <= room:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
            room = narrow
        if width_of(word) <= room:
            current = word
            continue
        *whole, current = word_pieces(word, narrow)
        lines.extend(whole)
    lines.append(current)
    return [lines[0], *(indent + line for line in lines[1:])]
