"""Rich tables for the terminal, one function per view: which columns each view has, what goes
in them, and in which order they give way as the width shrinks (`render.layout` lays them out;
`render.terminal` holds the styles, the notes and the view's frame).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import Group
from rich.text import Text

from treatytrack.core.query import Deadline
from treatytrack.render import counted
from treatytrack.render.layout import Column, build_table
from treatytrack.render.records import Record, coverage_line
from treatytrack.render.terminal import PARTY_STYLE, STATUS_STYLE, Footnotes, value_cell, view

EXPIRY_MARKS = {"extension": "*", "withdrawal": "†"}


def expires_cell(record: Record) -> Text:
    """The expiry day, marked when an extension or a withdrawal set it (see the caption)."""
    expires = record.get("expires")
    if expires is None:
        return value_cell(None)
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
        Column("Kind", "short", drop=0, cells=[value_cell(r["kind"]) for r in records]),
        Column(
            "Status",
            "short",
            keep=not why,
            drop=5,
            cells=[value_cell(r["status"], STATUS_STYLE.get(r["status"], "")) for r in records],
        ),
        Column("Since", "fixed", drop=3, cells=[value_cell(r["status_since"]) for r in records]),
        Column("In force", "fixed", drop=2, cells=[value_cell(r["entry_into_force"]) for r in records]),
        Column("Expires", "fixed", drop=4, cells=[expires_cell(r) for r in records]),
        Column("Days", "fixed", drop=1, justify="right", cells=[value_cell(r["days_left"]) for r in records]),
    ]
    if why:
        columns.append(Column("Why", "flex", keep=True, ratio=2, cells=[value_cell(r["why"]) for r in records]))
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
        Column("What", "short", keep=True, cells=[value_cell(d.what) for d in deadlines]),
        Column("Party", "short", drop=2, merge_into="What", cells=[Text(d.party or "") for d in deadlines]),
        Column("Why", "flex", drop=1, ratio=2, cells=[value_cell(d.why) for d in deadlines]),
    ]
    title = f"Deadlines after {day.isoformat()} up to {until.isoformat()}"
    return view(title, build_table(columns, width), [counted(len(deadlines), "deadline")], width=width)


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
        note.cells.append(notes.cite(r["note"]) if r["note"] else value_cell(None))
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
        Column("Why", "flex", drop=0, ratio=2, cells=[value_cell(r["why"]) for r in records]),
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
        status.cells.append(value_cell(r["treaty_status"], STATUS_STYLE.get(str(r["treaty_status"]), "")))
        for code, (standing_column, since_column) in zip(codes, standing, strict=True):
            value = str(r["status" if single else f"{code}_status"])
            standing_column.cells.append(value_cell(value, PARTY_STYLE.get(value, "")))
            since_column.cells.append(value_cell(r["since" if single else f"{code}_since"]))
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
            "Deadline",
            "fixed",
            drop=0,
            cells=[value_cell(r["deadline"], "" if r["binding"] else "yellow") for r in records],
        ),
    ]
    return view(
        f"Limits in force on {day}", build_table(columns, width), [counted(len(records), "limit")], notes, width
    )


def declared_table(records: Sequence[Record], day: str, width: int = 80) -> Group:
    """`limits --declared`: each ceiling with each party's latest declared value and its data
    date; the source is a numbered note. The unit gives way first, then the treaty's name."""
    from treatytrack.render.declared_records import declared_text, limit_text

    notes = Footnotes()
    columns = [
        Column("Treaty", "flex", drop=1, cells=[Text(str(r["short_name"]), style="bold") for r in records]),
        Column("Item", "flex", keep=True, ratio=2, cells=[Text(str(r["item"])) for r in records]),
        Column("Limit", "fixed", keep=True, justify="right", cells=[Text(limit_text(r)) for r in records]),
        Column("Unit", "short", drop=0, cells=[Text(str(r["unit"])) for r in records]),
        Column("Party", "fixed", keep=True, cells=[Text(str(r["party"])) for r in records]),
        Column(
            "Declared",
            "fixed",
            keep=True,
            justify="right",
            cells=[
                notes.cite(declared_text(r), str(r["source"]), "yellow" if r["within_limit"] is False else "")
                for r in records
            ],
        ),
        Column("Data date", "fixed", keep=True, cells=[Text(str(r["date"])) for r in records]),
    ]
    return view(
        f"Declared numbers, latest on or before {day}",
        build_table(columns, width),
        [counted(len(records), "declared value")],
        notes,
        width,
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
            cells=[value_cell(s, PARTY_STYLE.get(r["status"], "")) for s, r in zip(standings, records, strict=True)],
        ),
        Column("Since", "fixed", drop=3, cells=[value_cell(r["since"]) for r in records]),
        Column("Signed", "fixed", drop=0, cells=[value_cell(r["signed"]) for r in records]),
        Column("Consent", "short", drop=1, cells=[value_cell(c) for c in consents]),
        Column("In force for it", "fixed", drop=2, cells=[value_cell(r["in_force_for_state"]) for r in records]),
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
            cells=[value_cell(r[name]) for r in records],
        )
        for index, name in enumerate(columns)
    ]
    return view(None, build_table(cells, width), [counted(len(records), "row")], width=width)
