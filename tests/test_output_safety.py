"""What data says cannot change the shape of an output (issue #22, the security review's low
findings): a note adds no Markdown structure, no CSV cell or part of one starts a formula, an SVG
holds only characters XML allows, every ICS UID is unique, and invisible formatting characters
never reach a table (the loader refuses them)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from tests.conftest import SMALL
from tests.test_load import GOOD_TREATY, doc, problems
from treatytrack.cli import app
from treatytrack.core.controls import escape
from treatytrack.render.csvout import _is_number, cell
from treatytrack.render.ics import Deadline, _unique_uids, calendar_deadlines
from treatytrack.render.markdown import escape_block
from treatytrack.render.xmlchars import xml_text
from treatytrack.store.load import parse_dataset

runner = CliRunner()
SMALL_TEXT = SMALL.read_text(encoding="utf-8")
TEXT = st.text(st.characters(blacklist_categories=["Cs"]))


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# --- Markdown: a note is paragraphs, whatever its lines start with --------------------------

BLOCK_STARTS = ["#", "# ", "## x", "---", "===", "***", "___", "- ", "+ ", "* ", "1. ", "2) ", "> ", "```", "~~~"]
BLOCK_STARTS += ["    code", "\tcode", "   # x", "<div>", "[a]: http://x", "| a | b |\n|---|---|", "-", "=", "***"]
NOTE_LINES = st.one_of(TEXT, st.builds(lambda a, b: a + b, st.sampled_from(BLOCK_STARTS), st.text(max_size=8)))
PARAGRAPH_TOKENS = {"paragraph_open", "inline", "paragraph_close"}


def _blocks(markdown: str) -> set[str]:
    return {t.type for t in MarkdownIt("commonmark").enable("table").parse(markdown)}


@settings(max_examples=300, deadline=None)
@given(st.lists(NOTE_LINES, min_size=1, max_size=6))
def test_a_note_adds_no_heading_rule_list_fence_or_code(lines: list[str]) -> None:
    note = "\n".join(lines)
    assert _blocks(escape_block(note)) <= PARAGRAPH_TOKENS


@pytest.mark.parametrize("note", ["# Injected", "ok\n## Injected", "Title\n===", "Title\n---", "a\n```\ncode\n```"])
def test_show_markdown_keeps_a_notes_structure_out(note: str, tmp_path: Path) -> None:
    data = tmp_path / "notes.yaml"
    data.write_text(
        SMALL_TEXT.replace("    short_name: NPT\n", f"    short_name: NPT\n    notes: {json.dumps(note)}\n"),
        encoding="utf-8",
    )
    code, out, err = run("show", "npt", "--format", "markdown", "--as-of", "2026-11-28", "--data", str(data))
    assert code == 0, err
    notes = out[out.index("### Notes") + len("### Notes") :]
    assert _blocks(notes) <= PARAGRAPH_TOKENS
    assert [t.type for t in MarkdownIt("commonmark").parse(out) if t.type == "heading_open"] == ["heading_open"] * 4


# --- CSV: no cell, line or `;`-part of a cell starts a formula, in every CSV output -----------

FORMULA = ("=", "+", "-", "@", "\t", "\r")
PARTS = re.compile("\r\n|\r|\n|;")


def _defused(text: str) -> bool:
    """No part of a cell a reader may take for a cell (the cell, a line in it, a part after a
    `;`) starts a formula; the cell itself does not start with `;`."""
    if text.startswith((*FORMULA, ";")) and not _is_number(text):
        return False
    return not any(p.startswith(FORMULA) and not _is_number(p) for p in PARTS.split(text)[1:])


@given(
    st.one_of(TEXT, st.lists(TEXT, max_size=4), st.builds(lambda a, b: a + b, st.sampled_from([";", *FORMULA]), TEXT))
)
def test_every_part_of_a_cell_is_defused(value: Any) -> None:
    text = cell(value)
    assert _defused(text) or _is_number(text)
    assert text.replace("'", "") == cell(value).replace("'", "")


def test_a_cell_starting_with_a_semicolon_is_defused() -> None:
    assert cell(";=1+1") == "';'=1+1"
    assert cell("a;-x;b") == "a;'-x;b"
    assert cell("line\n;x") == "line\n';x"


HOSTILE = ';=HYPERLINK("http://evil.example")'
CSV_COMMANDS = [
    ["list", "--as-of", "2026-11-28"],
    ["timeline", "--as-of", "2026-11-28"],
    ["export", "csv", "--as-of", "2026-11-28"],
    ["show", "new-start", "--as-of", "2026-11-28"],
    ["expiring", "--as-of", "2020-06-01", "--within", "10y"],
    ["limits", "--as-of", "2015-01-01"],
    ["parties", "new-start", "--as-of", "2024-01-01"],
    ["diff", "2019-01-01", "2023-12-31"],
]


@pytest.mark.parametrize("args", CSV_COMMANDS, ids=lambda a: a[0])
def test_no_csv_output_starts_a_formula(args: list[str], tmp_path: Path) -> None:
    data = tmp_path / "hostile.yaml"
    text = SMALL_TEXT.replace("short_name: New START", f"short_name: '{HOSTILE}'")
    text = text.replace("note: Extended for five years", "note: ;+Extended;-for five years")
    text = text.replace("unit: warheads", "unit: ;@warheads").replace("item: deployed", "item: ;-deployed")
    data.write_text(text, encoding="utf-8")
    fmt = [] if args[0] == "export" else ["--format", "csv"]
    code, out, err = run(*args, *fmt, "--data", str(data))
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) > 1
    for row in rows:
        for value in row:
            assert _defused(value), (args, value)


# --- SVG: only characters XML 1.0 allows ----------------------------------------------------

NON_CHARACTERS = "\ufffe\uffff\ufdd0\ufdef\U0001fffe\U0010ffff"


def test_xml_text_leaves_only_what_xml_allows() -> None:
    assert xml_text(f"a{NON_CHARACTERS}b\x01c\td") == "a" + "\ufffd" * 6 + "b\ufffdc\td"


@given(TEXT)
def test_xml_text_is_well_formed_in_any_text(text: str) -> None:
    ET.fromstring(f"<t>{xml_text(text).replace('&', '&amp;').replace('<', '&lt;')}</t>".encode())


@pytest.mark.parametrize("by_state", [False, True])
def test_an_svg_with_non_characters_in_names_opens(by_state: bool, tmp_path: Path) -> None:
    data = tmp_path / "nonchar.yaml"
    name = "New \\uFFFESTART\\uFFFF \\uFDD0x \\U0001FFFF"
    data.write_text(SMALL_TEXT.replace("short_name: New START", f'short_name: "{name}"'), encoding="utf-8")
    extra = ["--treaty", "new-start", "--by-state"] if by_state else []
    result = runner.invoke(
        app, ["export", "svg", *extra, "--as-of", "2026-11-28", "--data", str(data), "--title", "T\uffff\ufdd5"]
    )
    assert result.exit_code == 0, result.stderr
    svg = result.stdout_bytes.decode("utf-8")
    ET.fromstring(svg.encode())  # well-formed: a browser shows it
    assert not re.search(f"[{NON_CHARACTERS}\ufdd5]", svg)
    assert "\ufffd" in svg


# --- ICS: every UID unique, the same for the same data --------------------------------------

ITEMS = ["warheads", "Warheads", "warheads!", "WARHEADS.", "Ж", "Ω", "x" * 61 + "a", "x" * 61 + "b"]
LIMITS = st.lists(
    st.tuples(st.sampled_from(ITEMS), st.sampled_from(["2018-02-05", "2020-01-01"]), st.sampled_from(["a", "b"])),
    min_size=1,
    max_size=6,
)


def _with_limits(limits: list[tuple[str, str, str]]) -> bytes:
    rows = "".join(
        f"      - {{item: {json.dumps(i)}, value: 1, unit: {u}, deadline: {d}, source: s}}\n" for i, d, u in limits
    )
    return doc(GOOD_TREATY + "    entry_into_force: {date: 2000-01-01, source: s}\n    limits:\n" + rows)


@settings(max_examples=100, deadline=None)
@given(LIMITS)
def test_ics_uids_are_unique_and_stable(limits: list[tuple[str, str, str]]) -> None:
    treaties = list(parse_dataset(_with_limits(limits), "f.yaml").treaties)
    first = calendar_deadlines(treaties, dt.date(2026, 11, 28))
    uids = [d.uid for d in first]
    assert len(uids) == len(set(uids)) == len(limits)
    assert [d.uid for d in calendar_deadlines(treaties, dt.date(2026, 11, 28))] == uids
    assert all(re.fullmatch(r"[a-z0-9-]+@treatytrack", u) for u in uids)


def test_a_uid_shared_by_nothing_is_kept() -> None:
    treaties = list(parse_dataset(_with_limits([("Warheads", "2018-02-05", "a")]), "f.yaml").treaties)
    assert [d.uid for d in calendar_deadlines(treaties, dt.date(2026, 11, 28))] == ["t-limit-warheads@treatytrack"]


def test_a_party_withdrawing_twice_has_two_uids() -> None:
    def withdrawal(day: str, note: str) -> Deadline:
        return Deadline("t-withdrawal-usa@treatytrack", dt.date.fromisoformat(day), "USA withdraws", note, None)

    deadlines = [withdrawal("2001-01-01", "Notice of 2000-07-01."), withdrawal("2011-01-01", "Notice of 2010-07-01.")]
    uids = [d.uid for d in _unique_uids(deadlines)]
    assert len(set(uids)) == 2 and all(u.startswith("t-withdrawal-usa-") for u in uids)
    same = [withdrawal("2001-01-01", "x"), withdrawal("2001-01-01", "x")]
    assert len({d.uid for d in _unique_uids(same)}) == 2


# --- Invisible formatting characters: refused where they are --------------------------------

INVISIBLE = [*map(chr, range(0x200B, 0x2010)), *map(chr, range(0x2060, 0x2066)), "\ufeff"]


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_an_invisible_formatting_character_is_refused(char: str) -> None:
    found = problems(doc(GOOD_TREATY.replace("short_name: TT", f"short_name: T{char}T")))
    assert found == [f"f.yaml:6:18: invisible formatting character U+{ord(char):04X} is not allowed; delete it"]
    escaped = problems(doc(GOOD_TREATY.replace("short_name: TT", f'short_name: "T\\u{ord(char):04x}T"')))
    assert escaped == [
        f"f.yaml:6:17: invisible formatting character U+{ord(char):04X} (an escape such as \\e or \\x1b) "
        "is not allowed in text; delete it"
    ]
    assert char not in escape(f"a{char}b")


def test_a_byte_order_mark_opening_the_file_is_not_text() -> None:
    assert parse_dataset(b"\xef\xbb\xbf" + doc(), "f.yaml").treaties[0].short_name == "TT"
