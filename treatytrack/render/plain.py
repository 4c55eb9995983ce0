"""A view written as plain text, for output that is neither coloured nor a terminal (a file, a
pipe, NO_COLOR): the very characters Rich would write, without Rich drawing its tables.

Rich draws a table row by row through its general machinery (padding, segments, line splits):
most of a long view's time (1,679 rows of `timeline`: about half the command). The columns of a
`LaidOutTable` already have their widths, so each cell that fits its column on one line is
padded here; only a cell wider than its column, or with a line break, tab or justification of
its own, is wrapped by Rich itself (`Text.wrap`, as Rich's table wraps it; headers are rendered
by Rich whole). Anything
else in a view (titles, captions, notes) is rendered by Rich as before. A table Rich would lay out
differently (too wide for the width, a column of no width) is left to Rich whole.

The output is byte-for-byte Rich's, as `print_renderable` writes it: the golden files and the
README examples check that.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import set_cell_size
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.segment import Segment
from rich.text import Text

from treatytrack.render.layout import Column, LaidOutTable, fitted, width_of

RULE = "─"  # SIMPLE_HEAD's rule under the header; its verticals are spaces
SEPARATOR = "  "  # a column's right padding and the (blank) column divider


def writes_plain(console: Console) -> bool:
    """Whether `console` writes no styles, links or control codes, in UTF-8 box characters:
    then a view's text is all of its output, and `view_lines` may write it."""
    return (
        console.color_system is None
        and not console.is_terminal
        and not console.legacy_windows
        and not console.options.ascii_only
    )


def view_lines(console: Console, renderable: RenderableType) -> Iterator[str]:
    """The lines of `renderable` (a view's `Group`, or anything Rich renders) at the console's
    width, as `print_renderable` writes them: trailing spaces removed, no line cut at the width."""
    options = console.options
    parts = renderable.renderables if isinstance(renderable, Group) else [renderable]
    for part in parts:
        if isinstance(part, LaidOutTable) and _drawn_as_laid_out(part, options.max_width):
            yield from table_lines(console, options, part)
            continue
        for line in Segment.split_lines(console.render(part, options)):
            while line and not line[-1].control and not line[-1].text.rstrip(" "):
                line.pop()
            yield "".join(s.text for s in line if not s.control).rstrip(" ")


def _drawn_as_laid_out(table: LaidOutTable, width: int) -> bool:
    """Whether Rich would draw every column at its laid-out width (else it squeezes them)."""
    columns = table.columns
    return (
        bool(columns)
        and all(c.width >= 1 for c in columns)
        and sum(c.width for c in columns) + len(SEPARATOR) * (len(columns) - 1) <= width
    )


def table_lines(console: Console, options: ConsoleOptions, table: LaidOutTable) -> Iterator[str]:
    """The table's lines as Rich's SIMPLE_HEAD table without edges draws them: the header
    (aligned to its bottom line), a rule, then each row (cells aligned to their top line)."""
    columns = table.columns
    blanks = [" " * c.width for c in columns]
    if table.show_header:
        headers = [_rendered(console, options, c.header, c) for c in columns]
        height = max(map(len, headers))
        for number in range(height):
            line = [
                h[number - height + len(h)] if number >= height - len(h) else b
                for h, b in zip(headers, blanks, strict=True)
            ]
            yield SEPARATOR.join(line).rstrip(" ")
        yield RULE * (sum(c.width for c in columns) + len(SEPARATOR) * (len(columns) - 1))
    for index in range(len(columns[0].cells)):
        cells = [_cell_lines(console, options, c.cells[index], c) for c in columns]
        height = max(map(len, cells))
        if height == 1:
            yield SEPARATOR.join(lines[0] for lines in cells).rstrip(" ")
            continue
        for number in range(height):
            row = [lines[number] if number < len(lines) else b for lines, b in zip(cells, blanks, strict=True)]
            yield SEPARATOR.join(row).rstrip(" ")


def _cell_lines(console: Console, options: ConsoleOptions, cell: Text, column: Column) -> list[str]:
    """A cell's lines, each exactly its column's width: padded here when it fits on one line as
    it is (what Rich's wrapping would leave of it), else wrapped by Rich."""
    text, width = cell.plain, column.width
    plain = cell.justify is None and "\n" not in text and "\t" not in text
    if plain and len(text) <= width and (text.isascii() or width_of(text) <= width):
        if column.justify == "right":
            text = text.rstrip()
            return [" " * (width - width_of(text)) + text]
        return [text + " " * (width - width_of(text))]
    if plain and text.isascii() and column.justify == "left" and column.fit != "fixed" and cell.no_wrap is None:
        wrapped = _wrapped_at_words(text, width)
        if wrapped is not None:
            return wrapped
    # What Rich's Text.__rich_console__ does in the column: wrap, then pad or crop each line.
    text_in_column = fitted(cell, column)
    lines = text_in_column.wrap(
        console,
        width,
        justify=text_in_column.justify or column.justify,
        overflow=text_in_column.overflow or "fold",
        tab_size=(console.tab_size if text_in_column.tab_size is None else text_in_column.tab_size) or 8,
        no_wrap=column.fit == "fixed" if text_in_column.no_wrap is None else text_in_column.no_wrap,
    )
    return [set_cell_size(line.plain, width) for line in lines]


_WORD = re.compile(r"\s*\S+\s*")  # Rich's word: leading spaces, the word, trailing spaces
_TRAILING = re.compile(r"\s+$")


def _wrapped_at_words(text: str, width: int) -> list[str] | None:
    """ASCII text wrapped at spaces into lines of `width`, left-justified, as Rich's `Text.wrap`
    wraps it (`rich._wrap.divide_line`: a word goes to the next line when, without its trailing
    spaces, it does not fit; a line loses the trailing spaces beyond the width, then is padded).
    None when a word is wider than the line: Rich folds it."""
    lines: list[str] = []
    start = offset = 0
    for match in _WORD.finditer(text):
        word = match.group()
        length = len(word.rstrip())
        if length > width:
            return None
        if width - offset >= length:
            offset += len(word)
        else:
            lines.append(text[start : match.start()])
            start, offset = match.start(), len(word)
    lines.append(text[start:])
    out = []
    for piece in lines:
        line = piece
        if len(line) > width:
            spaces = _TRAILING.search(line)
            if spaces is not None:
                line = line[: len(line) - min(len(spaces.group()), len(line) - width)]
            line = line[:width]
        out.append(line + " " * (width - len(line)))
    return out


def _rendered(console: Console, options: ConsoleOptions, cell: str | Text, column: Column) -> list[str]:
    """A cell as Rich's table renders it in its column: wrapped, justified and padded by Rich."""
    cell_options = options.update(
        width=column.width,
        justify=column.justify,
        no_wrap=column.fit == "fixed",
        overflow="fold",
        height=None,
        highlight=False,
    )
    return ["".join(s.text for s in line) for line in console.render_lines(cell, cell_options, pad=True)]
