"""`show` in the terminal: one treaty in full (facts, the standing of its parties, limits, the
evidence for its status, dated events), every source it cites a numbered note at the end.
"""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.text import Text

from treatytrack.render.layout import Column, build_table
from treatytrack.render.records import Record, condition_line, coverage_line, partial_list_note
from treatytrack.render.terminal import PARTY_STYLE, STATUS_STYLE, Footnotes, heading, value_cell


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
    fact("Part of", record["parent"])
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
                cells=[value_cell(s, PARTY_STYLE.get(p["status"], "")) for s, p in zip(standings, rows, strict=True)],
            ),
            Column("Since", "fixed", drop=0, cells=[value_cell(p["since"]) for p in rows]),
        ]
        parts += [
            Text(),
            heading(coverage_line(record)),
            build_table(parties, width),
        ]
        gaps = partial_list_note(record["coverage"])
        if gaps:
            parts += [Text(), heading("About the list of states"), notes.cite(gaps, record["coverage"]["source"])]
    if record["limits"]:
        rows = record["limits"]
        limits = [
            Column("Item", "flex", keep=True, ratio=2, cells=[notes.cite(lim["item"], lim["source"]) for lim in rows]),
            Column("Limit", "fixed", keep=True, justify="right", cells=[Text(f"{lim['value']:,}") for lim in rows]),
            Column("Unit", "short", drop=1, cells=[Text(lim["unit"]) for lim in rows]),
            Column("Deadline", "fixed", drop=0, cells=[value_cell(lim["deadline"]) for lim in rows]),
        ]
        parts += [Text(), heading("Limits"), build_table(limits, width)]
    if why:
        parts.append(Text())
        condition = condition_line(record)
        if condition is not None:
            parts.append(heading(condition))
        parts.append(heading(f"Evidence for: {record['why']}"))
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
        parts += [Text(), heading("Events"), build_table(events, width)]
    if record["notes"]:
        parts += [Text(), heading("Notes"), notes.cite(record["notes"])]
    for reference in record["sources"]:
        notes.title(reference["url"], reference["title"])
    if notes:
        parts += [Text(), heading("Sources"), *notes.lines(width)]
    parts += [Text(), Text(f"Dataset reviewed {reviewed.isoformat()}", style="dim")]
    return Group(*parts)
