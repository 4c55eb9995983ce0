"""What every terminal view is made of: the styles (the only place colour lives, never in data),
cells, headings, the sources cited as numbered notes (`Footnotes`) and the frame of a view
(`view`: a title, a table, a caption, the notes).

Data is only ever put in `Text` objects, never in strings Rich would read as markup: a value
such as `[/]` or `[link=...]` is printed as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from treatytrack.core.vocab import PartyStatus, Status
from treatytrack.render.layout import wrap

STATUS_STYLE = {
    Status.IN_FORCE.value: "green",
    Status.NOT_IN_FORCE.value: "cyan",
    Status.SUSPENDED.value: "yellow",
    Status.EXPIRED.value: "red",
    Status.TERMINATED.value: "red",
}
PARTY_STYLE = {
    PartyStatus.PARTY.value: "green",
    PartyStatus.SIGNATORY.value: "cyan",
    PartyStatus.RATIFIED.value: "cyan",
    PartyStatus.SUSPENDED.value: "yellow",
    PartyStatus.SUSPENSION_CLAIMED.value: "yellow",
    PartyStatus.DERATIFIED.value: "yellow",
    PartyStatus.SIGNATURE_WITHDRAWN.value: "yellow",
    PartyStatus.WITHDRAWN.value: "red",
    PartyStatus.TREATY_ENDED.value: "red",
    PartyStatus.NOT_PARTY.value: "dim",
    PartyStatus.NOT_RECORDED.value: "dim",
    PartyStatus.NOT_YET_EXISTING.value: "dim",
    PartyStatus.CEASED_TO_EXIST.value: "dim",
}


def value_cell(value: object, style: str = "") -> Text:
    return Text("—" if value is None or value == "" else str(value), style=style)


def heading(text: str) -> Text:
    return Text(text, style="bold")


def plain_cell(text: str) -> Text:
    return Text(text)


_URL = re.compile(r"https?://[^\s<>\"\[\]]+")
_URL_TAIL = ".,;:!?'\""


def is_url(text: str | None) -> bool:
    return text is not None and _URL.fullmatch(text) is not None


class Footnotes:
    """Sources cited in a view, numbered in the order they are first cited, each listed once
    below the view; a URL is a hyperlink (shown as one only on a terminal that supports it)."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._titles: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._numbers)

    def marker(self, source: str | None) -> Text:
        """`[n]` for a source (a URL or a citation), linked when it is a URL; empty for none."""
        if not source:
            return Text()
        number = self._numbers.setdefault(source, len(self._numbers) + 1)
        return Text(f"[{number}]", style=Style(link=source) if is_url(source) else "")

    def title(self, url: str, title: str) -> None:
        """Name a source (a dataset `sources` entry); it is listed even if nothing cites it."""
        self._titles.setdefault(url, title)
        self._numbers.setdefault(url, len(self._numbers) + 1)

    def cite(self, text: str | None, source: str | None = None, style: str = "") -> Text:
        """`text` with each URL in it replaced by its marker, and the marker of `source` after it."""
        plain = text or ""
        cell = Text(style=style)
        start = 0
        for match in _URL.finditer(plain):
            url = match.group().rstrip(_URL_TAIL)
            if url.endswith(")") and "(" not in url:
                url = url[:-1]
            cell.append(plain[start : match.start()])
            cell.append_text(self.marker(url))
            start = match.start() + len(url)
        cell.append(plain[start:])
        if source:
            if cell.plain:
                cell.append(" ")
            cell.append_text(self.marker(source))
        return cell

    def lines(self, width: int) -> list[Text]:
        """The notes, `[n] source`: a title wrapped at words, a URL on a line of its own, whole
        (a terminal folds it; copying it gives the URL back)."""
        out: list[Text] = []
        for source, number in self._numbers.items():
            marker = f"[{number}] "
            indent = " " * len(marker)
            link = Style(link=source) if is_url(source) else Style()
            title = self._titles.get(source)
            if title is not None:
                out.extend(Text(line) for line in wrap(marker + title, width, indent))
                out.append(Text.assemble(indent, (source, link), no_wrap=True, overflow="ignore"))
            elif is_url(source):
                out.append(Text.assemble(marker, (source, link), no_wrap=True, overflow="ignore"))
            else:
                out.extend(Text(line) for line in wrap(marker + source, width, indent))
        return out


def view(
    title: str | Text | None,
    table: RenderableType | None,
    caption: Sequence[str] = (),
    notes: Footnotes | None = None,
    width: int = 80,
) -> Group:
    """A titled table with its caption lines and the sources it cites below."""
    parts: list[RenderableType] = []
    if title is not None:
        parts.append(heading(title) if isinstance(title, str) else title)
    if table is not None:
        parts.append(table)
    if caption:
        parts.append(Text())
        parts.extend(Text(line) for line in caption)
    if notes:
        parts.append(Text())
        parts.extend(notes.lines(width))
    return Group(*parts)
