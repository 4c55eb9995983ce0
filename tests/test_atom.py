"""`export atom`: an Atom 1.0 feed of the events, read back by a real feed parser (feedparser)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import SMALL, check_golden
from treatytrack.cli import app
from treatytrack.core.history import timeline
from treatytrack.core.models import Dataset
from treatytrack.render.atom import render_atom

runner = CliRunner()
AS_OF = "2026-11-28"
ATOM = "{http://www.w3.org/2005/Atom}"


def export(*args: str, data: Path = SMALL, fmt: str = "atom") -> str:
    result = runner.invoke(app, ["export", fmt, "--data", str(data), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def parse(text: str) -> object:
    feedparser = pytest.importorskip("feedparser")
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_export_atom_golden() -> None:
    check_golden("export.atom", export("--as-of", AS_OF))


def test_every_event_is_read_by_a_feed_parser_newest_first() -> None:
    text = export("--as-of", AS_OF)
    feed = parse(text)
    rows = list(csv.DictReader(io.StringIO(export("--as-of", AS_OF, fmt="csv"))))
    entries = feed.entries  # type: ignore[attr-defined]
    assert len(entries) == len(rows) == text.count("<entry>") > 20
    ids = [e.id for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:treatytrack,2026:event/") for i in ids)
    days = [e.updated_parsed[:3] for e in entries]
    assert days == sorted(days, reverse=True)  # newest first
    # the feed's `updated` is its newest entry's, never the clock
    assert feed.feed.updated == entries[0].updated == "2026-02-05T00:00:00Z"  # type: ignore[attr-defined]
    assert feed.feed.author == "treatytrack" and feed.feed.id.startswith("tag:treatytrack,")  # type: ignore[attr-defined]
    assert feed.feed.link.startswith("https://")  # type: ignore[attr-defined]
    suspended = next(e for e in entries if "/new-start/2023-02-21/suspended/RUS/" in e.id)
    assert suspended.title == "New START: Russian Federation suspended (2023-02-21)"
    assert suspended.link == "https://www.armscontrol.org/factsheets/new-start-glance"
    extended = next(e for e in entries if "/new-start/2021-02-03/extended/" in e.id)
    assert extended.summary == "Extended for five years by exchange of diplomatic notes."
    for entry in entries:
        assert entry.title and entry.summary and entry.updated.endswith("T00:00:00Z")
        assert all(link.href.startswith(("http://", "https://")) for link in entry.links)


def test_as_of_leaves_out_later_events_and_dates_the_feed_by_them() -> None:
    feed = parse(export("--as-of", "2021-01-01"))
    entries = feed.entries  # type: ignore[attr-defined]
    assert entries and all(e.updated <= "2021-01-01" for e in entries)
    assert feed.feed.updated == entries[0].updated == "2020-11-22T00:00:00Z"  # type: ignore[attr-defined]


def test_a_treaty_and_a_state_have_feeds_of_their_own() -> None:
    feed = parse(export("--as-of", AS_OF, "--treaty", "New START"))
    assert {e.id.split("/")[1] for e in feed.entries} == {"new-start"}  # type: ignore[attr-defined]
    assert feed.feed.title == "New START: events (treatytrack)"  # type: ignore[attr-defined]
    state = parse(export("--as-of", AS_OF, "--party", "USA"))
    assert {e.id.split("/")[4] for e in state.entries} <= {"USA", "treaty"}  # type: ignore[attr-defined]
    assert state.feed.id != feed.feed.id  # type: ignore[attr-defined]
    titled = parse(export("--as-of", AS_OF, "--treaty", "npt", "--title", "NPT <watch> & more"))
    assert titled.feed.title == "NPT <watch> & more"  # type: ignore[attr-defined]


def test_two_events_alike_in_everything_get_different_ids(tmp_path: Path) -> None:
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    new_start = next(t for t in data["treaties"] if t["id"] == "new-start")
    twin = dict(new_start["events"][1], note="A second record of the same day's act.")
    new_start["events"].append(twin)
    target = tmp_path / "twins.yaml"
    target.write_text(json.dumps(data, default=str), encoding="utf-8")
    feed = parse(export("--as-of", AS_OF, data=target))
    ids = [e.id for e in feed.entries if "/new-start/2023-02-21/suspended/RUS/" in e.id]  # type: ignore[attr-defined]
    assert sorted(ids) == [
        "tag:treatytrack,2026:event/new-start/2023-02-21/suspended/RUS/1",
        "tag:treatytrack,2026:event/new-start/2023-02-21/suspended/RUS/2",
    ]


def test_hostile_text_is_escaped_and_only_web_links_are_links(small: Dataset) -> None:
    day = dt.date(2026, 11, 28)
    entries = timeline(small.treaties, day)
    hostile = "<script>alert(1)</script> & ]]> \x00\x08\x1b\x7f\ufffe bell\x07"
    urls = ["javascript:alert(1)", "https://example.org/a b", "ftp://example.org/", 'https://e.org/"><x>', None]
    poisoned = [
        replace(e, note=hostile, source=urls[i % len(urls)], treaty=e.treaty.model_copy(update={"short_name": hostile}))
        for i, e in enumerate(entries)
    ]
    text = render_atom(poisoned, names={}, title=hostile, feed_id="tag:x,2026:f", reviewed=day, version="0")
    root = ET.fromstring(text)  # well-formed XML
    assert not root.findall(f".//{ATOM}entry/{ATOM}script")
    assert root.findall(f"{ATOM}entry/{ATOM}link") == []  # no entry has a web source
    for character in "\x00\x08\x1b\x7f\ufffe\x07":
        assert character not in text
    feed = parse(text)
    assert len(feed.entries) == len(entries)  # type: ignore[attr-defined]
    assert feed.entries[0].title.startswith("<script>alert(1)</script> & ]]>")  # type: ignore[attr-defined]
    good = replace(entries[0], source="https://example.org/?a=1&b=<2>")
    assert 'href="https://example.org/?a=1&amp;b=&lt;2&gt;"' not in render_atom(
        [good], names={}, title="t", feed_id="tag:x,2026:f", reviewed=day, version="0"
    )  # not a URL as written: `<` and `>` are not in one
    fine = replace(entries[0], source="https://example.org/?a=1&b=2")
    assert 'href="https://example.org/?a=1&amp;b=2"' in render_atom(
        [fine], names={}, title="t", feed_id="tag:x,2026:f", reviewed=day, version="0"
    )


def test_an_empty_feed_is_dated_by_the_review_not_the_clock() -> None:
    feed = parse(export("--as-of", AS_OF, "--from", "2026-06-01"))
    assert feed.entries == []  # type: ignore[attr-defined]
    assert feed.feed.updated == "2026-11-28T00:00:00Z"  # type: ignore[attr-defined]
