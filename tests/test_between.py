"""A date known only to lie between two days (`precision: between`, `until`): a protocol whose
first deposit no source dates, but which was in force by the day a later party's deposit took
effect under it; a ratification a government's message says had happened by its own date.
Every answer shows the two days, never the first as if it were the day; inside the span the
status is `day-not-recorded`, after it the standing follows (issue #20, the NWFZ protocols)."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from treatytrack.cli import app
from treatytrack.core.standing import standing_on
from treatytrack.core.vocab import PartyStatus
from treatytrack.store.load import parse_dataset

SRC = "https://example.org/source"
runner = CliRunner()

PROTOCOL = f"""\
version: 1
reviewed: 2026-11-28
treaties:
  - id: protocol
    name: An additional protocol
    short_name: Protocol
    kind: regional
    instrument: protocol
    categories: [nuclear, nwfz]
    opened_for_signature: {{date: 1967-02-14, source: "{SRC}"}}
    entry_into_force: {{date: 1967-02-14, precision: between, until: 1971-05-12, source: "{SRC}"}}
    participation:
      coverage: partial
      source: "{SRC}"
      in_force_for_state: {{rule: on-deposit, source: "{SRC}"}}
      states:
        USA: {{signed: 1968-04-01, ratified: 1971-05-12}}
        GBR: {{ratified: {{date: 1967-02-14, precision: between, until: 1978-05-24, source: "{SRC}"}}}}
        FRA: {{signed: 1973-07-18, ratified: {{date: 1973-07-18, precision: between, until: 1978-05-24, source: "{SRC}"}}}}
  - id: zone-protocol
    name: A protocol in force with its treaty
    short_name: Zone protocol
    kind: regional
    instrument: protocol
    categories: [nuclear, nwfz]
    opened_for_signature: {{date: 1996-04-11, source: "{SRC}"}}
    entry_into_force: {{date: 2009-07-15, source: "{SRC}"}}
    participation:
      coverage: partial
      source: "{SRC}"
      states:
        GBR: {{ratified: {{date: 1996-04-11, precision: between, until: 2003-01-21, source: "{SRC}"}}}}
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "treaties.yaml"
    path.write_text(PROTOCOL, encoding="utf-8")
    return path


def run_json(data: Path, *args: str) -> object:
    result = runner.invoke(app, [*args, "--data", str(data), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def listed(data: Path, day: str) -> dict[str, object]:
    rows = run_json(data, "list", "--as-of", day)
    assert isinstance(rows, list)
    return next(r for r in rows if r["id"] == "protocol")


def parties(data: Path, day: str, treaty: str = "protocol") -> dict[str, dict[str, object]]:
    rows = run_json(data, "parties", treaty, "--as-of", day)
    assert isinstance(rows, list)
    return {r["code"]: r for r in rows}


def test_inside_the_span_the_protocols_status_says_the_day_is_not_recorded(data: Path) -> None:
    inside = listed(data, "1969-06-01")
    assert inside["status"] == "day-not-recorded"
    assert inside["status_since"] == inside["entry_into_force"] == "1967-02-14/1971-05-12"
    assert "entered into force between 1967-02-14 and 1971-05-12; the day is not recorded" in str(inside["why"])
    assert "that period" in str(inside["why"])
    after = listed(data, "1971-05-13")
    assert (after["status"], after["status_since"]) == ("in-force", "1967-02-14/1971-05-12")
    assert after["why"] == "in force since a day between 1967-02-14 and 1971-05-12 (day not recorded)"


def test_a_deposit_with_its_day_binds_on_its_day(data: Path) -> None:
    usa = parties(data, "1971-05-12")["USA"]
    assert (usa["status"], usa["since"]) == ("party", "1971-05-12")


def test_a_ratification_known_to_lie_between_two_days_is_never_given_a_day(data: Path) -> None:
    inside = parties(data, "1975-01-01")
    assert inside["GBR"]["status"] == inside["FRA"]["status"] == "day-not-recorded"
    after = parties(data, "1978-05-25")
    for code in ("GBR", "FRA"):
        assert (after[code]["status"], after[code]["since"]) == ("party", None)
    assert "between 1973-07-18 and 1978-05-24 (day not recorded)" in str(after["FRA"]["why"])
    assert after["FRA"]["consent_date"] == "1973-07-18/1978-05-24"
    before = parties(data, "1973-07-17")
    assert before["FRA"]["status"] == "not-party"


def test_a_span_wholly_before_entry_into_force_binds_from_that_day(data: Path) -> None:
    """Every day of the span gives the same day in force: the state is a party from it (the day
    its standing began is still not shown, as for a consent known to its month)."""
    gbr = parties(data, "2010-01-01", "zone-protocol")["GBR"]
    assert (gbr["status"], gbr["in_force_for_state"]) == ("party", "2009-07-15")
    assert parties(data, "2009-07-14", "zone-protocol")["GBR"]["status"] == "ratified"


def test_the_table_and_the_timeline_show_both_days(data: Path) -> None:
    table = runner.invoke(app, ["list", "--as-of", "1969-06-01", "--data", str(data)], env={"COLUMNS": "120"})
    assert "1967-02-14/1971-05-12" in table.stdout
    timeline = runner.invoke(app, ["timeline", "protocol", "--as-of", "2000-01-01", "--data", str(data)])
    assert timeline.exit_code == 0, timeline.output
    assert "1967-02-14/1971-05-12" in timeline.stdout


def test_the_data_package_declares_the_interval_it_writes(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "package"
    args = ["export", "datapackage", "--as-of", "2000-01-01", "--data", str(data), "--output", str(target)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    checked = 0
    for resource in descriptor["resources"]:
        lines = (target / resource["path"]).read_text(encoding="utf-8").splitlines()
        header = lines[0].split(",")
        for field in resource["schema"]["fields"]:
            pattern = field.get("constraints", {}).get("pattern")
            if pattern is None:
                continue
            column = header.index(field["name"])
            for line in lines[1:]:
                value = line.split(",")[column]
                if value:
                    assert re.fullmatch(pattern, value), (field["name"], value)
                    checked += value == "1967-02-14/1971-05-12"
    assert checked


@pytest.mark.parametrize(
    ("act", "message"),
    [
        ("{date: 1973-07-18, precision: between, source: s}", "with `precision: between`, give `until`"),
        ("{date: 1973-07-18, precision: between, until: 1973-07-18, source: s}", "is not after `date`"),
        ("{date: 1973-07-18, until: 1978-05-24, source: s}", "add `precision: between`"),
    ],
)
def test_validate_refuses_a_span_without_its_two_days_in_order(act: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    original = f'FRA: {{signed: 1973-07-18, ratified: {{date: 1973-07-18, precision: between, until: 1978-05-24, source: "{SRC}"}}}}'
    assert original in PROTOCOL
    path.write_text(PROTOCOL.replace(original, f"FRA: {{ratified: {act}}}"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    problems = [line for line in result.stdout.splitlines() if message in line]
    assert len(problems) == 1 and problems[0].startswith(f"{path}:"), result.stdout


@settings(max_examples=60, deadline=None)
@given(
    first=st.dates(dt.date(1950, 1, 1), dt.date(2000, 1, 1)),
    length=st.integers(1, 4000),
    probe=st.integers(-400, 8000),
)
def test_a_spanned_consent_after_entry_into_force_is_never_given_a_day(first: dt.date, length: int, probe: int) -> None:
    """Before the span: not a party; inside it: the day is not recorded; after it: a party with
    no day shown (the day it took effect is somewhere in the span)."""
    until = first + dt.timedelta(days=length)
    text = textwrap.dedent(f"""\
    version: 1
    reviewed: 2026-11-28
    treaties:
      - id: t
        name: A treaty
        short_name: T
        kind: multilateral
        instrument: treaty
        categories: [nuclear]
        opened_for_signature: {{date: 1940-01-01, source: "{SRC}"}}
        entry_into_force: {{date: 1945-01-01, source: "{SRC}"}}
        participation:
          coverage: partial
          source: "{SRC}"
          in_force_for_state: {{rule: on-deposit, source: "{SRC}"}}
          states:
            FRA: {{ratified: {{date: {first}, precision: between, until: {until}, source: "{SRC}"}}}}
    """)
    treaty = parse_dataset(text.encode(), "t.yaml").treaties[0]
    day = first + dt.timedelta(days=probe)
    standing = standing_on(treaty, "FRA", day)
    if day < first:
        assert standing.status is PartyStatus.NOT_PARTY
    elif day <= until:
        assert standing.status is PartyStatus.DAY_NOT_RECORDED
    else:
        assert (standing.status, standing.since) == (PartyStatus.PARTY, None)
        assert f"between {first} and {until}" in standing.why
