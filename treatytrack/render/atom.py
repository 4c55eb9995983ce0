"""Atom 1.0 (RFC 4287): the timeline's events as a feed a reader can subscribe to.

Every entry's id is a `tag:` URI (RFC 4151) built from what the entry is: the treaty, the date,
the event type, the party and an index among entries that share all four, so a feed regenerated
from the same data keeps its ids and a reader never shows an event twice. Every timestamp comes
from the data (an event's date at midnight UTC; the feed's `updated` is its newest entry's, or the
dataset's review date when it has none), never from the clock: the same data gives the same bytes.
Text is escaped for XML and stripped of the characters XML 1.0 cannot carry; a source becomes a
link only when it is an http(s) URL.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from urllib.parse import quote, urlsplit

from treatytrack.core.history import Entry
from treatytrack.core.models import period_text

ATOM = "http://www.w3.org/2005/Atom"
PROJECT_URL = "https://pypi.org/project/treatytrack/"
# The tagging entity of every id (RFC 4151: an authority name and a date it held it); fixed, so
# ids never change.
TAG = "tag:treatytrack,2026:"
# What XML 1.0 cannot carry (C0 controls but tab, newline and carriage return; lone surrogates;
# U+FFFE and U+FFFF), and C1 controls and DEL, which it can but no reader shows.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` without the characters an XML document cannot (or should not) hold."""
    return _NOT_XML.sub("", text)


def http_url(value: str | None) -> str | None:
    """`value` when it is an absolute http(s) URL with no space or control character; else None."""
    if not value or not re.fullmatch(r"https?://[^\s\"'<>\\`\x00-\x1f\x7f-\x9f]+", value, re.IGNORECASE):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.netloc else None


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _part(text: str) -> str:
    return quote(text, safe="")


def entry_ids(entries: Sequence[Entry]) -> list[str]:
    """Each entry's id: treaty, date, type and party, and its place among the entries that share
    those four (1, 2...: in the order the data records them)."""
    seen: dict[tuple[str, dt.date, str, str], int] = {}
    ids = []
    for entry in entries:
        key = (entry.treaty.id, entry.date, entry.type, entry.party or "")
        seen[key] = seen.get(key, 0) + 1
        party = entry.party or "treaty"
        ids.append(f"{TAG}event/{_part(entry.treaty.id)}/{_day(entry)}/{_part(entry.type)}/{_part(party)}/{seen[key]}")
    return ids


def entry_title(entry: Entry, names: Mapping[str, str]) -> str:
    """`New START: Russian Federation suspended (2023-02-21)`."""
    who = f"{names.get(entry.party, entry.party)} " if entry.party else ""
    what = entry.type.replace("-", " ")
    return f"{entry.treaty.short_name}: {who}{what} ({_day(entry)})"


def _day(entry: Entry) -> str:
    """The entry's day, or its month or year where only that is known (its timestamps, which Atom
    needs as instants, are that period's first day at midnight)."""
    return period_text(entry.date, entry.precision, entry.until)


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = clean(text)
    return element


def render_atom(
    entries: Sequence[Entry],
    *,
    names: Mapping[str, str],
    title: str,
    feed_id: str,
    reviewed: dt.date,
    version: str,
) -> str:
    """The feed: `entries` newest first (those of one day in the timeline's order).

    `feed_id` names the selection (`tag:...:feed/...`); `names` gives each party code its name."""
    ids = entry_ids(entries)
    ordered = sorted(zip(entries, ids, strict=True), key=lambda pair: pair[0].date, reverse=True)
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    _text(feed, "subtitle", f"Recorded arms-control events, from treatytrack's sourced dataset (reviewed {reviewed}).")
    _text(feed, "updated", _stamp(ordered[0][0].date if ordered else reviewed))
    author = ET.SubElement(feed, "author")
    _text(author, "name", "treatytrack")
    _text(author, "uri", PROJECT_URL)
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": PROJECT_URL})
    _text(feed, "generator", "treatytrack", uri=PROJECT_URL, version=version)
    for entry, ident in ordered:
        item = ET.SubElement(feed, "entry")
        _text(item, "id", ident)
        _text(item, "title", entry_title(entry, names), type="text")
        _text(item, "updated", _stamp(entry.date))
        _text(item, "published", _stamp(entry.date))
        ET.SubElement(item, "category", {"term": clean(entry.type)})
        link = http_url(entry.source)
        if link is not None:
            ET.SubElement(item, "link", {"rel": "alternate", "type": "text/html", "href": clean(link)})
        note = entry.note or entry_title(entry, names)
        if entry.derived:
            note += " (derived from the treaty's rules, not a recorded event)"
        _text(item, "summary", note, type="text")
        if link is None:
            # An entry with no alternate link must have content (RFC 4287, 4.1.1).
            cited = f"\n\nSource: {entry.source}" if entry.source else ""
            _text(item, "content", note + cited, type="text")
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
