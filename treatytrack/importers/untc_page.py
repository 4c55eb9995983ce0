"""A UN Treaty Collection status page, as a user saves it from the site, read into its parts.

The page (`ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-9&chapter=26`) has one participant table:
a Participant column, usually a Signature column, sometimes a "Provisional application (n)"
column, and one column for the consent to be bound whose header lists the suffix letters
(none = ratification, `a` accession, `d` succession, `A` acceptance, `AA` approval, `P` consent
to be bound). Dates are written `20 Sep\t 2017`, padded with `&nbsp;`. A state whose
participation ended is shown in [brackets], with an End Note giving the dates. Footnote numbers
in a name's superscript point at the End Notes.

Read with the standard library's html.parser: the page is machine-made and regular, and a
tolerant tokenizer that reports every tag is all this needs (no dependency, nothing to keep up).
This module reads the page's parts as they are written (`read_page`: the header, the rows, the
End Notes, the title, the counts, the MTDSG number and the status date); treatytrack.importers.untc
interprets them into a table's rows.

Pure: text in, data out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_STATUS_AS_AT = re.compile(r"STATUS AS AT\s*:\s*(\d{2})-(\d{2})-(\d{4})")
_COUNT = re.compile(r"(Signatories|Parties)\s*:\s*(\d+)")


def clean(text: str) -> str:
    """`text` with its runs of spaces (the page pads with no-break spaces) made one space, trimmed."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


@dataclass
class PageRow:
    """One row of the participant table: the name, its footnote numbers and the other cells."""

    number: int  # 1-based, in page order
    name: str
    footnotes: tuple[int, ...]
    cells: tuple[str, ...]


@dataclass
class StatusPage:
    """What the page says, before any of it is interpreted."""

    as_of: dt.date | None = None
    mtdsg: set[str] = field(default_factory=set)
    title: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    rows: list[PageRow] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)
    tables: int = 0  # participant tables seen


class _Reader(HTMLParser):
    """Collects the participant table, the End Notes, the title, the counts and the MTDSG number."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = StatusPage()
        self.text: list[str] = []
        self._grid_depth = 0  # >0 inside the participant table (nested tables counted)
        self._row: list[tuple[str, list[int]]] | None = None
        self._cell: list[str] | None = None
        self._sup = 0
        self._sup_text: list[str] = []
        self._footnotes: list[int] = []
        self._header_done = False
        self._capture: str | None = None  # which div's text is being kept
        self._capture_depth = 0
        self._captured: list[str] = []
        self._note_number: int | None = None

    # -- tags ---------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        for key in ("href", "action"):
            found = re.search(r"ViewDetails\.aspx\?[^\"']*?mtdsg_no=([^&\"']+)", attr.get(key, ""))
            if found:
                self.page.mtdsg.add(found.group(1))
        if tag == "table" and attr.get("id", "").endswith("_tblgrid"):
            self._grid_depth = 1
            self.page.tables += 1
            return
        if self._grid_depth:
            self._grid_tag(tag)
            return
        if self._capture is not None:
            if tag == "div":
                self._capture_depth += 1
            if tag == "a" and self._capture == "note" and self._note_number is None and attr.get("name"):
                try:
                    self._note_number = int(attr["name"])
                except ValueError:
                    self._note_number = -1
            return
        ident, classes = attr.get("id", ""), attr.get("class", "").split()
        if tag == "div" and "divNotesAll" in classes:
            self._start_capture("note")
        elif tag == "div" and ident.endswith("rptTreaty_ctl00_tcTreaty"):
            self._start_capture("title")
        elif tag == "div" and ident.endswith("rptStatus_ctl00_tcText"):
            self._start_capture("status")

    def _start_capture(self, what: str) -> None:
        self._capture, self._capture_depth, self._captured, self._note_number = what, 1, [], None

    def _grid_tag(self, tag: str) -> None:
        if tag == "table":
            self._grid_depth += 1
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell, self._footnotes = [], []
        elif tag == "sup" and self._cell is not None:
            self._sup += 1
            self._sup_text = []

    def handle_endtag(self, tag: str) -> None:
        if self._grid_depth:
            if tag == "table":
                self._grid_depth -= 1
            elif tag == "sup" and self._sup:
                self._sup -= 1
                self._footnotes += [int(n) for n in re.findall(r"\d+", "".join(self._sup_text))]
            elif tag in ("td", "th") and self._cell is not None and self._row is not None:
                self._row.append(("".join(self._cell), list(self._footnotes)))
                self._cell = None
            elif tag == "tr" and self._row is not None:
                self._end_row(self._row)
                self._row = None
            return
        if self._capture is not None and tag == "div":
            self._capture_depth -= 1
            if self._capture_depth == 0:
                self._end_capture()

    def _end_row(self, cells: list[tuple[str, list[int]]]) -> None:
        texts = [c for c, _ in cells]
        if not self._header_done:
            self.page.header = [clean(t) for t in texts]
            self._header_done = True
            return
        if not cells:
            return
        name, footnotes = cells[0]
        notes = tuple(footnotes) + tuple(n for _, later in cells[1:] for n in later)
        self.page.rows.append(PageRow(len(self.page.rows) + 1, clean(name), notes, tuple(texts[1:])))

    def _end_capture(self) -> None:
        text = clean("".join(self._captured))
        what, self._capture = self._capture, None
        if what == "note":
            number = self._note_number
            if number is not None and number >= 0:
                self.page.notes[number] = re.sub(rf"^{number}\s*", "", text)
            else:
                self.page.notes[-1 - len(self.page.notes)] = text
        elif what == "title":
            self.page.title = text
        elif what == "status":
            self.page.counts = {k: int(v) for k, v in _COUNT.findall(text)}

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._grid_depth and self._cell is not None:
            if self._sup:
                self._sup_text.append(data)
            else:
                self._cell.append(data)
        elif self._capture is not None:
            self._captured.append(data)


def read_page(html: str) -> StatusPage:
    """The page's parts, uninterpreted."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    found = _STATUS_AS_AT.search(clean(" ".join(reader.text)))
    if found:
        day, month, year = (int(g) for g in found.groups())
        try:
            reader.page.as_of = dt.date(year, month, day)
        except ValueError:
            reader.page.as_of = None
    return reader.page
