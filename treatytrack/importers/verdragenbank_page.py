"""A party page of the Dutch treaty database (verdragenbank.overheid.nl), as a user saves it,
read into its parts; and the Dutch dates its cells hold.

The page (`/nl/Verdrag/Details/003428_p.html`, or `Details/003428?expand-table=partijtabel`) has a
party table: a `Partij` column (a name is a link when the party made a reservation or
declaration; a state that no longer exists carries the day it ceased to, `Tsjechoslowakije
(<01-01-1993)`), then `Ondertekening`, sometimes `Voorlopige toepassing`, a `Ratificatie` column
whose header holds the legend of its kind letters (`O=`, `R=`, `T=`, `VG=`, `NB=`) and whose cells
read `17-03-1988 (R)`, then `In werking`, `Opzegging` and `Buiten werking`. Below it a second table
(`Partij | Voorbehoud / verklaring | Bezwaren`) says `Ja` for the parties with reservations. The
page gives one date per act: for a treaty with several depositaries it does not say whose.

The tree is built by the same parser as a UNTC page (`untc_page`: lexbor, the HTML5 algorithm, with
its bounds on size and depth). Pure: text in, data out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from treatytrack.importers.untc_page import _parse, _rows, _tag, _text, _walk, clean

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ),
        1,
    )
}
# ASCII digits only: `\d` would take any script's (and int() would read them).
_NUMERIC = re.compile(r"([0-9]{2})-([0-9]{2})-([0-9]{4})")
_WORDS = re.compile(r"([0-9]{1,2}) ([a-z]+) ([0-9]{4})")


class DateError(ValueError):
    """A cell that is not a Dutch date."""


def parse_dutch_date(text: str) -> dt.date:
    """A date as the database writes it, `01-07-1968`, or in words, `1 juli 1968`; nothing else
    (no two-digit year, no English month, no text around it). Raises DateError saying why not."""
    cell = clean(text)
    numeric, words = _NUMERIC.fullmatch(cell), _WORDS.fullmatch(cell)
    if numeric:
        day, month, year = (int(g) for g in numeric.groups())
    elif words and words.group(2) in MONTHS:
        day, month, year = int(words.group(1)), MONTHS[words.group(2)], int(words.group(3))
    elif words:
        raise DateError(f"{cell!r}: {words.group(2)!r} is not a Dutch month")
    else:
        raise DateError(f"{cell!r} is not a date like 01-07-1968 or 1 juli 1968")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"{cell!r} is not a calendar date") from None


@dataclass
class PartyRow:
    """One row of the party table: the name as written, whether it is a link, the other cells."""

    number: int  # 1-based, in page order
    line: int | None  # the line of its <tr> in the file, when the rows can be matched to the tags
    name: str
    linked: bool
    cells: tuple[str, ...]


@dataclass
class PartyPage:
    """What the page says, before any of it is interpreted."""

    title: str = ""
    numbers: set[str] = field(default_factory=set)  # treaty numbers its links name
    header: list[str] = field(default_factory=list)
    rows: list[PartyRow] = field(default_factory=list)
    tables: int = 0  # party tables seen
    reserving: list[str] = field(default_factory=list)  # names with `Ja` under Voorbehoud / verklaring


_NUMBER = re.compile(r"/(?:Verdrag|Treaty)/Details/(\d{6})")
_TR = re.compile(r"<tr[\s>/]", re.IGNORECASE)
_HEADINGS = frozenset({"h1", "h2"})


def _row_cells(row: Any) -> list[Any]:
    return [cell for cell in row.iter() if _tag(cell) in ("td", "th")]


def _tr_lines(html: str, root: Any) -> dict[int, int]:
    """The line of each <tr> element (by mem_id), when the tree has as many rows as the text has
    `<tr` tags (a page that omits some is read all the same, without lines)."""
    elements = [node.mem_id for node in _walk(root) if _tag(node) == "tr"]
    lines, line, last = [], 1, 0
    for match in _TR.finditer(html):
        line += html.count("\n", last, match.start())
        last = match.start()
        lines.append(line)
    return dict(zip(elements, lines, strict=True)) if len(elements) == len(lines) else {}


def read_party_page(html: str) -> PartyPage:
    """The page's parts, uninterpreted. Raises `untc_page.PageError` for a page that cannot be
    read at all (too large, nested too deep)."""
    page = PartyPage()
    root = _parse(html)
    lines = _tr_lines(html, root)
    for element in _walk(root):
        tag = _tag(element)
        for key in ("href", "action"):
            found = _NUMBER.search(element.attributes.get(key) or "")
            if found:
                page.numbers.add(found.group(1))
        if tag in _HEADINGS and not page.title:
            text = clean(_text(element))
            if text not in ("", "Verdrag", "Partijen", "Treaty", "Parties"):
                page.title = text
        if tag != "table":
            continue
        rows = _rows(element)
        header = [_header_text(cell) for cell in _row_cells(rows[0])] if rows else []
        if not header or header[0] != "Partij":
            continue
        if len(header) > 1 and header[1].startswith("Voorbehoud"):
            page.reserving += [
                clean(_text(cells[0]))
                for cells in map(_row_cells, rows[1:])
                if len(cells) > 1 and clean(_text(cells[1])) == "Ja"
            ]
            continue
        page.tables += 1
        if page.tables == 1:
            page.header = header
            _read_rows(rows[1:], page, lines)
    return page


def _header_text(cell: Any) -> str:
    """A header cell's text, then its tooltips (`title`): the legend may be either."""
    titles = [node.attributes.get("title") or "" for node in _walk(cell)]
    return clean(" ".join([_text(cell), *titles]))


def _read_rows(rows: list[Any], page: PartyPage, lines: dict[int, int]) -> None:
    for row in rows:
        cells = _row_cells(row)
        if not cells:
            continue
        linked = any(_tag(node) == "a" and node.attributes.get("href") for node in _walk(cells[0]))
        page.rows.append(
            PartyRow(
                number=len(page.rows) + 1,
                line=lines.get(row.mem_id),
                name=clean(_text(cells[0])),
                linked=linked,
                cells=tuple(_text(cell) for cell in cells[1:]),
            )
        )
