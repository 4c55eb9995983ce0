"""Writing a command's output: to stdout (as text, bytes, or a Rich renderable laid out line by
line, coloured as --color asks) or to an `--output` file, in the format asked for.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treatytrack.cli.exits import EXIT_IOERR, EXIT_USAGE, fail, interactive, note
from treatytrack.cli.settings import ColorMode, settings
from treatytrack.render import OutputFormat

if TYPE_CHECKING:
    from rich.console import RenderableType

    from treatytrack.cli.output import Target
    from treatytrack.render.records import Record


def console() -> Any:
    """A Rich console for stdout, coloured as --color asks: `auto` leaves it to Rich (a terminal,
    NO_COLOR, FORCE_COLOR, TERM=dumb), `always` and `never` override all of those."""
    from rich.console import Console

    # Data is printed as written: no :name: emoji codes, no highlighting of numbers or URLs.
    if settings.color is ColorMode.NEVER:
        return Console(highlight=False, emoji=False, markup=False, color_system=None)
    if settings.color is ColorMode.ALWAYS:
        forced = Console(highlight=False, emoji=False, markup=False, force_terminal=True, no_color=False)
        if forced.color_system is None:  # TERM=dumb: still the 8 standard colours
            forced = Console(
                highlight=False, emoji=False, markup=False, force_terminal=True, no_color=False, color_system="standard"
            )
        return forced
    return Console(highlight=False, emoji=False, markup=False)


def print_renderable(build: Callable[[int], RenderableType]) -> None:
    """Print what `build(width)` makes for this terminal's width (80 when not a terminal).

    Line by line as Rich lays it out, a few hundred lines at a time: `Console.print` would lay
    out a whole table before writing its first row (seconds, for thousands of rows). Lines are
    not cut at the width (a source's URL is printed whole), and lose their trailing spaces.
    Hyperlinks are kept only on a terminal: a file or a pipe gets the text. Output with no
    colour that is not a terminal is all text: `render.plain` writes it, the same characters
    without Rich drawing the tables.
    """
    from rich.segment import Segment, Segments

    from treatytrack.render.plain import view_lines, writes_plain

    out = console()
    if writes_plain(out):
        lines: list[str] = []
        for text in view_lines(out, build(out.width)):
            lines.append(text)
            if len(lines) == 200:
                write("\n".join(lines) + "\n")
                lines.clear()
        write("".join(f"{text}\n" for text in lines))
        return
    links = out.color_system is not None and interactive(sys.stdout)
    segments = out.render(build(out.width), out.options)
    batch: list[Segment] = []
    newline = Segment.line()
    for number, line in enumerate(Segment.split_lines(segments), 1):
        while line and not line[-1].control and not line[-1].text.rstrip(" "):
            line.pop()
        if line and not line[-1].control:
            last = line[-1]
            line[-1] = Segment(last.text.rstrip(" "), last.style)
        if not links:
            line[:] = [
                Segment(s.text, s.style.update_link(None), s.control) if s.style and s.style.link else s for s in line
            ]
        batch += line
        batch.append(newline)
        if number % 200 == 0:
            out.print(Segments(batch), end="", crop=False)
            batch = []
    out.print(Segments(batch), end="", crop=False)


def write(text: str) -> None:
    sys.stdout.write(text)


def write_bytes(chunks: Iterable[bytes]) -> None:
    """UTF-8 output straight to the byte stream, as it is made: a large listing is neither
    held whole nor copied into a str."""
    buffer = getattr(sys.stdout, "buffer", None)
    sys.stdout.flush()
    for chunk in chunks:
        if buffer is None:
            sys.stdout.write(chunk.decode())
        else:
            buffer.write(chunk)


def output_target(destination: Path, force: bool, inputs: Sequence[Path]) -> Target:
    """Where `--output` writes (see treatytrack.cli.output), or a usage error saying why not there."""
    from treatytrack.cli.output import OutputRefused, plan

    try:
        return plan(os.fspath(destination), force=force, inputs=inputs)
    except OutputRefused as refused:
        from treatytrack.core.controls import escape

        fail(f"treatytrack: {escape(str(refused))}", EXIT_USAGE)


def write_output(destination: Path, force: bool, inputs: Sequence[Path], data: bytes) -> None:
    """Write `data` to `--output` (checked again, just before), or exit 2 (refused) or 74 (failed)."""
    from treatytrack.cli.output import OutputFailed, OutputRefused, write
    from treatytrack.core.controls import escape

    target = output_target(destination, force, inputs)
    try:
        write(target, data)
    except OutputFailed as failed:
        fail(f"treatytrack: {escape(str(failed))}", EXIT_IOERR)
    except OutputRefused as refused:
        fail(f"treatytrack: {escape(str(refused))}", EXIT_USAGE)
    if target.how != "stdout":
        note(f"treatytrack: wrote {escape(os.fspath(destination))}")


def emit(
    output: OutputFormat,
    records: Iterable[Mapping[str, object]],
    csv_columns: Sequence[str],
    markdown: Callable[[], str],
    table: Callable[[int], RenderableType],
    empty: str | None = None,
) -> None:
    """Write `records` in the chosen format: JSON and CSV from the records themselves, Markdown
    and the terminal table from the view's own renderers.

    `empty` is said (a note on stderr) when the listing is empty: why, and what to try. JSON,
    CSV and Markdown still write their empty document; the terminal gets no empty table.
    """
    if empty is not None:
        note(empty)
        if output is OutputFormat.TABLE:
            return
    if output is OutputFormat.JSON:
        from treatytrack.render.jsonout import json_array_chunks

        write_bytes(json_array_chunks(records))
    elif output is OutputFormat.CSV:
        from treatytrack.render.csvout import csv_chunks

        for chunk in csv_chunks(records, csv_columns):
            write(chunk)
    elif output is OutputFormat.MARKDOWN:
        write(markdown())
    else:
        print_renderable(table)


# The columns of `list`, and of `expiring` (its deadlines' columns after the treaty's), in CSV.
LIST_COLUMNS = [
    "id",
    "name",
    "short_name",
    "kind",
    "instrument",
    "categories",
    "status",
    "status_since",
    "signed",
    "opened_for_signature",
    "entry_into_force",
    "expires",
    "expires_by",
    "days_left",
    "as_of",
    "why",
]


EXPIRING_COLUMNS = ["deadline", "what", "party", "why"]


def emit_listing(
    records: Iterable[Record],
    output: OutputFormat,
    table: Callable[[int], RenderableType],
    view: str,
    empty: str | None = None,
    caveats: Sequence[str] = (),
    why: bool = False,
) -> None:
    """`emit` for the two listings of treaties, `list` and `expiring` (`view`): their Markdown
    documents (with the listing's caveats, and with `why` each status's rule) and their CSV
    columns (CSV and JSON always carry the rule)."""

    def document() -> str:
        from treatytrack.render import markdown

        rows = list(records)
        return markdown.list_markdown(rows, caveats, why=why) if view == "list" else markdown.expiring_markdown(rows)

    columns = LIST_COLUMNS if view == "list" else [c for c in LIST_COLUMNS if c != "why"] + EXPIRING_COLUMNS
    emit(output, records, columns, document, table, empty)
