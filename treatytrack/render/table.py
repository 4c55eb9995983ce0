"""Rich renderables for the terminal. The only module that styles: colour lives here, never in data.

Every view is a Group: a title, a table laid out by `render.layout` for the width it is given,
a caption, and the sources cited, as numbered notes below (`Footnotes`). Data is only ever
put in `Text` objects, never in strings Rich would read as markup: a value such as `[/]` or
`[link=...]` is printed as written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from treatytrack.core.query import Deadline
from treatytrack.core.vocab import PartyStatus, Status
from treatytrack.render import counted
from treatytrack.render.layout import Column, build_table, wrap
from treatytrack.render.records import Record, condition_line, coverage_line

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


def _text(value: object, style: str = "") -> Text:
    return Text("—" if value is None or value == "" else str(value), style=style)


def _title(text: str) -> Text:
    return Text(text, style="bold")


def _plain(text: str) -> Text:
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
        parts.append(_title(title) if isinstance(title, str) else title)
    if table is not None:
        parts.append(table)
    if caption:
        parts.append(Text())
        parts.extend(Text(line) for line in caption)
    if notes:
        parts.append(Text())
        parts.extend(notes.lines(width))
    return Group(*parts)


EXPIRY_MARKS = {"extension": "*", "withdrawal": "†"}


def expires_cell(record: Record) -> Text:
    """The expiry day, marked when an extension or a withdrawal set it (see the caption)."""
    expires = record.get("expires")
    if expires is None:
        return _text(None)
    return Text(expires + EXPIRY_MARKS.get(record.get("expires_by") or "", ""))


def list_table(
    records: Sequence[Record],
    day: dt.date,
    reviewed: dt.date,
    width: int = 120,
    *,
    why: bool = False,
    caveats: Sequence[str] = (),
) -> Group:
    """The `list` table. Columns give way as the width shrinks: Kind first, then Days, In force,
    Since and Expires; with --why, Status goes before Why (the reason starts with the status).
    The treaty's name always stays."""
    treaty = Column("Treaty", "flex", keep=True, cells=[Text(r["short_name"], style="bold") for r in records])
    columns = [
        treaty,
        Column("Kind", "short", drop=0, cells=[_text(r["kind"]) for r in records]),
        Column(
            "Status",
            "short",
            keep=not why,
            drop=5,
            cells=[_text(r["status"], STATUS_STYLE.get(r["status"], "")) for r in records],
        ),
        Column("Since", "fixed", drop=3, cells=[_text(r["status_since"]) for r in records]),
        Column("In force", "fixed", drop=2, cells=[_text(r["entry_into_force"]) for r in records]),
        Column("Expires", "fixed", drop=4, cells=[expires_cell(r) for r in records]),
        Column("Days", "fixed", drop=1, justify="right", cells=[_text(r["days_left"]) for r in records]),
    ]
    if why:
        columns.append(Column("Why", "flex", keep=True, ratio=2, cells=[_text(r["why"]) for r in records]))
    caption = [
        f"{counted(len(records), 'agreement')} · as of {day.isoformat()} · dataset reviewed {reviewed.isoformat()}"
    ]
    marks = {r.get("expires_by") for r in records if r.get("expires")}
    legend = [
        f"{mark} expiry set by an extension" if by == "extension" else f"{mark} end set by a withdrawal"
        for by, mark in EXPIRY_MARKS.items()
        if by in marks
    ]
    if legend:
        caption.append("   ".join(legend))
    if caveats:  # treaties a standing filter left out, and why: part of what the reader sees
        caption.append("Left out because a standing is undecided:")
        caption += [f"  {caveat}" for caveat in caveats]
    return view(f"Arms-control agreements on {day.isoformat()}", build_table(columns, width), caption, width=width)


def urgency_style(days_left: int) -> str:
    if days_left <= 30:
        return "bold red"
    if days_left <= 180:
        return "yellow"
    return "green"


def expiring_table(deadlines: Sequence[Deadline], day: dt.date, until: dt.date, width: int = 80) -> Group:
    """Deadlines, soonest first. Days left goes first, then Why; the party that withdraws moves
    in front of What rather than go."""
    styles = [urgency_style(d.days_left) for d in deadlines]
    columns = [
        Column(
            "Date",
            "fixed",
            keep=True,
            cells=[Text(d.date.isoformat(), style=s) for d, s in zip(deadlines, styles, strict=True)],
        ),
        Column(
            "Days left",
            "fixed",
            drop=0,
            justify="right",
            cells=[Text(str(d.days_left), style=s) for d, s in zip(deadlines, styles, strict=True)],
        ),
        Column("Treaty", "flex", keep=True, cells=[Text(d.treaty.short_name, style="bold") for d in deadlines]),
        Column("What", "short", keep=True, cells=[_text(d.what) for d in deadlines]),
        Column("Party", "short", drop=2, merge_into="What", cells=[Text(d.party or "") for d in deadlines]),
        Column("Why", "flex", drop=1, ratio=2, cells=[_text(d.why) for d in deadlines]),
    ]
    title = f"Deadlines after {day.isoformat()} up to {until.isoformat()}"
    return view(title, build_table(columns, width), [counted(len(deadlines), "deadline")], width=width)


def show_view(record: Record, reviewed: dt.date, width: int = 80, *, why: bool = False) -> RenderableType:
    """One treaty in full: facts, standing of parties, limits, dated events; every source cited
    is a numbered note at the end, with the treaty's references."""
    notes = Footnotes()
    labels: list[Text] = []
    values: list[Text] = []

    def fact(label: str, value: object, style: str = "", source: str | None = None) -> None:
        if value not in (None, "", []):
            labels.append(Text(label, style="bold"))
            values.append(notes.cite(str(value), source, style))

    status = record["status"]
    fact("Status", f"{status} (as of {record['as_of']})", STATUS_STYLE.get(status, ""))
    fact("Why", record["why"])
    fact("Id", record["id"])
    fact("Short name", record["short_name"])
    fact("Also known as", ", ".join(record["aliases"]))
    fact("Kind", f"{record['kind']} {record['instrument']}")
    fact("Categories", ", ".join(record["categories"]))
    fact("Depositary", record["depositary"])
    for key, label in (
        ("signed", "Signed"),
        ("opened_for_signature", "Opened for signature"),
        ("entry_into_force", "Entry into force"),
    ):
        dated = record["dates"][key]
        if dated:
            fact(label, dated["date"] + (f" — {dated['note']}" if dated["note"] else ""), source=dated["source"])
    if record["duration"]:
        fact("Term", record["duration"]["text"], source=record["duration"]["source"])
    else:
        fact("Term", "unlimited (no fixed term)")
    if record["withdrawal_notice"]:
        fact("Withdrawal notice", record["withdrawal_notice"]["text"], source=record["withdrawal_notice"]["source"])
    if record["expires"]:
        by = {"extension": " (set by an extension)", "withdrawal": " (set by a withdrawal)"}.get(
            record["expires_by"] or "", ""
        )
        fact("Expires" if status not in ("expired", "terminated") else "Ended", record["expires"] + by)
    count = record["party_count"]
    if count:
        fact("States parties", f"{count['count']} as of {count['as_of']}", source=count["source"])
    facts = [Column("", "short", keep=True, cells=labels), Column("", "flex", keep=True, cells=values)]
    parts: list[RenderableType] = [
        Text(record["name"], style="bold underline"),
        build_table(facts, width, show_header=False),
    ]

    if record["parties"]:
        rows = record["parties"]
        standings = [
            p["status"] + (f" (withdrawal effective {p['withdrawal_effective']})" if p["withdrawal_effective"] else "")
            for p in rows
        ]
        parties = [
            Column("Code", "fixed", keep=True, cells=[Text(p["code"]) for p in rows]),
            Column("Name", "flex", keep=True, cells=[Text(p["name"]) for p in rows]),
            Column(
                "Standing",
                "short",
                keep=True,
                cells=[_text(s, PARTY_STYLE.get(p["status"], "")) for s, p in zip(standings, rows, strict=True)],
            ),
            Column("Since", "fixed", drop=0, cells=[_text(p["since"]) for p in rows]),
        ]
        parts += [
            Text(),
            _title(coverage_line(record)),
            build_table(parties, width),
        ]
    if record["limits"]:
        rows = record["limits"]
        limits = [
            Column("Item", "flex", keep=True, ratio=2, cells=[notes.cite(lim["item"], lim["source"]) for lim in rows]),
            Column("Limit", "fixed", keep=True, justify="right", cells=[Text(f"{lim['value']:,}") for lim in rows]),
            Column("Unit", "short", drop=1, cells=[Text(lim["unit"]) for lim in rows]),
            Column("Deadline", "fixed", drop=0, cells=[_text(lim["deadline"]) for lim in rows]),
        ]
        parts += [Text(), _title("Limits"), build_table(limits, width)]
    if why:
        parts.append(Text())
        condition = condition_line(record)
        if condition is not None:
            parts.append(_title(condition))
        parts.append(_title(f"Evidence for: {record['why']}"))
        parts.extend(
            Text.assemble(
                "  • ", notes.cite(f"{e['date']} {e['type']}{' by ' + e['party'] if e['party'] else ''}", e["source"])
            )
            for e in record["evidence"]
        )
        if not record["evidence"]:
            parts.append(Text("  • derived from the key dates and the treaty's term, listed above"))
    if record["events"]:
        rows = record["events"]
        described = []
        for e in rows:
            note = e["note"] or ""
            if e["new_expiry"]:
                note = f"new expiry {e['new_expiry']}. {note}".strip()
            if e["effective"]:
                note = f"effective {e['effective']}. {note}".strip()
            described.append(notes.cite(note, e["source"]))
        events = [
            Column("Date", "fixed", keep=True, cells=[Text(e["date"]) for e in rows]),
            Column("Event", "short", keep=True, cells=[Text(e["type"]) for e in rows]),
            Column("Party", "short", drop=0, merge_into="Event", cells=[Text(e["party"] or "") for e in rows]),
            Column("Note", "flex", keep=True, ratio=2, cells=described),
        ]
        parts += [Text(), _title("Events"), build_table(events, width)]
    if record["notes"]:
        parts += [Text(), _title("Notes"), notes.cite(record["notes"])]
    for reference in record["sources"]:
        notes.title(reference["url"], reference["title"])
    if notes:
        parts += [Text(), _title("Sources"), *notes.lines(width)]
    parts += [Text(), Text(f"Dataset reviewed {reviewed.isoformat()}", style="dim")]
    return Group(*parts)


EVENT_STYLE = {
    "entered-into-force": "green",
    "extended": "cyan",
    "suspended": "yellow",
    "resumed": "green",
    "withdrawal-notice": "magenta",
    "withdrawn": "red",
    "deratified": "yellow",
    "superseded": "red",
    "terminated": "red",
    "expired": "red",
    "statement": "dim",
}


def timeline_table(records: Sequence[Record], title: str, width: int = 80) -> Group:
    """Events in date order with a heading row for each year. The party that acted moves in
    front of the event rather than go; then the event type, then the note give way."""
    notes = Footnotes()
    date, treaty, party, event, note = (
        Column("Date", "fixed", keep=True),
        Column("Treaty", "flex", keep=True),
        Column("Party", "short", drop=1, merge_into="Event"),
        Column("Event", "short", drop=3),
        Column("Note", "flex", drop=2, ratio=2),
    )
    year = None
    for r in records:
        if r["date"][:4] != year:
            year = r["date"][:4]
            date.cells.append(Text(year, style="bold underline"))
            for column in (treaty, party, event, note):
                column.cells.append(Text())
        date.cells.append(Text(r["date"]))
        treaty.cells.append(Text(r["short_name"], style="bold"))
        party.cells.append(Text(r["party"] or ""))
        event.cells.append(
            Text(r["type"] + (" (derived)" if r["derived"] else ""), style=EVENT_STYLE.get(r["type"], ""))
        )
        note.cells.append(notes.cite(r["note"]) if r["note"] else _text(None))
    table = build_table([date, treaty, party, event, note], width)
    return view(title, table, [counted(len(records), "entry", "entries")], notes, width)


def changes_table(records: Sequence[Record], title: str, width: int = 80) -> Group:
    """Changes in date order. Why gives way first; the party moves in front of the change."""
    changes = []
    for r in records:
        style = STATUS_STYLE.get(r["after"], PARTY_STYLE.get(r["after"], "cyan"))
        changes.append(Text(f"{r['before']} → {r['after']}", style=style))
    columns = [
        Column("Date", "fixed", keep=True, cells=[Text(r["date"]) for r in records]),
        Column("Treaty", "flex", keep=True, cells=[Text(r["short_name"], style="bold") for r in records]),
        Column("Party", "short", drop=1, merge_into="Change", cells=[Text(r["party"] or "(treaty)") for r in records]),
        Column("Change", "short", keep=True, cells=changes),
        Column("Why", "flex", drop=0, ratio=2, cells=[_text(r["why"]) for r in records]),
    ]
    return view(title, build_table(columns, width), [counted(len(records), "change")], width=width)


def party_table(
    records: Sequence[Record], codes: Sequence[str], names: dict[str, str], day: str, width: int = 80
) -> Group:
    """Standing by category (a heading row each), with a count of each standing in the caption.
    Since gives way first, then the treaty's own status."""
    title = " vs ".join(f"{names.get(c, c)} ({c})" for c in codes) + f" on {day}"
    single = len(codes) == 1
    counts = []
    for code in codes:
        key = "status" if single else f"{code}_status"
        tally: dict[str, int] = {}
        for r in records:
            tally[str(r[key])] = tally.get(str(r[key]), 0) + 1
        counts.append(f"{code}: " + ", ".join(f"{n} {s}" for s, n in sorted(tally.items(), key=lambda kv: -kv[1])))
    treaty = Column("Treaty", "flex", keep=True)
    status = Column("Treaty status", "short", drop=len(codes))
    standing = [
        (Column(code if not single else "Standing", "short", keep=True), Column("Since", "fixed", drop=i))
        for i, code in enumerate(codes)
    ]
    columns = [treaty, status] + [c for pair in standing for c in pair]
    category = None
    for r in records:
        if r["category"] != category:
            category = r["category"]
            treaty.cells.append(Text(str(category), style="bold underline"))
            for column in columns[1:]:
                column.cells.append(Text())
        treaty.cells.append(Text(str(r["short_name"])))
        status.cells.append(_text(r["treaty_status"], STATUS_STYLE.get(str(r["treaty_status"]), "")))
        for code, (standing_column, since_column) in zip(codes, standing, strict=True):
            value = str(r["status" if single else f"{code}_status"])
            standing_column.cells.append(_text(value, PARTY_STYLE.get(value, "")))
            since_column.cells.append(_text(r["since" if single else f"{code}_since"]))
    return view(title, build_table(columns, width), counts, width=width)


def limits_table(records: Sequence[Record], day: str, width: int = 80) -> Group:
    """Ceilings in force. The deadline gives way first, then the unit; each item cites its
    source as a numbered note below."""
    notes = Footnotes()
    columns = [
        Column("Treaty", "flex", keep=True, cells=[Text(str(r["short_name"]), style="bold") for r in records]),
        Column(
            "Item", "flex", keep=True, ratio=2, cells=[notes.cite(str(r["item"]), str(r["source"])) for r in records]
        ),
        Column("Limit", "fixed", keep=True, justify="right", cells=[Text(f"{r['value']:,}") for r in records]),
        Column("Unit", "short", drop=1, cells=[Text(str(r["unit"])) for r in records]),
        Column(
            "Deadline", "fixed", drop=0, cells=[_text(r["deadline"], "" if r["binding"] else "yellow") for r in records]
        ),
    ]
    return view(
        f"Limits in force on {day}", build_table(columns, width), [counted(len(records), "limit")], notes, width
    )


def states_table(records: Sequence[Record], treaty_name: str, summary: Record, width: int = 120) -> Group:
    """`parties TREATY`: every recorded state, its standing and the acts behind it. The
    signature gives way first, then the consent, the day the treaty took effect for the state,
    and the day of its standing; the state's name never does."""
    consents = [f"{r['consent']} {r['consent_date']}" if r["consent"] else None for r in records]
    standings = [
        r["status"] + (f" (leaves {r['withdrawal_effective']})" if r["withdrawal_effective"] else "") for r in records
    ]
    columns = [
        Column("Code", "fixed", keep=True, cells=[Text(r["code"]) for r in records]),
        Column("Name", "flex", keep=True, cells=[Text(r["name"]) for r in records]),
        Column(
            "Standing",
            "short",
            keep=True,
            cells=[_text(s, PARTY_STYLE.get(r["status"], "")) for s, r in zip(standings, records, strict=True)],
        ),
        Column("Since", "fixed", drop=3, cells=[_text(r["since"]) for r in records]),
        Column("Signed", "fixed", drop=0, cells=[_text(r["signed"]) for r in records]),
        Column("Consent", "short", drop=1, cells=[_text(c) for c in consents]),
        Column("In force for it", "fixed", drop=2, cells=[_text(r["in_force_for_state"]) for r in records]),
    ]
    title = f"States and {treaty_name} on {summary['as_of']}"
    return view(title, build_table(columns, width), [coverage_line(summary)], width=width)


PANEL_KEPT = ("treaty", "name", "status")
PANEL_DATES = ("start", "until", "since", "year")


def panel_table(records: Sequence[Record], columns: Sequence[str], width: int = 80) -> Group:
    """`standings` in the terminal (its CSV and JSON are what analysts load): the treaty, the
    state's name and its standing never give way; the treaty's id goes first, then the other
    columns from the last, the start of a standing (or its year) last."""
    cells = [
        Column(
            name,
            "flex" if name in ("name", "why") else "fixed" if name in PANEL_DATES else "short",
            keep=name in PANEL_KEPT,
            drop=-1000 if name == "treaty_id" else 1000 if name in ("start", "year") else -index,
            cells=[_text(r[name]) for r in records],
        )
        for index, name in enumerate(columns)
    ]
    return view(None, build_table(cells, width), [counted(len(records), "row")], width=width)
