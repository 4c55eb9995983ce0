"""`export html`: one self-contained report page, built with Jinja2 (autoescape on).

One file that needs nothing else when opened, from a USB stick or an e-mail: inline CSS, the
lifespan chart as inline SVG, a small inline script that only adds sorting and filtering to
tables that are complete without it, no fonts, images or scripts from anywhere. A Content
Security Policy in the page forbids every fetch and every script but its own (by hash), so
even a value that escaped escaping could not run or call out.

Every value from the data reaches the page through the template's autoescaping; a source
becomes a link only when it is an http(s) URL (`safe_url`), anything else, `javascript:` URLs
included, is shown as text.

The per-state table: each treaty's view has `states`, a list of `StateRow` (one per recorded
state, made by `state_row` from the record `parties TREATY` prints, so the page and the command
agree) and `states_caption` (its counts and coverage line); the template's "States" section is
left out while `states` is empty. A long table is folded in a <details> element (its summary
keeps the counts in view). A per-state picture per treaty could go beside it as `state_chart`
(inline SVG, like `chart`); it is not drawn today: with every name drawn as paths, a 190-row
chart per treaty would multiply the page's size.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from treatytrack.core.engine import assess
from treatytrack.core.history import Entry
from treatytrack.core.models import Period, SourcedDate, Treaty
from treatytrack.render.records import coverage_record, partial_list_note

# A URL as written: no whitespace (any script's), no control or invisible formatting character
# (zero-width, bidirectional overrides), no quote, angle bracket, backtick or backslash.
_URL_TEXT = re.compile("[^\\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\"'<>`\\\\]+")


def safe_url(value: str | None) -> str | None:
    """`value` when it is an absolute http or https URL a browser will read as written; else None."""
    if not value or not _URL_TEXT.fullmatch(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value


def url_host(value: str) -> str:
    """The host of an http(s) URL (`treaties.un.org`): a short link text where one source repeats
    on every row."""
    return urlsplit(value).netloc


@dataclass(frozen=True)
class KeyDate:
    what: str
    date: str | None
    detail: str | None
    source: str | None


@dataclass(frozen=True)
class StateRow:
    """One state's standing in a treaty on the page's day, with the acts behind it."""

    code: str
    name: str
    standing: str
    since: str | None
    source: str | None
    signed: str | None = None
    consent: str | None = None  # the act (ratified, acceded, succeeded...)
    consent_date: str | None = None
    in_force: str | None = None  # the day the treaty took (or takes) effect for the state
    withdrawal_notice: str | None = None
    withdrawal_effective: str | None = None  # a notice given, not yet in effect


def state_row(record: Mapping[str, Any]) -> StateRow:
    """A row of the page's per-state table from `records.state_record` (what `parties` prints)."""
    return StateRow(
        code=record["code"],
        name=record["name"],
        standing=record["status"],
        since=record["since"],
        source=record["source"],
        signed=record["signed"],
        consent=record["consent"],
        consent_date=record["consent_date"],
        in_force=record["in_force_for_state"],
        withdrawal_notice=record["withdrawal_notice"],
        withdrawal_effective=record["withdrawal_effective"],
    )


# A per-state table longer than this is folded in a <details> element.
FOLD_STATES = 12


@dataclass(frozen=True)
class TreatyView:
    id: str
    short_name: str
    name: str
    kind: str
    instrument: str
    categories: str
    aliases: str
    depositary: str | None
    status: str
    since: str | None
    why: str
    key_dates: list[KeyDate]
    events: list[Entry]
    limits: list[Any]
    references: list[Any]
    notes: str | None
    party_count: str | None
    states: list[StateRow] = field(default_factory=list)
    states_caption: str | None = None
    states_note: str | None = None  # what a partial list of states lacks, and why


def _dated(what: str, value: SourcedDate | None) -> list[KeyDate]:
    return [KeyDate(what, value.text, value.note, value.source)] if value else []


def _period(what: str, value: Period | None) -> list[KeyDate]:
    return [KeyDate(what, None, value.describe(), value.source)] if value else []


KEY_TYPES = frozenset({"opened-for-signature", "signed", "entered-into-force"})


def treaty_views(
    treaties: Sequence[Treaty],
    day: dt.date,
    entries: Sequence[Entry],
    states: Mapping[str, Sequence[StateRow]] | None = None,
    state_captions: Mapping[str, str] | None = None,
) -> list[TreatyView]:
    """What the page says about each treaty: its status on `day`, key dates, and `entries`
    (already filtered as the command asked) other than the key dates themselves."""
    by_treaty: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.party is None and entry.type in KEY_TYPES:
            continue  # listed under the key dates
        by_treaty.setdefault(entry.treaty.id, []).append(entry)
    views = []
    for treaty in treaties:
        now = assess(treaty, day)
        key_dates = [
            *_dated("opened for signature", treaty.opened_for_signature),
            *_dated("signed", treaty.signed),
            *_dated("entered into force", treaty.entry_into_force),
            *_period("term", treaty.duration),
            *_period("withdrawal notice period", treaty.withdrawal_notice),
        ]
        if now.status.ended and now.since is not None:
            key_dates.append(KeyDate(now.status.value, now.since.isoformat(), now.expires_why, None))
        elif now.expires is not None:
            key_dates.append(KeyDate("scheduled to end", now.expires.isoformat(), now.expires_why, None))
        count = treaty.party_count
        views.append(
            TreatyView(
                id=treaty.id,
                short_name=treaty.short_name,
                name=treaty.name,
                kind=treaty.kind.value,
                instrument=treaty.instrument.value.replace("-", " "),
                categories=", ".join(c.value for c in treaty.categories),
                aliases=", ".join(treaty.aliases),
                depositary=treaty.depositary,
                status=now.status.value,
                since=now.since.isoformat() if now.since else None,
                why=now.why,
                key_dates=key_dates,
                events=by_treaty.get(treaty.id, []),
                limits=list(treaty.limits),
                references=list(treaty.sources),
                notes=treaty.notes,
                party_count=(f"{count.count} parties as of {count.as_of.isoformat()}" if count is not None else None),
                states=list((states or {}).get(treaty.id, ())),
                states_caption=(state_captions or {}).get(treaty.id),
                states_note=partial_list_note(coverage_record(treaty)),
            )
        )
    return views


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("treatytrack.render", "templates"),
        autoescape=True,  # every {{ value }} is escaped, in every template
        undefined=StrictUndefined,  # a misspelt name is an error, not an empty string
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["url_host"] = url_host
    return env


def _script() -> tuple[str, str]:
    """The page's own script and its CSP hash (the only script the page allows)."""
    source = _environment().get_template("report.js").render()
    assert "</" not in source  # it is put inside <script> as is
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return source, f"'sha256-{digest}'"


def report_html(
    *,
    title: str,
    day: dt.date,
    reviewed: dt.date,
    generator: str,
    status_rows: Sequence[Mapping[str, Any]],
    treaties: Sequence[TreatyView],
    chart_svg: str | None,
    chart_missing: str | None,
) -> str:
    """The page. `chart_svg` is matplotlib's SVG (trusted markup: it escapes the text it draws);
    without it, `chart_missing` says why the chart is not there."""
    script, script_hash = _script()
    css = _environment().get_template("report.css").render()
    assert "</" not in css
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title,
            day=day.isoformat(),
            reviewed=reviewed.isoformat(),
            projected=day > reviewed,
            generator=generator,
            status_rows=status_rows,
            treaties=treaties,
            chart_svg=Markup(chart_svg) if chart_svg is not None else None,
            chart_missing=chart_missing,
            fold_states=FOLD_STATES,
            css=Markup(css),  # the package's own stylesheet
            script=Markup(script),  # the package's own script, allowed by its hash
            script_hash=Markup(script_hash),  # base64 of our own script
        )
    )
