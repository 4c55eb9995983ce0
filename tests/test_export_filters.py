"""Every export format honours every filter it documents, each in the way `export --help` says.

For each format the output is read back into what it covers: the treaties (by name), the dates
of its events (or, for iCalendar, of its deadlines) and their types. Each filter is then checked
against what it promises, and against the unfiltered export: the filter must have changed it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app

runner = CliRunner()
AS_OF = "2026-11-28"
FORMATS = ["ics", "json", "csv", "markdown", "svg", "html", "atom"]
NAMES = {  # short name -> id, in the small fixture
    "INF Treaty": "inf-treaty",
    "New START": "new-start",
    "Open Skies": "open-skies",
    "NPT": "npt",
    "CTBT": "ctbt",
}


@dataclass
class Covered:
    treaties: set[str]  # ids
    dates: list[dt.date] = field(default_factory=list)  # of events (iCalendar: deadlines)
    types: set[str] = field(default_factory=set)
    parties: set[str | None] = field(default_factory=set)


def _chart_names(text: str) -> set[str]:
    """The treaties a chart (its rows' ids: `label-ID`) or a page (its sections: `treaty-ID`) shows."""
    known = set(NAMES.values())
    return {found for found in re.findall(r'id="(?:label|treaty)-([a-z0-9-]+)"', text) if found in known}


def read(fmt: str, text: str) -> Covered:
    if fmt == "ics":
        from icalendar import Calendar

        events = Calendar.from_ical(text).walk("VEVENT")
        ids, types, parties = set(), set(), set()
        for event in events:
            uid = str(event["uid"]).removesuffix("@treatytrack")
            found = re.fullmatch(r"(.+?)-(expiry|withdrawal-.+|limit-.+)", uid)
            assert found, uid
            ids.add(found.group(1))
            kind = found.group(2).split("-")[0]
            types.add({"expiry": "expired", "withdrawal": "withdrawn", "limit": "limit"}[kind])
            parties.add(str(event["summary"]).split()[0] if kind == "withdrawal" else None)
        return Covered(ids, [e.decoded("dtstart") for e in events], types, parties)
    if fmt == "json":
        payload = json.loads(text)
        dates = [dt.date.fromisoformat(e["date"]) for t in payload["treaties"] for e in t["events"]]
        dates += [dt.date.fromisoformat(e["date"]) for e in payload["timeline"]]
        types = {e["type"] for e in payload["timeline"]} | {e["type"] for t in payload["treaties"] for e in t["events"]}
        parties = {e["party"] for e in payload["timeline"]}
        return Covered({t["id"] for t in payload["treaties"]}, dates, types, parties)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        return Covered(
            {r["id"] for r in rows},
            [dt.date.fromisoformat(r["date"]) for r in rows],
            {r["type"] for r in rows},
            {r["party"] or None for r in rows},
        )
    if fmt == "markdown":
        status, _, events = text.partition("## Events")
        table_rows = [line.split(" | ") for line in status.splitlines() if line.startswith("| ") and "---" not in line]
        ids = {NAMES[row[0].removeprefix("| ")] for row in table_rows[1:]}
        event_rows = [line.split(" | ") for line in events.splitlines() if re.match(r"\| \d{4}-", line)]
        return Covered(
            ids,
            [dt.date.fromisoformat(row[0].removeprefix("| ")) for row in event_rows],
            {row[3].removesuffix(" (derived)") for row in event_rows},
            {row[2] or None for row in event_rows},
        )
    if fmt == "atom":
        from xml.etree import ElementTree as ET

        found = [
            re.fullmatch(r"tag:treatytrack,2026:event/([^/]+)/([^/]+)/([^/]+)/([^/]+)/\d+", e.text or "")
            for e in ET.fromstring(text).iter("{http://www.w3.org/2005/Atom}id")
        ][1:]  # the feed's own id first
        assert all(found), text
        parts = [m.groups() for m in found if m]
        return Covered(
            {p[0] for p in parts},
            [dt.date.fromisoformat(p[1]) for p in parts],
            {p[2] for p in parts},
            {None if p[3] == "treaty" else p[3] for p in parts},
        )
    return Covered(_chart_names(text))  # svg, html: the lifespan chart names its treaties


def export(fmt: str, *args: str) -> Covered:
    result = runner.invoke(app, ["export", fmt, "--as-of", AS_OF, "--data", str(SMALL), *args])
    assert result.exit_code == 0, result.stderr
    return read(fmt, result.stdout)


FROM, TO = dt.date(2020, 1, 1), dt.date(2000, 1, 1)


def check_from(fmt: str, got: Covered, everything: Covered) -> None:
    assert all(d >= FROM for d in got.dates)
    assert "inf-treaty" not in got.treaties  # terminated 2019-08-02, before the window
    assert {"new-start", "open-skies"} <= got.treaties


def check_to(fmt: str, got: Covered, everything: Covered) -> None:
    assert all(d <= TO for d in got.dates)
    assert "new-start" not in got.treaties  # signed 2010, after the window
    assert "inf-treaty" in got.treaties or fmt == "ics"  # INF's deadlines all fall after 2000


def check_type(fmt: str, got: Covered, everything: Covered) -> None:
    assert got.types == ({"withdrawn"} if fmt not in ("svg", "html") else set())
    assert got.treaties == {"inf-treaty", "open-skies", "npt"}  # those with a withdrawal taking effect


def check_treaty(fmt: str, got: Covered, everything: Covered) -> None:
    assert got.treaties == {"new-start"}


def check_kind(fmt: str, got: Covered, everything: Covered) -> None:
    assert got.treaties == {"open-skies"}


def check_category(fmt: str, got: Covered, everything: Covered) -> None:
    assert got.treaties == {"ctbt"} or (fmt == "ics" and got.treaties == set())  # CTBT has no deadline


def check_party(fmt: str, got: Covered, everything: Covered) -> None:
    assert got.treaties == {"npt"}  # the only treaty that lists PRK
    assert got.parties <= {"PRK", None}


FILTERS = {
    "--from": (["--from", FROM.isoformat()], check_from),
    "--to": (["--to", TO.isoformat()], check_to),
    "--type": (["--type", "withdrawn"], check_type),
    "--treaty": (["--treaty", "new start"], check_treaty),
    "--kind": (["--kind", "regional"], check_kind),
    "--category": (["--category", "test-ban"], check_category),
    "--party": (["--party", "PRK"], check_party),
}


@pytest.mark.parametrize("option", FILTERS)
@pytest.mark.parametrize(
    "fmt",
    # svg and html draw with matplotlib: in the full suite only.
    [pytest.param(f, marks=pytest.mark.charts) if f in ("svg", "html") else f for f in FORMATS],
)
def test_every_format_honours_every_filter(fmt: str, option: str) -> None:
    args, check = FILTERS[option]
    everything = export(fmt)
    got = export(fmt, *args)
    assert got != everything, f"export {fmt} {' '.join(args)} is the unfiltered export"
    check(fmt, got, everything)


def test_a_calendar_of_upcoming_deadlines_holds_none_before_from() -> None:
    """The issue's case: `export ics --from <today> --alarm 30d` held 26 past events."""
    everything = read("ics", runner.invoke(app, ["export", "ics", "--as-of", AS_OF]).stdout)
    result = runner.invoke(app, ["export", "ics", "--as-of", AS_OF, "--from", "2026-01-01", "--alarm", "30d"])
    assert result.exit_code == 0
    got = read("ics", result.stdout)
    assert got.dates and all(d >= dt.date(2026, 1, 1) for d in got.dates)
    assert len(got.dates) < len(everything.dates)
    # Nothing in the bundled data falls due after its review: an empty calendar, and a note saying so.
    result = runner.invoke(app, ["export", "ics", "--as-of", "2026-12-02", "--from", "2026-12-02", "--alarm", "30d"])
    assert result.exit_code == 0 and read("ics", result.stdout).dates == []
    assert result.stderr.startswith("note: no deadline falls on or after 2026-12-02")


def test_the_json_export_says_its_window() -> None:
    result = runner.invoke(app, ["export", "json", "--as-of", AS_OF, "--data", str(SMALL), "--from", "2020-01-01"])
    payload = json.loads(result.stdout)
    assert (payload["from"], payload["to"]) == ("2020-01-01", None)
