"""The Mermaid gantt in `export markdown` (issue #22): whatever a short name holds, the chart has
exactly one task per treaty in force, named after it, and nothing else.

The gantt is read back with a port of mermaid's own lexer (gantt.jison: case-insensitive, the
first rule that matches at a position wins, JavaScript's `\\s` and `.`) and its grammar's lines.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from treatytrack.core.history import Lifespan
from treatytrack.core.models import Treaty
from treatytrack.core.vocab import Kind, Status
from treatytrack.render.document import gantt, mermaid_text

_S = "[\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"  # JavaScript's \s
_DOT = "[^\n\r\u2028\u2029]"  # JavaScript's .
# (pattern, token or None for skipped), in the lexer's order: the INITIAL state's rules.
_RULES = [
    (r"%%\{", "open_directive"),
    (rf"accTitle{_S}*:{_S}*", "acc_title"),
    (rf"accDescr{_S}*:{_S}*", "acc_descr"),
    (rf"accDescr{_S}*\{{{_S}*", "acc_descr_multiline"),
    (r"%%[^\n]*", None),  # `%%(?!\{)*`: a lookahead repeated from zero times tests nothing
    (r"[^}]%%*[^\n]*", None),
    (r"%%*[^\n]*[\n]*", None),
    (r"[\n]+", "NL"),
    (rf"{_S}+", None),
    (r"#[^\n]*", None),
    (r"%%[^\n]*", None),
    (rf'href{_S}+"', "href"),
    (rf"call{_S}+", "call"),
    (rf"click{_S}+", "click"),
    (r"gantt", "gantt"),
    (rf"dateFormat{_S}[^#\n;]+", "dateFormat"),
    (r"inclusiveEndDates", "inclusiveEndDates"),
    (r"topAxis", "topAxis"),
    (rf"axisFormat{_S}[^#\n;]+", "axisFormat"),
    (rf"tickInterval{_S}[^#\n;]+", "tickInterval"),
    (rf"includes{_S}[^#\n;]+", "includes"),
    (rf"excludes{_S}[^#\n;]+", "excludes"),
    (rf"todayMarker{_S}[^\n;]+", "todayMarker"),
    (rf"weekday{_S}[^#\n;]+", "weekday"),
    (r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "date"),
    (rf"title{_S}[^#\n;]+", "title"),
    (rf"accDescription{_S}[^#\n;]+", "accDescription"),
    (rf"section{_S}[^#:\n;]+", "section"),
    (r"[^#:\n;]+", "taskTxt"),
    (r":[^#\n;]+", "taskData"),
    (r":", ":"),
    (_DOT, "INVALID"),
]
# Python folds more than JavaScript's non-unicode /i (ſ to s, K to k): fold ASCII only.
_COMPILED = [(re.compile(p, re.IGNORECASE | re.ASCII), t) for p, t in _RULES]


def tokens(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    at = 0
    while at < len(text):
        for pattern, token in _COMPILED:
            match = pattern.match(text, at)
            if match is not None and match.end() > at:
                if token is not None:
                    found.append((token, match.group()))
                at = match.end()
                break
        else:  # a character no rule takes (a lone \r\n mix): the lexer would fail
            found.append(("INVALID", text[at]))
            at += 1
    return found


def tasks(chart: str) -> list[str]:
    """The names of the chart's tasks, as mermaid reads them; fails on any other statement than
    the chart's own header and sections."""
    lines: list[list[tuple[str, str]]] = [[]]
    for token in tokens(chart):
        if token[0] == "NL":
            lines.append([])
        else:
            lines[-1].append(token)
    kinds = [[k for k, _ in line] for line in lines if line]
    assert kinds[:4] == [["gantt"], ["title"], ["dateFormat"], ["axisFormat"]], kinds[:4]
    names = []
    for line in (line for line in lines[4:] if line):
        if line[0][0] == "section":
            assert len(line) == 1 and line[0][1] in ("section Bilateral", "section Regional", "section Multilateral")
            continue
        assert [k for k, _ in line] == ["taskTxt", "taskData"], line
        assert re.fullmatch(r":(active|done|crit), \d{4}-\d\d-\d\d, \d{4}-\d\d-\d\d", line[1][1]), line
        names.append(line[0][1].strip())
    return names


def span(short_name: str, index: int) -> Lifespan:
    treaty = Treaty.model_construct(id=f"t{index}", short_name=short_name, kind=list(Kind)[index % len(Kind)])
    start = dt.date(1970 + index, 1, 1)
    return Lifespan(treaty, start, start, None, Status.IN_FORCE, (), ())


KEYWORDS = [
    "section",
    "Section",
    "SECTION",
    "title",
    "dateFormat",
    "axisFormat",
    "excludes",
    "includes",
    "todayMarker",
    "tickInterval",
    "weekday",
    "gantt",
    "topAxis",
    "inclusiveEndDates",
    "accTitle",
    "accDescr",
    "accDescription",
    "click",
    "call",
    "href",
    "2001-01-01",
    "%%",
    "%",
    "#",
    "%%{",
    ":",
    ";",
    "}%%",
    "```",
]
NAMES = st.one_of(
    st.text(max_size=30),
    st.builds(
        lambda a, k, sep, b: a + k + sep + b,
        st.sampled_from(["", " ", "\u00a0", "\ufeff", "\t", "x"]),
        st.sampled_from(KEYWORDS),
        st.sampled_from(["", " ", "\u00a0", "\u2028", "\n", ":", ";", "#", "%", "\r\n", '"']),
        st.text(max_size=12),
    ),
)


@settings(max_examples=400, deadline=None)
@given(names=st.lists(NAMES, min_size=1, max_size=6))
def test_any_names_give_exactly_one_task_per_treaty(names: list[str]) -> None:
    spans = [span(name, index) for index, name in enumerate(names)]
    chart = gantt(spans, dt.date(2030, 1, 1))
    assert "```" not in chart  # the Markdown fence around it stays closed
    found = tasks(chart)
    order = {kind: n for n, kind in enumerate(("bilateral", "regional", "multilateral"))}
    expected = sorted(spans, key=lambda s: order[s.treaty.kind.value])  # one section per kind, in order
    assert found == [mermaid_text(s.treaty.short_name, " (in-force)") for s in expected]


@given(st.text())
def test_a_task_name_keeps_its_words(name: str) -> None:
    text = mermaid_text(name)
    assert text
    # The quotes put round a name that starts like a statement go; quotes of the name's own stay.
    unwrapped = text[1:-1] if len(text) >= 2 and text[0] == "“" and text[-1] == "”" else text
    kept = re.sub(r"[\s:;#`%％]+", "", unwrapped)
    assert kept in re.sub(r"[\s:;#`%％\x00-\x1f\x7f-\x9f]+", "", name) or text == "untitled"


def test_names_that_hijacked_the_chart() -> None:
    cases: dict[str, Any] = {
        "section Evil": "“section Evil”",
        "Title: x": "“Title  x”",
        "dateFormat YYYY": "“dateFormat YYYY”",
        "excludes weekends": "“excludes weekends”",
        "todayMarker off": "“todayMarker off”",
        "50% Treaty": "50％ Treaty",
        "A;B#C": "A B C",
        "New START": "New START",
        "SECTION": "“SECTION”",  # “SECTION (in-force)” would be a section
    }
    for name, shown in cases.items():
        assert mermaid_text(name, " (in-force)") == shown + " (in-force)"


def test_a_name_keeps_its_own_quotes() -> None:
    """Hypothesis found '0“0': typographic quotes of the name itself are the name's words."""
    assert mermaid_text("0“0") == "0“0"
    assert mermaid_text("section “A”") == "“section “A””"
