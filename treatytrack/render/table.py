"""Rich renderables for the terminal. The only module that styles: colour lives here, never in data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from treatytrack.query import Deadline
from treatytrack.render.records import Record, condition_line, coverage_line
from treatytrack.vocab import PartyStatus, Status

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


def fixed_widths(table: Table) -> Table:
    """Set each no-wrap column to the width Rich would measure for it.

    Rich measures every cell of every column before it lays a table out, which is most of a long
    table's rendering time; a no-wrap column of plain text is as wide as its widest line, which is
    cheap to know. The output is the same, only sooner.
    """
    from rich.cells import cell_len

    if table.show_footer:
        return table
    for column in table.columns:
        header = column.header
        if not column.no_wrap or column.width is not None or column.min_width is not None:
            continue
        if column.max_width is not None or not isinstance(header, str) or not header.isprintable():
            continue  # limits, or line breaks and controls Rich may drop: leave the measuring to Rich
        if any(c in header for c in "[:"):
            continue  # markup or emoji codes
        cells = list(column.cells)
        texts = [c.plain for c in cells if isinstance(c, Text)]
        if len(texts) != len(cells) or any("\t" in t for t in texts):
            continue
        if table.show_header:
            texts.append(header)
        if texts:  # (an empty column takes what space there is)
            # As Rich measures text: its widest line, split the way str.splitlines() splits.
            column.width = max((cell_len(line) for text in texts for line in text.splitlines()), default=0)
    return table


def _text(value: object, style: str = "") -> Text:
    return Text("—" if value is None or value == "" else str(value), style=style)


EXPIRY_MARKS = {"extension": "*", "withdrawal": "†"}


def expires_cell(record: Record) -> Text:
    """The expiry day, marked when an extension or a withdrawal set it (see the caption)."""
    expires = record.get("expires")
    if expires is None:
        return _text(None)
    return Text(expires + EXPIRY_MARKS.get(record.get("expires_by") or "", ""))


def list_table(
    records: Sequence[Record], day: dt.date, reviewed: dt.date, width: int = 120, *, why: bool = False
) -> Table:
    """The `list` table; below 100 columns the Kind column is left out so the rest stays readable."""
    wide = width >= 100
    table = Table(
        title=f"Arms-control agreements on {day.isoformat()}",
        caption=(
            f"{len(records)} agreements · as of {day.isoformat()} · dataset reviewed {reviewed.isoformat()}\n"
            "* expiry set by an extension   † end set by a withdrawal"
        ),
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Treaty", overflow="fold", min_width=12, ratio=1)
    if wide:
        table.add_column("Kind", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Since", no_wrap=True)
    table.add_column("In force", no_wrap=True)
    table.add_column("Expires", no_wrap=True)
    table.add_column("Days", justify="right", no_wrap=True)
    if why:
        table.add_column("Why", overflow="fold", ratio=2)
    for r in records:
        cells = [
            Text(r["short_name"], style="bold"),
            _text(r["status"], STATUS_STYLE.get(r["status"], "")),
            _text(r["status_since"]),
            _text(r["entry_into_force"]),
            expires_cell(r),
            _text(r["days_left"]),
        ]
        if wide:
            cells.insert(1, _text(r["kind"]))
        if why:
            cells.append(_text(r["why"]))
        table.add_row(*cells)
    return fixed_widths(table)


def urgency_style(days_left: int) -> str:
    if days_left <= 30:
        return "bold red"
    if days_left <= 180:
        return "yellow"
    return "green"


def expiring_table(deadlines: Sequence[Deadline], day: dt.date, until: dt.date) -> Table:
    table = Table(
        title=f"Deadlines after {day.isoformat()} up to {until.isoformat()}",
        caption=f"{len(deadlines)} deadlines",
        caption_justify="left",
    )
    table.add_column("Date", no_wrap=True)
    table.add_column("Days left", justify="right", no_wrap=True)
    table.add_column("Treaty", overflow="fold")
    table.add_column("What", no_wrap=True)
    table.add_column("Party", no_wrap=True)
    table.add_column("Why", overflow="fold", ratio=2)
    for d in deadlines:
        style = urgency_style(d.days_left)
        table.add_row(
            Text(d.date.isoformat(), style=style),
            Text(str(d.days_left), style=style),
            Text(d.treaty.short_name, style="bold"),
            _text(d.what),
            _text(d.party),
            _text(d.why),
        )
    return table


def show_view(record: Record, reviewed: dt.date, *, why: bool = False) -> RenderableType:
    """One treaty in full: facts, standing of parties, limits, dated events with sources."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")

    def fact(label: str, value: object, style: str = "") -> None:
        if value not in (None, "", []):
            facts.add_row(label, _text(value, style))

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
            fact(label, f"{dated['date']}  [{dated['source']}]" + (f" — {dated['note']}" if dated["note"] else ""))
    if record["duration"]:
        fact("Term", f"{record['duration']['text']}  [{record['duration']['source']}]")
    else:
        fact("Term", "unlimited (no fixed term)")
    if record["withdrawal_notice"]:
        fact("Withdrawal notice", f"{record['withdrawal_notice']['text']}  [{record['withdrawal_notice']['source']}]")
    if record["expires"]:
        by = {"extension": " (set by an extension)", "withdrawal": " (set by a withdrawal)"}.get(
            record["expires_by"] or "", ""
        )
        fact("Expires" if status not in ("expired", "terminated") else "Ended", record["expires"] + by)
    count = record["party_count"]
    if count:
        fact("States parties", f"{count['count']} as of {count['as_of']}  [{count['source']}]")
    parts: list[RenderableType] = [Text(record["name"], style="bold underline"), facts]

    if record["parties"]:
        parts.append(Text(coverage_line(record), style="bold"))
        parties = Table(title_justify="left")
        parties.add_column("Code", no_wrap=True)
        parties.add_column("Name", overflow="fold")
        parties.add_column("Standing", no_wrap=True)
        parties.add_column("Since", no_wrap=True)
        for p in record["parties"]:
            standing = p["status"] + (
                f" (withdrawal effective {p['withdrawal_effective']})" if p["withdrawal_effective"] else ""
            )
            parties.add_row(p["code"], p["name"], _text(standing, PARTY_STYLE.get(p["status"], "")), _text(p["since"]))
        parts.append(parties)
    if record["limits"]:
        limits = Table(title="Limits", title_justify="left")
        limits.add_column("Item", overflow="fold")
        limits.add_column("Limit", justify="right", no_wrap=True)
        limits.add_column("Unit")
        limits.add_column("Deadline", no_wrap=True)
        limits.add_column("Source", overflow="fold")
        for lim in record["limits"]:
            limits.add_row(lim["item"], f"{lim['value']:,}", lim["unit"], _text(lim["deadline"]), lim["source"])
        parts.append(limits)
    if why:
        condition = condition_line(record)
        if condition is not None:
            parts.append(Text(condition, style="bold"))
        parts.append(Text(f"Evidence for: {record['why']}", style="bold"))
        parts.extend(
            Text(f"  • {e['date']} {e['type']}{' by ' + e['party'] if e['party'] else ''} — {e['source']}")
            for e in record["evidence"]
        )
        if not record["evidence"]:
            parts.append(Text("  • derived from the key dates and the treaty's term, listed above"))
    if record["events"]:
        events = Table(title="Events", title_justify="left")
        events.add_column("Date", no_wrap=True)
        events.add_column("Event", no_wrap=True)
        events.add_column("Party", no_wrap=True)
        events.add_column("Note", overflow="fold", ratio=2)
        events.add_column("Source", overflow="fold", ratio=1)
        for e in record["events"]:
            note = e["note"] or ""
            if e["new_expiry"]:
                note = f"new expiry {e['new_expiry']}. {note}".strip()
            if e["effective"]:
                note = f"effective {e['effective']}. {note}".strip()
            events.add_row(e["date"], e["type"], _text(e["party"]), _text(note), e["source"])
        parts.append(events)
    if record["sources"]:
        parts.append(Text("Sources", style="bold"))
        parts.extend(Text(f"• {s['title']}: {s['url']}") for s in record["sources"])
    if record["notes"]:
        parts.append(Text("Notes", style="bold"))
        parts.append(Text(record["notes"]))
    parts.append(Text(f"Dataset reviewed {reviewed.isoformat()}", style="dim"))
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


def timeline_table(records: Sequence[Record], title: str) -> Table:
    """Events in date order with a heading row for each year."""
    table = Table(
        title=title, box=box.SIMPLE_HEAD, pad_edge=False, caption=f"{len(records)} entries", caption_justify="left"
    )
    table.add_column("Date", no_wrap=True)
    table.add_column("Treaty", overflow="fold", min_width=10, ratio=1)
    table.add_column("Party", no_wrap=True)
    table.add_column("Event", no_wrap=True)
    table.add_column("Note", overflow="fold", ratio=2)
    year = None
    for r in records:
        if r["date"][:4] != year:
            year = r["date"][:4]
            table.add_row(Text(year, style="bold underline"), "", "", "", "")
        style = EVENT_STYLE.get(r["type"], "")
        event = r["type"] + (" (derived)" if r["derived"] else "")
        table.add_row(
            r["date"],
            Text(r["short_name"], style="bold"),
            _text(r["party"]),
            Text(event, style=style),
            _text(r["note"]),
        )
    return table


def changes_table(records: Sequence[Record], title: str) -> Table:
    table = Table(
        title=title, box=box.SIMPLE_HEAD, pad_edge=False, caption=f"{len(records)} changes", caption_justify="left"
    )
    table.add_column("Date", no_wrap=True)
    table.add_column("Treaty", overflow="fold", min_width=10)
    table.add_column("Party", no_wrap=True)
    table.add_column("Change", overflow="fold")
    table.add_column("Why", overflow="fold", ratio=2)
    for r in records:
        change = f"{r['before']} → {r['after']}"
        style = STATUS_STYLE.get(r["after"], PARTY_STYLE.get(r["after"], "cyan"))
        table.add_row(
            r["date"],
            Text(r["short_name"], style="bold"),
            _text(r["party"] or "(treaty)"),
            Text(change, style=style),
            _text(r["why"]),
        )
    return table


def party_table(records: Sequence[Record], codes: Sequence[str], names: dict[str, str], day: str) -> Table:
    """Standing by category, with a count of each standing in the caption."""
    title = " vs ".join(f"{names.get(c, c)} ({c})" for c in codes) + f" on {day}"
    single = len(codes) == 1
    counts = []
    for code in codes:
        key = "status" if single else f"{code}_status"
        tally: dict[str, int] = {}
        for r in records:
            tally[str(r[key])] = tally.get(str(r[key]), 0) + 1
        counts.append(f"{code}: " + ", ".join(f"{n} {s}" for s, n in sorted(tally.items(), key=lambda kv: -kv[1])))
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, caption="\n".join(counts), caption_justify="left")
    table.add_column("Category", no_wrap=True)
    table.add_column("Treaty", overflow="fold", ratio=1)
    table.add_column("Treaty status", no_wrap=True)
    for code in codes:
        table.add_column(f"{code}" if not single else "Standing", no_wrap=True)
        table.add_column("Since", no_wrap=True)
    category = None
    for r in records:
        shown = r["category"] if r["category"] != category else ""
        category = r["category"]
        cells: list[Text] = [
            Text(str(shown), style="bold"),
            Text(str(r["short_name"])),
            _text(r["treaty_status"], STATUS_STYLE.get(str(r["treaty_status"]), "")),
        ]
        for code in codes:
            status = str(r["status" if single else f"{code}_status"])
            cells += [_text(status, PARTY_STYLE.get(status, "")), _text(r["since" if single else f"{code}_since"])]
        table.add_row(*cells)
    return table


def limits_table(records: Sequence[Record], day: str) -> Table:
    table = Table(
        title=f"Limits in force on {day}",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption=f"{len(records)} limits",
        caption_justify="left",
    )
    table.add_column("Treaty", overflow="fold")
    table.add_column("Item", overflow="fold", ratio=2)
    table.add_column("Limit", justify="right", no_wrap=True)
    table.add_column("Unit", overflow="fold")
    table.add_column("Deadline", no_wrap=True)
    table.add_column("Source", overflow="fold", ratio=1)
    for r in records:
        deadline = _text(r["deadline"], "" if r["binding"] else "yellow")
        table.add_row(
            Text(str(r["short_name"]), style="bold"),
            str(r["item"]),
            f"{r['value']:,}",
            str(r["unit"]),
            deadline,
            str(r["source"]),
        )
    return table


def states_table(records: Sequence[Record], treaty_name: str, summary: Record, width: int = 120) -> Table:
    """`parties TREATY`: every recorded state, its standing and the acts behind it; below 100
    columns the signature and the day it took effect give way to the name."""
    wide = width >= 100
    table = Table(
        title=f"States and {treaty_name} on {summary['as_of']}",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption=coverage_line(summary),
        caption_justify="left",
    )
    table.add_column("Code", no_wrap=True)
    table.add_column("Name", overflow="fold", ratio=1, min_width=10)
    table.add_column("Standing", no_wrap=True)
    table.add_column("Since", no_wrap=True)
    if wide:
        table.add_column("Signed", no_wrap=True)
        table.add_column("Consent", no_wrap=True)
        table.add_column("In force for it", no_wrap=True)
    for r in records:
        consent = f"{r['consent']} {r['consent_date']}" if r["consent"] else None
        standing = r["status"] + (f" (leaves {r['withdrawal_effective']})" if r["withdrawal_effective"] else "")
        cells = [
            Text(r["code"]),
            Text(r["name"]),
            _text(standing, PARTY_STYLE.get(r["status"], "")),
            _text(r["since"]),
        ]
        if wide:
            cells += [_text(r["signed"]), _text(consent), _text(r["in_force_for_state"])]
        table.add_row(*cells)
    return fixed_widths(table)


def panel_table(records: Sequence[Record], columns: Sequence[str]) -> Table:
    """`standings` in the terminal (its CSV and JSON are what analysts load)."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, caption=f"{len(records)} rows", caption_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for r in records:
        table.add_row(*(_text(r[c]) for c in columns))
    return table
