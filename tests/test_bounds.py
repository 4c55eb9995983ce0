"""Every value a file may hold keeps every derived date in the calendar, and every single-line
field on one line: what `validate` accepts, no later command crashes on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.test_load import GOOD_TREATY, doc, problems
from treatytrack.cli import app
from treatytrack.core.models import FIRST_DAY, LAST_DAY
from treatytrack.core.vocab import EventType
from treatytrack.store.load import LoadError, parse_dataset

runner = CliRunner()
TERM = "    entry_into_force: {date: 9999-01-01, source: s}\n    duration: {years: 10, source: s}\n"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("signed: {date: 2000-01-01, source: s}\n", "signed: {date: 2000-01-01, source: s}\n" + TERM),
            "f.yaml:12:30: treaties[0].entry_into_force.date: 9999-01-01 is outside the dates a record may give "
            "(1800-01-01 to 2999-12-31)",
        ),
        (
            (
                "signed: {date: 2000-01-01, source: s}\n",
                "signed: {date: 2000-01-01, source: s}\n"
                "    entry_into_force: {date: 2001-01-01, source: s}\n"
                "    events:\n      - {date: 2002-01-01, type: extended, new_expiry: 9999-12-31, source: s}\n",
            ),
            "f.yaml:14:56: treaties[0].events[0].new_expiry: 9999-12-31 is outside the dates a record may give "
            "(1800-01-01 to 2999-12-31)",
        ),
        (
            ("signed: {date: 2000-01-01, source: s}\n", "signed: {date: 1799-12-31, source: s}\n"),
            "f.yaml:11:20: treaties[0].signed.date: 1799-12-31 is outside the dates a record may give "
            "(1800-01-01 to 2999-12-31)",
        ),
        (
            (
                "signed: {date: 2000-01-01, source: s}\n",
                "signed: {date: 2000-01-01, source: s}\n"
                "    entry_into_force: {date: 2001-01-01, source: s}\n"
                "    duration: {years: 100000, source: s}\n",
            ),
            "f.yaml:13:23: treaties[0].duration.years: Input should be less than or equal to 500",
        ),
        (
            (
                "signed: {date: 2000-01-01, source: s}\n",
                "withdrawal_notice: {days: 100001, source: s}\n    signed: {date: 2000-01-01, source: s}\n",
            ),
            "f.yaml:11:31: treaties[0].withdrawal_notice.days: Input should be less than or equal to 100000",
        ),
        (
            (
                "signed: {date: 2000-01-01, source: s}\n",
                "signed:\n      date: 2000-01-01\n      source: >\n        https://example.org/a\n",
            ),
            "f.yaml:13:15: treaties[0].signed.source: must be one line: remove the line break "
            "(a `>` or `|` block ends with one; write `>-`, or quote the text)",
        ),
        (
            ("short_name: TT", 'short_name: "T\\tT"'),
            "f.yaml:6:17: treaties[0].short_name: must be one line without tabs: replace the tab with a space",
        ),
        (
            ("name: Test Treaty", 'name: "Test\\nTreaty"'),
            "f.yaml:5:11: treaties[0].name: must be one line: remove the line break "
            "(a `>` or `|` block ends with one; write `>-`, or quote the text)",
        ),
        (
            (
                "signed: {date: 2000-01-01, source: s}\n",
                "signed: {date: 2000-01-01, source: s}\n    limits: [{item: x, value: 1000000000000000000000, unit: u, source: s}]\n",
            ),
            "f.yaml:12:31: treaties[0].limits[0].value: Input should be less than or equal to 1000000000000",
        ),
    ],
)
def test_values_that_would_break_later_commands_are_located_problems(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD_TREATY
    assert problems(doc(GOOD_TREATY.replace(old, new))) == [expected]


def test_notes_may_run_over_lines() -> None:
    treaty = GOOD_TREATY + "    notes: |\n      first line\n      second line\n"
    assert parse_dataset(doc(treaty), "f.yaml").treaties[0].notes == "first line\nsecond line\n"


def test_the_latest_day_with_the_longest_periods_is_answered(tmp_path: Path) -> None:
    """The far corner of the bounds: the last day a record may give, the longest term and notice."""
    longest = "{years: 500, months: 6000, days: 100000, source: s}"
    treaty = GOOD_TREATY.replace(
        "signed: {date: 2000-01-01, source: s}\n",
        f"signed: {{date: {LAST_DAY}, source: s}}\n"
        f"    entry_into_force: {{date: {LAST_DAY}, source: s}}\n"
        f"    duration: {longest}\n    withdrawal_notice: {longest}\n"
        f"    events:\n      - {{date: {LAST_DAY}, type: withdrawal-notice, party: USA, source: s}}\n",
    )
    path = tmp_path / "t.yaml"
    path.write_bytes(doc(treaty))
    for day in ("9999-12-31", str(LAST_DAY)):
        _every_command_answers(path, day, "t")


# Any file that loads, through the commands ---------------------------------------------------

TEXT = st.one_of(
    st.sampled_from(["x", "[/]", "=HYPERLINK(1)", "a | b", "-", "https://example.org/a b", "*x*"]),
    st.text(st.characters(blacklist_categories=["Cc", "Cs", "Cf", "Zl", "Zp"]), min_size=1, max_size=12).filter(
        lambda t: t.strip() != ""
    ),
)
NOTE = st.one_of(st.none(), TEXT, st.builds(lambda a, b: f"{a}\n{b}", TEXT, TEXT))
DAYS = st.one_of(st.sampled_from([FIRST_DAY, LAST_DAY, dt.date(2000, 2, 29)]), st.dates(FIRST_DAY, LAST_DAY))
PERIOD = st.fixed_dictionaries(
    {"source": TEXT},
    optional={
        "years": st.sampled_from([0, 1, 500]) | st.integers(0, 500),
        "months": st.sampled_from([0, 1, 6000]) | st.integers(0, 6000),
        "days": st.sampled_from([0, 1, 100_000]) | st.integers(0, 100_000),
    },
).filter(lambda p: any(p.get(k) for k in ("years", "months", "days")))
PARTY_EVENTS = [
    e.value
    for e in EventType
    if e.value not in ("signed", "extended", "superseded", "terminated", "expired", "statement")
]


@st.composite
def treaty(draw: st.DrawFn, index: int) -> dict[str, Any]:
    signed = draw(DAYS)
    record: dict[str, Any] = {
        "id": f"t{index}",
        "name": draw(TEXT),
        "short_name": draw(TEXT),
        "kind": draw(st.sampled_from(["bilateral", "multilateral", "regional"])),
        "instrument": "treaty",
        "categories": ["nuclear"],
        "participation": {
            "coverage": "complete",
            "as_of": signed.isoformat(),
            "source": draw(TEXT),
            "states": {"USA": {"original": True}, "RUS": {"original": True}},
        },
        "signed": {"date": signed.isoformat(), "source": draw(TEXT)},
    }
    eif = draw(st.one_of(st.none(), st.dates(signed, LAST_DAY)))
    if eif is not None:
        record["entry_into_force"] = {"date": eif.isoformat(), "source": draw(TEXT)}
        if draw(st.booleans()):
            record["duration"] = draw(PERIOD)
    if draw(st.booleans()):
        record["withdrawal_notice"] = draw(PERIOD)
    events = []
    for _ in range(draw(st.integers(0, 4))):
        day = draw(st.dates(eif or signed, LAST_DAY))
        kind = draw(st.sampled_from([*PARTY_EVENTS, "extended", "terminated", "statement"]))
        event: dict[str, Any] = {"date": day.isoformat(), "type": kind, "source": draw(TEXT)}
        if kind in PARTY_EVENTS:
            event["party"] = draw(st.sampled_from(["USA", "RUS"]))
        if kind == "extended":
            if eif is None or day >= LAST_DAY:
                continue
            if draw(st.booleans()):
                event["new_expiry"] = draw(st.dates(day + dt.timedelta(days=1), LAST_DAY)).isoformat()
        if kind == "withdrawal-notice" and draw(st.booleans()):
            event["effective"] = draw(st.dates(day, LAST_DAY)).isoformat()
        note = draw(NOTE)
        if note is not None:
            event["note"] = note
        events.append(event)
    record["events"] = sorted(events, key=lambda e: e["date"])
    if draw(st.booleans()):
        record["limits"] = [
            {"item": draw(TEXT), "value": draw(st.integers(0, 10**12)), "unit": draw(TEXT), "source": draw(TEXT)}
            | ({"deadline": draw(DAYS).isoformat()} if draw(st.booleans()) else {})
        ]
    notes = draw(NOTE)
    if notes is not None:
        record["notes"] = notes
    return record


@st.composite
def dataset_text(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 3))
    data = {"version": 1, "reviewed": draw(DAYS).isoformat(), "treaties": [draw(treaty(i)) for i in range(count)]}
    return json.dumps(data, ensure_ascii=False)  # JSON is YAML (flow style), every string quoted


def _every_command_answers(path: Path, day: str, name: str = "t0") -> None:
    data = ["--data", str(path), "--as-of", day]
    commands = [
        ["list"],
        ["list", "--format", "json"],
        ["list", "--format", "csv", "--why"],
        ["show", name],
        ["show", name, "--format", "markdown"],
        ["timeline"],
        ["timeline", "--chart"],
        ["export", "ics", "--alarm", "1000y", "--alarm", "0d"],
        ["export", "markdown"],
        ["export", "json"],
        ["expiring", "--within", "1000y" if day < "8999" else "0d"],
        ["diff", "0001-01-01"],
        ["limits"],
        ["party", "USA"],
    ]
    for command in commands:
        result = runner.invoke(app, [*command, *data])
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
        assert result.exit_code == 0, (command, result.stdout, result.stderr)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=dataset_text(), day=st.one_of(st.sampled_from(["0001-01-01", "9999-12-31"]), DAYS.map(str)))
def test_any_file_that_loads_runs_through_every_command(
    text: str, day: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    try:
        parse_dataset(text.encode(), "f.yaml")
    except LoadError:
        assume(False)
    path = tmp_path_factory.mktemp("any") / "t.yaml"
    path.write_text(text, encoding="utf-8")
    _every_command_answers(path, day)


@pytest.mark.parametrize(
    "where",
    [
        'participation: {coverage: partial, source: "a\\nb", states: {USA: {original: true}, RUS: {original: true}}}',
        'participation: {coverage: partial, list_name: "a\\nb", states: {USA: {original: true}, RUS: {original: true}}}',
        'participation: {coverage: partial, states: {USA: {original: true, source: "a\\nb"}, RUS: {original: true}}}',
    ],
)
def test_participation_sources_are_one_line_too(where: str) -> None:
    (table,) = [line.strip() for line in GOOD_TREATY.splitlines() if line.strip().startswith("participation:")]
    treaty = GOOD_TREATY.replace(table, where)
    (problem,) = problems(doc(treaty))
    assert "must be one line: remove the line break" in problem
