"""Markdown: GitHub-flavoured tables whose cells can hold any text without breaking the table."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from treatytrack.render.records import coverage_line, partial_list_note

_ACTIVE = re.compile(r"([\\`*_\[\]<>|~])")


# Everything str.splitlines() (and so an editor or renderer) may treat as a line break.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class Raw(str):
    """Cell text that is already Markdown (a link built by `link`): not escaped again."""


def escape_cell(value: Any) -> str:
    """Escape Markdown-active characters; newlines become `<br>` so a row stays one line."""
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    text = _ACTIVE.sub(r"\\\1", str(value))
    text = _LINE_BREAKS.sub("<br>", text)
    return text or ""


# Where a line of Markdown text may start a block: a heading (`#`), a setext underline or a
# thematic break (`===`, `---`), a list item (`-`, `+`, `1.`, `1)`); `*`, `_`, `>` and the fences'
# backticks and tildes are escaped wherever they stand (`escape_cell`).
_BLOCK_START = re.compile(r"[#=+\-]|[0-9]+(?=[.)])")


def escape_block(value: Any) -> str:
    """Text (a note) as Markdown paragraphs that add no structure: escaped as a cell is, its lines
    kept, each line's indentation (an indented code block) dropped, and a line that could start a
    heading, a rule or a list escaped at its start (`\\#`, `\\---`, `1\\.`)."""
    lines = []
    for written in escape_cell(value).split("<br>"):
        line = written.lstrip(" \t")
        start = _BLOCK_START.match(line)
        if start is not None and start.group()[0].isdigit():
            line = f"{line[: start.end()]}\\{line[start.end() :]}"
        elif start is not None:
            line = f"\\{line}"
        lines.append(line)
    return "\n".join(lines)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], align: Sequence[str] = ()) -> str:
    lines = ["| " + " | ".join(escape_cell(h) for h in headers) + " |"]
    marks = []
    for i in range(len(headers)):
        a = align[i] if i < len(align) else "l"
        marks.append("---:" if a == "r" else "---")
    lines.append("| " + " | ".join(marks) + " |")
    for row in rows:
        lines.append("| " + " | ".join(escape_cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def link(text: str, url: str | None) -> Raw:
    """A Markdown link for a URL source; a citation that is not a URL stays escaped text."""
    if url and re.fullmatch(r"https?://\S+", url):
        safe_url = url.replace("(", "%28").replace(")", "%29").replace("|", "%7C").replace(" ", "%20")
        return Raw(f"[{escape_cell(text)}]({safe_url})")
    return Raw(escape_cell(url or text))


def _expires(record: dict[str, Any]) -> str | None:
    expires = record.get("expires")
    by = record.get("expires_by")
    if expires and by in ("extension", "withdrawal"):
        return f"{expires} ({'extended' if by == 'extension' else 'withdrawal'})"
    return expires


def list_markdown(records: Sequence[dict[str, Any]], caveats: Sequence[str] = (), *, why: bool = False) -> str:
    """The listing as a Markdown table (with `why`, a column of each status's rule); `caveats`
    (treaties a standing filter left out, and why) follow it as a list, so that the document a
    reader publishes carries them."""
    headers = ["Treaty", "Kind", "Status", "Since", "In force", "Expires", "Days left"] + (["Why"] if why else [])
    rows = [
        [r["short_name"], r["kind"], r["status"], r["status_since"], r["entry_into_force"], _expires(r), r["days_left"]]
        + ([r["why"]] if why else [])
        for r in records
    ]
    table = render_table(headers, rows, align="llllllr" + ("l" if why else ""))
    if not caveats:
        return table
    lines = ["", "Left out because a standing is undecided:", ""]
    lines += [f"- {escape_cell(caveat)}" for caveat in caveats]
    return table + "\n".join(lines) + "\n"


def expiring_markdown(records: Sequence[dict[str, Any]]) -> str:
    headers = ["Date", "Days left", "Treaty", "What", "Party", "Why"]
    rows = [[r["deadline"], r["days_left"], r["short_name"], r["what"], r["party"], r["why"]] for r in records]
    return render_table(headers, rows, align="lrllll")


def show_markdown(record: dict[str, Any], *, why: bool = False) -> str:
    out = [f"## {escape_cell(record['name'])}", ""]
    facts: list[tuple[str, Any]] = [
        ("Status", f"{record['status']} (as of {record['as_of']})"),
        ("Why", record["why"]),
        ("Id", record["id"]),
        ("Short name", record["short_name"]),
        ("Also known as", ", ".join(record["aliases"]) or None),
        ("Kind", f"{record['kind']} {record['instrument']}"),
        ("Categories", ", ".join(record["categories"])),
        ("Part of", record["parent"]),
        ("Depositary", record["depositary"]),
    ]
    for key, label in (
        ("signed", "Signed"),
        ("opened_for_signature", "Opened for signature"),
        ("entry_into_force", "Entry into force"),
    ):
        dated = record["dates"][key]
        if dated:
            facts.append((label, Raw(f"{escape_cell(dated['date'])} ({link('source', dated['source'])})")))
    facts.append(("Term", record["duration"]["text"] if record["duration"] else "unlimited"))
    if record["withdrawal_notice"]:
        facts.append(("Withdrawal notice", record["withdrawal_notice"]["text"]))
    facts.append(("Expires", _expires(record)))
    out.append(render_table(["Field", "Value"], [[k, v] for k, v in facts if v not in (None, "")]))
    if record["parties"]:
        out.append("### States")
        out.append("")
        out.append(escape_cell(coverage_line(record)))
        out.append("")
        out.append(
            render_table(
                ["Code", "Name", "Standing", "Since", "Why"],
                [[p["code"], p["name"], p["status"], p["since"], p["why"]] for p in record["parties"]],
            )
        )
        gaps = partial_list_note(record["coverage"])
        if gaps:
            out += [f"About the list of states: {escape_cell(gaps)}", ""]
    if record["limits"]:
        out.append("### Limits")
        out.append("")
        out.append(
            render_table(
                ["Item", "Limit", "Unit", "Deadline", "Source"],
                [
                    [lim["item"], f"{lim['value']:,}", lim["unit"], lim["deadline"], link("source", lim["source"])]
                    for lim in record["limits"]
                ],
                align="lrlll",
            )
        )
    if record["events"]:
        out.append("### Events")
        out.append("")
        out.append(
            render_table(
                ["Date", "Event", "Party", "Note", "Source"],
                [[e["date"], e["type"], e["party"], e["note"], link("source", e["source"])] for e in record["events"]],
            )
        )
    if why:  # the events the status rests on, as `show --why` lists them in the terminal
        out.append(f"### Evidence for: {escape_cell(record['why'])}")
        out.append("")
        evidence = [
            f"- {escape_cell(e['date'])} {escape_cell(e['type'])}"
            + (f" by {escape_cell(e['party'])}" if e["party"] else "")
            + f" ({link('source', e['source'])})"
            for e in record["evidence"]
        ]
        out.append("\n".join(evidence or ["- derived from the key dates and the treaty's term, listed above"]) + "\n")
    if record["notes"]:
        out.append("### Notes")
        out.append("")
        out.append(escape_block(record["notes"]) + "\n")
    return "\n".join(out)


def timeline_markdown(records: Sequence[dict[str, Any]]) -> str:
    headers = ["Date", "Treaty", "Party", "Event", "Note", "Source"]
    rows = [
        [
            r["date"],
            r["short_name"],
            r["party"],
            r["type"] + (" (derived)" if r["derived"] else ""),
            r["note"],
            link("source", r["source"]),
        ]
        for r in records
    ]
    return render_table(headers, rows)


def changes_markdown(records: Sequence[dict[str, Any]]) -> str:
    headers = ["Date", "Treaty", "Party", "Before", "After", "Why"]
    rows = [[r["date"], r["short_name"], r["party"] or "(treaty)", r["before"], r["after"], r["why"]] for r in records]
    return render_table(headers, rows)
