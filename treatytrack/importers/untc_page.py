"""A UN Treaty Collection status page, as a user saves it from the site, read into its parts.

The page (`ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-9&chapter=26`) has one participant table:
a Participant column, usually a Signature column, sometimes a "Provisional application (n)"
column, and one column for the consent to be bound whose header lists the suffix letters
(none = ratification, `a` accession, `d` succession, `A` acceptance, `AA` approval, `P` consent
to be bound). Dates are written `20 Sep\t 2017`, padded with `&nbsp;`. A state whose
participation ended is shown in [brackets], with an End Note giving the dates. Footnote numbers
in a name's superscript point at the End Notes.

Parsed with selectolax's lexbor parser, which implements the HTML5 specification's parsing
algorithm: a page is read into the same tree a browser builds, so an omitted `</tr>` or `</td>`
(valid HTML) ends the row or cell where the browser ends it, and a table nested in a cell stays
inside that cell. A tokenizer that reports tags (html.parser) leaves those to guesswork, and
hand-made regexes over hostile text took time quadratic in its length. Lexbor is C: a 500 KB
page of dense tags takes a third of a second (html5lib, the same algorithm in pure Python, took
14 s). Its time, like any tree builder's, grows with the square of the nesting depth, so a page
nested deeper than MAX_DEPTH is refused on a linear scan first, and a page over MAX_PAGE
characters is not read. It is imported only when a page is read: no other command pays for it. This module reads the
page's parts as they are written (`read_page`: the header, the rows, the End Notes, the title,
the counts, the MTDSG number and the status date); treatytrack.importers.untc interprets them
into a table's rows.

Pure: text in, data out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

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


MAX_PAGE = 4 * 1024 * 1024  # characters; a saved status page is 100-400 KB
# Elements whose text a reader does not see: the status date is never taken from a script.
_UNSEEN = frozenset({"script", "style", "template", "noscript", "head", "title", "textarea", "iframe"})
_MTDSG = re.compile(r"mtdsg_no=([^&\"'#\s]+)")


class PageError(Exception):
    """A page that cannot be read at all (too large, not HTML the parser can build a tree of)."""


MAX_DEPTH = 400  # elements open at once; a status page nests some 20 deep


def _tag(node: Any) -> str:
    return str(node.tag) if node.is_element_node else ""  # text nodes are "-text", comments "-comment"


def _children(node: Any) -> list[Any]:
    return list(node.iter(include_text=True))


def _text(element: Any, skip_sup: bool = False, sup: list[str] | None = None) -> str:
    """The text of an element and its descendants, in order, without what a reader does not see
    (scripts, styles, comments); `skip_sup`: without superscripts, whose text goes to `sup`."""
    out: list[str] = []
    stack = [element]
    while stack:
        node = stack.pop()
        if node.is_text_node:
            out.append(node.text_content or "")
            continue
        tag = _tag(node)
        if not tag or tag in _UNSEEN:
            continue
        if skip_sup and tag == "sup" and node is not element:
            if sup is not None:
                sup.append(_text(node))
            continue
        stack.extend(reversed(_children(node)))
    return "".join(out)


def _rows(table: Any) -> list[Any]:
    """The table's own rows (in its row groups), not those of a table nested in a cell."""
    rows = []
    for child in table.iter():
        if _tag(child) == "tr":
            rows.append(child)
        elif _tag(child) in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child.iter() if _tag(row) == "tr")
    return rows


def _walk(root: Any) -> Iterator[Any]:
    """Every element in document order."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(list(node.iter())))


# A tag as the tokenizer sees it, for the nesting bound: its end mark and its name (at most 42
# characters read at each `<`: the scan is linear).
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]{0,40})")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "param",
        "keygen",
        "frame",
        "basefont",
        "bgsound",
    ]
)
# A start tag that closes an open element of its group (an omitted `</tr>`, `</td>`, `</p>`, `</li>`).
_CLOSES = {
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "thead": {"thead", "tbody", "tfoot", "tr", "td", "th"},
    "tbody": {"thead", "tbody", "tfoot", "tr", "td", "th"},
    "tfoot": {"thead", "tbody", "tfoot", "tr", "td", "th"},
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "option": {"option"},
}


def _too_deep(html: str) -> bool:
    """Whether elements nest deeper than MAX_DEPTH, on a linear scan of the tags (the tree builder's
    time grows with the square of the depth): a stack of the open elements' names, an end tag
    closing up to the nearest open element of its name, and the end tags HTML lets a page omit
    implied, as the parser implies them (within the innermost table)."""
    stack: list[str] = []
    for match in _TAG.finditer(html):
        end, name = match.group(1), match.group(2).lower()
        if end:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
            continue
        if name in _VOID:
            continue
        group = _CLOSES.get(name)
        if group is not None:
            table = len(stack) - 1 - stack[::-1].index("table") if "table" in stack else -1
            for at in range(table + 1, len(stack)):
                if stack[at] in group:
                    del stack[at:]
                    break
        stack.append(name)
        if len(stack) > MAX_DEPTH:
            return True
    return False


def _parse(html: str) -> Any:
    if len(html) > MAX_PAGE:
        raise PageError(
            f"the page has {len(html):,} characters; a status page has far fewer (at most {MAX_PAGE:,} read)"
        )
    if _too_deep(html):
        raise PageError(f"elements nest more than {MAX_DEPTH} deep; a status page nests some 20 deep")
    from selectolax.lexbor import LexborHTMLParser  # the import command's own dependency: imported only here

    try:
        tree = LexborHTMLParser(html)
    except Exception as err:  # lexbor builds a tree of any text; anything else is said, in one line
        raise PageError(f"not HTML that can be read ({type(err).__name__})") from None
    if tree.root is None:
        raise PageError("not HTML that can be read (no document)")
    return tree.root


def read_page(html: str) -> StatusPage:
    """The page's parts, uninterpreted. Raises `PageError` for a page that cannot be read at all."""
    page = StatusPage()
    root = _parse(html)
    captured: set[int] = set()  # the title, status and End Note divs (their mem_id): not read again inside
    for element in _walk(root):
        tag = _tag(element)
        for key in ("href", "action"):
            value = element.attributes.get(key) or ""
            if "ViewDetails.aspx?" in value:
                found = _MTDSG.search(value, value.index("ViewDetails.aspx?"))
                if found:
                    page.mtdsg.add(found.group(1))
        if tag == "table" and (element.attributes.get("id") or "").endswith("_tblgrid"):
            page.tables += 1
            if page.tables == 1:
                _read_grid(element, page)
        elif tag == "div" and element.mem_id not in captured:
            ident, classes = element.attributes.get("id") or "", (element.attributes.get("class") or "").split()
            if "divNotesAll" in classes:
                _read_note(element, page)
            elif ident.endswith("rptTreaty_ctl00_tcTreaty"):
                page.title = clean(_text(element))
            elif ident.endswith("rptStatus_ctl00_tcText"):
                page.counts = {k: int(v) for k, v in _COUNT.findall(clean(_text(element)))}
            else:
                continue
            captured.update(d.mem_id for d in _walk(element))
    found = _STATUS_AS_AT.search(clean(_text(root)))
    if found:
        day, month, year = (int(g) for g in found.groups())
        try:
            page.as_of = dt.date(year, month, day)
        except ValueError:
            page.as_of = None
    return page


def _read_grid(table: Any, page: StatusPage) -> None:
    for number, row in enumerate(_rows(table)):
        cells: list[tuple[str, list[int]]] = []
        for cell in row.iter():
            if _tag(cell) not in ("td", "th"):
                continue
            sups: list[str] = []
            text = _text(cell, skip_sup=True, sup=sups)
            cells.append((text, [int(n) for n in re.findall(r"\d{1,6}", " ".join(sups))]))
        texts = [c for c, _ in cells]
        if number == 0:
            page.header = [clean(t) for t in texts]
            continue
        if not cells:
            continue
        name, footnotes = cells[0]
        notes = tuple(footnotes) + tuple(n for _, later in cells[1:] for n in later)
        page.rows.append(PageRow(len(page.rows) + 1, clean(name), notes, tuple(texts[1:])))


def _read_note(div: Any, page: StatusPage) -> None:
    text = clean(_text(div))
    number: int | None = None
    for element in _walk(div):
        name = element.attributes.get("name") if _tag(element) == "a" else None
        if name:
            number = int(name) if name.isdigit() and len(name) < 7 else -1
            break
    if number is not None and number >= 0:
        page.notes[number] = re.sub(rf"^{number}\s*", "", text)
    else:
        page.notes[-1 - len(page.notes)] = text
